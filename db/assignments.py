"""Assignments: an instructor sets scenarios for trainees (named, or everyone in a
cohort at that moment) with a due date; each trainee's progress on them and the
completion per trainee for staff.

A scenario counts as done for a trainee by their first call on it that was
played to the end (ended or scored, not abandoned) and started after the
assignment was set. An assignment is "done" when every scenario is, "done late"
when the last one was finished after the due date, "overdue" when it is not done
and the due date has passed, else "due".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from .calls import _utc
from .models import Assignment, AssignmentTrainee, CallRecordStatus, CallSession, Role, User

COHORT_MAX = 64
FINISHED = (CallRecordStatus.ENDED, CallRecordStatus.SCORED)
STATUS_WORDS = {"done": "Done", "done_late": "Done late", "overdue": "Overdue", "due": "Due"}


class AssignmentError(ValueError):
    """Invalid assignment or cohort data; the message says what is wrong."""


@dataclass(frozen=True)
class ScenarioProgress:
    slug: str
    done_at: datetime | None  # end of the first finished call on it after assignment
    call_id: str | None


@dataclass(frozen=True)
class TraineeAssignment:
    """One assignment as one trainee stands on it."""

    assignment_id: str
    title: str
    due_at: datetime
    assigned_at: datetime
    cohort: str | None
    trainee_id: str
    trainee_name: str
    scenarios: tuple[ScenarioProgress, ...]
    status: str  # done | done_late | overdue | due

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.scenarios if s.done_at is not None)


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _now(now: datetime | None) -> datetime:
    return _utc(now) if now is not None else datetime.now(UTC)


def clean_cohort(name: str | None) -> str | None:
    """A cohort name trimmed, with inner spaces collapsed; None for a blank one."""
    text = " ".join((name or "").split())
    if len(text) > COHORT_MAX:
        raise AssignmentError(f"A cohort name is at most {COHORT_MAX} characters.")
    return text or None


def set_cohort(session: Session, *, user_id: uuid.UUID | str, cohort: str | None) -> User:
    user = session.get(User, _uuid(user_id))
    if user is None or user.role != Role.TRAINEE:
        raise AssignmentError("Only a trainee can be put in a cohort.")
    user.cohort = clean_cohort(cohort)
    session.add(user)
    session.flush()
    return user


def list_cohorts(session: Session) -> dict[str, list[str]]:
    """Cohort name → ids of its active trainees."""
    out: dict[str, list[str]] = {}
    stmt = (
        select(User)
        .where(col(User.role) == Role.TRAINEE, col(User.active).is_(True), col(User.cohort).is_not(None))
        .order_by(col(User.username))
    )
    for user in session.exec(stmt).all():
        if user.cohort is not None:
            out.setdefault(user.cohort, []).append(str(user.id))
    return dict(sorted(out.items()))


def create_assignment(
    session: Session,
    *,
    title: str,
    scenario_slugs: Iterable[str],
    due_at: datetime,
    created_by: uuid.UUID | str | None,
    trainee_ids: Iterable[uuid.UUID | str] = (),
    cohort: str | None = None,
    now: datetime | None = None,
) -> Assignment:
    """Set scenarios for the named trainees and everyone now in `cohort`."""
    title = " ".join(title.split())
    slugs = list(dict.fromkeys(s.strip() for s in scenario_slugs if s and s.strip()))
    cohort = clean_cohort(cohort)
    if not title:
        raise AssignmentError("Give the assignment a title.")
    if len(title) > 256:
        raise AssignmentError("A title is at most 256 characters.")
    if not slugs:
        raise AssignmentError("Pick at least one scenario.")
    due = _utc(due_at)
    if due <= _now(now):
        raise AssignmentError("The due date must be in the future.")
    ids = {_uuid(t) for t in trainee_ids}
    if cohort is not None:
        members = list_cohorts(session).get(cohort)
        if not members:
            raise AssignmentError(f"No active trainee is in the cohort {cohort!r}.")
        ids.update(_uuid(m) for m in members)
    if not ids:
        raise AssignmentError("Pick trainees or a cohort.")
    found = session.exec(select(User).where(col(User.id).in_(ids))).all()
    if len(found) != len(ids) or any(u.role != Role.TRAINEE for u in found):
        raise AssignmentError("Assignments are for trainees only.")
    assignment = Assignment(
        title=title,
        scenario_slugs=slugs,
        due_at=due,
        cohort=cohort,
        created_by=_uuid(created_by) if created_by else None,
    )
    if now is not None:
        assignment.created_at = _utc(now)
    session.add(assignment)
    session.flush()
    for tid in sorted(ids):
        session.add(AssignmentTrainee(assignment_id=assignment.id, trainee_id=tid))
    session.flush()
    return assignment


def delete_assignment(session: Session, *, assignment_id: uuid.UUID | str) -> bool:
    assignment = session.get(Assignment, _uuid(assignment_id))
    if assignment is None:
        return False
    session.delete(assignment)
    session.flush()
    return True


def _status(done: list[datetime | None], due: datetime, now: datetime) -> str:
    if done and all(d is not None for d in done):
        return "done_late" if max(d for d in done if d) > due else "done"
    return "overdue" if now > due else "due"


def _progress(
    session: Session, trainee_id: uuid.UUID | None, now: datetime, assignment_id: uuid.UUID | None = None
) -> list[TraineeAssignment]:
    stmt = (
        select(Assignment, col(AssignmentTrainee.trainee_id), User)
        .join(AssignmentTrainee, col(AssignmentTrainee.assignment_id) == col(Assignment.id))
        .join(User, col(User.id) == col(AssignmentTrainee.trainee_id))
    )
    if trainee_id is not None:
        stmt = stmt.where(col(AssignmentTrainee.trainee_id) == trainee_id)
    if assignment_id is not None:
        stmt = stmt.where(col(Assignment.id) == assignment_id)
    pairs = session.exec(stmt.order_by(col(Assignment.due_at), col(User.username))).all()
    if not pairs:
        return []
    trainees = {tid for _a, tid, _u in pairs}
    slugs = {s for a, _t, _u in pairs for s in a.scenario_slugs}
    first_since = min(_utc(a.created_at) for a, _t, _u in pairs)
    calls = session.exec(
        select(CallSession)
        .where(
            col(CallSession.trainee_id).in_(trainees),
            col(CallSession.scenario_slug).in_(slugs),
            col(CallSession.status).in_(FINISHED),
            col(CallSession.started_at) >= first_since,
        )
        .order_by(col(CallSession.started_at))
    ).all()
    out = []
    for a, tid, user in pairs:
        since = _utc(a.created_at)
        scen = []
        for slug in a.scenario_slugs:
            call = next(
                (c for c in calls if c.trainee_id == tid and c.scenario_slug == slug and _utc(c.started_at) >= since),
                None,
            )
            done_at = None if call is None else _utc(call.ended_at or call.started_at)
            scen.append(ScenarioProgress(slug, done_at, str(call.id) if call else None))
        due = _utc(a.due_at)
        out.append(
            TraineeAssignment(
                str(a.id),
                a.title,
                due,
                since,
                a.cohort,
                str(tid),
                user.display_name or user.username,
                tuple(scen),
                _status([s.done_at for s in scen], due, now),
            )
        )
    return out


def trainee_assignments(
    session: Session, *, trainee_id: uuid.UUID | str, now: datetime | None = None
) -> list[TraineeAssignment]:
    """A trainee's assignments, soonest due first, with what is done."""
    return _progress(session, _uuid(trainee_id), _now(now))


@dataclass(frozen=True)
class AssignmentCompletion:
    assignment_id: str
    title: str
    due_at: datetime
    cohort: str | None
    scenario_slugs: tuple[str, ...]
    trainees: tuple[TraineeAssignment, ...]

    @property
    def completed(self) -> int:
        return sum(1 for t in self.trainees if t.status in ("done", "done_late"))


def assignment_completion(
    session: Session, *, now: datetime | None = None, assignment_id: uuid.UUID | str | None = None
) -> list[AssignmentCompletion]:
    """Every assignment (soonest due first) with each assignee's progress on it."""
    rows = _progress(session, None, _now(now), _uuid(assignment_id) if assignment_id is not None else None)
    grouped: dict[str, list[TraineeAssignment]] = {}
    for row in rows:
        grouped.setdefault(row.assignment_id, []).append(row)
    return [
        AssignmentCompletion(
            aid, ts[0].title, ts[0].due_at, ts[0].cohort, tuple(s.slug for s in ts[0].scenarios), tuple(ts)
        )
        for aid, ts in grouped.items()
    ]


__all__ = [
    "AssignmentCompletion",
    "AssignmentError",
    "STATUS_WORDS",
    "ScenarioProgress",
    "TraineeAssignment",
    "assignment_completion",
    "clean_cohort",
    "create_assignment",
    "delete_assignment",
    "list_cohorts",
    "set_cohort",
    "trainee_assignments",
]
