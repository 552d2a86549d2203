"""Settings: embedded defaults, env overrides, clear errors naming the variable."""

import pytest

from sim_core.settings import SettingsError, load_settings


def test_defaults_need_nothing(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for var in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT", "LLM_API_KEY", "OPENROUTER_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    s = load_settings()
    assert s.effective_database_url.startswith("sqlite:///")
    assert s.redis_url == "" and s.s3_endpoint == ""
    assert s.llm_base_url.startswith("https://openrouter.ai") and not s.llm_configured


def test_openrouter_key_alias(monkeypatch):
    monkeypatch.delenv("LLM_API_KEY", raising=False)
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-test")
    s = load_settings()
    assert s.llm_api_key == "sk-or-test" and s.llm_configured
    assert "sk-or-test" not in str(s.public_summary())


def test_postgres_url_uses_psycopg3(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:hunter2xyz@127.0.0.1:5432/test")
    s = load_settings()
    assert s.effective_database_url.startswith("postgresql+psycopg://")
    assert "hunter2xyz" not in str(s.public_summary())


@pytest.mark.parametrize(
    "var,value",
    [
        ("LLM_TIMEOUT_S", "-1"),
        ("AUDIO_SAMPLE_RATE", "12345"),
        ("REDIS_URL", "localhost:6379"),
        ("TTS_BACKEND", "robot"),
    ],
)
def test_invalid_values_name_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsError, match=var):
        load_settings()


SECRETS = ("hunter2xyz", "r3dispw", "sslpw99", "apikey77", "tok3n55")


def _with_secrets_in_urls(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:hunter2xyz@db.internal:5432/sim?sslpassword=sslpw99")
    monkeypatch.setenv("REDIS_URL", "redis://:r3dispw@cache.internal:6379/0")
    monkeypatch.setenv("LLM_BASE_URL", "https://llm.internal/v1?api_key=apikey77")
    monkeypatch.setenv("SPEECH_BASE_URL", "https://speaker:tok3n55@speech.internal/v1")
    monkeypatch.setenv("ADMIN_PASSWORD", "root-password-1")
    return load_settings()


def test_no_password_in_a_url_reaches_the_admin_page_or_a_log_line(monkeypatch):
    s = _with_secrets_in_urls(monkeypatch)
    for shown in (str(s.public_summary()), repr(s), str(s)):
        for secret in SECRETS + ("root-password-1",):
            assert secret not in shown
    summary = s.public_summary()
    assert summary["database_url"] == "postgresql://u:***@db.internal:5432/sim?sslpassword=***"
    assert summary["redis_url"] == "redis://:***@cache.internal:6379/0"
    assert summary["admin_password"] == "set"
    assert s.database_url.endswith("sslpassword=sslpw99")  # the real value is untouched


def test_the_database_url_shown_in_messages_hides_every_secret(monkeypatch):
    from db.engine import safe_url

    s = _with_secrets_in_urls(monkeypatch)
    shown = safe_url(s.effective_database_url)
    assert "hunter2xyz" not in shown and "sslpw99" not in shown and "db.internal" in shown


@pytest.mark.parametrize("var,value", [("CALL_ABANDON_S", "5"), ("CALL_CLOCK_S", "0")])
def test_call_clock_settings_refuse_values_that_would_end_live_calls(monkeypatch, var, value):
    """An abandon time under 10 s would end calls of trainees who are only thinking."""
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsError, match=var):
        load_settings()
    monkeypatch.delenv(var)
    s = load_settings()
    assert s.call_abandon_s == 180.0 and s.call_clock_s == 1.0
