"""The review page's "Overrule the grader" form: an instructor dismisses one of the grader's
findings or counts a missed act as done on a trainee line, with a reason; the call is
re-scored and the trainee's debrief shows the adjusted result with a note."""

from __future__ import annotations

from typing import Any

import streamlit as st

from db.engine import session_scope
from db.models import Role
from db.overrides import OverrideError, corrections, upheld_by_scorer_version
from db.overrides import overrule as q
from db.signed_in import SignedInUser
from sim_core.nlp.retrain import retrain
from sim_core.scenario import Scenario

from . import services
from .labels import human
from .safe_text import md

MAY_OVERRULE = (Role.INSTRUCTOR, Role.ADMIN)


def may_overrule(user: SignedInUser) -> bool:
    return user.role in MAY_OVERRULE


def overrule(user: SignedInUser, call_id: str, **decision: Any) -> dict[str, Any]:
    """Store the decision and re-score (db.overrides.OverrideError with a message when refused)."""
    with session_scope(services.engine()) as s:
        return q(s, call_id=call_id, author_id=user.id, **decision)


def _finding_label(f: dict[str, Any]) -> str:
    when = f"{f['t']:.0f}s · " if f.get("t") is not None else ""
    return f"{when}{f.get('message', f.get('id', ''))[:110]}"


def form(user: SignedInUser, call: dict[str, Any], scenario: Scenario | None) -> None:
    m = call.get("metrics") or {}
    open_findings = {f["id"]: f for f in m.get("findings") or [] if f.get("id")}  # what still stands
    lines = [r for r in call.get("transcript") or [] if r["speaker"] == "trainee"]
    acts: list[str] = []
    if scenario is not None:
        proto = scenario.protocol
        acts = sorted({r.act for r in [*proto.required_acts, *proto.required_instructions]})
    st.subheader("Overrule the grader")
    st.caption(
        "Your decision re-scores the call; the grader's own score and every decision are kept, "
        "and the trainee sees the adjusted debrief with your reason."
    )
    kind = st.radio(
        "Decision",
        ["dismiss", "mark_done"],
        horizontal=True,
        key="ov_kind",
        format_func=lambda k: "Dismiss a finding" if k == "dismiss" else "Mark a missed act as done",
    )
    with st.form("overrule", clear_on_submit=True):
        decision: dict[str, Any] = {"kind": kind}
        if kind == "dismiss":
            decision["finding_id"] = st.selectbox(
                "Finding", list(open_findings), key="ov_finding", format_func=lambda i: _finding_label(open_findings[i])
            )
        else:
            decision["act"] = st.selectbox("Act", acts, key="ov_act", format_func=human)
            decision["line"] = st.selectbox(
                "Done on the trainee line",
                list(range(len(lines))),
                key="ov_line",
                format_func=lambda i: f"{i + 1}: {lines[i]['text'][:90]}",
            )
        reason = st.text_area("Reason (the trainee reads it)", key="ov_reason", max_chars=2000)
        err = st.empty()
        if st.form_submit_button("Re-score the call"):
            target = decision.get("finding_id") if kind == "dismiss" else decision.get("act")
            if not reason.strip():
                err.error("Give a reason: the trainee reads it next to the new score.")
            elif target is None or (kind == "mark_done" and decision.get("line") is None):
                err.error("Choose what the decision is about.")
            else:
                try:
                    result = overrule(user, call["id"], reason=reason, **decision)
                except OverrideError as exc:
                    err.error(str(exc))
                else:
                    st.session_state["ov_done"] = f"Re-scored: {result['score']:.0f} ({result['grade']})."
                    st.rerun()
    if st.session_state.get("ov_done"):
        st.success(st.session_state.pop("ov_done"))


def agreement() -> list[dict[str, Any]]:
    """Per scorer version: calls instructors reviewed, the grader's findings, dismissed, upheld share."""
    with session_scope(services.engine()) as s:
        return upheld_by_scorer_version(s)


def corrections_jsonl() -> tuple[str, int]:
    """Every corrected trainee line as JSONL ({text, acts}), and how many."""
    import json

    with session_scope(services.engine()) as s:
        rows = corrections(s)
    return "".join(json.dumps(r) + "\n" for r in rows), len(rows)


def agreement_section() -> None:
    """Analytics: how often instructors upheld the grader, per scorer version."""
    import pandas as pd

    st.subheader("Instructor reviews of the grader")
    rows = agreement()
    if not rows:
        st.caption("No instructor has overruled or confirmed a finding yet.")
        return
    df = pd.DataFrame(rows)[
        ["scorer_version", "calls_reviewed", "findings", "dismissed", "marked_done", "overturned", "upheld_share"]
    ]
    df["upheld_share"] = [None if v is None else round(100 * v, 1) for v in df["upheld_share"]]
    st.dataframe(
        df,
        hide_index=True,
        key="an_upheld",
        column_config={
            "scorer_version": st.column_config.TextColumn("Grader version"),
            "calls_reviewed": st.column_config.NumberColumn("Calls reviewed"),
            "findings": st.column_config.NumberColumn("Findings"),
            "dismissed": st.column_config.NumberColumn("Dismissed"),
            "marked_done": st.column_config.NumberColumn("Acts marked done"),
            "overturned": st.column_config.NumberColumn("Overturned"),
            "upheld_share": st.column_config.NumberColumn("Findings upheld (%)", format="%.1f"),
        },
    )
    st.caption(
        "Over calls an instructor reviewed: the share of the grader's findings that stood. A finding "
        "is overturned when it was dismissed, or when it said an act never happened and an "
        "instructor marked that act done."
    )


def corrections_section() -> None:
    """Admin: the corrected lines as a JSONL download, and a retrain of the act model on them."""
    st.subheader("Act model: instructors' corrections")
    text, n = corrections_jsonl()
    st.caption(
        f"{n} trainee line(s) corrected on the review page. The same file comes from "
        "`python -m cli nlp export-corrections --out FILE`."
    )
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download corrections (JSONL)",
        text.encode("utf-8"),
        file_name="corrections.jsonl",
        mime="application/jsonl",
        key="ad_corrections",
        disabled=not n,
    )
    if c2.button("Retrain the act model with them", key="ad_retrain", disabled=not n):
        import json

        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        with st.spinner("Retraining the act model…"):
            report = retrain(rows)
        st.success("  \n".join(md(line) for line in report.lines()))
