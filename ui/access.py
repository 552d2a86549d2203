"""The gate at the top of every page: the signed-in user if their role may see it.

It sits above both `auth` (who is signed in) and `sign_in` (the form, which signs people in
through `auth`), so neither has to import the other lazily."""

from __future__ import annotations

import streamlit as st

from db.signed_in import SignedInUser

from .auth import current_user
from .navigation import ensure_router
from .sign_in import sign_in_page, signed_out_run


def require_role(*roles: str) -> SignedInUser:
    """The signed-in user if their role may see this page; else stop with a message.
    Admins may see every page."""
    ensure_router()
    user = current_user()
    if user is None:  # a page run on its own (the first request after a restart)
        with signed_out_run():
            sign_in_page()
        st.stop()
    if not user.may(*roles):
        st.error("This page is not available for your role.")
        st.stop()
    return user
