"""Whether a scenario is ready to publish to trainees.

A draft only has to be well-formed (the schema). Publishing asks more: every
field a trainee's call depends on is filled in, the callback is a phone number,
the address reads like a place, events and behaviours are complete, and the
CAD truth names the scenario's own address. Problems are "field.path: message",
the same paths the schema's errors use, so an editor can show each one beside
its field.
"""

from __future__ import annotations

import re
from typing import Any

from .loader import ScenarioError, parse_scenario
from .placeholders import resolve
from .schema import Scenario

PHONE_CHARS = re.compile(r"^[0-9 ()+.\-]+$")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15
PLACEHOLDER = re.compile(r"^(tbd|todo|xxx+|\?+|n/?a|-+|\.+)$", re.IGNORECASE)
REQUIRED_TEXT = {
    "title": "give the scenario a title",
    "description": "describe the call for instructors (what happens, what is graded)",
    "call_type": "name the call type (e.g. cardiac_arrest, burglary)",
    "caller.name": "the caller needs a name",
    "caller.relation": "say who the caller is to the incident (self, wife, witness…)",
    "location.address": "the incident needs an address",
    "callback": "the caller needs a callback number",
    "facts.chief_complaint": "state the chief complaint",
    "cad.address": "the CAD truth needs the address",
    "cad.incident_type": "the CAD truth needs an incident type",
}
# words that would tell the trainee, before the call, how the caller will behave
GIVEAWAYS = {
    "wrong_address_first": ("wrong address",),
    "prank": ("prank", "hoax"),
    "go_silent": ("silent", "goes quiet"),
    "whisper": ("whisper",),
    "withhold": ("withhold", "holds back"),
    "hang_up_if_rude": ("hang up", "hangs up"),
    "hang_up_if_silent": ("hang up", "hangs up"),
    "talk_over": ("talks over",),
    "unknown_answers": ("doesn't know", "does not know"),
    "hysterical_until_calmed": ("hysterical",),
}
NUMERIC_FIELDS = {  # list path → numeric keys in each item
    "events": ("trigger.at_s", "emotion_delta"),
    "behaviours": ("times", "after_s", "duration_s", "silence_s", "rude_count"),
    "protocol.required_acts": ("deadline_s", "weight"),
    "protocol.required_instructions": ("deadline_s", "weight"),
}


def _get(doc: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def _not_a_number(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return isinstance(value, bool)
    if isinstance(value, (int, float)):
        return False
    try:
        float(str(value).strip())
    except ValueError:
        return True
    return False


def numeric_problems(doc: dict[str, Any]) -> list[str]:
    """Numbers written as words ('soon', 'ten') name their field instead of becoming 0."""
    out = []
    for list_path, keys in NUMERIC_FIELDS.items():
        items = _get(doc, list_path)
        for i, item in enumerate(items if isinstance(items, list) else []):
            for key in keys:
                value = _get(item, key)
                if _not_a_number(value):
                    out.append(f"{list_path}[{i}].{key}: must be a number, not {value!r}")
    for path in ("caller.age", "cad.priority", "protocol.dispatch_deadline_s"):
        if _not_a_number(_get(doc, path)):
            out.append(f"{path}: must be a number, not {_get(doc, path)!r}")
    return out


def phone_problem(number: str) -> str | None:
    """Why `number` is not a phone number a caller could give (None when it is)."""
    text = number.strip()
    digits = re.sub(r"\D", "", text)
    if not PHONE_CHARS.match(text or "x"):
        return "a phone number is digits with spaces, dashes, dots or brackets (e.g. 555-0147)"
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        return f"a phone number has {MIN_PHONE_DIGITS}-{MAX_PHONE_DIGITS} digits ({len(digits)} given)"
    return None


def address_problem(address: str) -> str | None:
    """Why `address` does not read like a place a unit could drive to (None when it does)."""
    words = re.findall(r"[A-Za-z]{2,}", address)
    if PLACEHOLDER.match(address.strip()):
        return "replace the placeholder with a real address"
    if len(address.split()) < 2 or not words:
        return "an address needs a number and street, an intersection or a named place"
    return None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def giveaway_problems(sc: Scenario) -> list[str]:
    """What the trainee reads before the call (title, brief) must not give away the
    caller's behaviour or the location they are meant to get from the caller."""
    out = []
    secrets = [sc.location.address, sc.location.unit, *sc.location.landmarks]
    for field in ("title", "brief"):
        text = _norm(getattr(sc, field))
        for b in sc.behaviours:
            said = [w for w in GIVEAWAYS.get(b.kind, ()) if w in text]
            if said:
                out.append(f"{field}: gives away how the caller behaves ({said[0]!r}); keep it for the call")
        named = [x for x in secrets if len(_norm(x)) > 3 and _norm(x) in text]
        if named:
            out.append(f"{field}: names the location ({named[0]!r}); the trainee must get it from the caller")
    return out


def content_problems(sc: Scenario) -> list[str]:
    """Rules on a well-formed scenario that publishing adds to the schema."""
    sc = resolve(sc)  # placeholders read as the trainee will hear them
    out: list[str] = giveaway_problems(sc)
    values = {path: _get(sc.model_dump(mode="json"), path) for path in REQUIRED_TEXT}
    for path, why in REQUIRED_TEXT.items():
        value = str(values[path] or "").strip()
        if not value or PLACEHOLDER.match(value):
            out.append(f"{path}: {why}")
    if values["callback"] and (problem := phone_problem(sc.callback)):
        out.append(f"callback: {problem}")
    if sc.phone.number and (problem := phone_problem(sc.phone.number)):
        out.append(f"phone.number: {problem}")
    if sc.location.address.strip() and (problem := address_problem(sc.location.address)):
        out.append(f"location.address: {problem}")
    if (
        sc.location.address.strip()
        and sc.cad.address.strip()
        and _norm(sc.location.address) not in _norm(sc.cad.address)
    ):
        out.append(f"cad.address: the CAD truth must name the scenario's address ({sc.location.address!r})")
    if not any(line.strip() for line in sc.script.opening):
        out.append("script.opening: write at least one opening line")
    if "address" not in sc.script.answers and "address" not in sc.facts.unknown:
        out.append("script.answers: the caller needs an answer for 'address' (or list it as unknown)")
    ids = [e.id for e in sc.events]
    for i, e in enumerate(sc.events):
        if not e.id.strip():
            out.append(f"events[{i}].id: give the event an id")
        elif ids.count(e.id) > 1:
            out.append(f"events[{i}].id: {e.id!r} is used by another event")
        if not e.say.strip():
            out.append(f"events[{i}].say: write what the caller says when it happens")
        for slot, line in e.lines.items():
            if not line.strip():
                out.append(f"events[{i}].lines: the changed answer for {slot!r} is empty")
    for i, b in enumerate(sc.behaviours):
        if b.kind == "wrong_address_first" and _norm(b.wrong_address) == _norm(sc.location.address):
            out.append(f"behaviours[{i}].wrong_address: must differ from the real address")
        if b.kind == "go_silent" and b.after_s is None:
            out.append(f"behaviours[{i}].after_s: say after how many seconds the caller goes silent")
    if not sc.protocol.required_acts and not sc.protocol.required_instructions:
        out.append("protocol.required_acts: list at least one act the trainee is graded on")
    return out


def publish_problems(doc: dict[str, Any]) -> list[str]:
    """Everything that stops `doc` (a scenario as a dict) being published; [] when ready."""
    numeric = numeric_problems(doc)
    try:
        sc = parse_scenario(doc, "scenario")
    except ScenarioError as exc:
        bad = {p.split(":", 1)[0] for p in numeric}
        return numeric + [p for p in exc.problems if p.split(":", 1)[0] not in bad]
    return numeric + content_problems(sc)


__all__ = [
    "address_problem",
    "content_problems",
    "giveaway_problems",
    "numeric_problems",
    "phone_problem",
    "publish_problems",
]
