"""The debrief: score and grade, category levels, key metrics against the
standards, the moments that cost points (with what to say instead), recording."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from sim_core.caller.arc import ArcPoint, arc_summary, step_label
from sim_core.scoring.standards import STANDARDS as STD

from .labels import human, score_text
from .safe_text import md

LEVEL_COLORS = {
    "high": "#16a34a",
    "compliant": "#65a30d",
    "partial": "#ca8a04",
    "low": "#ea580c",
    "non_compliant": "#dc2626",
}
CATEGORY_NAMES = {
    "case_entry": "Case entry",
    "chief_complaint": "Chief complaint",
    "key_questions": "Key questions",
    "instructions": "Instructions (DLS)",
    "cad_accuracy": "CAD accuracy",
    "customer_service": "Customer service",
}
# metric → (label, goal s, minimum s, source): the figures and sources come from the scorer's
# one table of standards, so the debrief shows exactly what the grade measured.
STANDARDS = {
    "time_to_answer": ("Ring → answer", STD["answer"].goal_s, STD["answer"].minimum_s, STD["answer"].source),
    "time_to_address": ("Answer → address", None, None, "case entry: address first"),
    "time_to_arrest_recognition": (
        "Answer → arrest recognised",
        STD["tcpr_recognition"].goal_s,
        STD["tcpr_recognition"].minimum_s,
        STD["tcpr_recognition"].source,
    ),
    "time_to_hands_on_chest": (
        "Answer → hands on the chest",
        None,
        None,
        "T-CPR step: hand placement, before the first push",
    ),
    "time_to_first_compression": (
        "Answer → first compression",
        STD["tcpr_first_compression"].goal_s,
        STD["tcpr_first_compression"].minimum_s,
        STD["tcpr_first_compression"].source,
    ),
    "time_to_dispatch_notice": (
        "Answer → help announced",
        None,
        STD["call_processing"].minimum_s,
        STD["call_processing"].source,
    ),
}


def metrics_table(
    metrics: dict[str, Any],
    *,
    cardiac_arrest: bool = False,
    dispatch_deadline_s: float | None = None,
    address_deadline_s: float | None = None,
) -> pd.DataFrame:
    rows = []
    for key, (label, tight, std, source) in STANDARDS.items():
        if (
            key in ("time_to_arrest_recognition", "time_to_hands_on_chest", "time_to_first_compression")
            and not cardiac_arrest
        ):
            continue
        if key == "time_to_dispatch_notice" and dispatch_deadline_s:
            std = dispatch_deadline_s
            if float(dispatch_deadline_s) != 60:
                source = f"scenario target {dispatch_deadline_s:.0f} s (NFPA 1225: 60 s)"
        if key == "time_to_address" and address_deadline_s:
            std, source = address_deadline_s, f"scenario target {address_deadline_s:.0f} s"
        value = metrics.get(key)
        if value is None:
            verdict = "✗ never happened" if std else "–"
        elif tight is not None and value <= tight:
            verdict = "✓ within the goal"
        elif std is None or value <= std:
            verdict = "✓ within the standard"
        else:
            verdict = "✗ over the standard"
        rows.append(
            {
                "Measure": label,
                "You": _s(value),
                "Goal": _s(tight),
                "Standard": _s(std),
                "Result": verdict,
                "Source": source,
            }
        )
    if "location_check" in metrics:  # the location on the screen (ANI/ALI), confirmed with the caller
        at = metrics.get("time_to_location_verified")
        rows.append(
            {
                "Measure": "Location on screen confirmed",
                "You": _s(at),
                "Goal": "–",
                "Standard": "read back, caller confirms",
                "Result": "✓ confirmed" if at is not None else "✗ never confirmed",
                "Source": "call-taking practice: always verify the location with the caller",
            }
        )
    reps = metrics.get("repeated_questions") or 0
    rows.append(
        {
            "Measure": "Repeated questions",
            "You": str(reps),
            "Goal": "0",
            "Standard": "0",
            "Result": "✓ none" if not reps else "✗ asked again",
            "Source": "count",
        }
    )
    cov = metrics.get("key_question_coverage")
    if cov is not None:
        rows.append(
            {
                "Measure": "Key questions asked",
                "You": f"{100 * float(cov):.0f}%",
                "Goal": "100%",
                "Standard": "100%",
                "Result": "✓ all" if float(cov) >= 1 else "✗ missed some",
                "Source": "scenario protocol",
            }
        )
    return pd.DataFrame(rows)


def finding_text(g: dict[str, Any]) -> str:
    """One finding, or a group of the same finding (see `grouped_findings`), as the debrief
    shows it: when, how often, category, critical mark, overall points, message."""
    times = g.get("times")
    if times is None:  # a single finding
        times, count = ([] if g.get("t") is None else [float(g["t"])]), 1
    else:
        count = int(g.get("count", 1))
    repeat = f" ({count}×)" if count > 1 and times else ""
    cat = CATEGORY_NAMES.get(g.get("category"), human(str(g.get("category"))))
    mark = " · **critical**" if g.get("critical") else ""
    off = f" (−{g['overall_points']:g} overall)" if g.get("overall_points") else ""
    return f"**{when_text(times, count)}**{repeat} · {md(cat)}{mark}{off}  \n{md(g.get('message', ''))}"


def standards_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Standard": s.what, "Goal": _s(s.goal_s), "Minimum": _s(s.minimum_s), "Source": s.source}
            for s in STD.values()
        ]
    )


def _s(value: float | None) -> str:
    return "–" if value is None else f"{float(value):.0f} s" if float(value) >= 10 else f"{float(value):.1f} s"


def categories_chart(categories: dict[str, dict[str, Any]]) -> alt.Chart:
    df = pd.DataFrame(
        [
            {"category": CATEGORY_NAMES.get(k, k), "score": v.get("score", 0), "level": human(v.get("level"))}
            for k, v in categories.items()
        ]
    )
    return (
        alt.Chart(df)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="score"),
            y=alt.Y("category:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=160)),
            color=alt.Color(
                "level:N",
                scale=alt.Scale(domain=[human(x) for x in LEVEL_COLORS], range=list(LEVEL_COLORS.values())),
                legend=alt.Legend(title=None, orient="bottom", columns=3),
            ),
            tooltip=["category", "score", "level"],
        )
        .properties(height=alt.Step(30))
    )


MIN_AXIS_S = 10  # a 4 s call still gets whole-second ticks on a readable axis


def findings_chart(findings: list[dict[str, Any]], call_length_s: float | None = None) -> alt.Chart | None:
    timed = [f for f in findings if f.get("t") is not None]
    if not timed:
        return None
    df = pd.DataFrame(
        [
            {
                "t": round(float(f["t"]), 1),
                "points": f.get("points", 0),
                "category": CATEGORY_NAMES.get(f["category"], f["category"]),
                "message": f["message"],
            }
            for f in timed
        ]
    )
    end = max(MIN_AXIS_S, float(call_length_s or 0), float(df["t"].max()))
    return (
        alt.Chart(df)
        .mark_circle(opacity=0.85)
        .encode(
            x=alt.X(
                "t:Q",
                title="seconds from answer",
                scale=alt.Scale(domain=[0, end], nice=True),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            y=alt.Y("category:N", title=None),
            size=alt.Size("points:Q", legend=None, scale=alt.Scale(range=[60, 400])),
            color=alt.Color("category:N", legend=None),
            tooltip=["t", "category", "points", "message"],
        )
        .properties(height=180)
    )


def grouped_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings with the same category and message once, with every time it happened
    and the points added up, in the order they first happened."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for f in findings:
        key = (str(f.get("category")), str(f.get("message", "")))
        g = groups.setdefault(
            key,
            {
                "category": f.get("category"),
                "message": f.get("message", ""),
                "times": [],
                "points": 0.0,
                "count": 0,
                "critical": False,
                "overall_points": 0.0,
            },
        )
        g["count"] += 1
        g["points"] += float(f.get("points") or 0)
        g["overall_points"] += float(f.get("overall_points") or 0)
        g["critical"] = g["critical"] or bool(f.get("critical"))
        if f.get("t") is not None:
            g["times"].append(float(f["t"]))
    return list(groups.values())


def when_text(times: list[float], count: int) -> str:
    """'34 s', 'never', or '12 s, 30 s and 41 s' (at most four times, then 'and N more')."""
    if not times:
        return "never" if count == 1 else f"never ({count}×)"
    shown = [f"{t:.0f} s" for t in sorted(times)[:4]]
    more = count - len(shown)
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def adjusted_note(result: dict[str, Any]) -> str:
    """The note a trainee reads when an instructor overruled the grader ("" when none did)."""
    decisions, original = result.get("overrides") or [], result.get("original") or {}
    if not decisions or not original:
        return ""
    out = [
        f"**Adjusted by your instructor.** The grader gave {score_text(original.get('score', 0))} "
        f"({md(original.get('grade', '?'))}, scorer {md(original.get('scorer_version') or '?')}); "
        f"after review this call scores {score_text(result.get('score', 0))} ({md(result.get('grade', '?'))})."
    ]
    for d in decisions:
        who = md(d.get("by") or "an instructor")
        if d.get("kind") == "mark_done":
            what = f"counted {md(human(d.get('act', '')))} as done on your line {int(d.get('line') or 0) + 1}"
        else:
            what = f"dismissed the finding {md(d.get('finding_id', ''))}"
        out.append(f"• {who} {what}: {md(d.get('reason', ''))}")
    return "  \n".join(out)


def render(
    result: dict[str, Any],
    *,
    cardiac_arrest: bool = False,
    dispatch_deadline_s: float | None = None,
    address_deadline_s: float | None = None,
    audio: bytes | str | None = None,
    audio_note: str = "",
    coaching: str = "",
    arc: list[ArcPoint] | None = None,
) -> None:
    score, grade = result.get("score", 0), result.get("grade", "?")
    cats = result.get("categories", {})
    metrics = result.get("metrics", {})
    findings = result.get("findings", [])
    note = adjusted_note(result)
    if note:
        st.info(note)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Overall score", f"{score_text(score)} / 100")
    c2.metric("Grade", grade)
    c3.metric("Call length", f"{metrics.get('call_duration', 0):.0f} s")
    c4.metric("Findings", len(findings))
    st.subheader("Categories")
    if cats:
        st.altair_chart(categories_chart(cats), width="stretch")
    st.subheader("Key metrics vs standards")  # full width: every column stays readable
    st.dataframe(
        metrics_table(
            metrics,
            cardiac_arrest=cardiac_arrest,
            dispatch_deadline_s=dispatch_deadline_s,
            address_deadline_s=address_deadline_s,
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Measure": st.column_config.TextColumn(width="medium"),
            "You": st.column_config.TextColumn(width="small"),
            "Goal": st.column_config.TextColumn(width="small"),
            "Standard": st.column_config.TextColumn(width="medium"),
            "Result": st.column_config.TextColumn(width="medium"),
            "Source": st.column_config.TextColumn(width="large"),
        },
    )
    if metrics.get("location_check"):
        st.markdown(f"**Location:** {md(metrics['location_check'])}")
    if coaching:
        st.subheader("Coaching")
        st.markdown(md(coaching).replace("  \n", "\n\n"))
    st.subheader("Moments that cost points")
    chart = findings_chart(findings, metrics.get("call_duration"))
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    if not findings:
        st.success("Nothing cost points on this call. Well done.")
    for g in grouped_findings(findings):
        st.markdown(finding_text(g))
    with st.expander("Standards and their sources"):
        st.dataframe(standards_table(), hide_index=True, width="stretch")
    if arc:
        emotion_arc(arc)
    st.subheader("Recording")
    if audio:
        st.audio(audio)
    else:
        st.caption(audio_note or "No recording for this call (typed calls have no audio).")


def emotion_arc(points: list[ArcPoint]) -> None:
    """How the caller felt through the call, and what moved it (sim_core.caller.arc points)."""
    st.subheader("How the caller felt")
    st.markdown(md(arc_summary(points)))
    for prev, p in zip(points, points[1:]):
        st.caption(f"{p.t:5.0f} s · {md(step_label(p, prev))}: {md(p.cause)}")  # the cause quotes the trainee
