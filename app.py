"""Router: sign-in, role-filtered navigation, sign-out. Nothing else."""
from __future__ import annotations

import streamlit as st

from ui import auth, errors, services, sign_in
from ui.safe_text import md

st.set_page_config(page_title="9-1-1 Call-Taker Simulator", page_icon="🚨", layout="wide")

PAGES = {
    "call": ("pages/call.py", "Take a call", ":material/call:", ("trainee", "instructor")),
    "review": ("pages/review.py", "Calls & review", ":material/fact_check:",
               ("trainee", "instructor", "supervisor")),
    "editor": ("pages/editor.py", "Scenario editor", ":material/edit_note:", ("instructor",)),
    "analytics": ("pages/analytics.py", "Analytics", ":material/monitoring:", ("supervisor",)),
    "admin": ("pages/admin.py", "Admin", ":material/admin_panel_settings:", ("admin",)),
}


def pages_for(role: str) -> list[st.Page]:
    return [st.Page(path, title="My calls" if (name, role) == ("review", "trainee") else title,
                    icon=icon, url_path=name)
            for name, (path, title, icon, roles) in PAGES.items()
            if role == "admin" or role in roles]


services.backends()
user = auth.current_user()
if user is None:
    # Whatever page the URL names, someone signed out gets the sign-in form only.
    with sign_in.signed_out_run():
        st.navigation([st.Page(sign_in.sign_in_page, title="Sign in",
                               icon=":material/login:", url_path="signin")], position="hidden")
        sign_in.sign_in_page()
else:
    with st.sidebar:
        st.markdown(f"**{md(user['display_name'])}**  \n{user['role'].capitalize()}")
        st.button("Sign out", icon=":material/logout:", key="sign_out", on_click=auth.sign_out)
        auth.remember_browser()
    page = st.navigation(pages_for(user["role"]))
    try:
        page.run()
    except Exception as exc:  # noqa: BLE001 - explained in words, then Streamlit's generic box
        errors.explain(exc)
        raise
