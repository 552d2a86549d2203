"""The trained act classifier beside the rules: built by setup from the repository's
data, asked only where the rules find no act."""

import pytest

from sim_core.nlp import learned_acts
from sim_core.nlp.pipeline import analyze, united_acts
from tests.missing import missing


@pytest.fixture()
def model():
    if not learned_acts.available():
        missing("no trained act model: run python -m sim_core.nlp.train_acts (scripts/setup.sh does)")


def test_the_model_catches_a_wording_the_rules_miss(model, monkeypatch):
    text = "Did you get a look at him?"
    assert set(analyze(text).acts) == {"ask_suspect"}
    monkeypatch.setattr(learned_acts, "predict", lambda _text: {})  # the rules alone
    assert set(analyze(text).acts) == {"other"}


def test_filler_and_caller_statements_stay_other(model):
    assert analyze("ok one second").acts == ("other",)
    assert "ask_breathing" not in analyze("He collapsed, he is not breathing").acts


def test_the_rules_win_when_they_find_an_act():
    asked = []

    def model(acts):
        return lambda: asked.append(acts) or acts

    assert united_acts({"reassure": 0.85}, model({"calm_control": 0.55})) == {"reassure": 0.85}
    assert asked == []  # the model was not even asked
    assert united_acts({"other": 0.9}, model({"ask_suspect": 0.66})) == {"ask_suspect": 0.66}
    assert united_acts({"other": 0.9}, model({})) == {"other": 0.9}


def test_the_blind_set_is_never_training_data():
    assert all("blind" not in path.name for path in learned_acts._training_files())


def test_acts_no_rule_is_written_for_come_from_the_model_on_every_line():
    asked = []

    def model(acts):
        return lambda: asked.append(acts) or acts

    rule_less = frozenset({"instruct_cpr_hands", "victim_blaming"})
    got = united_acts({"instruct_cpr": 0.95}, model({"instruct_cpr_hands": 0.8, "ask_name": 0.7}), rule_less)
    assert got == {"instruct_cpr": 0.95, "instruct_cpr_hands": 0.8}  # never an act the rules own
    assert united_acts({"ask_age": 0.9}, model({}), rule_less) == {"ask_age": 0.9}


def test_plain_questions_do_not_ask_the_model_for_the_rule_less_acts():
    from sim_core.nlp.acts import classify_detail

    assert classify_detail("Is he awake? How old is he?")[1] is False
    assert classify_detail("Why didn't you just leave?")[1] is True
    assert classify_detail("Keep going, don't stop.")[1] is True
