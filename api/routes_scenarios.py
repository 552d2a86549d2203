"""Scenarios: list (filters: call type, difficulty), get, and create a draft
(instructors; validated exactly as the editor validates, saved through the same
db function). Trainees see the published version of active scenarios only, and never
a scenario's truth; instructors may ask for the latest version, drafts included."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from db.app_queries import latest_versions
from db.models import Role
from db.scenarios import get_scenario as db_get
from db.scenarios import save_draft
from db.signed_in import SignedInUser
from sim_core.scenario import Scenario, ScenarioError, parse_scenario, parse_scenario_yaml, scenario_to_yaml

from .backends import ApiBackends
from .deps import backends, current_user, db_session, require_role
from .schemas import ScenarioCreate, ScenarioDetail, ScenarioSummary

router = APIRouter(prefix="/api/v1/scenarios", tags=["scenarios"])
SEES_TRUTH = (Role.INSTRUCTOR, Role.SUPERVISOR, Role.ADMIN)


def summary(content: dict[str, Any], version: int, status: str) -> ScenarioSummary:
    """A scenario version as the API lists it; `status` is the version's: draft or published."""
    return ScenarioSummary(
        id=content["id"],
        title=content.get("title", content["id"]),
        call_type=content.get("call_type", ""),
        difficulty=content.get("difficulty", ""),
        description=content.get("description", ""),
        version=version,
        status=status,
    )


def latest(b: ApiBackends, *, drafts: bool = False) -> dict[str, dict[str, Any]]:
    """slug → the version a caller gets (db.app_queries.latest_versions): the newest
    published version of each active scenario; with `drafts`, the newest version of
    every scenario, draft or published, deactivated ones included."""
    with db_session(b) as s:
        rows = latest_versions(s, published_only=not drafts)
    return rows if drafts else {slug: r for slug, r in rows.items() if r["active"]}


def scenario_for_call(b: ApiBackends, slug: str, user: SignedInUser) -> tuple[Scenario, dict[str, Any]]:
    """(scenario, its version row) a user may start: trainees the published version of
    an active scenario only, instructors and admins the latest, a draft too (to try it)."""
    row = latest(b, drafts=not user.is_trainee).get(slug)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no scenario {slug!r} to take")
    try:
        scenario = parse_scenario_yaml(row["yaml_text"], f"{slug} v{row['version']}")
    except ScenarioError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, f"scenario {slug!r} no longer validates: {exc}") from None
    return scenario, row


@router.get("", response_model=list[ScenarioSummary])
def list_scenarios(
    call_type: str | None = Query(None, max_length=64),
    difficulty: str | None = Query(None, pattern="^(easy|medium|hard)$"),
    include_drafts: bool = Query(False, description="instructors and admins"),
    user: SignedInUser = Depends(current_user),
    b: ApiBackends = Depends(backends),
) -> list[ScenarioSummary]:
    drafts = include_drafts and user.role in SEES_TRUTH
    out = []
    for slug, row in sorted(latest(b, drafts=drafts).items()):
        content = row["content"] or {"id": slug}
        if call_type is not None and content.get("call_type") != call_type:
            continue
        if difficulty is not None and content.get("difficulty") != difficulty:
            continue
        out.append(summary(content, row["version"], row["status"]))
    return out


@router.get("/{scenario_id}", response_model=ScenarioDetail, response_model_exclude_none=True)
def get_scenario(
    scenario_id: str, user: SignedInUser = Depends(current_user), b: ApiBackends = Depends(backends)
) -> ScenarioDetail:
    truth = user.role in SEES_TRUTH
    row = latest(b, drafts=truth).get(scenario_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no scenario {scenario_id!r}")
    content = row["content"] or {"id": scenario_id}
    base = summary(content, row["version"], row["status"])
    return ScenarioDetail(**base.model_dump(), content=content if truth else None)


@router.post(
    "",
    response_model=ScenarioSummary,
    status_code=201,
    responses={
        409: {"description": "the id is taken"},
        422: {"description": "the scenario does not validate; every problem is listed"},
    },
)
def create_scenario(
    body: ScenarioCreate, user: SignedInUser = Depends(require_role("instructor")), b: ApiBackends = Depends(backends)
) -> ScenarioSummary:
    """A new scenario, saved as a draft (db.save_draft, as the editor saves): trainees
    do not get it until an instructor publishes it in the editor."""
    try:
        sc = (
            parse_scenario(body.scenario, "scenario")
            if body.scenario is not None
            else parse_scenario_yaml(body.yaml or "", "yaml")
        )
    except ScenarioError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            {"message": "the scenario does not validate", "problems": exc.problems},
        ) from None
    with db_session(b) as s:
        if db_get(s, slug=sc.id) is not None:
            raise HTTPException(status.HTTP_409_CONFLICT, f"id: {sc.id!r} already exists; choose another id")
        version = save_draft(s, scenario=sc, yaml_text=scenario_to_yaml(sc), author_id=user.id)
        number, state = version.version, version.status
    return summary(sc.model_dump(mode="json"), number, state)
