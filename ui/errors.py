"""What a user sees when a page fails unexpectedly: a plain message with a reference that
matches the server log, never a traceback (client.showErrorDetails = "none" keeps
Streamlit's own error box to a generic line)."""

from __future__ import annotations

import logging
import uuid

import streamlit as st

log = logging.getLogger(__name__)


def explain(exc: BaseException) -> str:
    """Log exc with a short reference and tell the user what to do; returns the reference."""
    ref = uuid.uuid4().hex[:8]
    log.error("page failed (reference %s)", ref, exc_info=exc)
    st.error(
        f"Something went wrong on this page (reference {ref}). Anything you said or "
        "entered before this is kept: reload the page to carry on. If it happens "
        "again, give the reference to your administrator.",
        icon=":material/error:",
    )
    return ref


__all__ = ["explain"]
