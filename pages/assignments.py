"""Assignments: instructors set scenarios for trainees or a cohort with a due date
and put trainees in cohorts; instructors and supervisors see completion per trainee."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from db.assignments import AssignmentError
from ui import assignments, calls, records, services
from ui.access import require_role
from ui.safe_text import md

user = require_role("instructor", "supervisor")
can_edit = user.role in ("instructor", "admin")
FLASH = "as_flash"
st.title("Assignments")
if services.db_error():
    st.error(f"Assignments are unavailable: {services.db_error()}")
    st.stop()
if st.session_state.get(FLASH):
    st.success(md(st.session_state.pop(FLASH)), icon=":material/check_circle:")


def _done(message: str) -> None:
    st.session_state[FLASH] = message
    st.session_state["as_gen"] = st.session_state.get("as_gen", 0) + 1
    st.rerun()


def _key(name: str) -> str:
    """Fresh fields after each saved assignment (nothing of the last one left behind)."""
    return f"{name}_{st.session_state.get('as_gen', 0)}"


titles = {sc.id: sc.title for sc, _v in calls.scenarios()}
people = {t["id"]: t["display_name"] or t["username"] for t in records.trainees() if t["active"]}


def _completion() -> None:
    items = assignments.completion()
    if not items:
        st.info("No assignments yet." + (" Set one in the next tab." if can_edit else ""))
        return
    for item in items:
        with st.container(border=True):
            head, side = st.columns([4, 1], vertical_alignment="center")
            who = f" · cohort {md(item.cohort)}" if item.cohort else ""
            head.markdown(
                f"**{md(item.title)}** · due {item.due_at:%Y-%m-%d %H:%M} UTC{who}  \n"
                f"{item.completed} of {len(item.trainees)} trainees done"
            )
            if can_edit and side.button("Delete", key=f"as_del_{item.assignment_id}", icon=":material/delete:"):
                assignments.remove(item.assignment_id)
                _done(f"Deleted {item.title}.")
            st.dataframe(pd.DataFrame(assignments.completion_rows(item, titles)), hide_index=True, width="stretch")


def _new() -> None:
    groups = assignments.cohorts()
    with st.form("as_new", clear_on_submit=False):
        title = st.text_input(
            "Title", key=_key("as_title"), max_chars=256, placeholder="e.g. Week 3: breathing problems"
        )
        slugs = st.multiselect(
            "Scenarios", sorted(titles, key=titles.get), format_func=titles.get, key=_key("as_scenarios")
        )
        due = st.date_input(
            "Due (end of the day, UTC)",
            key=_key("as_due"),
            value=date.today() + timedelta(days=7),
            min_value=date.today(),
        )
        left, right = st.columns(2)
        picked = left.multiselect(
            "Trainees", sorted(people, key=people.get), format_func=people.get, key=_key("as_trainees")
        )
        cohort = right.selectbox(
            "…and/or a cohort", [""] + list(groups), key=_key("as_cohort"), format_func=lambda c: c or "(no cohort)"
        )
        if st.form_submit_button("Assign", type="primary"):
            try:
                assignments.create(
                    user, title=title, scenario_slugs=slugs, due_day=due, trainee_ids=picked, cohort=cohort or None
                )
            except AssignmentError as exc:
                st.error(str(exc))
            else:
                _done(f"Assigned {title.strip()}.")


def _cohorts() -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {"Trainee": t["display_name"] or t["username"], "Cohort": t.get("cohort") or "—"}
                for t in records.trainees()
                if t["active"]
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    if not people:
        return
    with st.form("as_cohort_form"):
        tid = st.selectbox("Trainee", sorted(people, key=people.get), format_func=people.get, key="as_cohort_trainee")
        name = st.text_input("Cohort (empty: none)", key=_key("as_cohort_name"), max_chars=64)
        if st.form_submit_button("Save cohort"):
            try:
                assignments.put_in_cohort(tid, name)
            except AssignmentError as exc:
                st.error(str(exc))
            else:
                records.trainees.clear()
                _done(f"{people[tid]} is now in {name.strip() or 'no cohort'}.")


if can_edit:
    t_done, t_new, t_groups = st.tabs(["Completion", "New assignment", "Cohorts"])
    with t_done:
        _completion()
    with t_new:
        _new()
    with t_groups:
        _cohorts()
else:
    _completion()
