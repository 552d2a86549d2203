"""CAD accuracy: the incident record against the scenario's truth.

The mean of address, incident type and priority (and the callback number when
entered); each finding's points are what it really took off the category. A
wrong address that stood before it was corrected costs for as long as it stood
(units may already be routed to it), also off the overall score.
"""

from __future__ import annotations

import re
from typing import Any

from ..scenario.schema import Scenario
from ..street_words import ABBREV
from .findings import Finding
from .metrics import CallFacts

WRONG_ADDRESS_GRACE_S = 5.0  # a typo fixed at once is not a wrong address
WRONG_ADDRESS_FULL_S = 60.0  # a wrong address that stood this long loses the whole address part
WRONG_ADDRESS_OVERALL_PER_S = 0.25  # and costs the overall score this much per second it stood (units may
WRONG_ADDRESS_OVERALL_CAP = 15.0  # be on their way to the wrong place), at most this much


def _norm(text: Any) -> str:
    words = re.sub(r"[^a-z0-9 ]", " ", str(text).lower()).split()
    return " ".join(ABBREV.get(w, w) for w in words)


def _digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text))


def _overlap(a: Any, b: Any) -> float:
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return len(wa & wb) / len(wb) if wb else 0.0


def cad_accuracy(scenario: Scenario, f: CallFacts, out: list[Finding]) -> float:
    """CAD accuracy: the mean of address, incident type, priority (and callback when entered);
    each finding's points are what it really took off the category."""
    truth = scenario.cad
    if not f.cad:
        out.append(
            Finding(
                None,
                "cad",
                "cad_accuracy",
                "No CAD incident was entered. Record address, incident type and priority as you go.",
                100,
                rule="cad",
            )
        )
        return 0.0
    share = 100.0 / (4 if "callback" in f.cad else 3)  # what one whole part is worth
    parts = []
    addr = _overlap(f.cad.get("address", ""), truth.address)
    if addr < 0.8:
        out.append(
            Finding(
                f.cad_first.get("address"),
                "cad",
                "cad_accuracy",
                f"CAD address {f.cad.get('address', '')!r} does not match {truth.address!r}.",
                round(share * (1 - addr), 1),
                rule="cad_address",
            )
        )
    else:
        addr = _wrong_address_time(truth.address, f, out, share)
    parts.append(addr)
    itype = _overlap(f.cad.get("incident_type", ""), truth.incident_type)
    parts.append(1.0 if itype >= 0.5 else 0.0)
    if itype < 0.5:
        out.append(
            Finding(
                f.cad_first.get("incident_type"),
                "cad",
                "cad_accuracy",
                f"CAD incident type {f.cad.get('incident_type', '')!r}; expected {truth.incident_type!r}.",
                round(share, 1),
                rule="cad_incident_type",
            )
        )
    try:
        diff = abs(int(f.cad.get("priority", 0)) - truth.priority)
    except (TypeError, ValueError):
        diff = 9
    parts.append(1.0 if diff == 0 else 0.5 if diff == 1 else 0.0)
    if diff:
        given = f.cad.get("priority")
        said = "No CAD priority set" if given in (None, "") else f"CAD priority {given}"
        out.append(
            Finding(
                f.cad_first.get("priority"),
                "cad",
                "cad_accuracy",
                f"{said}; this call is priority {truth.priority}.",
                round(share * (1 - parts[-1]), 1),
                rule="cad_priority",
            )
        )
    if "callback" in f.cad:
        ok = _digits(f.cad["callback"]) == _digits(scenario.callback)
        parts.append(1.0 if ok else 0.0)
        if not ok:
            out.append(
                Finding(
                    f.cad_first.get("callback"),
                    "cad",
                    "cad_accuracy",
                    f"CAD callback {f.cad['callback']!r} is not {scenario.callback!r}.",
                    round(share, 1),
                    rule="cad_callback",
                )
            )
    return 100.0 * sum(parts) / len(parts)


def _wrong_address_time(truth: str, f: CallFacts, out: list[Finding], share: float) -> float:
    """The address part of CAD accuracy when the final address is right: what counts is how long
    a wrong one stood first (units may already be routed to it); full marks for none, none
    once a wrong address stood WRONG_ADDRESS_FULL_S."""
    history = f.cad_history.get("address", [])
    wrong_s, first_wrong = 0.0, None
    for (t, value), nxt in zip(history, [*history[1:], (f.ended_at, None)]):
        if _overlap(value, truth) < 0.8:
            wrong_s += max(0.0, nxt[0] - t)
            first_wrong = t if first_wrong is None else first_wrong
    if first_wrong is None or wrong_s < WRONG_ADDRESS_GRACE_S:
        return 1.0
    lost = min(1.0, wrong_s / WRONG_ADDRESS_FULL_S)
    wrong = next(v for t, v in history if t == first_wrong)
    out.append(
        Finding(
            first_wrong,
            "cad",
            "cad_accuracy",
            f"CAD address {wrong!r} stood wrong for {wrong_s:.0f}s before it was corrected to "
            f"{truth!r}: units may be routed to the wrong place. Verify before you enter it.",
            round(share * lost, 1),
            rule="cad_address_wrong_for",
            overall_points=round(min(WRONG_ADDRESS_OVERALL_CAP, WRONG_ADDRESS_OVERALL_PER_S * wrong_s), 1),
        )
    )
    return 1.0 - lost
