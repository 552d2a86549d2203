"""Replay a scripted trainee transcript through a full simulated call.

A transcript is JSON lines: `{"t": seconds, "text": "..."}` for what the
trainee says, `{"t": seconds, "cad": {...}}` for CAD entries and
`{"t": seconds, "control": "interpreter"}` for a call control (mute, hold,
resume, interpreter), with times in seconds since the phone started ringing,
never going backwards.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .call_status import CallStatus
from .scenario import Scenario
from .session import CONTROLS, CallSession

TICK_S = 1.0
# A real call is a few hundred lines at most; these bound what one `eval` may cost.
MAX_LINES = 5000
MAX_CHARS = 4 * 1024 * 1024
MAX_CALL_S = 4 * 3600.0


class TranscriptError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Step:
    t: float
    text: str | None = None
    cad: dict[str, Any] | None = None
    control: str | None = None


def _time(row: dict[str, Any], where: str) -> float:
    raw = row["t"]
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise TranscriptError(f'{where}: "t" must be a number of seconds')
    try:
        t = float(raw)
    except ValueError:
        raise TranscriptError(f'{where}: "t" must be a number of seconds') from None
    if not math.isfinite(t):
        raise TranscriptError(f'{where}: "t" must be a finite number of seconds (got {raw!r})')
    if not 0.0 <= t <= MAX_CALL_S:
        raise TranscriptError(f'{where}: "t" must be between 0 and {MAX_CALL_S:g} seconds (got {t:g})')
    return t


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number of seconds")


def parse_transcript(lines: Iterable[str], source: str = "<transcript>") -> list[Step]:
    steps: list[Step] = []
    last, size = 0.0, 0
    for n, raw in enumerate(lines, 1):
        size += len(raw)
        if size > MAX_CHARS or n > MAX_LINES:
            raise TranscriptError(
                f"{source}: too large (at most {MAX_LINES} lines and {MAX_CHARS // (1024 * 1024)} MB)"
            )
        if not raw.strip():
            continue
        try:
            row = json.loads(raw, parse_constant=_reject_constant)
        except ValueError as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise TranscriptError(f"{source} line {n}: not valid JSON ({why})") from None
        if not isinstance(row, dict) or "t" not in row:
            raise TranscriptError(f'{source} line {n}: each line needs a "t" (seconds) field')
        t = _time(row, f"{source} line {n}")
        if t < last:
            raise TranscriptError(f"{source} line {n}: time {t:g}s is earlier than the previous {last:g}s")
        last = t
        if isinstance(row.get("text"), str):
            steps.append(Step(t, text=row["text"]))
        elif isinstance(row.get("cad"), dict):
            steps.append(Step(t, cad=row["cad"]))
        elif row.get("control") in CONTROLS and row["control"] != "end":
            steps.append(Step(t, control=row["control"]))
        else:
            raise TranscriptError(
                f'{source} line {n}: needs "text" (a string), "cad" (an object) '
                f'or "control" (one of {", ".join(c for c in CONTROLS if c != "end")})'
            )
    if not any(s.text for s in steps):
        raise TranscriptError(f'{source}: no trainee line ("text") in the transcript')
    return steps


def load_transcript(path: str | Path) -> list[Step]:
    path = Path(path)
    try:
        if path.stat().st_size > 4 * MAX_CHARS:  # utf-8: at most 4 bytes a character
            raise TranscriptError(f"{path}: too large (at most {MAX_CHARS // (1024 * 1024)} MB)")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"{path}: cannot read ({exc})") from None
    return parse_transcript(text.splitlines(), str(path))


def run_transcript(scenario: Scenario, steps: list[Step], *, seed: int = 0, **session_kwargs: Any) -> CallSession:
    """Play the steps against the simulated caller on a virtual clock; returns the ended call."""
    call = CallSession.start(scenario, seed=seed, clock=lambda: 0.0, **session_kwargs)
    now = 0.0
    for step in steps:
        if call.status == CallStatus.ENDED:
            break
        if call.status == CallStatus.ACTIVE:
            while now + TICK_S < step.t and call.status == CallStatus.ACTIVE:
                now += TICK_S
                call.tick(now)
        now = step.t
        if call.ended:  # the caller hung up while time passed
            break
        if step.text is not None:
            call.trainee_says(step.text, at=step.t)
        elif step.control is not None and call.status == CallStatus.ACTIVE:
            call.control(step.control, at=step.t)
        elif call.status == CallStatus.ACTIVE:
            call.cad_update(step.cad or {}, at=step.t)
    if call.status != CallStatus.ENDED:
        call.end(at=max(now, call.timeline.last_t) + 1.0)
    return call


def eval_report(call: CallSession) -> dict[str, Any]:
    assert call.result is not None
    r = call.result
    answered = call.answered_at or 0.0
    transcript = [
        {"t": round(e.t - answered, 2), "speaker": speaker, "text": e.payload.text}
        for speaker, e in call.timeline.said()
    ]
    return {
        "scenario": call.scenario.id,
        "score": r.score,
        "grade": r.grade,
        "metrics": r.metrics,
        "categories": r.categories,
        "findings": [
            {
                "id": f.id,
                "t": f.t,
                "kind": f.kind,
                "category": f.category,
                "message": f.message,
                "points": f.points,
                "overall_points": f.overall_points,
                "critical": f.critical,
            }
            for f in r.findings
        ],
        "transcript": transcript,
    }
