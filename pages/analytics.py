"""Analytics: a cohort's progress against the standards, with filters, charts,
a sortable table, CSV export and click-through to a call."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from db.app_queries import scored_calls, scored_calls_version
from db.engine import session_scope
from ui import charts, overrides, records, services
from ui.access import require_role
from ui.labels import NONE, human

user = require_role("supervisor")
st.title("Analytics")
if services.db_error():
    st.error(f"Analytics are unavailable: {services.db_error()}")
    st.stop()

# the CSV: codes as stored (usernames, scenario slugs, call-type codes), and the names shown
CSV = [
    "started_at",
    "trainee",
    "trainee_name",
    "scenario",
    "scenario_title",
    "call_type",
    "difficulty",
    "score",
    "grade",
    "time_to_answer",
    "time_to_address",
    "time_to_arrest_recognition",
    "time_to_first_compression",
    "llm_tokens",
    "call_id",
]
# the table on screen: what a supervisor looks at first, in human words
TABLE = [
    "started_at",
    "trainee",
    "scenario",
    "score",
    "grade",
    "time_to_address",
    "time_to_arrest_recognition",
    "time_to_first_compression",
    "time_to_answer",
    "call_type",
    "difficulty",
    "llm_tokens",
    "call_id",
]
SECONDS = [c for c in TABLE if c.startswith("time_to_")]
# short headers so the figures a supervisor compares fit beside the names (the full name
# and unit is the header's tooltip); the columns after them scroll, with the call pinned
SHORT = {
    "time_to_address": ("Address (s)", 90),
    "time_to_arrest_recognition": ("Arrest recognised (s)", 135),
    "time_to_first_compression": ("First compression (s)", 135),
    "time_to_answer": ("Answer (s)", 80),
}
COLUMNS = {
    "call_id": None,
    "started_at": st.column_config.DatetimeColumn("Started", format="MMM D HH:mm", width=95, pinned=True),
    "trainee": st.column_config.TextColumn("Trainee", width=120, pinned=True),
    "scenario": st.column_config.TextColumn("Scenario", width=170),
    "score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100, format="%.0f", width=80),
    "grade": st.column_config.TextColumn("Grade", width=45),
    **{
        m: st.column_config.NumberColumn(label, width=width, help=charts.METRIC_NAMES[m] + ", from answer")
        for m, (label, width) in SHORT.items()
    },
    "call_type": st.column_config.TextColumn("Call type", width=120),
    "difficulty": st.column_config.TextColumn("Difficulty", width=75),
    "llm_tokens": st.column_config.NumberColumn("LLM tokens", format="%d", width=80),
}


def _seconds(value: float) -> str:
    return NONE if math.isinf(value) else f"{value:.1f}"


def data_version() -> tuple:
    """Changes whenever a call is scored, re-scored, overruled, deleted or charged (one query)."""
    with session_scope(services.engine()) as s:
        return scored_calls_version(s)


@st.cache_data(max_entries=16, ttl=3600, show_spinner="Loading calls…")
def figures(
    since: datetime,
    until: datetime,
    trainee_ids: tuple[str, ...],
    scenario: str | None,
    ctype: str,
    meta: dict[str, dict[str, Any]],
    people: dict[str, str],
    version: tuple,
) -> dict[str, Any] | None:
    """Everything the page shows for one filter state: headline figures, chart specs, the
    table and its CSV, built once and kept until the data's `version` changes."""
    with session_scope(services.engine()) as s:
        rows = scored_calls(s, trainee_ids=list(trainee_ids) or None, scenario=scenario, since=since, until=until)
    df = pd.DataFrame(rows)
    if df.empty:
        return None
    df["call_type"] = df["scenario"].map(lambda s: meta.get(s, {}).get("call_type", "?"))
    df["difficulty"] = df["scenario"].map(lambda s: meta.get(s, {}).get("difficulty", "?"))
    df["cardiac_arrest"] = df["scenario"].map(lambda s: bool(meta.get(s, {}).get("cardiac_arrest")))
    df["trainee"] = df["trainee"].fillna("(deleted)")
    df["trainee_name"] = df["trainee_id"].map(people).fillna(df["trainee"])
    df["scenario_title"] = df["scenario"].map(lambda s: meta.get(s, {}).get("title", s))
    if ctype != "All":
        df = df[df["call_type"] == ctype]
    if df.empty:
        return None
    csv = df[CSV].sort_values("started_at", ascending=False)
    # the same calls with names and words in place of codes, for the charts and the table
    shown = df.assign(
        trainee=df["trainee_name"],
        scenario=df["scenario_title"],
        call_type=df["call_type"].map(human),
    )
    # a time that never came (or does not apply) is kept as infinity, shown as "—": a
    # missing number would show as "None", and this way it sorts as the slowest
    table = (
        shown[TABLE]
        .assign(difficulty=lambda t: t["difficulty"].map(human))
        .astype({m: "float64" for m in SECONDS})
        .fillna({m: math.inf for m in SECONDS})
        .sort_values("started_at", ascending=False)
    )
    return {
        "calls": len(df),
        "mean_score": float(df["score"].mean()),
        "trainees": int(df["trainee"].nunique()),
        # headline shares count a call that never got there as a miss
        "address": charts.share_within(df, "time_to_address", 30),
        "arrest": charts.share_within(df, "time_to_arrest_recognition", 120),
        "tokens": int(df["llm_tokens"].sum()),
        "cost": float(df["llm_cost"].dropna().sum()),
        "trend": charts.score_trend(shown),
        "distributions": {m: charts.distribution(df, m) for m in charts.DISTRIBUTIONS},
        "compliance": charts.compliance(df),
        "by_difficulty": charts.by_difficulty(df),
        "table": table,
        "csv": csv.to_csv(index=False).encode("utf-8"),
    }


meta = records.scenario_meta()
people = {t["id"]: t["display_name"] or t["username"] for t in records.trainees()}
with st.container(border=True):
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    today = date.today()
    span = c1.date_input(
        "Date range", (today - timedelta(days=30), today), key="an_dates", max_value=today + timedelta(days=1)
    )
    chosen = c2.multiselect(
        "Trainees (cohort)", list(people), format_func=people.get, key="an_people", placeholder="everyone"
    )
    slug = c3.selectbox(
        "Scenario",
        ["All"] + sorted(meta),
        key="an_scenario",
        format_func=lambda s: meta.get(s, {}).get("title", s) if s != "All" else s,
    )
    types = sorted({m["call_type"] for m in meta.values()}, key=human)
    ctype = c4.selectbox(
        "Call type", ["All"] + types, key="an_type", format_func=lambda t: t if t == "All" else human(t)
    )
if not isinstance(span, (tuple, list)) or len(span) != 2:
    st.warning("Pick a start and an end date.")
    st.stop()
since = datetime.combine(span[0], time.min, tzinfo=UTC)
until = datetime.combine(span[1] + timedelta(days=1), time.min, tzinfo=UTC)
shown = figures(since, until, tuple(chosen), None if slug == "All" else slug, ctype, meta, people, data_version())
if shown is None:
    st.info("No scored calls match these filters.")
    st.stop()

k1, k2, k3, k4, k6, k5 = st.columns(6)
k1.metric("Scored calls", shown["calls"])
k2.metric("Mean score", f"{shown['mean_score']:.0f}")
k3.metric("Trainees", shown["trainees"])
for col, label, what, (share, n, never) in (
    (k4, "Address within 30 s", "Address obtained within 30 s of answer", shown["address"]),
    (k6, "Arrest within 120 s", "Cardiac arrest recognised within 120 s of answer", shown["arrest"]),
):
    col.metric(
        label,
        f"{share:.0%}" if share is not None else NONE,
        help=f"{what}: {n} calls; never: {never} (counted as misses)" if n else f"{what}: no calls this applies to",
    )
cost = shown["cost"]
k5.metric(
    "LLM tokens",
    f"{shown['tokens']:,}",
    help=f"Caller and debrief usage; reported cost ${cost:.4f}"
    if cost
    else "Caller usage (the server reported no cost)",
)

st.vega_lite_chart(shown["trend"], width="stretch")
cols = st.columns(3)
for col, (metric, spec) in zip(cols, shown["distributions"].items()):
    with col:
        if spec is None:
            st.caption(f"No {charts.METRIC_NAMES[metric].removesuffix(' (s)').lower()} values in these calls.")
        else:
            st.vega_lite_chart(spec, width="stretch")
left, right = st.columns(2)
with left:
    if shown["compliance"] is not None:
        st.vega_lite_chart(shown["compliance"], width="stretch")
with right:
    st.vega_lite_chart(shown["by_difficulty"], width="stretch")

overrides.agreement_section()

st.subheader("Calls")
table = shown["table"]
picked = st.dataframe(
    table.style.format(_seconds, subset=SECONDS),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="an_table",
    column_config=COLUMNS,
    width="stretch",
)
c1, c2 = st.columns([1, 3])
c1.download_button(
    "Download CSV",
    shown["csv"],
    file_name="calls.csv",
    mime="text/csv",
    key="an_csv",
    help="Every column as stored, for a spreadsheet: usernames, scenario and call-type codes, "
    "with the trainee's name and the scenario's title beside them.",
)
sel = picked.selection.rows if picked else []
if sel:
    cid = table.iloc[sel[0]]["call_id"]
    if c2.button("Open the selected call", type="primary", key="an_open"):
        st.switch_page("pages/review.py", query_params={"call": cid})
else:
    c2.caption("Select a row, then open it in the review page.")
