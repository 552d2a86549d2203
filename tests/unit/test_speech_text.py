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
    lines = {ln.strip() for ln in corpus.read_text().splitlines() if ln.strip() and not ln.startswith("#")}
    utterances = [
        ln.strip()
        for ln in (DATA / "calltaker_utterances.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert len(utterances) >= 40
    assert not [u for u in utterances if u in lines]


def test_wer_scores_spoken_and_written_numbers_alike():
    assert word_errors("nine one one what is the address", "911, what is the address?") == (0, 7)
    assert word_errors("nine one one", "9-1-1") == (0, 3)
    assert word_errors("four twelve maple street", "412 Maple Street") == (0, 5)
    assert word_errors("two hundred and six oak", "206 Oak") == (0, 4)
    assert word_errors("twenty five", "25") == (0, 2)
    assert word_errors("press one now", "press 2 now") == (1, 3)
    assert normalize_for_scoring("one thousand two hundred") == ["1", "2", "0", "0"]
