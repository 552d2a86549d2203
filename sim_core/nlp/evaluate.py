"""Evaluation of the NLP on the labelled JSONL sets, plus a throughput probe.

    python -m sim_core.nlp.evaluate                  # held-out report
    python -m sim_core.nlp.evaluate dev -v           # dev report with every error
    python -m sim_core.nlp.evaluate --summary        # one line per split

Splits: "dev", "heldout" and "fresh" train the act model and tune the rules (their
figures are optimistic); "probe" is never trained on but was written beside rule work
(optimistic too); "blind", "calls" and "calls2" were written by people who had not
seen the rules and are never used for training, but the rules have since been tuned on
them (optimistic); "calls3" and "calls4" were written the same way, scored once untouched,
then looked at (optimistic now); so was "calls5", scored at the start and the end of its
round, then looked at (optimistic now). "calls6" was written the same way and is neither
trained nor tuned on (the honest measure).

Acts: multi-label; micro-F1 over (utterance, act) pairs, "other" included, and the
share of lines whose act set is exactly right.
Entities: micro-F1 on exact (start, end, label) and on overlapping spans of the
same label (each gold span matched at most once).
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


SPLITS = ("dev", "heldout", "fresh", "probe", "blind", "calls", "calls2", "calls3", "calls4", "calls5", "calls6")
# Written by people who had not seen the rules; the act model never trains on them. "probe"
# is never trained on either, but its author wrote rules in the same round.
NEVER_TRAINED = ("blind", "calls", "calls2", "calls3", "calls4", "calls5", "calls6")
# Of those, the sets no rule was tuned on: the honest measure.
NEVER_TUNED = ("calls6",)


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
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors = []
    rows = _load(path)
    for row in rows:
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
    report = _report(tp, fp, fn, ACTS)
    report["exact_set"] = round(1 - len(errors) / len(rows), 4) if rows else 1.0
    report["lines"] = len(rows)
    return report, errors


def _overlap_counts(gold: set, pred: set) -> tuple[Counter, Counter, Counter]:
    """Matches of overlapping spans with the same label, one-to-one."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    unmatched = sorted(gold)
    for s, e, lab in sorted(pred):
        hit = next((g for g in unmatched if g[2] == lab and g[0] < e and s < g[1]), None)
        if hit is None:
            fp[lab] += 1
        else:
            unmatched.remove(hit)
            tp[lab] += 1
    for _, _, lab in unmatched:
        fn[lab] += 1
    return tp, fp, fn


def _spans(text: str, spans: set) -> list[tuple[str, str]]:
    return sorted((text[s:e], lab) for s, e, lab in spans)


def evaluate_entities(path: Path) -> tuple[dict, list[tuple[str, list, list]]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    otp: Counter[str] = Counter()
    ofp: Counter[str] = Counter()
    ofn: Counter[str] = Counter()
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
        for total, part in zip((otp, ofp, ofn), _overlap_counts(gold, pred)):
            total.update(part)
        if pred != gold:
            errors.append((text, _spans(text, gold - pred), _spans(text, pred - gold)))
    report = _report(tp, fp, fn, ENTITY_LABELS)
    overlap = _report(otp, ofp, ofn, ENTITY_LABELS)
    report["overlap_micro_f1"] = overlap["micro_f1"]
    report["overlap_per_label"] = overlap["per_label"]
    return report, errors


def evaluate(path: str | Path | None = None, split: str = "heldout") -> dict:
    """Scores for one split. ``path`` may be a directory holding the four JSONL
    files, or None for the bundled data; ``split`` is one of ``SPLITS`` (see the module
    docstring for which are trained or tuned on)."""
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


def summary(base: Path = DATA_DIR) -> list[dict]:
    """One row of headline figures per split present in ``base``."""
    rows = []
    for split in SPLITS:
        if not (base / f"acts_{split}.jsonl").is_file():
            continue
        acts, _ = evaluate_acts(base / f"acts_{split}.jsonl")
        ents_path = base / f"entities_{split}.jsonl"
        ents = (
            evaluate_entities(ents_path)[0]
            if ents_path.is_file()
            else {"micro_f1": float("nan"), "overlap_micro_f1": float("nan")}
        )
        rows.append(
            {
                "split": split,
                "never_tuned": split in NEVER_TUNED,
                "lines": acts["lines"],
                "acts_micro_f1": acts["micro_f1"],
                "exact_act_set": acts["exact_set"],
                "entities_exact_f1": ents["micro_f1"],
                "entities_overlap_f1": ents["overlap_micro_f1"],
            }
        )
    return rows


def _print_split(split: str, verbose: bool) -> None:
    acts, act_errors = evaluate_acts(DATA_DIR / f"acts_{split}.jsonl")
    ents, ent_errors = evaluate_entities(DATA_DIR / f"entities_{split}.jsonl")
    print(f"acts micro-F1 {acts['micro_f1']:.3f}, exact act set {acts['exact_set']:.1%} of {acts['lines']} lines")
    for lab, m in acts["per_label"].items():
        flag = "  <" if m["f1"] < 0.85 else ""
        print(f"  {lab:24s} P {m['precision']:.2f} R {m['recall']:.2f} F1 {m['f1']:.2f} n={m['support']}{flag}")
    print(f"entities micro-F1 {ents['micro_f1']:.3f} exact spans, {ents['overlap_micro_f1']:.3f} overlapping spans")
    for lab, m in ents["overlap_per_label"].items():
        flag = "  <" if m["f1"] < 0.85 else ""
        print(
            f"  {lab:24s} P {m['precision']:.2f} R {m['recall']:.2f} F1 {m['f1']:.2f} n={m['support']} (overlap){flag}"
        )
    if verbose:
        for text, gold, pred in act_errors:
            print(f"ACT  {text!r}\n     gold={gold} pred={pred}")
        for text, missed, extra in ent_errors:
            print(f"ENT  {text!r}\n     missed={missed} extra={extra}")


def _main(argv: list[str]) -> None:
    args = [a for a in argv[1:] if not a.startswith("-")]
    if "--summary" in argv:
        print(f"{'split':8s} {'lines':>5s} {'acts F1':>8s} {'exact set':>9s} {'ents exact':>10s} {'ents overlap':>12s}")
        for r in summary():
            mark = "  (never tuned)" if r["never_tuned"] else ""
            print(
                f"{r['split']:8s} {r['lines']:5d} {r['acts_micro_f1']:8.3f} {r['exact_act_set']:9.1%} "
                f"{r['entities_exact_f1']:10.3f} {r['entities_overlap_f1']:12.3f}{mark}"
            )
    else:
        _print_split(args[0] if args else "heldout", "-v" in argv)
    print(f"throughput {classify_throughput():.0f} utt/s")


if __name__ == "__main__":
    _main(sys.argv)
