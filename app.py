"""Router: sign-in, role-filtered navigation, sign-out. Nothing else."""

from __future__ import annotations

import streamlit as st

from ui import auth, errors, navigation, services, sign_in
from ui.safe_text import md

st.set_page_config(page_title="9-1-1 Call-Taker Simulator", page_icon=":material/emergency:", layout="wide")

services.backends()
navigation.routed()
user = auth.current_user()
if user is None:
    # Whatever page the URL names, someone signed out gets the sign-in form only
    # (at that address, so the page opens once they are signed in).
    with sign_in.signed_out_run():
        st.navigation(navigation.signed_out_pages(sign_in.sign_in_page), position="hidden").run()
else:
    page = st.navigation(navigation.pages_for(user.role), position="hidden")
    with st.sidebar:
        navigation.sidebar_menu(user.role)
        st.divider()
        st.markdown(f"**{md(user.shown_name)}**  \n{user.role.capitalize()}")
        st.button("Sign out", icon=":material/logout:", key="sign_out", on_click=auth.sign_out)
        auth.remember_browser()
    try:
        page.run()
    except Exception as exc:
        errors.explain(exc)
        raise
