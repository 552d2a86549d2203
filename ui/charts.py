"""Altair charts for the analytics page (pure functions of a DataFrame)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .debrief import CATEGORY_NAMES, LEVEL_COLORS

# metric → (title, standard lines [(seconds, label)])
DISTRIBUTIONS = {
    "time_to_address": ("Time to address", [(30, "30 s target")]),
    "time_to_arrest_recognition": ("Time to arrest recognition", [(60, "60 s goal"), (120, "120 s standard")]),
    "time_to_first_compression": ("Time to first compression", [(90, "90 s goal"), (180, "180 s standard")]),
}


# Metrics that only apply to some calls: the column (bool) that says which.
ONLY_WHERE = {"time_to_arrest_recognition": "cardiac_arrest", "time_to_first_compression": "cardiac_arrest"}


def eligible(df: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The calls a metric applies to. A call it applies to that never reached the moment stays
    in (as a miss); only calls it does not apply to (no arrest in the call) are left out."""
    flag = ONLY_WHERE.get(metric)
    if flag is None:
        return df
    if flag not in df.columns:
        return df[df[metric].notna()]
    return df[df[flag].fillna(False).astype(bool)]


def share_within(df: pd.DataFrame, metric: str, limit: float) -> tuple[float | None, int, int]:
    """(share of eligible calls that reached the moment within `limit` s, eligible calls, never).
    A call where it never happened counts as a miss."""
    rows = eligible(df, metric)
    if rows.empty:
        return None, 0, 0
    values = rows[metric]
    never = int(values.isna().sum())
    return float((values.fillna(float("inf")) <= limit).mean()), len(rows), never


def score_trend(df: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("started_at:T", title="call", axis=alt.Axis(format="%b %d %H:%M")),
            y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("trainee:N"),
            tooltip=["trainee", "scenario", "started_at:T", "score", "grade"],
        )
        .properties(height=280, title="Score trend per trainee")
    )


def distribution(df: pd.DataFrame, metric: str) -> alt.LayerChart | None:
    """Histogram of a metric with the standard's lines; calls where it never happened are a
    separate "never" bar at the right, not left out."""
    title, lines = DISTRIBUTIONS[metric]
    rows = eligible(df, metric)
    data = rows[[metric]].dropna()
    never = int(rows[metric].isna().sum())
    if data.empty and not never:
        return None
    # one axis from 0 past both the slowest call and the standard's line, so a handful of
    # fast calls still show as bars next to the line they are measured against
    slowest = float(data[metric].max()) if not data.empty else 0.0
    top = round(max(slowest, max(s for s, _ in lines)) * 1.1)
    edge = round(top * 1.15)
    scale = alt.Scale(domain=[0, round(edge * 1.05) if never else top])
    hist = (
        alt.Chart(data)
        .mark_bar(opacity=0.8)
        .encode(
            x=alt.X(f"{metric}:Q", bin=alt.Bin(extent=[0, top], maxbins=20), title="seconds", scale=scale),
            y=alt.Y("count():Q", title="calls", axis=alt.Axis(tickMinStep=1)),
        )
    )
    rules = pd.DataFrame([{"s": s, "label": lab} for s, lab in lines])
    rule = alt.Chart(rules).mark_rule(color="#e5484d", strokeDash=[6, 3], size=2).encode(x=alt.X("s:Q", scale=scale))
    text = (
        alt.Chart(rules)
        .mark_text(align="left", dx=4, dy=-6, color="#e5484d")
        .encode(x="s:Q", y=alt.value(8), text="label:N")
    )
    layers = [hist, rule, text]
    if never:
        miss = pd.DataFrame([{"x": top * 1.02, "x2": edge, "calls": never, "label": f"never ({never})"}])
        layers.append(
            alt.Chart(miss)
            .mark_rect(color="#7f1d1d", opacity=0.85)
            .encode(
                x=alt.X("x:Q", scale=scale),
                x2="x2:Q",
                y=alt.Y("calls:Q"),
                y2=alt.datum(0),
                tooltip=["label:N", "calls:Q"],
            )
        )
        layers.append(
            alt.Chart(miss)
            .mark_text(dy=-6, color="#7f1d1d")
            .encode(x=alt.X("x:Q", scale=scale), y="calls:Q", text="label:N")
        )
    n = len(rows)
    return alt.layer(*layers).properties(height=220, title=f"{title} (n={n}, never={never})")


def compliance(df: pd.DataFrame) -> alt.Chart | None:
    cols = [c for c in df.columns if c.startswith("level_")]
    if not cols:
        return None
    long = df[cols].melt(var_name="category", value_name="level").dropna()
    long["category"] = long["category"].str.removeprefix("level_").map(lambda c: CATEGORY_NAMES.get(c, c))
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title=None),
            x=alt.X("count():Q", stack="normalize", title="share of calls", axis=alt.Axis(format="%")),
            color=alt.Color(
                "level:N",
                scale=alt.Scale(domain=list(LEVEL_COLORS), range=list(LEVEL_COLORS.values())),
                sort=list(LEVEL_COLORS),
            ),
            order=alt.Order("level_rank:Q"),
            tooltip=["category", "level", "count()"],
        )
        .transform_calculate(level_rank="indexof(['high','compliant','partial','low','non_compliant'], datum.level)")
        .properties(height=240, title="Compliance level per category")
    )


def by_difficulty(df: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(df)
        .mark_boxplot(extent="min-max")
        .encode(
            x=alt.X("difficulty:N", sort=["easy", "medium", "hard"]),
            y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("difficulty:N", legend=None),
        )
        .properties(height=240, title="Score by scenario difficulty")
    )
