"""Scoring: timeline → metrics, category levels, overall score and grade."""
from .metrics import compute_metrics
from .scorer import SCORER_VERSION, Finding, ScoreResult, grade_for, level_for, score_call

__all__ = ["SCORER_VERSION", "Finding", "ScoreResult", "compute_metrics", "grade_for", "level_for",
           "score_call"]
