"""Scoring: timeline → metrics, category levels, overall score and grade."""

from .findings import Finding
from .metrics import compute_metrics
from .scorer import SCORER_VERSION, ScoreResult, grade_for, level_for, score_call
from .standards import STANDARDS, Standard

__all__ = [
    "SCORER_VERSION",
    "STANDARDS",
    "Finding",
    "ScoreResult",
    "Standard",
    "compute_metrics",
    "grade_for",
    "level_for",
    "score_call",
]
