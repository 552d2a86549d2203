"""Request and response bodies of the REST endpoints (pydantic; shown in /docs)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from db.models import Role
from db.signed_in import SignedInUser
from sim_core.call_status import CallMode as Mode


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- auth ------------------------------------------------------------------------------
class TokenRequest(Strict):
    """Either a username and password, or an API token an admin issued."""

    username: str | None = Field(None, min_length=1, max_length=64)
    password: str | None = Field(None, min_length=1, max_length=1024)
    api_token: str | None = Field(None, min_length=20, max_length=128)

    @model_validator(mode="after")
    def _one_way(self) -> TokenRequest:
        if self.api_token is None and not (self.username and self.password):
            raise ValueError("send username and password, or api_token")
        if self.api_token is not None and (self.username or self.password):
            raise ValueError("send either username and password or api_token, not both")
        return self


class UserOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: Role

    @classmethod
    def of(cls, user: SignedInUser) -> UserOut:
        return cls(id=user.id, username=user.username, display_name=user.display_name or "", role=user.role)


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the token stops working")
    user: UserOut


class ApiTokenRequest(Strict):
    username: str = Field(min_length=1, max_length=64)
    days: float | None = Field(None, gt=0, le=3650, description="lifetime; default API_TOKEN_DAYS")


class ApiTokenOut(BaseModel):
    api_token: str = Field(description="shown once; only its hash is stored")
    username: str
    expires_at: datetime


# --- scenarios -----------------------------------------------------------------------------
class ScenarioSummary(BaseModel):
    id: str
    title: str
    call_type: str
    difficulty: str
    description: str = ""
    version: int
    status: Literal["published", "draft"] = Field(
        description="the version's: published (trainees get it) or draft (the editor's)"
    )


class ScenarioDetail(ScenarioSummary):
    content: dict[str, Any] | None = Field(
        None, description="the whole scenario (instructors, supervisors and admins only: it holds the caller's truth)"
    )


class ScenarioCreate(Strict):
    """A new scenario, as the editor's form (`scenario`) or its YAML tab (`yaml`)."""

    scenario: dict[str, Any] | None = None
    yaml: str | None = Field(None, max_length=256 * 1024)

    @model_validator(mode="after")
    def _one(self) -> ScenarioCreate:
        if (self.scenario is None) == (self.yaml is None):
            raise ValueError("send exactly one of scenario (an object) or yaml (text)")
        return self


# --- calls ---------------------------------------------------------------------------------
class CallStart(Strict):
    scenario_id: str = Field(min_length=1, max_length=64)
    mode: Mode = "text"
    answer: bool = Field(
        True,
        description="pick up at once (the caller's opening comes back); "
        "false leaves the phone ringing until the first line",
    )


class CallStarted(BaseModel):
    call_id: str
    status: Literal["ringing", "active"]
    mode: Mode
    scenario: ScenarioSummary
    opening: str | None = Field(None, description="what the caller said on answering")
    emotion: str
    websocket: str = Field(description="path of the call's WebSocket")


class CallOut(BaseModel):
    call_id: str
    scenario_id: str
    mode: str
    status: str = Field(description="ringing | active | ended (live) or in_progress | ended | scored (stored)")
    live: bool = Field(description="true while this call can still be talked to")
    trainee_id: str | None = None
    started_at: datetime | None = None
    clock_s: float | None = Field(None, description="seconds since the phone rang")
    muted: bool = False
    held: bool = False
    emotion: str | None = None
    end_reason: str | None = None
    score: float | None = None
    grade: str | None = None


class TranscriptLine(BaseModel):
    speaker: Literal["caller", "trainee"]
    text: str
    t: float = Field(description="seconds since the call was answered")
    entities: list[dict[str, Any]] = []


class TranscriptOut(BaseModel):
    call_id: str
    status: str
    lines: list[TranscriptLine]


class ScoreOut(BaseModel):
    call_id: str
    score: float
    grade: str
    level: str = Field(description="compliance level: high | compliant | partial | low | non_compliant")
    end_reason: str | None = None
    metrics: dict[str, Any]
    categories: dict[str, Any]
    findings: list[dict[str, Any]]


class Problem(BaseModel):
    detail: Any


__all__ = [
    "ApiTokenOut",
    "ApiTokenRequest",
    "CallOut",
    "CallStart",
    "CallStarted",
    "Mode",
    "Problem",
    "ScenarioCreate",
    "ScenarioDetail",
    "ScenarioSummary",
    "ScoreOut",
    "TokenOut",
    "TokenRequest",
    "TranscriptLine",
    "TranscriptOut",
    "UserOut",
]
