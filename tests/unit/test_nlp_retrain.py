"""`python -m sim_core nlp retrain`: instructors' corrections become training data, the
new model is scored before/after on the never-trained sets, and the previous one can be
restored. Runs on a tiny copy of the data so that training takes seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim_core import cli
from sim_core.nlp import learned_acts, retrain


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture()
def tiny_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    acts = [
        {"text": "where are you?", "acts": ["ask_address"]},
        {"text": "is he breathing?", "acts": ["ask_breathing"]},
        {"text": "okay", "acts": ["other"]},
        {"text": "help is on the way", "acts": ["dispatch_notice"]},
    ]
    for split in ("dev", "heldout", "fresh"):
        _write(data / f"acts_{split}.jsonl", acts)
        _write(data / f"entities_{split}.jsonl", [{"text": "he is 67", "entities": [[6, 8, "AGE"]]}])
    _write(
        data / "acts_blind.jsonl",
        [
            {"text": "wherez the fire at", "acts": ["ask_address"]},
            {"text": "is he breathing?", "acts": ["ask_breathing"]},
        ],
    )
    monkeypatch.setattr(learned_acts, "DATA_DIR", data)
    monkeypatch.setattr(learned_acts, "MODEL_DIR", data / ".model")
    monkeypatch.setattr(learned_acts, "ACTIVE_FILE", data / ".model" / "ACTIVE.json")
    monkeypatch.setattr(learned_acts, "EPOCHS", 3)
    yield data
    learned_acts.reload()


def test_retrain_uses_corrections_reports_before_after_and_keeps_the_previous_model(tiny_data):
    first = retrain.retrain([], base=tiny_data)
    assert first.model.is_dir() and first.previous is None
    assert "blind" in first.after and first.before == {}

    corrections = [{"text": "wherez the fire at", "acts": ["ask_address"]}]
    second = retrain.retrain(corrections, base=tiny_data)
    assert second.model != first.model and second.previous == first.model
    assert first.model.is_dir()  # kept for rollback
    assert learned_acts.current_path() == second.model  # the pipeline now uses it
    assert second.before["blind"] == first.after["blind"]  # "before" is the model that was in use
    assert any("before" in line and "after" in line for line in second.lines())

    assert retrain.rollback() == first.model
    assert learned_acts.current_path() == first.model


def test_the_first_retrain_keeps_the_repository_model_for_rollback(tiny_data):
    repository_model = learned_acts.train()  # what setup builds
    report = retrain.retrain([{"text": "wherez the fire at", "acts": ["ask_address"]}], base=tiny_data)
    assert report.previous == repository_model and repository_model.is_dir()
    assert retrain.rollback() == repository_model
    assert learned_acts.current_path() == repository_model


def test_rollback_without_a_previous_model_says_so(tiny_data):
    with pytest.raises(FileNotFoundError):
        retrain.rollback()


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "where are you", "acts": ["ask_adress"]}', "unknown act"),
        ('{"text": "", "acts": ["ask_address"]}', "non-empty"),
        ("not json", "not JSON"),
    ],
)
def test_bad_corrections_are_refused_with_the_line_number(tmp_path, line, message):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "where are you", "acts": ["ask_address"]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(retrain.CorrectionError, match=f":2: .*{message}"):
        retrain.load_corrections(path)


def test_cli_refuses_a_bad_corrections_file(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "x", "acts": ["nope"]}\n', encoding="utf-8")
    assert cli.main(["nlp", "retrain", "--corrections", str(path)]) != 0
    assert "unknown act" in capsys.readouterr().err
