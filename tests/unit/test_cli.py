"""The CLI as a user runs it: real processes, real exit codes, readable errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "sim_core", *args], input=stdin, text=True, capture_output=True, cwd=ROOT, timeout=120
    )


def test_scenarios_list_shows_the_seeds():
    out = run("scenarios", "list")
    assert out.returncode == 0
    assert "cardiac-arrest" in out.stdout and "domestic-violence" in out.stdout


def test_validate_reports_a_bad_file(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: broken\ntitle: x\n")
    out = run("scenarios", "validate", str(bad), str(ROOT / "scenarios" / "burglary.yaml"))
    assert out.returncode == 1
    assert "INVALID" in out.stdout and "caller: Field required" in out.stdout
    assert "ok" in out.stdout and "Traceback" not in out.stderr


def test_classify_writes_one_json_object_per_line():
    out = run("classify", stdin="where are you calling from\nIs he breathing?\n\n")
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(rows) == 3
    assert "ask_address" in rows[0]["acts"] and "ask_breathing" in rows[1]["acts"]
    assert set(rows[0]) == {"text", "acts", "entities"}


def test_eval_prints_the_whole_report():
    out = run(
        "eval",
        "--scenario",
        "cardiac-arrest",
        "--transcript",
        str(ROOT / "tests/data/transcripts/cardiac-arrest.good.jsonl"),
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"scenario", "score", "grade", "metrics", "categories", "findings", "transcript"}
    assert report["metrics"]["time_to_first_compression"] is not None
    assert {x["speaker"] for x in report["transcript"]} == {"caller", "trainee"}


def test_eval_bad_inputs_give_one_clear_line(tmp_path):
    bad_json = tmp_path / "t.jsonl"
    bad_json.write_text('{"t": 5, "text": "hello"}\n{"t": oops}\n')
    out = run("eval", "--scenario", "cardiac-arrest", "--transcript", str(bad_json))
    assert out.returncode == 1 and "line 2: not valid JSON" in out.stderr
    backwards = tmp_path / "b.jsonl"
    backwards.write_text('{"t": 9, "text": "hello"}\n{"t": 4, "text": "again"}\n')
    out = run("eval", "--scenario", "cardiac-arrest", "--transcript", str(backwards))
    assert out.returncode == 1 and "earlier than the previous" in out.stderr
    out = run("eval", "--scenario", "no-such-thing", "--transcript", str(backwards))
    assert out.returncode == 1 and "unknown scenario" in out.stderr
    assert "Traceback" not in out.stderr


def test_play_with_a_script(tmp_path):
    script = tmp_path / "lines.txt"
    script.write_text("911, what's the address of your emergency?\nIs he breathing?\n/end\n")
    out = run("play", "cardiac-arrest", "--script", str(script))
    assert out.returncode == 0
    assert "1425 Oak Street" in out.stdout and "Score" in out.stdout


def test_play_a_whole_call_transcript_keeps_its_cad_entries_off_the_line(tmp_path):
    """A transcript in the eval format plays as a call: CAD rows go to CAD, not to the caller."""
    script = tmp_path / "call.jsonl"
    script.write_text(
        '{"t": 4, "text": "911, what is the address of your emergency?"}\n'
        '{"t": 12, "cad": {"address": "1425 Oak Street", "incident_type": "cardiac arrest", "priority": 1}}\n'
        '{"t": 14, "text": "Is he breathing?"}\n'
    )
    out = run("play", "cardiac-arrest", "--script", str(script))
    assert out.returncode == 0, out.stderr
    assert "CALLER:" in out.stdout and "1425 Oak Street" in out.stdout
    assert '"cad"' not in out.stdout and "No CAD incident was entered" not in out.stdout
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n")
    out = run("play", "cardiac-arrest", "--script", str(broken))
    assert out.returncode == 1 and "Traceback" not in out.stderr


def test_bad_setting_is_one_line():
    out = subprocess.run(
        [sys.executable, "-m", "sim_core", "scenarios", "list"],
        text=True,
        capture_output=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin", "LLM_TIMEOUT_S": "abc"},
    )
    assert out.returncode == 1 and "LLM_TIMEOUT_S" in out.stderr and "Traceback" not in out.stderr


def test_eval_runs_a_scenario_file_outside_the_library(tmp_path):
    """An instructor's own file (any name, an id not in the library) is played and scored."""
    text = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()
    assert "1425 Oak Street" in text
    mine = tmp_path / "draft for tuesday.yaml"
    mine.write_text(text.replace("id: cardiac-arrest", "id: tuesday-arrest", 1))
    out = run(
        "eval",
        "--scenario-file",
        str(mine),
        "--transcript",
        str(ROOT / "tests/data/transcripts/cardiac-arrest.good.jsonl"),
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["scenario"] == "tuesday-arrest"
    assert report["metrics"]["time_to_first_compression"] is not None


def test_eval_with_a_malformed_scenario_file_says_what_is_wrong(tmp_path):
    transcript = str(ROOT / "tests/data/transcripts/cardiac-arrest.good.jsonl")
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n")
    out = run("eval", "--scenario-file", str(broken), "--transcript", transcript)
    assert out.returncode == 1 and "broken.yaml is not a usable scenario" in out.stderr
    assert "malformed YAML" in out.stderr
    thin = tmp_path / "thin.yaml"
    thin.write_text("id: thin\ntitle: Only a title\n")
    out = run("eval", "--scenario-file", str(thin), "--transcript", transcript)
    assert out.returncode == 1 and "caller: Field required" in out.stderr
    out = run("eval", "--scenario-file", str(tmp_path / "absent.yaml"), "--transcript", transcript)
    assert out.returncode == 1 and "cannot read the file" in out.stderr
    out = run("eval", "--scenario", "cardiac-arrest", "--scenario-file", str(thin), "--transcript", transcript)
    assert out.returncode == 2 and "not allowed with" in out.stderr
    assert "Traceback" not in out.stderr


def app_cli(*args, data_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT")}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        env={**env, "DATA_DIR": str(data_dir)},
    )


def test_prestart_brings_a_fresh_database_to_head_and_seeds_it(tmp_path):
    before = app_cli("db", "status", data_dir=tmp_path)
    assert before.returncode == 1 and json.loads(before.stdout)["at_head"] is False
    out = app_cli("prestart", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "database at head" in out.stdout and " 0 skipped" in out.stdout
    assert app_cli("db", "status", data_dir=tmp_path).returncode == 0
    again = app_cli("prestart", data_dir=tmp_path)  # a restart changes nothing
    assert "0 new version(s)" in again.stdout
    doctor = app_cli("doctor", data_dir=tmp_path)
    assert doctor.returncode == 0 and "database" in doctor.stdout and "at revision" in doctor.stdout


def test_the_application_cli_keeps_the_simulator_commands_and_explains_bad_input(tmp_path):
    listed = app_cli("scenarios", "list", data_dir=tmp_path)
    assert listed.returncode == 0 and "cardiac-arrest" in listed.stdout
    short = app_cli("users", "add", "tina", "--role", "trainee", "--password", "x", data_dir=tmp_path)
    assert short.returncode == 1 and short.stderr.startswith("error:")
    assert "Traceback" not in short.stderr
