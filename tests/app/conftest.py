"""AppTest fixtures: one temporary database for the session, real accounts for
every role, and a recorded call per trainee."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.app.app_helpers import PASSWORD

_TMP = tempfile.mkdtemp(prefix="app-tests-")
os.environ["DATA_DIR"] = _TMP
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
os.environ.pop("S3_ENDPOINT", None)
os.environ["CALLER_ACTOR"] = "scripted"
os.environ["ADMIN_USERNAME"] = "root"
os.environ["ADMIN_PASSWORD"] = "root-password-1"
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def accounts() -> dict[str, dict]:
    from sim_core.settings import get_settings
    get_settings.cache_clear()
    from db.cli_commands import seed, upgrade
    from db.engine import get_engine, session_scope
    from db.users import create_user, get_user_by_username
    settings = get_settings()
    upgrade(settings)
    seed(settings)
    out = {}
    with session_scope(get_engine(settings)) as s:
        for name, role in (("tina", "trainee"), ("tom", "trainee"), ("ivan", "instructor"),
                           ("sue", "supervisor"), ("ada", "admin")):
            u = get_user_by_username(s, username=name) or create_user(
                s, username=name, display_name=name.capitalize(), role=role, password=PASSWORD)
            out[name] = {"id": str(u.id), "username": u.username, "display_name": u.display_name,
                         "role": u.role}
    return out


@pytest.fixture(scope="session")
def recorded_calls(accounts) -> dict[str, str]:
    """One finished, recorded call for each trainee: name → call id."""
    from db.recorder import build_recorder
    from sim_core.scenario import ScenarioLibrary
    from sim_core.session import CallSession
    from sim_core.settings import get_settings
    settings = get_settings()
    lib = ScenarioLibrary(settings.scenarios_dir)
    rec = build_recorder(settings)
    out = {}
    now = time.time()
    for name in ("tina", "tom"):
        call = CallSession.start(lib.get("cardiac-arrest"), trainee_id=accounts[name]["id"],
                                 recorder=rec, clock=lambda: now)
        call.trainee_says("911, what is the address of your emergency?", at=3.0)
        call.cad_update({"address": "1425 Oak Street", "priority": 1,
                         "incident_type": "cardiac arrest"}, at=8.0)
        call.trainee_says("Is he breathing normally?", at=12.0)
        call.end(at=30.0)
        out[name] = call.call_id
    if hasattr(rec, "flush"):
        rec.flush()
    return out
