"""The domain language model: a proper probability model, deterministic, pronounceable."""

import math

import pytest

from sim_core.speech.language_model import build_arpa, domain_language_model, pronounce


def _parse_arpa(text):
    probs, backoff, order = {}, {}, 0
    for line in text.splitlines():
        if line.startswith("\\") and line.endswith("-grams:"):
            order = int(line[1])
            continue
        parts = line.split("\t")
        if order and len(parts) >= 2:
            key = tuple(parts[1].split())
            probs[key] = 10 ** float(parts[0])
            if len(parts) == 3:
                backoff[key] = 10 ** float(parts[2])
    return probs, backoff


def _p(probs, backoff, words):
    if words in probs:
        return probs[words]
    return backoff.get(words[:-1], 1.0) * _p(probs, backoff, words[1:])


def test_conditional_distributions_sum_to_one():
    sentences = [
        s.split()
        for s in [
            "is he breathing",
            "is she breathing",
            "is he awake",
            "what is the address",
            "what is your name",
            "he is breathing now",
        ]
    ]
    text, vocab = build_arpa(sentences, {"hello": 0.5, "is": 0.3, "the": 0.2}, background_weight=0.1)
    probs, backoff = _parse_arpa(text)
    words = [k[0] for k in probs if len(k) == 1 and k[0] != "<s>"]
    assert vocab == len(words)
    assert math.isclose(sum(probs[(w,)] for w in words), 1.0, rel_tol=1e-3)
    for hist in [("is",), ("<s>", "is"), ("is", "he"), ("hello",), ("what", "is")]:
        total = sum(_p(probs, backoff, hist + (w,)) for w in words)
        assert math.isclose(total, 1.0, rel_tol=2e-3), hist
    # in-domain continuations are far more likely than out-of-domain ones
    assert _p(probs, backoff, ("is", "he", "breathing")) > 10 * _p(probs, backoff, ("is", "he", "hello"))


def test_pronunciations_for_acronyms_and_plurals():
    pron = {"c": "S IY", "p": "P IY", "r": "AA R", "vomit": "V AA M AH T", "dog": "D AO G"}
    assert pronounce("cpr", pron) == "S IY P IY AA R"
    assert pronounce("vomits", pron) == "V AA M AH T S"
    assert pronounce("dogs", pron) == "D AO G Z"
    assert pronounce("zzzzzzz", pron) is None


@pytest.mark.timeout(120)
def test_domain_model_is_built_once_and_deterministically(tmp_path):
    first = domain_language_model(directory=tmp_path / "a")
    again = domain_language_model(directory=tmp_path / "a")
    other = domain_language_model(directory=tmp_path / "b")
    assert first == again
    assert first.arpa.read_bytes() == other.arpa.read_bytes()
    dictionary = first.dictionary.read_text()
    assert "\ncpr S IY P IY AA R\n" in dictionary and "\nambulance " in dictionary
    assert first.vocabulary_size > 1000
    with_street = domain_language_model(["the address is nine elmwood terrace"], directory=tmp_path / "a")
    assert with_street.arpa != first.arpa and "\telmwood" in with_street.arpa.read_text()
