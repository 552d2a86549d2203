"""Call processing: how long the caller waited for help to be sent.

NFPA 1225 asks for answer → dispatch within 60 s on 90% of calls; each
scenario sets its own deadline (`protocol.dispatch_deadline_s`, 60 s unless a
call type gives more room). Help announced late costs the instructions category
as before, and also the overall score in proportion to how late it came (every
second a unit is not rolling is a second lost to the patient or the victim);
help never announced on a call that needs it is timed to the end of the call (a call
cut short before the deadline owes no wait), unless the incident was entered in CAD
with its type and priority (that is what sends the units): then the caller was never
told, which the missing notice charges, and the wait is timed from the CAD entry.
One delay, one deduction: the finding that says the dispatch was late or
missing carries both costs.
"""

from __future__ import annotations

from ..scenario.schema import Scenario
from .findings import Finding
from .metrics import CallFacts

LATE_CATEGORY_POINTS = 10.0  # off instructions when the scenario does not itself time the dispatch
PER_S = 0.25  # overall points per second past the deadline
CAP = 15.0  # at most this much


def late_points(t: float | None, deadline_s: float, ended_at: float) -> float:
    """Overall points for help announced at `t` against the deadline; help never announced kept
    the caller waiting until the call ended (nothing when it ended before the deadline)."""
    waited = (t if t is not None else ended_at) - deadline_s
    return round(min(CAP, max(0.0, waited) * PER_S), 1)


def sent_in_cad(f: CallFacts) -> float | None:
    """When the CAD incident had an address, a type and a priority (None: never)."""
    firsts = [f.cad_first.get(k) for k in ("address", "incident_type", "priority")]
    return None if any(x is None for x in firsts) else max(x for x in firsts if x is not None)


def grade_dispatch(scenario: Scenario, f: CallFacts, t: float | None, out: list[Finding]) -> float:
    """Charges the call-processing time on the finding about the dispatch (adding one when the
    scenario's protocol does not time it); returns the points off instructions."""
    proto = scenario.protocol
    required = [r for r in [*proto.required_acts, *proto.required_instructions] if r.act == "dispatch_notice"]
    if not required and t is None:
        return 0.0  # nothing to send (a prank, a call with no emergency)
    pts = late_points(t if t is not None else sent_in_cad(f), proto.dispatch_deadline_s, f.ended_at)
    if pts <= 0:
        return 0.0
    own = next((x for x in out if x.rule == "dispatch_notice" and x.kind in ("late", "missing")), None)
    if own is not None:
        own.overall_points = max(own.overall_points, pts)
        own.message += f" Call processing: every second past {proto.dispatch_deadline_s:.0f}s costs the caller."
        return 0.0
    if t is None or any(r.deadline_s is not None for r in required):
        return 0.0
    out.append(
        Finding(
            t,
            "late",
            "instructions",
            f"Help was announced at {t:.0f}s; aim for {proto.dispatch_deadline_s:.0f}s (call processing: "
            "answer to dispatch).",
            LATE_CATEGORY_POINTS,
            rule="dispatch_notice",
            overall_points=pts,
            standard="call_processing",
        )
    )
    return LATE_CATEGORY_POINTS
