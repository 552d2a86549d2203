"""AppTest fixtures: one temporary database for the tests in this folder, real accounts
for every role, and a recorded call per trainee."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from db.bootstrap import prestart
from db.engine import get_engine, session_scope
from db.recorder import build_recorder
from db.users import create_user, get_user_by_username
from sim_core.scenario import ScenarioLibrary
from sim_core.session import CallSession
from sim_core.settings import get_settings
from tests.app.app_helpers import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
APP_ENV = {"CALLER_ACTOR": "scripted", "ADMIN_USERNAME": "root", "ADMIN_PASSWORD": "root-password-1"}
UNSET = ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT")


@pytest.fixture(scope="package", autouse=True)
def app_settings(tmp_path_factory):
    """The pages' settings for the tests in this folder only: a temporary DATA_DIR (SQLite,
    local audio), in-memory call state and the scripted caller, with the database migrated
    and seeded as `python -m cli prestart` does. The environment is restored afterwards."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATA_DIR", str(tmp_path_factory.mktemp("app-tests")))
        for name in UNSET:
            mp.delenv(name, raising=False)
        for name, value in APP_ENV.items():
            mp.setenv(name, value)
        get_settings.cache_clear()
        settings = get_settings()
        prestart(settings)
        yield settings
    get_settings.cache_clear()


@pytest.fixture(scope="package")
def accounts(app_settings) -> dict[str, dict]:
    settings = app_settings
    out = {}
    with session_scope(get_engine(settings)) as s:
        for name, role in (
            ("tina", "trainee"),
            ("tom", "trainee"),
            ("ivan", "instructor"),
            ("sue", "supervisor"),
            ("ada", "admin"),
        ):
            u = get_user_by_username(s, username=name) or create_user(
                s, username=name, display_name=name.capitalize(), role=role, password=PASSWORD
            )
            out[name] = {"id": str(u.id), "username": u.username, "display_name": u.display_name, "role": u.role}
    return out


@pytest.fixture(scope="package")
def recorded_calls(accounts, app_settings) -> dict[str, str]:
    """One finished, recorded call for each trainee: name → call id."""
    settings = app_settings
    lib = ScenarioLibrary(settings.scenarios_dir)
    rec = build_recorder(settings)
    out = {}
    now = time.time()
    for name in ("tina", "tom"):
        call = CallSession.start(
            lib.get("cardiac-arrest"), trainee_id=accounts[name]["id"], recorder=rec, clock=lambda: now
        )
        call.trainee_says("911, what is the address of your emergency?", at=3.0)
        call.cad_update({"address": "1425 Oak Street", "priority": 1, "incident_type": "cardiac arrest"}, at=8.0)
        call.trainee_says("Is he breathing normally?", at=12.0)
        call.end(at=30.0)
        out[name] = call.call_id
    if hasattr(rec, "flush"):
        rec.flush()
    return out
