"""Calls: start one (the caller's opening comes back), read it, end it (the score),
its transcript, its learning record (xAPI). A live call is only ever reached by
the trainee who owns it (sim_core.desk); stored calls follow the review page's rule
(a trainee sees only their own)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status

from db import queries
from db.learning_records import NotScored, statement_for_call
from db.signed_in import SignedInUser
from sim_core.call_status import CallStatus
from sim_core.call_view import call_clock, stored_transcript_rows, transcript_rows
from sim_core.scoring.scorer import level_for

from .backends import ApiBackends
from .deps import backends, current_user, db_session, limit, own_filter, require_role
from .routes_scenarios import scenario_for_call, summary
from .schemas import CallOut, CallStart, CallStarted, ScoreOut, TranscriptLine, TranscriptOut

router = APIRouter(prefix="/api/v1/calls", tags=["calls"])
CallId = Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
NOT_FOUND = "that call does not exist, has expired, or is not yours"


def stored_call(b: ApiBackends, call_id: str, trainee_id: str | None) -> dict[str, Any] | None:
    """A stored call; with `trainee_id`, only that trainee's."""
    with db_session(b) as s:
        return queries.get_call(s, call_id=call_id, trainee_id=trainee_id)


def score_out(call_id: str, result: dict[str, Any], end_reason: str | None) -> ScoreOut:
    return ScoreOut(
        call_id=call_id,
        score=result["score"],
        grade=result["grade"],
        level=level_for(float(result["score"])),
        end_reason=end_reason,
        metrics=result.get("metrics") or {},
        categories=result.get("categories") or {},
        findings=list(result.get("findings") or []),
    )


@router.post(
    "/start",
    response_model=CallStarted,
    status_code=201,
    responses={404: {"description": "no such scenario to take"}, 429: {"description": "too many new calls this hour"}},
)
def start_call(
    body: CallStart,
    user: SignedInUser = Depends(require_role("trainee", "instructor")),
    b: ApiBackends = Depends(backends),
) -> CallStarted:
    scenario, row = scenario_for_call(b, body.scenario_id, user)
    limit(b.limits.calls, user.id)
    call = b.desk.start(scenario, row["id"], user.id, mode=body.mode)
    opening = call.answer().caller_text if body.answer else None
    if b.desk.recorder is not None:  # the call is in the database when start returns
        b.desk.recorder.wait_idle(call.call_id)
    return CallStarted(
        call_id=call.call_id,
        status=call.status,
        mode=body.mode,
        scenario=summary(scenario.model_dump(mode="json"), row["version"], row["status"]),
        opening=opening,
        emotion=call.caller_mood.emotion,
        websocket=f"/ws/call/{call.call_id}",
    )


@router.get("/{call_id}", response_model=CallOut)
def get_call(
    call_id: str = CallId, user: SignedInUser = Depends(current_user), b: ApiBackends = Depends(backends)
) -> CallOut:
    call = b.desk.find(call_id, user.id)
    if call is not None:
        r = call.result
        return CallOut(
            call_id=call.call_id,
            scenario_id=call.scenario.id,
            mode=call.mode,
            status=call.status,
            live=call.status != CallStatus.ENDED,
            trainee_id=str(call.trainee_id),
            clock_s=round(call_clock(call), 2),
            muted=call.muted,
            held=call.held,
            emotion=call.caller_mood.emotion,
            end_reason=call.end_reason or None,
            score=r.score if r else None,
            grade=r.grade if r else None,
        )
    row = stored_call(b, call_id, own_filter(user))
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    m = row["metrics"] or {}
    return CallOut(
        call_id=row["id"],
        scenario_id=row["scenario"],
        mode=row["mode"],
        status=row["status"],
        live=False,
        trainee_id=row["trainee_id"],
        started_at=row["started_at"],
        end_reason=row["end_reason"],
        score=m.get("score"),
        grade=m.get("grade"),
    )


@router.post("/{call_id}/end", response_model=ScoreOut, responses={404: {"description": NOT_FOUND}})
def end_call(
    call_id: str = CallId, user: SignedInUser = Depends(current_user), b: ApiBackends = Depends(backends)
) -> ScoreOut:
    """Hang up (the trainee's own call) and get the score; ending twice gives the same score."""
    call = b.desk.find(call_id, user.id)
    if call is not None:
        result = call.end(reason="trainee_ended")
        b.finish_call(call.call_id)
        return score_out(call.call_id, result.to_dict(), call.end_reason)
    row = stored_call(b, call_id, user.id)  # ending is the trainee's own call, whatever the role
    if row is None or not row["metrics"]:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return score_out(row["id"], row["metrics"], row["end_reason"])


@router.get("/{call_id}/transcript", response_model=TranscriptOut)
def get_transcript(
    call_id: str = CallId, user: SignedInUser = Depends(current_user), b: ApiBackends = Depends(backends)
) -> TranscriptOut:
    call = b.desk.find(call_id, user.id)
    if call is not None:
        lines = [
            TranscriptLine(speaker=r["speaker"], text=r["text"], t=r["t"], entities=r["entities"])
            for r in transcript_rows(call)
        ]
        return TranscriptOut(call_id=call.call_id, status=call.status, lines=lines)
    row = stored_call(b, call_id, own_filter(user))
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    lines = [
        TranscriptLine(speaker=r["speaker"], text=r["text"], t=round(r["t"], 2), entities=r["entities"])
        for r in stored_transcript_rows(row["events"])
    ]
    return TranscriptOut(call_id=row["id"], status=row["status"], lines=lines)


@router.get(
    "/{call_id}/xapi",
    responses={
        200: {
            "description": "the call's xAPI 1.0.3 statement (actor, completed, the scenario, "
            "score and duration, metrics as extensions)"
        },
        409: {"description": "the call has not been scored yet"},
    },
)
def get_learning_record(
    call_id: str = CallId,
    download: bool = Query(False),
    user: SignedInUser = Depends(current_user),
    b: ApiBackends = Depends(backends),
) -> Any:
    from fastapi.responses import JSONResponse

    try:
        with db_session(b) as s:
            statement = statement_for_call(
                s, call_id=call_id, trainee_id=own_filter(user), activity_base=b.settings.xapi_activity_base
            )
    except NotScored as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    if statement is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    headers = {"Content-Disposition": f'attachment; filename="call-{call_id}.xapi.json"'} if download else None
    return JSONResponse(statement, headers=headers)


@router.get("", response_model=list[CallOut])
def list_calls(
    scenario_id: str | None = Query(None, max_length=64),
    limit_: int = Query(50, ge=1, le=500, alias="limit"),
    user: SignedInUser = Depends(require_role("trainee", "instructor", "supervisor")),
    b: ApiBackends = Depends(backends),
) -> list[CallOut]:
    """Stored calls, newest first (a trainee's own only)."""
    with db_session(b) as s:
        rows = queries.list_calls(s, trainee_id=own_filter(user), scenario=scenario_id, limit=limit_)
    return [
        CallOut(
            call_id=r["id"],
            scenario_id=r["scenario"],
            mode=r["mode"],
            status=r["status"],
            live=False,
            trainee_id=r["trainee_id"],
            started_at=r["started_at"],
            end_reason=r["end_reason"],
            score=r["score"],
            grade=r["grade"],
        )
        for r in rows
    ]
