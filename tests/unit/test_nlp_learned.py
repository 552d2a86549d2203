"""The trained act classifier beside the rules: built by setup from the repository's
data, asked only where the rules find no act."""

import pytest

from sim_core.nlp import learned_acts
from sim_core.nlp.pipeline import analyze, united_acts
from tests.missing import missing


@pytest.fixture()
def model():
    if not learned_acts.available():
        missing("no trained act model: run python -m sim_core.nlp.train_acts "
                "(scripts/setup.sh does)")


def test_the_model_catches_a_wording_the_rules_miss(model, monkeypatch):
    text = "Is the guy still hanging around?"
    assert set(analyze(text).acts) == {"ask_suspect"}
    monkeypatch.setattr(learned_acts, "predict", lambda _text: {})   # the rules alone
    assert set(analyze(text).acts) == {"other"}


def test_filler_and_caller_statements_stay_other(model):
    assert analyze("ok one second").acts == ("other",)
    assert "ask_breathing" not in analyze("He collapsed, he is not breathing").acts


def test_the_rules_win_when_they_find_an_act():
    asked = []

    def model(acts):
        return lambda: asked.append(acts) or acts

    assert united_acts({"reassure": 0.85}, model({"calm_control": 0.55})) == {"reassure": 0.85}
    assert asked == []                                  # the model was not even asked
    assert united_acts({"other": 0.9}, model({"ask_suspect": 0.66})) == {"ask_suspect": 0.66}
    assert united_acts({"other": 0.9}, model({})) == {"other": 0.9}


def test_the_blind_set_is_never_training_data():
    assert all("blind" not in path.name for path in learned_acts._training_files())
