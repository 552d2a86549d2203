"""The evaluation reports every never-tuned set, marked as such, even one without entity rows."""
import json

from sim_core.nlp.evaluate import NEVER_TUNED, summary


def test_calls2_is_reported_as_never_tuned(tmp_path):
    rows = [{"text": "is he breathing?", "acts": ["ask_breathing"]}, {"text": "okay, okay, hold on", "acts": ["other"]}]
    (tmp_path / "acts_calls2.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "acts_probe.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    (tmp_path / "entities_probe.jsonl").write_text(
        json.dumps({"text": "the wires are down", "entities": [[4, 18, "HAZARD"]]}) + "\n", encoding="utf-8")
    by_split = {r["split"]: r for r in summary(tmp_path)}
    assert "calls2" in NEVER_TUNED and by_split["calls2"]["never_tuned"] is True
    assert by_split["calls2"]["acts_micro_f1"] == 1.0 and by_split["calls2"]["exact_act_set"] == 1.0
    assert by_split["probe"]["never_tuned"] is False and by_split["probe"]["entities_overlap_f1"] == 1.0
