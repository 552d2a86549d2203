"""Admin: users and roles, system status (the doctor table), configuration
summary without secrets."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from db.engine import session_scope
from db.health import run_doctor
from db.models import Role
from db.sign_ins import issue_api_token
from db.users import UserError, create_user, list_users, set_active, set_password, set_role
from ui import overrides, services
from ui.access import require_role
from ui.safe_text import md

user = require_role("admin")
ROLES = [r.value for r in Role]
USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
st.title("Admin")
FLASH = "ad_flash"  # a success message shown after the rerun that follows the change


def _key(name: str, form: str) -> str:
    """A widget key that changes after each successful change, so the browser draws the
    form's fields anew and empty (no old username or password is left behind)."""
    gen = st.session_state.get(f"{form}_gen", 0)
    return name if gen == 0 else f"{name}_{gen}"


def _done(message: str, form: str) -> None:
    """Remember the message, give the form fresh fields, and redraw."""
    st.session_state[FLASH] = message
    st.session_state[f"{form}_gen"] = st.session_state.get(f"{form}_gen", 0) + 1
    st.rerun()


if st.session_state.get(FLASH):
    st.success(md(st.session_state.pop(FLASH)), icon=":material/check_circle:")
tab_users, tab_status, tab_config = st.tabs(["Users", "System status", "Configuration"])


def _users():
    with session_scope(services.engine()) as s:
        return list_users(s)


with tab_users:
    if services.db_error():
        st.error(f"User accounts are unavailable: {services.db_error()}")
    else:
        users = _users()
        st.dataframe(pd.DataFrame(users).drop(columns=["id"]), hide_index=True)
        left, right = st.columns(2)
        with left, st.form("add_user", clear_on_submit=False):
            st.markdown("**Add a user**")
            uname = st.text_input("Username", key=_key("ad_username", "add_user"), max_chars=64)
            e_name = st.empty()
            dname = st.text_input("Display name", key=_key("ad_display", "add_user"), max_chars=128)
            role = st.selectbox("Role", ROLES, key=_key("ad_role", "add_user"))
            pw = st.text_input("Password", type="password", key=_key("ad_password", "add_user"))
            e_pw = st.empty()
            if st.form_submit_button("Add user", type="primary"):
                if not uname.strip():
                    e_name.error("Enter a username.")
                elif not USERNAME.match(uname.strip()):
                    e_name.error("Letters, digits and . - _ @ only.")
                elif len(pw) < 8:
                    e_pw.error("At least 8 characters.")
                else:
                    try:
                        with session_scope(services.engine()) as s:
                            create_user(s, username=uname, display_name=dname or uname, role=role, password=pw)
                    except UserError as exc:
                        e_name.error(str(exc))
                    else:
                        _done(f"Added {uname.strip().lower()} ({role}).", "add_user")
        with right, st.form("edit_user"):
            st.markdown("**Change a user**")
            names = {u["id"]: f"{u['username']} ({u['role']}{'' if u['active'] else ', disabled'})" for u in users}
            uid = st.selectbox("User", list(names), format_func=names.get, key="ed_user")
            new_role = st.selectbox("Role", ["(keep)"] + ROLES, key=_key("ed_role", "edit_user"))
            active = st.selectbox("Status", ["(keep)", "active", "disabled"], key=_key("ed_active", "edit_user"))
            new_pw = st.text_input("New password (optional)", type="password", key=_key("ed_password", "edit_user"))
            e_edit = st.empty()
            if st.form_submit_button("Save changes"):
                if uid == user.id and (new_role not in ("(keep)", "admin") or active == "disabled"):
                    e_edit.error("You cannot remove your own admin access.")
                elif new_pw and len(new_pw) < 8:
                    e_edit.error("A password needs at least 8 characters.")
                else:
                    try:
                        with session_scope(services.engine()) as s:
                            if new_role != "(keep)":
                                set_role(s, user_id=uid, role=new_role)
                            if active != "(keep)":
                                set_active(s, user_id=uid, active=active == "active")
                            if new_pw:
                                set_password(s, user_id=uid, password=new_pw)
                    except UserError as exc:
                        e_edit.error(str(exc))
                    else:
                        _done(f"Saved the changes to {names[uid].split(' ')[0]}.", "edit_user")

        with st.form("api_token"):
            st.markdown("**Issue an API token** (for an integration: a CAD console, an LMS)")
            who = st.selectbox("For user", [u["username"] for u in users if u["active"]], key="ad_token_user")
            days = st.number_input(
                "Valid for (days)",
                min_value=1,
                max_value=3650,
                value=int(services.settings().api_token_days),
                key="ad_token_days",
            )
            if st.form_submit_button("Issue token"):
                with session_scope(services.engine()) as s:
                    token, name, expires = issue_api_token(s, username=who, days=float(days))
                st.success(
                    f"API token for {name}, valid until {expires:%Y-%m-%d}. Copy it now: "
                    "it is not shown again (only its hash is kept)."
                )
                st.code(token, language=None)

with tab_status:

    @st.cache_data(ttl=20, show_spinner="Checking dependencies…")
    def doctor_rows():
        return run_doctor(services.settings())

    if st.button("Check again", key="ad_recheck"):
        doctor_rows.clear()
    try:
        rows, ok = doctor_rows()
        (st.success if ok else st.error)(
            "All configured dependencies are up." if ok else "A configured dependency is down — see below."
        )
        st.dataframe(pd.DataFrame(rows), hide_index=True)
    except Exception as exc:
        st.error(f"The status check failed: {exc}")
    rec = services.recorder()
    c1, c2, c3 = st.columns(3)
    c1.metric("Live calls in this process", len(services.registry()))
    c2.metric("Writes waiting for the database", getattr(rec, "pending", 0) if rec else "—")
    c3.metric("Database", "down" if services.db_error() or getattr(rec, "degraded", False) else "up")
    if not services.db_error():
        overrides.corrections_section()

with tab_config:
    st.caption("Secrets are shown only as set / empty.")
    summary = services.settings().public_summary()
    st.dataframe(
        pd.DataFrame([{"setting": k, "value": str(v)} for k, v in summary.items()]), hide_index=True, height=600
    )
