"""Calls & review: a call's transcript with the timeline, audio, entities, CAD
against the truth, score breakdown and instructor comments. Trainees see only
their own calls, whatever the URL says."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from sim_core.caller.arc import emotion_arc
from sim_core.scenario.console import console_view
from ui import auth, debrief, overrides, records, services, widgets
from ui.access import require_role
from ui.labels import NONE, human, round_score, score_text
from ui.safe_text import md

user = require_role("trainee", "instructor", "supervisor")
if services.db_error():
    st.error(f"Call records are unavailable: {services.db_error()}")
    st.stop()


STATUSES = ["All", "scored", "abandoned", "ended", "in_progress"]


def call_list() -> None:
    trainee_view = auth.is_trainee(user)
    st.title("My calls" if trainee_view else "Calls & review")
    meta = records.scenario_meta(published_only=trainee_view)
    cols = st.columns(2 if trainee_view else 3)
    slug = cols[0].selectbox(
        "Scenario",
        ["All"] + sorted(meta),
        key="rv_scenario",
        format_func=lambda s: meta.get(s, {}).get("title", s) if s != "All" else s,
    )
    status = cols[1].selectbox("Status", STATUSES, key="rv_status", format_func=lambda s: s if s == "All" else human(s))
    who = None
    if not trainee_view:
        people = {u["id"]: u["display_name"] or u["username"] for u in records.trainees()}
        who = cols[2].selectbox(
            "Trainee",
            ["All"] + sorted(people, key=people.get),
            key="rv_trainee",
            format_func=lambda i: people.get(i, i) if i != "All" else i,
        )
    rows = records.list_calls(
        user,
        trainee_id=None if who in (None, "All") else who,
        scenario=None if slug == "All" else slug,
        status=None if status == "All" else status,
        limit=500,
    )
    if not rows:
        st.info(
            "No calls yet. Take a call and it will appear here." if trainee_view else "No calls match these filters."
        )
        return
    df = pd.DataFrame(
        [
            {
                "started": r["started_at"],
                "trainee": r.get("trainee_name") or r["trainee"] or "—",
                "scenario": meta.get(r["scenario"], {}).get("title", r["scenario"]),
                "mode": human(r["mode"]),
                "status": human(r["status"]),
                "score": round_score(r["score"]),
                "grade": r["grade"] or "—",
                "id": r["id"],
            }
            for r in rows
        ]
    )
    if trainee_view:
        df = df.drop(columns=["trainee"])
    picked = st.dataframe(
        df,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="rv_table",
        column_config={
            "id": None,
            "started": st.column_config.DatetimeColumn("Started", format="YYYY-MM-DD HH:mm"),
            "trainee": st.column_config.TextColumn("Trainee"),
            "scenario": st.column_config.TextColumn("Scenario", width="large"),
            "mode": st.column_config.TextColumn("Mode"),
            "status": st.column_config.TextColumn("Status"),
            "score": st.column_config.NumberColumn("Score", format="%d"),
            "grade": st.column_config.TextColumn("Grade"),
        },
        width="stretch",
    )
    sel = picked.selection.rows if picked else []
    if sel:
        st.query_params["call"] = df.iloc[sel[0]]["id"]
        st.rerun()
    st.caption("Select a row to open the call.")


def call_detail(call_id: str) -> None:
    call = records.get_call(user, call_id)
    if call is None:
        st.error("That call does not exist or is not yours.")
        if st.button("Back to the list", key="rv_back_missing"):
            st.query_params.pop("call", None)
            st.rerun()
        return
    scenario = records.scenario_for(call)
    if st.button("← All calls", key="rv_back"):
        st.query_params.pop("call", None)
        st.rerun()
    title = scenario.title if scenario else call["scenario"]
    st.title(f"Review · {md(title)}")
    m = call.get("metrics") or {}
    answered = records.answered_offset(call["events"])
    who = call.get("trainee_name") or call.get("trainee") or "Unknown trainee"
    st.caption(
        f"**{md(who)}** · {call['started_at']:%Y-%m-%d %H:%M} · {human(call['mode'])} · "
        f"{human(call['status'])}"
        + (f" · score {score_text(m['score'])} ({m['grade']})" if m else "")
        + (f" · rang {answered:.0f} s before answer" if answered else "")
    )
    if m:
        statement = records.learning_record(user, call["id"])
        if statement is not None:
            st.download_button(
                "Learning record (xAPI JSON)",
                data=json.dumps(statement, indent=2),
                file_name=f"call-{call['id']}.xapi.json",
                mime="application/json",
                icon=":material/school:",
                key="rv_xapi",
            )
    rec = records.audio(call.get("recording_key"))
    if rec:
        st.audio(rec)
    tabs = st.tabs(["Transcript & timeline", "Score", "CAD vs truth", "Entities", "Comments"])
    with tabs[0]:
        rows = records.transcript_rows(call)
        left, right = st.columns([5, 4])
        with left:
            widgets.transcript(rows, height=520, empty="This call has no transcript yet.")
        with right:
            ev = pd.DataFrame(
                [
                    {
                        "s from answer": round(e["t"] - answered, 1),
                        "event": human(e["type"]),
                        "detail": records.event_detail(e),
                    }
                    for e in call["events"]
                    if e["type"] not in ("entity_found",)
                ]
            )
            st.dataframe(
                ev,
                hide_index=True,
                height=520,
                width="stretch",
                column_config={
                    "s from answer": st.column_config.NumberColumn("Time (s)", format="%.1f", width=70),
                    "event": st.column_config.TextColumn("Event", width=110),
                    "detail": st.column_config.TextColumn("Detail", width="large"),
                },
            )
            st.caption("Times count from the moment the call was answered; ringing shows as negative seconds.")
    with tabs[1]:
        if not m:
            st.info("This call has not been scored (it may still be in progress).")
        else:
            proto = scenario.protocol if scenario else None
            debrief.render(
                m,
                cardiac_arrest=bool(proto and proto.cardiac_arrest),
                dispatch_deadline_s=proto.dispatch_deadline_s if proto else None,
                audio=rec,
                audio_note="No recording stored for this call.",
                arc=emotion_arc(call["events"]),
            )
            if overrides.may_overrule(user):
                overrides.form(user, call, scenario)
    with tabs[2]:
        cad = pd.DataFrame(records.cad_vs_truth(call["events"], scenario))
        # a field never entered has no time: "—", not "None"
        cad["first entered (s from answer)"] = [
            NONE if t is None or t != t else f"{t:.1f}" for t in cad["first entered (s from answer)"]
        ]
        st.dataframe(
            cad,
            hide_index=True,
            width="stretch",
            column_config={
                "field": st.column_config.TextColumn("Field"),
                "entered": st.column_config.TextColumn("Entered"),
                "truth": st.column_config.TextColumn("Truth"),
                "match": st.column_config.TextColumn("Match"),
                "first entered (s from answer)": st.column_config.TextColumn(
                    "First entered (s from answer)", alignment="right"
                ),
            },
        )
        if scenario is not None:
            st.markdown("**What the console showed the trainee**")
            widgets.console_panel(console_view(scenario))
    with tabs[3]:
        if call["entities"]:
            found = pd.DataFrame(call["entities"])
            found["label"] = found["label"].map(lambda code: human(str(code).lower()))
            st.dataframe(
                found,
                hide_index=True,
                width="stretch",
                column_order=[c for c in ("line", "label", "text", "confidence") if c in found.columns],
                column_config={
                    "line": st.column_config.NumberColumn("Line", format="%d", width=60),
                    "label": st.column_config.TextColumn("Kind"),
                    "text": st.column_config.TextColumn("Words", width="large"),
                    "confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
                },
            )
        else:
            st.caption("No entities were extracted.")
    with tabs[4]:
        for c in call["comments"]:
            st.markdown(f"**{md(c['author'] or 'unknown')}** · {c['created_at']:%Y-%m-%d %H:%M}  \n{md(c['text'])}")
        if not call["comments"]:
            st.caption("No comments yet.")
        if not auth.is_trainee(user):
            with st.form("comment", clear_on_submit=True):
                text = st.text_area("Add a comment for the trainee", key="rv_comment", max_chars=4000)
                err = st.empty()
                if st.form_submit_button("Save comment"):
                    if not text.strip():
                        err.error("Write something before saving.")
                    else:
                        records.add_comment(user, call["id"], text)
                        st.rerun()


cid = st.query_params.get("call")
if cid:
    call_detail(cid)
else:
    call_list()
