"""Progress: a trainee's scores over time, each key metric against its standard,
the categories to work on and scenarios to practise the weakest one. Trainees
see their own; instructors and supervisors pick a trainee."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from db.app_queries import scored_calls, scored_calls_mark
from db.engine import session_scope
from sim_core.scenario.console import trainee_brief
from sim_core.scoring.scorer import level_for
from ui import assignments, auth, calls, progress_data, records, services
from ui.access import require_role
from ui.labels import human, score_text
from ui.safe_text import md

user = require_role("trainee", "instructor", "supervisor")
COMPLIANT = next(s for s in range(101) if level_for(s) in ("compliant", "high"))
if services.db_error():
    st.error(f"Progress is unavailable: {services.db_error()}")
    st.stop()


@st.cache_data(ttl=600, max_entries=500, show_spinner=False)
def _scored(trainee_id: str, mark: tuple) -> list[dict]:
    with session_scope(services.engine()) as s:
        return scored_calls(s, trainee_ids=[trainee_id])


def load(trainee_id: str) -> list[dict]:
    """The trainee's scored calls; the copy kept between runs is keyed on their latest
    scored call and instructor decision, so a call scored a moment ago (on any server)
    shows at once."""
    with session_scope(services.engine()) as s:
        mark = scored_calls_mark(s, trainee_id=trainee_id)
    return _scored(trainee_id, mark)


def _who() -> tuple[str, str] | None:
    if auth.is_trainee(user):
        st.title("My progress")
        return user.id, user.display_name
    st.title("Progress")
    people = {t["id"]: t["display_name"] or t["username"] for t in records.trainees()}
    if not people:
        st.info("No trainees yet.")
        return None
    tid = st.selectbox("Trainee", sorted(people, key=people.get), format_func=people.get, key="pg_trainee")
    return tid, people[tid]


def _trend(rows: list[dict], meta: dict) -> alt.Chart:
    """One point per scored call, oldest first (calls, not clock time: two calls a minute
    apart and two a week apart are each one step of practice)."""
    df = pd.DataFrame(
        [
            {
                "call": i,
                "when": f"{r['started_at']:%Y-%m-%d %H:%M}",
                "score": r["score"],
                "grade": r["grade"],
                "scenario": meta.get(r["scenario"], {}).get("title", r["scenario"]),
            }
            for i, r in enumerate(rows, 1)
        ]
    )
    base = alt.Chart(df).encode(
        x=alt.X(
            "call:Q",
            title="Scored calls, oldest first",
            scale=alt.Scale(domain=[1, max(len(df), 2)]),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 100]), title="Score"),
    )
    line = base.mark_line(point=True).encode(
        tooltip=[
            alt.Tooltip("call:Q", title="Call"),
            alt.Tooltip("when:N", title="Started"),
            alt.Tooltip("scenario:N", title="Scenario"),
            alt.Tooltip("score:Q", title="Score", format=".0f"),
            alt.Tooltip("grade:N", title="Grade"),
        ]
    )
    # a colour of its own: the theme's default rule colour is lost on the dark background
    goal = (
        alt.Chart(pd.DataFrame({"y": [COMPLIANT]}))
        .mark_rule(strokeDash=[4, 4], color="#16a34a", size=2)
        .encode(y="y:Q")
    )
    return (line + goal).properties(height=240)


def _standings(rows: list[dict]) -> None:
    st.subheader("Key metrics against the standards")
    standings = progress_data.metric_standings(rows)
    if not standings:
        st.caption("None of the timed measures has happened on a scored call yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Measure": m.label,
                    "Your median": f"{m.median_s:.0f} s",
                    "Standard": f"{m.standard_s:.0f} s",
                    "Within the standard": f"{m.within} of {m.measured} calls ({100 * (m.share_within or 0):.0f}%)",
                    "Source": m.source,
                }
                for m in standings
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _work_on(rows: list[dict], own: bool) -> None:
    st.subheader("What to work on")
    means = progress_data.category_means(rows)
    if not means:
        st.caption("No category scores yet.")
        return
    df = pd.DataFrame(
        [{"category": progress_data.CATEGORY_NAMES.get(n, n), "mean score": m, "calls": c} for n, m, c in means]
    )
    st.altair_chart(
        alt.Chart(df)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("mean score:Q", scale=alt.Scale(domain=[0, 100]), title="Mean score"),
            y=alt.Y("category:N", sort=None, title=None, axis=alt.Axis(labelLimit=160)),
            color=alt.condition(
                alt.datum.category == df.iloc[0]["category"], alt.value("#ea580c"), alt.value("#64748b")
            ),
            tooltip=[
                alt.Tooltip("category:N", title="Category"),
                alt.Tooltip("mean score:Q", title="Mean score", format=".0f"),
                alt.Tooltip("calls:Q", title="Calls"),
            ],
        )
        .properties(height=alt.Step(28)),
        width="stretch",
    )
    weakest, mean, _ = means[0]
    name = progress_data.CATEGORY_NAMES.get(weakest, weakest)
    st.markdown(f"**Weakest: {name}** (mean {score_text(mean)}). Scenarios that practise it:")
    played: dict[str, int] = {}
    for r in rows:
        played[r["scenario"]] = played.get(r["scenario"], 0) + 1
    for sc in progress_data.suggest(weakest, [s for s, _ in calls.scenarios()], played):
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(
            f"**{md(sc.title)}** · {md(human(sc.difficulty))}  \n{md(trainee_brief(sc))}  \n"
            f"<small>played {played.get(sc.id, 0)}×</small>",
            unsafe_allow_html=True,
        )
        if own and c2.button("Take this call", key=f"pg_take_{sc.id}"):
            st.session_state["pick_scenario"] = sc.id
            st.switch_page("pages/call.py")


def _assigned(trainee_id: str, own: bool) -> None:
    """What is assigned, soonest due first: overdue and due ones with a button per scenario
    still to play, done ones folded away."""
    items = assignments.mine(user, trainee_id)
    if not items:
        return
    st.subheader("Assigned to me" if own else "Assignments")
    titles = {sc.id: (sc, v) for sc, v in calls.scenarios()}
    open_items = [a for a in items if a.status in ("overdue", "due")]
    closed = [a for a in items if a.status not in ("overdue", "due")]
    for a in open_items:
        with st.container(border=True):
            st.markdown(
                f"**{md(a.title)}** {assignments.status_badge(a.status)}  \n"
                f"Due {a.due_at:%Y-%m-%d %H:%M} UTC · {a.done_count} of "
                f"{len(a.scenarios)} done"
            )
            for s in a.scenarios:
                sc = titles.get(s.slug, (None, None))[0]
                label = md(sc.title) if sc else md(s.slug)
                c1, c2 = st.columns([5, 1], vertical_alignment="center")
                c1.markdown(f"✓ ~~{label}~~ · played {s.done_at:%Y-%m-%d}" if s.done_at else f"○ {label}")
                if (
                    own
                    and not s.done_at
                    and sc is not None
                    and c2.button("Take this call", key=f"as_take_{a.assignment_id}_{s.slug}")
                ):
                    st.session_state["pick_scenario"] = sc.id
                    st.switch_page("pages/call.py")
    if closed:
        with st.expander(f"Done ({len(closed)})"):
            for a in closed:
                st.markdown(f"**{md(a.title)}** {assignments.status_badge(a.status)} · due {a.due_at:%Y-%m-%d}")


who = _who()
if who is not None:
    trainee_id, name = who
    _assigned(trainee_id, own=auth.is_trainee(user))
    rows = load(trainee_id)
    if not rows:
        st.info(
            "No scored calls yet: progress appears after the first call is scored."
            if auth.is_trainee(user)
            else f"{name} has no scored calls yet."
        )
        st.stop()
    head = progress_data.headline(rows)
    k1, k2, k3 = st.columns(3)
    k1.metric("Scored calls", head["calls"])
    k2.metric(
        f"Mean of the last {min(progress_data.RECENT, head['calls'])}",
        score_text(head["recent_mean"]),
        delta=None if head["change"] is None else f"{head['change']:+.0f} vs the 5 before",
    )
    k3.metric("Best score", score_text(head["best"]))
    st.subheader("Scores over time")
    st.altair_chart(_trend(rows, records.scenario_meta(published_only=True)), width="stretch")
    st.caption(f"Green dashed line: {COMPLIANT}, where a call's score counts as compliant.")
    _standings(rows)
    _work_on(rows, own=auth.is_trainee(user))
