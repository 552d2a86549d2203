"""Assignments for the pages: reads and writes through db.assignments, and the
words and rows the pages show. A trainee only ever reads their own."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from db.assignments import (
    STATUS_WORDS,
    AssignmentCompletion,
    TraineeAssignment,
    assignment_completion,
    create_assignment,
    delete_assignment,
    list_cohorts,
    set_cohort,
    trainee_assignments,
)
from db.engine import session_scope
from db.models import Role
from db.signed_in import SignedInUser

from . import services

STATUS_ICONS = {
    "done": ":material/check_circle:",
    "done_late": ":material/schedule:",
    "overdue": ":material/error:",
    "due": ":material/pending_actions:",
}
STATUS_COLOURS = {"done": "green", "done_late": "orange", "overdue": "red", "due": "blue"}


def due_at_end_of(day: date) -> datetime:
    """A due date picked as a day means the end of that day (UTC)."""
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


def status_badge(status: str) -> str:
    """Markdown for a status: coloured words, never the code."""
    return f":{STATUS_COLOURS[status]}-badge[{STATUS_ICONS[status]} {STATUS_WORDS[status]}]"


def mine(user: SignedInUser, trainee_id: str | None = None) -> list[TraineeAssignment]:
    """A trainee's assignments: their own for a trainee, whatever `trainee_id` says."""
    tid = user.id if user.role == Role.TRAINEE else (trainee_id or user.id)
    with session_scope(services.engine()) as s:
        return trainee_assignments(s, trainee_id=tid)


def completion() -> list[AssignmentCompletion]:
    with session_scope(services.engine()) as s:
        return assignment_completion(s)


def cohorts() -> dict[str, list[str]]:
    with session_scope(services.engine()) as s:
        return list_cohorts(s)


def create(
    user: SignedInUser,
    *,
    title: str,
    scenario_slugs: list[str],
    due_day: date,
    trainee_ids: list[str],
    cohort: str | None,
) -> str:
    """The new assignment's id; raises db.assignments.AssignmentError with the reason."""
    with session_scope(services.engine()) as s:
        return str(
            create_assignment(
                s,
                title=title,
                scenario_slugs=scenario_slugs,
                due_at=due_at_end_of(due_day),
                created_by=user.id,
                trainee_ids=trainee_ids,
                cohort=cohort,
            ).id
        )


def remove(assignment_id: str) -> bool:
    with session_scope(services.engine()) as s:
        return delete_assignment(s, assignment_id=assignment_id)


def put_in_cohort(trainee_id: str, cohort: str | None) -> None:
    with session_scope(services.engine()) as s:
        set_cohort(s, user_id=trainee_id, cohort=cohort)


def completion_rows(item: AssignmentCompletion, titles: dict[str, str]) -> list[dict[str, Any]]:
    """One row per assignee: status in words, how many done, each scenario ✓ or —."""
    rows = []
    for t in item.trainees:
        row: dict[str, Any] = {
            "Trainee": t.trainee_name,
            "Status": STATUS_WORDS[t.status],
            "Done": f"{t.done_count} of {len(t.scenarios)}",
        }
        for s in t.scenarios:
            row[titles.get(s.slug, s.slug)] = f"✓ {s.done_at:%Y-%m-%d}" if s.done_at else "—"
        rows.append(row)
    return rows


__all__ = [
    "STATUS_WORDS",
    "completion",
    "completion_rows",
    "cohorts",
    "create",
    "due_at_end_of",
    "mine",
    "put_in_cohort",
    "remove",
    "status_badge",
]
