"""Domain-adapted language model for pocketsphinx.

An interpolated Witten-Bell trigram model is estimated from the call-taker
corpus (lm_corpus.py) and its unigrams are mixed with a background of the most
frequent words of pocketsphinx's general en-us model, so words the corpus never
saw can still be recognised. The result is written as an ARPA file plus a
pronunciation dictionary restricted to its vocabulary, in a cache folder keyed
by a hash of every input: deterministic, built once on first use, no downloads.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sim_core.settings import load_settings
from sim_core.speech.lm_corpus import training_sentences

BUILDER_VERSION = "wb3-v1"
BACKGROUND_WORDS = 3000
BACKGROUND_WEIGHT = 0.05
_BUILD_LOCK = threading.Lock()
_VOICELESS = {"P", "T", "K", "F", "TH"}


@dataclass(frozen=True, slots=True)
class LanguageModelFiles:
    arpa: Path
    dictionary: Path
    vocabulary_size: int
    dropped_words: tuple[str, ...]


def model_dir() -> Path:
    """The pocketsphinx en-us acoustic model, dictionary and general LM shipped in the wheel."""
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us"


def load_dictionary(path: Path) -> dict[str, str]:
    pron: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, phones = line.strip().partition(" ")
            if word and "(" not in word and word not in pron:
                pron[word] = phones.strip()
    return pron


def pronounce(word: str, pron: dict[str, str]) -> str | None:
    """Dictionary pronunciation; spelled letters for short acronyms; stem + plural 's'."""
    if word in pron:
        return pron[word]
    if len(word) <= 4 and all(ch in pron for ch in word):
        return " ".join(pron[ch] for ch in word)
    if word.endswith("s") and word[:-1] in pron:
        stem = pron[word[:-1]]
        return f"{stem} {'S' if stem.split()[-1] in _VOICELESS else 'Z'}"
    return None


def background_unigrams(pron: dict[str, str], count: int = BACKGROUND_WORDS) -> dict[str, float]:
    """The `count` most probable words of the general en-us LM, as probabilities summing to 1."""
    import pocketsphinx as ps

    config = ps.Config()
    config.set_string("-logfn", os.devnull)
    logmath = ps.LogMath()
    general = ps.NGramModel(config, logmath, str(model_dir() / "en-us.lm.bin"))
    scored = []
    for word in pron:
        if word.isalpha() or "'" in word:
            score = general.prob([word])
            if score > -536870000:
                scored.append((score, word))
    scored.sort(key=lambda sw: (-sw[0], sw[1]))
    top = scored[:count]
    base = math.log(1.0001)
    probs = {w: math.exp(s * base) for s, w in top}
    total = sum(probs.values())
    return {w: p / total for w, p in probs.items()}


def _witten_bell(sentences: list[list[str]], unigram: dict[str, float]):
    """Interpolated Witten-Bell bigram/trigram probabilities and backoff weights."""
    c2: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    c3: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for words in sentences:
        seq = ["<s>", *words, "</s>"]
        for i in range(1, len(seq)):
            c2[(seq[i - 1],)][seq[i]] += 1
            if i >= 2:
                c3[(seq[i - 2], seq[i - 1])][seq[i]] += 1

    def estimate(counts, lower):
        probs: dict[tuple, float] = {}
        backoff: dict[tuple, float] = {}
        for hist, followers in counts.items():
            total, types = sum(followers.values()), len(followers)
            seen_p = seen_lower = 0.0
            for w, c in followers.items():
                low = lower(hist[1:], w)
                p = (c + types * low) / (total + types)
                probs[hist + (w,)] = p
                seen_p += p
                seen_lower += low
            backoff[hist] = max(1e-12, 1.0 - seen_p) / max(1e-12, 1.0 - seen_lower)
        return probs, backoff

    p2, bo1 = estimate(c2, lambda _h, w: unigram[w])
    bo1_full = defaultdict(lambda: 1.0, bo1)

    def bigram(hist: tuple, w: str) -> float:
        return p2.get(hist + (w,)) or bo1_full[hist] * unigram[w]

    p3, bo2 = estimate(c3, bigram)
    return p2, bo1, p3, bo2


def build_arpa(
    sentences: list[list[str]], background: dict[str, float], background_weight: float = BACKGROUND_WEIGHT
) -> tuple[str, int]:
    """ARPA text for the sentences; returns (text, vocabulary size)."""
    counts: dict[str, int] = defaultdict(int)
    for words in sentences:
        for w in [*words, "</s>"]:
            counts[w] += 1
    total = sum(counts.values())
    vocab = sorted(set(counts) | set(background))
    unigram = {
        w: (1 - background_weight) * counts.get(w, 0) / total + background_weight * background.get(w, 0.0)
        for w in vocab
    }
    p2, bo1, p3, bo2 = _witten_bell(sentences, unigram)
    lg = math.log10
    lines = [
        "\\data\\",
        f"ngram 1={len(vocab) + 1}",
        f"ngram 2={len(p2)}",
        f"ngram 3={len(p3)}",
        "",
        "\\1-grams:",
        f"-99.0000\t<s>\t{lg(bo1.get(('<s>',), 1.0)):.4f}",
    ]
    for w in vocab:
        bo = bo1.get((w,))
        lines.append(f"{lg(unigram[w]):.4f}\t{w}" + (f"\t{lg(bo):.4f}" if bo is not None else ""))
    lines += ["", "\\2-grams:"]
    for key in sorted(p2):
        bo = bo2.get(key)
        lines.append(f"{lg(p2[key]):.4f}\t{' '.join(key)}" + (f"\t{lg(bo):.4f}" if bo is not None else ""))
    lines += ["", "\\3-grams:"]
    lines += [f"{lg(p3[key]):.4f}\t{' '.join(key)}" for key in sorted(p3)]
    lines += ["", "\\end\\", ""]
    return "\n".join(lines), len(vocab)


def cache_dir() -> Path:
    """Where built models live: SPEECH_CACHE_DIR, else DATA_DIR/speech-cache (read when a
    model is built, so a test can point it elsewhere)."""
    settings = load_settings()
    return Path(settings.speech_cache_dir or Path(settings.data_dir) / "speech-cache")


def domain_language_model(extra_phrases: Iterable[str] = (), directory: Path | None = None) -> LanguageModelFiles:
    """Build (once) and return the domain LM and its dictionary."""
    sentences = training_sentences(extra_phrases)
    key = hashlib.sha256(
        "\n".join([BUILDER_VERSION, str(BACKGROUND_WORDS), str(BACKGROUND_WEIGHT), *sentences]).encode()
    ).hexdigest()[:16]
    directory = Path(directory or cache_dir())
    arpa, dic, dropped_path = (directory / f"calltaker-{key}.{ext}" for ext in ("arpa", "dict", "dropped"))
    with _BUILD_LOCK:
        if not (arpa.is_file() and dic.is_file() and dropped_path.is_file()):
            _build(sentences, arpa, dic, dropped_path)
    dropped = tuple(w for w in dropped_path.read_text().split() if w)
    vocab = sum(1 for _ in open(dic, encoding="utf-8"))
    return LanguageModelFiles(arpa=arpa, dictionary=dic, vocabulary_size=vocab, dropped_words=dropped)


def _build(sentences: list[str], arpa: Path, dic: Path, dropped_path: Path) -> None:
    pron = load_dictionary(model_dir() / "cmudict-en-us.dict")
    lexicon: dict[str, str] = {}
    dropped: set[str] = set()
    for line in sentences:
        for w in line.split():
            if w not in lexicon and w not in dropped:
                p = pronounce(w, pron)
                if p:
                    lexicon[w] = p
                else:
                    dropped.add(w)
    # A sentence with an unpronounceable word is kept, minus that word.
    kept = [[w for w in s.split() if w in lexicon] for s in sentences]
    kept = [s for s in kept if s]
    background = background_unigrams(pron)
    lexicon.update((w, pron[w]) for w in background)
    text, _ = build_arpa(kept, background)
    arpa.parent.mkdir(parents=True, exist_ok=True)
    for path, content in (
        (arpa, text),
        (dic, "".join(f"{w} {lexicon[w]}\n" for w in sorted(lexicon))),
        (dropped_path, "\n".join(sorted(dropped)) + "\n"),
    ):
        tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(path)
