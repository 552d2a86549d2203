"""The location on the 9-1-1 screen (ANI/ALI) and the read-backs that verify it.

The console shows the caller's number (ANI) and where the carrier says the phone is
(ALI, `scenario.console`); the call-taker always verifies both with the caller
(DOMAIN.md). The number read back and confirmed verifies the callback, also when it
was read off the screen before the caller said it. The location:

* landline: the billing address, usually exact. Reading it back and hearing the
  caller confirm it verifies the location, and also obtains it: on a silent line
  the caller need not say it first.
* wireless: only an area (a cell sector, or a position with a radius). The exact
  address has to come from the caller and be read back; reading the screen's area
  back is not an address.
* VoIP: the registered address, which may not be where the caller is. Verified by
  a confirmed read-back like a landline when it is right; when it is wrong, reading
  it back is trusting the screen.

A read-back only verifies when it matches the truth; a wrong one that the caller
has to correct costs case-entry points (a good catch by the caller, not a
verification by the trainee).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..caller import readback
from ..scenario.console import console_view
from ..scenario.schema import Scenario
from .findings import Finding
from .metrics import CallFacts, readback_verdicts

WRONG_READBACK_POINTS = 20.0  # off case entry, once per piece of information read back wrong
LOCATION_POINTS = 25.0  # off case entry: the location never verified with the caller
_AREA = re.compile(r"\bblock\b", re.I)  # a wireless area is named by its block ("Front Street, 900–999 block")
SERVICE_WORDS = {"landline": "a landline", "wireless": "a cell phone", "voip": "an internet (VoIP) line"}


@dataclass(frozen=True, slots=True)
class CallbackCheck:
    shown: str  # the number on the screen (ANI)
    verified_at: float | None  # when the trainee read back the right number (the caller then confirmed it)
    line: int | None
    from_screen: bool  # read back from the screen before the caller had said it


NO_CALLBACK = CallbackCheck("", None, None, False)


@dataclass(frozen=True, slots=True)
class LocationCheck:
    service: str  # landline | wireless | voip
    shown: str  # the location as the screen shows it
    exact: bool  # the screen's location is where the caller is
    verified_at: float | None  # when the caller confirmed a correct read-back (end of her reply)
    line: int | None  # the trainee line that read it back
    from_screen: bool  # read back before the caller had said the address
    callback: CallbackCheck = NO_CALLBACK  # the number on the screen (ANI), checked the same way

    def summary(self) -> str:
        """The check in plain words, for the debrief."""
        where = f"The screen showed {self.shown} ({SERVICE_WORDS.get(self.service, self.service)})"
        if self.verified_at is None:
            return f"{where}; the location was never confirmed with the caller."
        how = "read back from the screen" if self.from_screen else "asked and read back"
        return f"{where}; {how}, confirmed by the caller at {self.verified_at:.0f} s."


def check_location(scenario: Scenario, f: CallFacts) -> LocationCheck:
    """The ALI location and the ANI number as the screen showed them, and whether each was verified."""
    view = console_view(scenario)
    exact = view.service != "wireless" and readback.check_address(view.location, scenario.location.full) == "correct"
    known = f.revealed_turn.get("address")
    for a, verdict in readback_verdicts(scenario, f, "verify_address"):
        if view.service == "wireless" and reads_the_area(f.text(a.line), view.location):
            continue  # a cell phone's area read back is not an address, even when it is close
        if verdict == "correct" and (known is None or a.t >= known or exact):
            return LocationCheck(
                view.service,
                view.location,
                exact,
                f.reply_end.get(a.line, a.t),
                a.line,
                known is None or a.t < known,
                check_callback(scenario, f),
            )
    return LocationCheck(view.service, view.location, exact, None, None, False, check_callback(scenario, f))


def reads_the_area(said: str, shown: str) -> bool:
    """A read-back of a wireless area ("the 900 block of Front Street") rather than an address."""
    return bool(_AREA.search(said)) and bool(_AREA.search(shown))


def location_tip(scenario: Scenario) -> str:
    """How to verify this call's location, given what kind of line it is."""
    view, truth = console_view(scenario), scenario.location.full
    if view.service == "wireless":
        radius = f" (about {view.uncertainty_m} m)" if view.uncertainty_m else ""
        return (
            f"A cell phone's location is only an area{radius}: ask for the exact address, then read it back: "
            f'"That\'s {truth}, is that correct?"'
        )
    if view.service == "voip":
        return (
            "An internet line's registered address may not be where the caller is: ask where they are, then "
            f'read it back: "That\'s {truth}, is that correct?"'
        )
    return (
        f'Read it back and have the caller confirm it: "I show you at {truth}, is that right?" '
        "(on a silent line, ask for a tap)."
    )


def readback_findings(scenario: Scenario, f: CallFacts, out: list[Finding]) -> float:
    """A finding for each wrong read-back; returns the points off case entry (WRONG_READBACK_POINTS
    once per piece of information). Reading back the address the caller first gave by mistake is a
    good catch and costs nothing."""
    view = console_view(scenario)
    lost = 0.0
    for act, what, truth in (
        ("verify_address", "address", scenario.location.full),
        ("verify_callback", "callback number", scenario.callback),
    ):
        given = scenario.behaviour("wrong_address_first") if act == "verify_address" else None
        charged = False
        for a, verdict in readback_verdicts(scenario, f, act):
            said = f.text(a.line)
            if verdict != "wrong":
                continue
            if given is not None and readback.check("address_confirm", said, given.wrong_address) == "correct":
                out.append(
                    Finding(
                        a.t,
                        "readback",
                        "case_entry",
                        f"Good catch: reading back the address the caller first gave ({said!r}) let her "
                        f"correct it. Read back the corrected address ({truth}) too; only that one "
                        "verifies it.",
                        0.0,
                        rule=act,
                        line=a.line,
                        quote=said,
                    )
                )
                continue
            pts = 0.0 if charged else WRONG_READBACK_POINTS
            charged, lost = True, lost + pts
            if act == "verify_address" and readback.check_address(said, view.location) == "correct":
                why = (
                    f"that is what the screen shows ({view.location}, {SERVICE_WORDS.get(view.service)}), not "
                    f"where the caller is ({truth}). {location_tip(scenario)}"
                )
            else:
                why = f"it is {truth}. The caller had to correct it; it does not count as verified."
            out.append(
                Finding(
                    a.t,
                    "readback",
                    "case_entry",
                    f"Wrong read-back of the {what}: {said!r}: {why}",
                    pts,
                    rule=act,
                    line=a.line,
                    quote=said,
                )
            )
    return lost


def unverified_moment(f: CallFacts) -> float | None:
    """When the trainee first acted on a location nobody had confirmed: entered it in CAD, or
    announced help."""
    moments = [t for t in (f.cad_first.get("address"), f.first("dispatch_notice")) if t is not None]
    return min(moments) if moments else None


def location_finding(scenario: Scenario, f: CallFacts, check: LocationCheck, out: list[Finding]) -> float:
    """For a scenario whose protocol does not itself require `verify_address` (that requirement's
    own finding explains it otherwise): a finding when the location was never verified with the
    caller, at the moment the trainee first acted on it. Returns the points off case entry."""
    if check.verified_at is not None:
        return 0.0
    out.append(
        Finding(
            unverified_moment(f),
            "location",
            "case_entry",
            f"{check.summary()} {location_tip(scenario)}",
            LOCATION_POINTS,
            rule="ani_ali",
        )
    )
    return LOCATION_POINTS


CALLBACK_POINTS = 15.0  # off case entry: a callback number taken but never read back and confirmed


def check_callback(scenario: Scenario, f: CallFacts) -> CallbackCheck:
    """The callback number read back right and confirmed: after the caller said it, or read from
    the screen (the ANI) before she did: a confirmed ANI is a verified callback number and also
    obtains it, which is how a child or a silent caller who cannot say the number is handled."""
    shown = console_view(scenario).number
    known = f.revealed_turn.get("callback")
    for a, verdict in readback_verdicts(scenario, f, "verify_callback"):
        if verdict != "correct":
            continue
        if known is None or a.t >= known:
            return CallbackCheck(shown, a.t, a.line, known is None or a.t < known)
        if readback.check_phone(f.text(a.line), shown) == "correct":
            return CallbackCheck(shown, a.t, a.line, True)
    return CallbackCheck(shown, None, None, False)


def callback_finding(scenario: Scenario, f: CallFacts, check: CallbackCheck, out: list[Finding]) -> float:
    """For a scenario whose protocol does not itself require `verify_callback`: a finding when the
    callback number was never read back and confirmed (the case-entry skeleton verifies the number
    like the address: a wrong digit means no way back to a caller who gets cut off). A caller who
    cannot say the number (a child, a silent line) can still confirm the one on the screen.
    Returns the points off case entry."""
    if check.verified_at is not None:
        return 0.0
    taken = f.revealed.get("callback")
    out.append(
        Finding(
            taken,
            "readback",
            "case_entry",
            f"The callback number was never read back. Read it back and have the caller confirm it: "
            f'"I have {scenario.callback}, is that right?" (the screen shows {check.shown}; reading that back '
            "and hearing it confirmed counts too).",
            CALLBACK_POINTS,
            rule="verify_callback",
        )
    )
    return CALLBACK_POINTS
