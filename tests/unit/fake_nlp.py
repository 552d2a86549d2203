"""A tiny keyword analyzer for testing the director and scoring without the
NLP pipeline: each trainee line names its acts explicitly as `[act, act]`."""

from __future__ import annotations

import re

from sim_core.nlp import Analysis

_TAG = re.compile(r"\[([a-z_, ]+)\]")


def tagged(text: str) -> Analysis:
    m = _TAG.search(text)
    acts = tuple(a.strip() for a in m.group(1).split(",")) if m else ("other",)
    return Analysis(text=text, acts=acts, entities=(), distress=0.0, act_confidence={a: 1.0 for a in acts})
