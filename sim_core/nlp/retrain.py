"""Rebuild the act model from the repository's sets plus instructors' corrections.

    python -m sim_core nlp retrain --corrections corrections.jsonl
    python -m sim_core nlp retrain --rollback

A correction is one JSON object per line: {"text": "...", "acts": ["ask_address", ...]}
(the line as the trainee said it and the acts an instructor says it carries).
``retrain`` scores the model in use on the sets never used for training (blind,
calls, calls2, calls3, calls4, calls5, calls6), trains a new one on the repository's sets plus the corrections, scores it
the same way, and makes it current; the previous model's folder is kept so that
``rollback`` can make it current again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import learned_acts
from .evaluate import DATA_DIR, NEVER_TRAINED, evaluate_acts
from .schema import ACTS


class CorrectionError(ValueError):
    """A corrections file that cannot be used (the message says which line and why)."""


@dataclass
class RetrainReport:
    model: Path
    previous: Path | None
    corrections: int
    before: dict[str, dict] = field(default_factory=dict)  # split -> {"micro_f1", "exact_set"}
    after: dict[str, dict] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [
            f"trained on the repository's sets + {self.corrections} correction(s): {self.model.name}",
            f"previous model kept for rollback: {self.previous.name if self.previous else 'none'}",
        ]
        for split in self.after:
            b, a = self.before.get(split), self.after[split]
            was = f"{b['micro_f1']:.3f} / {b['exact_set']:.1%}" if b else "no model"
            out.append(
                f"{split:6s} acts micro-F1 / exact act set: before {was}, after "
                f"{a['micro_f1']:.3f} / {a['exact_set']:.1%}"
            )
        return out


def load_corrections(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise CorrectionError(f"{path}:{n}: not JSON ({exc})") from exc
        text, acts = (
            row.get("text") if isinstance(row, dict) else None,
            row.get("acts") if isinstance(row, dict) else None,
        )
        if not isinstance(text, str) or not text.strip() or not isinstance(acts, list) or not acts:
            raise CorrectionError(f'{path}:{n}: needs a non-empty "text" and a non-empty "acts" list')
        unknown = [a for a in acts if a not in ACTS]
        if unknown:
            raise CorrectionError(f"{path}:{n}: unknown act(s) {unknown} (docs/LABELS.md lists them)")
        rows.append({"text": text, "acts": sorted(set(acts), key=ACTS.index)})
    return rows


def _score(base: Path) -> dict[str, dict]:
    """Acts micro-F1 and exact-set share of the pipeline as it runs now, per never-trained set."""
    scores = {}
    for split in NEVER_TRAINED:
        path = base / f"acts_{split}.jsonl"
        if path.is_file():
            report, _ = evaluate_acts(path)
            scores[split] = {"micro_f1": report["micro_f1"], "exact_set": report["exact_set"]}
    return scores


def retrain(corrections: list[dict], base: Path = DATA_DIR) -> RetrainReport:
    active = learned_acts.current_path()
    previous = active if active.is_dir() else None
    learned_acts.reload()
    before = _score(base) if previous else {}
    model = learned_acts.train(
        learned_acts.model_path(corrections), extra=corrections, keep=(previous,) if previous else ()
    )
    learned_acts.write_active(model, previous if previous != model else None)
    learned_acts.reload()
    return RetrainReport(
        model=model,
        previous=previous if previous != model else None,
        corrections=len(corrections),
        before=before,
        after=_score(base),
    )


def rollback() -> Path:
    """Make the previous model current again; returns it."""
    active = learned_acts.read_active()
    prev = active.get("previous")
    if not prev or not (learned_acts.MODEL_DIR / prev).is_dir():
        raise FileNotFoundError("no previous act model to roll back to")
    current = learned_acts.MODEL_DIR / active["model"] if active.get("model") else None
    learned_acts.write_active(learned_acts.MODEL_DIR / prev, current)
    learned_acts.reload()
    return learned_acts.MODEL_DIR / prev
