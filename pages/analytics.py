"""Analytics: a cohort's progress against the standards, with filters, charts,
a sortable table, CSV export and click-through to a call."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from db.app_queries import scored_calls, scored_calls_version
from db.engine import session_scope
from ui import charts, overrides, records, services
from ui.access import require_role

user = require_role("supervisor")
st.title("Analytics")
if services.db_error():
    st.error(f"Analytics are unavailable: {services.db_error()}")
    st.stop()

TABLE = [
    "started_at",
    "trainee",
    "scenario",
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
    if ctype != "All":
        df = df[df["call_type"] == ctype]
    if df.empty:
        return None
    table = df[TABLE].sort_values("started_at", ascending=False)
    return {
        "calls": len(df),
        "mean_score": float(df["score"].mean()),
        "trainees": int(df["trainee"].nunique()),
        # headline shares count a call that never got there as a miss
        "address": charts.share_within(df, "time_to_address", 30),
        "arrest": charts.share_within(df, "time_to_arrest_recognition", 120),
        "tokens": int(df["llm_tokens"].sum()),
        "cost": float(df["llm_cost"].dropna().sum()),
        "trend": charts.score_trend(df),
        "distributions": {m: charts.distribution(df, m) for m in charts.DISTRIBUTIONS},
        "compliance": charts.compliance(df),
        "by_difficulty": charts.by_difficulty(df),
        "table": table,
        "csv": table.to_csv(index=False).encode("utf-8"),
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
    types = sorted({m["call_type"] for m in meta.values()})
    ctype = c4.selectbox("Call type", ["All"] + types, key="an_type")
if not isinstance(span, (tuple, list)) or len(span) != 2:
    st.warning("Pick a start and an end date.")
    st.stop()
since = datetime.combine(span[0], time.min, tzinfo=UTC)
until = datetime.combine(span[1] + timedelta(days=1), time.min, tzinfo=UTC)
shown = figures(since, until, tuple(chosen), None if slug == "All" else slug, ctype, meta, data_version())
if shown is None:
    st.info("No scored calls match these filters.")
    st.stop()

k1, k2, k3, k4, k6, k5 = st.columns(6)
k1.metric("Scored calls", shown["calls"])
k2.metric("Mean score", f"{shown['mean_score']:.0f}")
k3.metric("Trainees", shown["trainees"])
for col, label, (share, n, never) in (
    (k4, "Address within 30 s", shown["address"]),
    (k6, "Arrest recognised ≤ 120 s", shown["arrest"]),
):
    col.metric(
        label,
        f"{share:.0%}" if share is not None else "—",
        help=f"{n} calls; never: {never} (counted as misses)" if n else "No calls this applies to",
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
            st.caption(f"No {metric.replace('_', ' ')} values in these calls.")
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
    table,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="an_table",
    column_config={
        "call_id": None,
        "started_at": st.column_config.DatetimeColumn("started", format="YYYY-MM-DD HH:mm"),
        "score": st.column_config.ProgressColumn("score", min_value=0, max_value=100, format="%.0f"),
    },
)
c1, c2 = st.columns([1, 3])
c1.download_button("Download CSV", shown["csv"], file_name="calls.csv", mime="text/csv", key="an_csv")
sel = picked.selection.rows if picked else []
if sel:
    cid = table.iloc[sel[0]]["call_id"]
    if c2.button("Open the selected call", type="primary", key="an_open"):
        st.switch_page("pages/review.py", query_params={"call": cid})
else:
    c2.caption("Select a row, then open it in the review page.")
