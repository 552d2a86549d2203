"""Vega-Lite charts for the analytics page (pure functions of a DataFrame).

Each chart is written as the Vega-Lite spec itself (what Altair would emit, without
building and validating Altair objects on every page run: that cost more than
everything else on the page). A chart carries only the columns it draws, and the
compliance chart carries the count per (category, level), not a row per call.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .debrief import CATEGORY_NAMES, LEVEL_COLORS
from .labels import human

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"

# metric → (title, standard lines [(seconds, label)]); titles short enough for a third of
# the page with their counts, the full measure is in the axis title
DISTRIBUTIONS = {
    "time_to_address": ("Address", [(30, "30 s target")]),
    "time_to_arrest_recognition": ("Arrest recognised", [(60, "60 s goal"), (120, "120 s standard")]),
    "time_to_first_compression": ("First compression", [(90, "90 s goal"), (180, "180 s standard")]),
}
# metric → its name with the unit, for table headers and axes
METRIC_NAMES = {
    "time_to_answer": "Time to answer (s)",
    "time_to_address": "Time to address (s)",
    "time_to_arrest_recognition": "Time to arrest recognition (s)",
    "time_to_first_compression": "Time to first compression (s)",
    "llm_tokens": "LLM tokens",
}
DIFFICULTIES = ["easy", "medium", "hard"]


# Metrics that only apply to some calls: the column (bool) that says which.
ONLY_WHERE = {"time_to_arrest_recognition": "cardiac_arrest", "time_to_first_compression": "cardiac_arrest"}


class Spec(dict[str, Any]):
    """A Vega-Lite spec (a plain dict, for `st.vega_lite_chart`); `to_dict()` gives it as a
    new dict, as an Altair chart would."""

    def to_dict(self) -> dict[str, Any]:
        return dict(self)


def _spec(datasets: dict[str, list[dict[str, Any]]], body: dict[str, Any], **props: Any) -> Spec:
    return Spec(
        {
            "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
            **body,
            **props,
            "datasets": datasets,
            "$schema": SCHEMA,
        }
    )


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: timestamps as ISO text, missing values as None."""
    out = []
    for row in df[columns].itertuples(index=False, name=None):
        rec = {}
        for name, value in zip(columns, row):
            if isinstance(value, pd.Timestamp):
                value = value.isoformat()
            elif value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
                value = None
            rec[name] = value
        out.append(rec)
    return out


def _field(name: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"field": name, "type": kind, **more}


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


def score_trend(df: pd.DataFrame) -> Spec:
    """One line per trainee (the `trainee` column holds the names to show). The legend lists
    every trainee, in columns below the chart; clicking a name picks out that trainee's line."""
    tooltip = ["trainee", "scenario", "started_at", "score", "grade"]
    people = int(df["trainee"].nunique())
    columns = min(4, max(1, people))
    return _spec(
        {"trend": _records(df, tooltip)},
        {
            "data": {"name": "trend"},
            "mark": {"type": "line", "point": True},
            "params": [{"name": "who", "select": {"type": "point", "fields": ["trainee"]}, "bind": "legend"}],
            "encoding": {
                "color": _field(
                    "trainee",
                    "nominal",
                    title="Trainee (click a name to pick out their line)",
                    legend={
                        "orient": "bottom",
                        "columns": columns,
                        "symbolLimit": 0,
                        "labelLimit": 180,
                        "titleLimit": 0,
                    },
                ),
                "opacity": {"condition": {"param": "who", "value": 1}, "value": 0.15},
                "tooltip": [
                    _field("trainee", "nominal", title="Trainee"),
                    _field("scenario", "nominal", title="Scenario"),
                    _field("started_at", "temporal", title="Started", format="%Y-%m-%d %H:%M"),
                    _field("score", "quantitative", title="Score", format=".0f"),
                    _field("grade", "nominal", title="Grade"),
                ],
                "x": _field("started_at", "temporal", axis={"format": "%b %d %H:%M"}, title="Call started"),
                "y": _field("score", "quantitative", scale={"domain": [0, 100]}, title="Score"),
            },
        },
        # the legend sits below the plot inside this height: room for every row of names
        height=300 + 30 * math.ceil(people / columns),
        title="Score trend per trainee",
    )


def distribution(df: pd.DataFrame, metric: str) -> Spec | None:
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
    scale = {"domain": [0, round(edge * 1.05) if never else top]}
    datasets = {
        "values": [{metric: float(v)} for v in data[metric]],
        "standard": [{"s": s, "label": lab, "row": i} for i, (s, lab) in enumerate(lines)],
    }
    layers: list[dict[str, Any]] = [
        {
            "data": {"name": "values"},
            "mark": {"type": "bar", "opacity": 0.8},
            "encoding": {
                "x": _field(
                    metric,
                    "quantitative",
                    bin={"extent": [0, top], "maxbins": 20},
                    scale=scale,
                    title=METRIC_NAMES[metric].replace("(s)", "(seconds)"),
                ),
                "y": {"aggregate": "count", "axis": {"tickMinStep": 1}, "title": "Calls", "type": "quantitative"},
            },
        },
        {
            "data": {"name": "standard"},
            "mark": {"type": "rule", "color": "#e5484d", "size": 2, "strokeDash": [6, 3]},
            "encoding": {"x": _field("s", "quantitative", scale=scale)},
        },
    ]
    # each line's label ends at its line (never reaching right, into the "never" bar), one
    # row per line so a goal and a standard close together never overlap
    layers += [
        {
            "data": {"name": "standard"},
            "transform": [{"filter": f"datum.row == {row}"}],
            "mark": {"type": "text", "align": "right", "baseline": "top", "color": "#e5484d", "dx": -4},
            "encoding": {
                "text": _field("label", "nominal"),
                "x": _field("s", "quantitative", scale=scale),
                "y": {"value": 2 + 14 * row},
            },
        }
        for row in range(len(lines))
    ]
    if never:
        datasets["never"] = [
            {"x": top * 1.02, "x2": edge, "mid": (top * 1.02 + edge) / 2, "calls": never, "label": f"never ({never})"}
        ]
        layers.append(
            {
                "data": {"name": "never"},
                "mark": {"type": "rect", "color": "#7f1d1d", "opacity": 0.85},
                "encoding": {
                    "tooltip": [_field("label", "nominal"), _field("calls", "quantitative")],
                    "x": _field("x", "quantitative", scale=scale),
                    "x2": {"field": "x2"},
                    "y": _field("calls", "quantitative"),
                    "y2": {"datum": 0},
                },
            }
        )
        layers.append(
            {
                "data": {"name": "never"},
                # centred over its own bar: the lines' labels end at their lines, left of it
                "mark": {"type": "text", "color": "#f87171", "dy": -6},
                "encoding": {
                    "text": _field("label", "nominal"),
                    "x": _field("mid", "quantitative", scale=scale),
                    "y": _field("calls", "quantitative"),
                },
            }
        )
    return _spec(datasets, {"layer": layers}, height=220, title=f"{title} (n={len(rows)}, never={never})")


def compliance(df: pd.DataFrame) -> Spec | None:
    """Each category's calls split by level (share of calls), from the count per level."""
    cols = [c for c in df.columns if c.startswith("level_")]
    if not cols:
        return None
    counts = []
    for c in cols:
        name = c.removeprefix("level_")
        for level, n in df[c].dropna().value_counts(sort=False).items():
            counts.append({"category": CATEGORY_NAMES.get(name, name), "level": human(level), "calls": int(n)})
    levels = [human(level) for level in LEVEL_COLORS]
    return _spec(
        {"compliance": counts},
        {
            "data": {"name": "compliance"},
            "mark": {"type": "bar"},
            "encoding": {
                "color": _field(
                    "level",
                    "nominal",
                    scale={"domain": levels, "range": list(LEVEL_COLORS.values())},
                    sort=levels,
                    title="Level",
                ),
                "order": _field("level_rank", "quantitative"),
                "tooltip": [
                    _field("category", "nominal", title="Category"),
                    _field("level", "nominal", title="Level"),
                    _field("calls", "quantitative", aggregate="sum", title="Calls"),
                ],
                "x": _field(
                    "calls",
                    "quantitative",
                    aggregate="sum",
                    axis={"format": "%"},
                    stack="normalize",
                    title="Share of calls",
                ),
                "y": _field("category", "nominal", title=None),
            },
            "transform": [
                {
                    "calculate": f"indexof({levels!r}, datum.level)",
                    "as": "level_rank",
                }
            ],
        },
        height=240,
        title="Compliance level per category",
    )


def by_difficulty(df: pd.DataFrame) -> Spec:
    named = pd.DataFrame({"difficulty": df["difficulty"].map(human), "score": df["score"]})
    return _spec(
        {"scores": _records(named, ["difficulty", "score"])},
        {
            "data": {"name": "scores"},
            "mark": {"type": "boxplot", "extent": "min-max"},
            "encoding": {
                "color": _field("difficulty", "nominal", legend=None),
                "x": _field(
                    "difficulty",
                    "nominal",
                    sort=[human(d) for d in DIFFICULTIES],
                    title="Difficulty",
                    axis={"labelAngle": 0},
                ),
                "y": _field("score", "quantitative", scale={"domain": [0, 100]}, title="Score"),
            },
        },
        height=240,
        title="Score by scenario difficulty",
    )
