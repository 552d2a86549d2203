"""Sentence splitting for streaming TTS, and WER scoring."""
from pathlib import Path

from sim_core.speech.textnorm import normalize_for_scoring, wer, word_errors
from sim_core.speech.tts import split_sentences

DATA = Path(__file__).resolve().parents[1] / "data" / "speech"


def test_split_sentences_keeps_punctuation_and_order():
    assert split_sentences("Help! He fell. Is he ok?") == ["Help!", "He fell.", "Is he ok?"]
    assert split_sentences("  ") == []
    assert split_sentences("One sentence only") == ["One sentence only"]


def test_long_first_sentence_is_split_at_its_first_clause():
    parts = split_sentences("Please hurry, my husband collapsed in the kitchen and he is not moving. Now.")
    assert parts[0] == "Please hurry,"
    assert parts[1].startswith("my husband") and parts[-1] == "Now."


def test_wer_ignores_case_punctuation_and_contractions():
    assert normalize_for_scoring("What's the address?") == ["what", "is", "the", "address"]
    assert word_errors("what is the address", "What's the address?") == (0, 4)
    assert word_errors("is he breathing", "is she breathing now") == (2, 3)
    assert wer(["a b c d", "e f"], ["a b x d", "e f"]) == 1 / 6


def test_utterance_set_is_held_out_from_the_lm_corpus():
    corpus = Path(__file__).resolve().parents[2] / "sim_core" / "speech" / "data" / "calltaker_corpus.txt"
    lines = {l.strip() for l in corpus.read_text().splitlines() if l.strip() and not l.startswith("#")}
    utterances = [l.strip() for l in (DATA / "calltaker_utterances.txt").read_text().splitlines()
                  if l.strip() and not l.startswith("#")]
    assert len(utterances) >= 40
    assert not [u for u in utterances if u in lines]
