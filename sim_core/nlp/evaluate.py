"""Evaluation of the NLP rules on the labelled JSONL sets, plus a throughput probe.

    python -m sim_core.nlp.evaluate            # held-out report
    python -m sim_core.nlp.evaluate dev        # dev report

Acts: multi-label; micro-F1 over (utterance, act) pairs, "other" included.
Entities: exact match of (start, end, label).
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from .pipeline import analyze, get_nlp
from .schema import ACTS, ENTITY_LABELS

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def _report(tp: Counter, fp: Counter, fn: Counter, labels: tuple[str, ...]) -> dict:
    per = {}
    for lab in labels:
        if tp[lab] + fp[lab] + fn[lab] == 0:
            continue
        p, r, f = _prf(tp[lab], fp[lab], fn[lab])
        per[lab] = {"precision": p, "recall": r, "f1": f, "support": tp[lab] + fn[lab]}
    _, _, micro = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"micro_f1": micro, "per_label": per}


def evaluate_acts(path: Path) -> tuple[dict, list[tuple[str, list[str], list[str]]]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for row in _load(path):
        gold = set(row["acts"])
        pred = set(analyze(row["text"]).acts)
        for a in pred & gold:
            tp[a] += 1
        for a in pred - gold:
            fp[a] += 1
        for a in gold - pred:
            fn[a] += 1
        if pred != gold:
            errors.append((row["text"], sorted(gold), sorted(pred)))
    return _report(tp, fp, fn, ACTS), errors


def evaluate_entities(path: Path) -> tuple[dict, list[tuple[str, list, list]]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for row in _load(path):
        text = row["text"]
        gold = {(s, e, lab) for s, e, lab in row["entities"]}
        pred = {(ent.start, ent.end, ent.label) for ent in analyze(text).entities}
        for _, _, lab in pred & gold:
            tp[lab] += 1
        for _, _, lab in pred - gold:
            fp[lab] += 1
        for _, _, lab in gold - pred:
            fn[lab] += 1
        if pred != gold:
            show = lambda spans: sorted((text[s:e], lab) for s, e, lab in spans)  # noqa: E731
            errors.append((text, show(gold - pred), show(pred - gold)))
    return _report(tp, fp, fn, ENTITY_LABELS), errors


def evaluate(path: str | Path | None = None, split: str = "heldout") -> dict:
    """Scores for one split. ``path`` may be a directory holding the four JSONL
    files, or None for the bundled data; ``split`` is "heldout", "dev", "fresh"
    (written independently of the rules, later used to tune them) or "blind" (written
    independently and never used for tuning: the honest measure)."""
    base = Path(path) if path is not None else DATA_DIR
    if base.is_file():
        base = base.parent
    acts, _ = evaluate_acts(base / f"acts_{split}.jsonl")
    ents, _ = evaluate_entities(base / f"entities_{split}.jsonl")
    return {"acts": acts, "entities": ents}


def classify_throughput(n: int = 2000) -> float:
    """Utterances per second of ``analyze`` over the held-out texts, repeated to n.

    Measured in CPU time of this (single-threaded) loop, i.e. per core, so a busy
    shared machine does not distort the figure.
    """
    texts = [r["text"] for r in _load(DATA_DIR / "acts_heldout.jsonl")]
    texts += [r["text"] for r in _load(DATA_DIR / "entities_heldout.jsonl")]
    get_nlp()
    for t in texts[:50]:
        analyze(t)
    batch = (texts * (n // len(texts) + 1))[:n]
    start = time.process_time()
    for t in batch:
        analyze(t)
    return n / max(time.process_time() - start, 1e-9)


def _main(argv: list[str]) -> None:
    split = argv[1] if len(argv) > 1 else "heldout"
    verbose = "-v" in argv
    acts, act_errors = evaluate_acts(DATA_DIR / f"acts_{split}.jsonl")
    ents, ent_errors = evaluate_entities(DATA_DIR / f"entities_{split}.jsonl")
    for name, rep in (("acts", acts), ("entities", ents)):
        print(f"{name} micro-F1 {rep['micro_f1']:.3f}")
        for lab, m in rep["per_label"].items():
            flag = "  <" if m["f1"] < 0.85 else ""
            print(f"  {lab:24s} P {m['precision']:.2f} R {m['recall']:.2f} F1 {m['f1']:.2f} n={m['support']}{flag}")
    if verbose:
        for text, gold, pred in act_errors:
            print(f"ACT  {text!r}\n     gold={gold} pred={pred}")
        for text, missed, extra in ent_errors:
            print(f"ENT  {text!r}\n     missed={missed} extra={extra}")
    print(f"throughput {classify_throughput():.0f} utt/s")


if __name__ == "__main__":
    _main(sys.argv)
