"""The evaluation reports every set, a never-tuned one marked as such, even one without entity rows."""

import json

from sim_core.cli import main
from sim_core.nlp import evaluate
from sim_core.nlp.evaluate import NEVER_TRAINED, NEVER_TUNED, summary


def test_a_never_tuned_set_is_reported_as_such_and_the_sets_tuned_on_are_not(tmp_path):
    rows = [{"text": "is he breathing?", "acts": ["ask_breathing"]}, {"text": "okay, okay, hold on", "acts": ["other"]}]
    for split in ("calls5", "calls6"):
        (tmp_path / f"acts_{split}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "acts_probe.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    (tmp_path / "entities_probe.jsonl").write_text(
        json.dumps({"text": "the wires are down", "entities": [[4, 18, "HAZARD"]]}) + "\n", encoding="utf-8"
    )
    by_split = {r["split"]: r for r in summary(tmp_path)}
    assert by_split["calls6"]["never_tuned"] is True
    assert by_split["calls6"]["acts_micro_f1"] == 1.0 and by_split["calls6"]["exact_act_set"] == 1.0
    assert by_split["calls5"]["never_tuned"] is False
    assert by_split["probe"]["never_tuned"] is False and by_split["probe"]["entities_overlap_f1"] == 1.0


def test_sets_tuned_on_are_still_never_trained_on():
    assert set(NEVER_TUNED) <= set(NEVER_TRAINED)
    assert {"blind", "calls", "calls2", "calls3", "calls4", "calls5"} <= set(NEVER_TRAINED) - set(NEVER_TUNED)


def test_evaluating_a_set_that_is_not_there_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(evaluate, "DATA_DIR", tmp_path)
    assert main(["nlp", "evaluate", "calls3"]) != 0
    assert "calls3" in capsys.readouterr().err
