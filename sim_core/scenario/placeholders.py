"""Truth in one place: the address, callback number, names and ages are written once
in a scenario, and any other text of it (script lines, event lines, the CAD truth,
what the phone line shows) may refer to them as placeholders:

    {address} {street} {house_number} {unit} {cross_street} {city} {callback}
    {caller.name} {caller.age} {patient.name} {patient.age} {patient2.name} ...

`resolve` gives the scenario with every placeholder filled in from those fields,
so an edit, an import or a practice variant that changes a field changes every
line that names it. A stored scenario keeps its placeholders; the caller, the
scoring and the review read the resolved copy."""

from __future__ import annotations

import re
from typing import Any

from .schema import Scenario

PLACEHOLDER = re.compile(r"\{([a-z_]+[0-9]*(?:\.[a-z_]+)?)\}")
_PATIENT = re.compile(r"^patient([0-9]*)\.(name|age)$")
# the fields the values come from: never filled themselves
SOURCES = {("location",), ("callback",), ("caller", "name"), ("caller", "age"), ("facts", "patients")}
NAMES = (
    "address",
    "street",
    "house_number",
    "unit",
    "cross_street",
    "city",
    "callback",
    "caller.name",
    "caller.age",
    "patient.name",
    "patient.age",
)


def values(doc: dict[str, Any]) -> dict[str, str]:
    """Placeholder → text, from a scenario document (empty values left out)."""
    loc = doc.get("location") or {}
    address = str(loc.get("address") or "")
    number, _, street = address.partition(" ")
    out = {
        "address": address,
        "unit": loc.get("unit") or "",
        "cross_street": loc.get("cross_street") or "",
        "city": loc.get("city") or "",
        "callback": str(doc.get("callback") or ""),
    }
    if number.isdigit() and street:
        out.update(house_number=number, street=street)
    caller = doc.get("caller") or {}
    out["caller.name"] = str(caller.get("name") or "")
    out["caller.age"] = "" if caller.get("age") is None else str(caller["age"])
    for i, p in enumerate((doc.get("facts") or {}).get("patients") or [], 1):
        for key in ("name", "age"):
            value = p.get(key)
            text = "" if value is None else str(value)
            out[f"patient{i}.{key}"] = text
            if i == 1:
                out[f"patient.{key}"] = text
    return {k: v for k, v in out.items() if v}


def _walk(obj: Any, path: tuple[Any, ...], fn) -> Any:
    if any(path[: len(s)] == s for s in SOURCES):
        return obj
    if isinstance(obj, str):
        return fn(obj, path)
    if isinstance(obj, list):
        return [_walk(x, (*path, i), fn) for i, x in enumerate(obj)]
    if isinstance(obj, dict):
        return {k: _walk(v, (*path, k), fn) for k, v in obj.items()}
    return obj


def _where(path: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def problems(doc: dict[str, Any]) -> list[str]:
    """A placeholder nothing fills (unknown, or its field is empty), where it is."""
    known = values(doc)
    out: list[str] = []

    def check(text: str, path: tuple[Any, ...]) -> str:
        for m in PLACEHOLDER.finditer(text):
            name = m.group(1)
            if name in known:
                continue
            if name in NAMES or _PATIENT.match(name):
                out.append(f"{_where(path)}: {{{name}}} has no value (fill in the field it comes from)")
            else:
                out.append(
                    f"{_where(path)}: unknown placeholder {{{name}}}; known: " + ", ".join(f"{{{n}}}" for n in NAMES)
                )
        return text

    _walk(doc, (), check)
    return out


def fill_text(text: str, known: dict[str, str]) -> str:
    """The text with every known placeholder replaced (one pass: a value is never
    read as a placeholder itself)."""
    return PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), text)


def fill(doc: dict[str, Any]) -> dict[str, Any]:
    known = values(doc)
    return _walk(doc, (), lambda text, _p: fill_text(text, known))


def has_placeholders(doc: dict[str, Any]) -> bool:
    found = []
    _walk(doc, (), lambda text, _p: found.append(1) if PLACEHOLDER.search(text) else text)
    return bool(found)


def resolve(scenario: Scenario) -> Scenario:
    """The scenario with its placeholders filled in (itself when it has none)."""
    doc = scenario.model_dump(mode="json")
    if not has_placeholders(doc):
        return scenario
    return Scenario.model_validate(fill(doc))


__all__ = ["NAMES", "PLACEHOLDER", "fill", "fill_text", "has_placeholders", "problems", "resolve", "values"]
