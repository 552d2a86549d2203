"""An instructor overrules the grader on a stored call: the call is re-scored from its own
timeline, the grader's result and who changed what are kept, analytics counts upheld
findings per scorer version, and corrected lines export as retrain-ready JSONL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

import db
from cli import main as cli_main
from db import cli_commands
from db.engine import get_engine
from db.overrides import OverrideError, export_corrections, overrule, upheld_by_scorer_version
from db.recorder import DbRecorder
from sim_core.nlp.retrain import load_corrections
from sim_core.persist.outbox import FileOutbox
from sim_core.scenario import parse_scenario_yaml
from tests.unit.test_grading_protocol import play

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings)
    return get_engine(settings)


def _stored_unsafe_call(engine, tmp_path):
    yaml_text = (ROOT / "scenarios" / "burglary.yaml").read_text()
    with db.session_scope(engine) as s:
        trainee = db.create_user(s, username="tina", display_name="Tina", role="trainee", password="pw-trainee-1").id
        instructor = db.create_user(
            s, username="ivan", display_name="Ivan", role="instructor", password="pw-instructor-1"
        ).id
        version = db.save_scenario_version(
            s, scenario=parse_scenario_yaml(yaml_text), yaml_text=yaml_text, author_id=None
        ).id
    call = play("burglary", "unsafe")
    recorder = DbRecorder(engine, FileOutbox(tmp_path / "outbox"))
    cid = str(uuid.uuid4())
    recorder.call_started(
        call_id=cid,
        trainee_id=str(trainee),
        scenario_id="burglary",
        scenario_version_id=str(version),
        mode="text",
        started_at=datetime.now(UTC),
    )
    for ev in call.timeline:
        recorder.record(call_id=cid, event=ev)
    recorder.call_finished(call_id=cid, result=call.result.to_dict())
    assert recorder.pending == 0
    return cid, instructor, call.result


def test_dismissed_finding_rescores_and_keeps_the_graders_result(engine, tmp_path):
    cid, instructor, graded = _stored_unsafe_call(engine, tmp_path)
    unsafe = next(f for f in graded.findings if f.kind == "unsafe")
    with db.session_scope(engine) as s:
        overrule(
            s,
            call_id=cid,
            author_id=instructor,
            kind="dismiss",
            finding_id=unsafe.id,
            reason="The caller was upstairs and was told to stay there first.",
        )
    with db.session_scope(engine) as s:
        m = db.get_call(s, call_id=cid)["metrics"]
    assert m["score"] > graded.score
    assert unsafe.id not in {f["id"] for f in m["findings"]}
    assert m["original"]["score"] == graded.score and m["original"]["scorer_version"] == graded.scorer_version
    assert m["overrides"][0]["by"] == "ivan" and m["overrides"][0]["reason"].startswith("The caller")
    with db.session_scope(engine) as s:
        stats = upheld_by_scorer_version(s)
    assert stats[0]["scorer_version"] == graded.scorer_version and stats[0]["dismissed"] == stats[0]["overturned"] == 1
    assert stats[0]["upheld_share"] == pytest.approx(1 - 1 / len(graded.findings), abs=1e-3)


def test_marked_act_and_corrections_export(engine, tmp_path):
    cid, instructor, graded = _stored_unsafe_call(engine, tmp_path)
    with db.session_scope(engine) as s:
        overrule(
            s,
            call_id=cid,
            author_id=instructor,
            kind="mark_done",
            act="instruct_stay_on_line",
            line=0,
            reason="Line 1 told her to stay on the line.",
        )
        second = overrule(
            s,
            call_id=cid,
            author_id=instructor,
            kind="dismiss",
            finding_id="cad:cad:call",
            reason="The console was down during this exercise.",
        )
    assert "missing:instruct_stay_on_line:call" not in {f["id"] for f in second["findings"]}
    assert second["original"]["score"] == graded.score  # the first result, not the re-score
    with db.session_scope(engine) as s:
        with pytest.raises(OverrideError):
            overrule(s, call_id=cid, author_id=instructor, kind="dismiss", finding_id="nope:x:call", reason="r")
        n = export_corrections(s, tmp_path / "corrections.jsonl")
    rows = load_corrections(tmp_path / "corrections.jsonl")
    assert n == len(rows) == 1 and "instruct_stay_on_line" in rows[0]["acts"]


def test_export_corrections_command_writes_what_retrain_reads(engine, tmp_path, monkeypatch, capsys, db_url):
    cid, instructor, graded = _stored_unsafe_call(engine, tmp_path)
    unsafe = next(f for f in graded.findings if f.kind == "unsafe")
    with db.session_scope(engine) as s:
        overrule(
            s,
            call_id=cid,
            author_id=instructor,
            kind="dismiss",
            finding_id=unsafe.id,
            reason="Checking the stairs from the bedroom door was safe here.",
        )
    settings = _settings_for(db_url, tmp_path)
    monkeypatch.setattr(cli_main, "get_settings", lambda: settings)
    out = tmp_path / "fixes.jsonl"
    assert cli_main.main(["nlp", "export-corrections", "--out", str(out)]) == 0
    rows = load_corrections(out)
    assert [r["text"] for r in rows] == [unsafe.quote]
    assert "unsafe_instruction" not in rows[0]["acts"]
    assert "1 corrected line" in capsys.readouterr().out


def _settings_for(db_url, tmp_path):
    from sim_core.settings import load_settings

    return load_settings(database_url=db_url, redis_url="", s3_endpoint="", data_dir=tmp_path / "data", llm_api_key="")
