"""Joins the pieces of one place into one ADDRESS span (docs/LABELS.md conventions).

The patterns find the pieces: a unit or room ("Room 214"), a named business or
motel ("Motel 6", "the Shell station"), a road or highway ("Airport Boulevard",
"I-90"). A caller says them as one place, and the span is that place:

* a unit with its building or street: "Room 214 at the Motel 6 on Airport
  Boulevard", "apartment 3B at 220 Elm", "apt 2C, 118 north ridge road";
* a business on a road, with its article: "the Walmart on Route 9",
  "the hardware store on Route 12";
* the floor that belongs to it: "Apartment 4B, fourth floor",
  "6th floor of Harbor Tower".
"""

from __future__ import annotations

import re

from .entity_patterns import FLOOR_ORD

Span = tuple[int, int, str, float]

_UNIT = re.compile(r"(?i:apartment|apt\.?|unit|suite|ste\.?|room|rm\.?|building|bldg\.?)\s")
# What may stand between two pieces of one place.
_ON = re.compile(r"\s+(?i:on|off|off of|at|at the|in|in the|inside|inside the|of|of the)\s+$")
_COMMA = re.compile(r",\s*$")
# A caller who gives the street, stops, and then the unit ("412 Birch Lane. Apartment 6.") says one place.
_BREAK = re.compile(r"\s*(?:\.{1,3}|\u2026|;|:|\s-|\s\u2014)\s*")
_FLOOR_AFTER = re.compile(r"(?:,|\.{1,3}|\u2026)?\s+(?i:on the\s+)?" + "(?i:" + FLOOR_ORD + r")\s+(?i:floor)\b")
_FLOOR_BEFORE = re.compile(r"\b(?i:" + FLOOR_ORD + r")\s+(?i:floor)\s+(?i:of|at|in)\s+(?:(?i:the)\s+)?$")
# A business named by its kind, on a road: "the hardware store on Route 12".
_KIND_BEFORE = re.compile(
    r"\b(?i:the)\s+(?:[\w'-]+\s+){0,2}?(?i:store|station|gas station|shop|market|mall|restaurant|bar|diner|motel|hotel"
    r"|church|school|bank|pharmacy|plaza|parking lot|rest area|rest stop|truck stop|bridge|overpass|gym|warehouse|office"
    r"|factory|park|laundromat|clinic|hospital)\s+(?i:on|off|off of)\s+$"
)
_THE = re.compile(r"\b(?i:the)\s+$")
_JOINED = re.compile(r"\s(?i:on|off|at)\s")


def _is_unit(text: str, span: Span) -> bool:
    return bool(_UNIT.match(text, span[0]))


def _is_named_place(text: str, span: Span) -> bool:
    """A business / building name, not a street address or a unit."""
    return not text[span[0]].isdigit() and not _is_unit(text, span)


def join_addresses(text: str, ents: list[Span]) -> list[Span]:
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if ent[2] == "ADDRESS" and prev is not None and prev[2] == "ADDRESS":
            gap = text[prev[1] : ent[0]]
            joins = (
                _ON.fullmatch(" " + gap.strip() + " ") is not None
                and gap.strip() != ""
                and (_is_unit(text, prev) or _is_named_place(text, prev))
            ) or (_COMMA.fullmatch(gap) is not None and (_is_unit(text, prev) or _is_unit(text, ent)))
            joins = joins or (_BREAK.fullmatch(gap) is not None and _is_unit(text, ent) and not _is_unit(text, prev))
            if joins:
                out[-1] = (prev[0], ent[1], "ADDRESS", max(prev[3], ent[3]))
                continue
        out.append(ent)
    return [_widen(text, e, i, out) if e[2] == "ADDRESS" else e for i, e in enumerate(out)]


def _widen(text: str, ent: Span, i: int, ents: list[Span]) -> Span:
    start, end, label, conf = ent
    floor = _FLOOR_AFTER.match(text, end)
    if floor and not floor.group().lstrip(",.\u2026 ").lower().startswith("on "):
        end = floor.end()
    lo = ents[i - 1][1] if i else 0
    head = text[lo:start]
    kind = _KIND_BEFORE.search(head)
    if kind:
        start = lo + kind.start()
    else:
        before = _FLOOR_BEFORE.search(head)
        if before:
            start = lo + before.start()
        elif _is_named_place(text, ent) and _JOINED.search(text, start, end) and (the := _THE.search(head)):
            start = lo + the.start()
    return (start, end, label, conf)
