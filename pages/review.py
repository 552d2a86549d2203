"""Calls & review: a call's transcript with the timeline, audio, entities, CAD
against the truth, score breakdown and instructor comments. Trainees see only
their own calls, whatever the URL says."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from sim_core.caller.arc import emotion_arc
from ui import auth, debrief, records, services, widgets
from ui.safe_text import md

user = auth.require_role("trainee", "instructor", "supervisor")
if services.db_error():
    st.error(f"Call records are unavailable: {services.db_error()}")
    st.stop()


def call_list() -> None:
    st.title("My calls" if auth.is_trainee(user) else "Calls & review")
    meta = records.scenario_meta()
    c1, c2 = st.columns(2)
    slug = c1.selectbox("Scenario", ["All"] + sorted(meta), key="rv_scenario",
                        format_func=lambda s: meta.get(s, {}).get("title", s) if s != "All" else s)
    status = c2.selectbox("Status", ["All", "scored", "abandoned", "ended", "in_progress"],
                          key="rv_status")
    rows = records.list_calls(user, scenario=None if slug == "All" else slug,
                              status=None if status == "All" else status, limit=500)
    if not rows:
        st.info("No calls yet. Take a call and it will appear here.")
        return
    df = pd.DataFrame([{"started": r["started_at"], "trainee": r["trainee"],
                        "scenario": meta.get(r["scenario"], {}).get("title", r["scenario"]),
                        "mode": r["mode"], "status": r["status"], "score": r["score"],
                        "grade": r["grade"], "id": r["id"]} for r in rows])
    if auth.is_trainee(user):
        df = df.drop(columns=["trainee"])
    picked = st.dataframe(df, hide_index=True, on_select="rerun", selection_mode="single-row",
                          key="rv_table", column_config={"id": None,
                                                         "started": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})
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
    st.caption(f"{md(call.get('trainee') or '')} · {call['started_at']:%Y-%m-%d %H:%M} · {call['mode']} · "
               f"{call['status']}" + (f" · score {m['score']:.0f} ({m['grade']})" if m else ""))
    if m:
        statement = records.learning_record(user, call["id"])
        if statement is not None:
            st.download_button("Learning record (xAPI JSON)", data=json.dumps(statement, indent=2),
                               file_name=f"call-{call['id']}.xapi.json", mime="application/json",
                               icon=":material/school:", key="rv_xapi")
    rec = records.audio(call.get("recording_key"))
    if rec:
        st.audio(rec)
    tabs = st.tabs(["Transcript & timeline", "Score", "CAD vs truth", "Entities", "Comments"])
    with tabs[0]:
        rows = records.transcript_rows(call)
        left, right = st.columns([3, 2])
        with left:
            widgets.transcript(rows, height=520, empty="This call has no transcript yet.")
        with right:
            ev = pd.DataFrame([{"t (s)": round(e["t"], 1), "event": e["type"].replace("_", " "),
                                "detail": _detail(e)} for e in call["events"]
                               if e["type"] not in ("entity_found",)])
            st.dataframe(ev, hide_index=True, height=520)
    with tabs[1]:
        if not m:
            st.info("This call has not been scored (it may still be in progress).")
        else:
            proto = scenario.protocol if scenario else None
            debrief.render(m, cardiac_arrest=bool(proto and proto.cardiac_arrest),
                           dispatch_deadline_s=proto.dispatch_deadline_s if proto else None,
                           audio=rec, audio_note="No recording stored for this call.",
                           arc=emotion_arc(call["events"]))
    with tabs[2]:
        st.dataframe(pd.DataFrame(records.cad_vs_truth(call["events"], scenario)),
                     hide_index=True)
    with tabs[3]:
        if call["entities"]:
            st.dataframe(pd.DataFrame(call["entities"]), hide_index=True)
        else:
            st.caption("No entities were extracted.")
    with tabs[4]:
        for c in call["comments"]:
            st.markdown(f"**{md(c['author'] or 'unknown')}** · {c['created_at']:%Y-%m-%d %H:%M}  \n"
                        f"{md(c['text'])}")
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


def _detail(e: dict) -> str:
    d = e["data"]
    if "text" in d:
        return str(d["text"])[:80]
    if e["type"] == "cad_updated":
        return ", ".join(f"{k}={v}" for k, v in (d.get("fields") or {}).items())
    for key in ("act", "slot", "id", "action", "emotion", "reason"):
        if key in d:
            return f"{d[key]}"
    return ""


cid = st.query_params.get("call")
if cid:
    call_detail(cid)
else:
    call_list()
