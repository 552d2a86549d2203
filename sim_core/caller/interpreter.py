"""A telephone interpreter on the line with a caller who speaks Spanish.

Once the call-taker brings an interpreter in, every exchange is relayed: the
interpreter puts the call-taker's question to the caller in Spanish (from what
the question asks, its acts: it works for any line that asks a known thing),
the caller answers in Spanish (the scenario's bilingual lines), and the
interpreter tells the call-taker in English. A caller line with no bilingual
version is spoken as written and passed on as it is, so a scenario without
Spanish lines still plays, just less convincingly.

The text decides nothing here: the director has already chosen what the caller
says; this only finds the same line in the caller's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sim_core.scenario.schema import Scenario

# the interpreter's Spanish for what the call-taker's line does (docs/LABELS.md acts)
ASKS_ES = {
    "ask_address": "¿Cuál es la dirección exacta de la emergencia?",
    "verify_address": "Le repite la dirección para confirmarla. ¿Es correcta?",
    "ask_callback": "¿De qué número llama, por si se corta?",
    "verify_callback": "Le repite su número de teléfono. ¿Es correcto?",
    "ask_what_happened": "Cuénteme exactamente qué pasó.",
    "ask_age": "¿Cuántos años tiene?",
    "ask_conscious": "¿Está despierto? ¿Le responde?",
    "ask_breathing": "¿Está respirando?",
    "ask_injuries": "¿Está herido? ¿Sangra?",
    "ask_weapons": "¿Hay armas?",
    "ask_suspect": "¿Quién lo hizo? ¿Cómo es?",
    "ask_vehicle": "¿Qué vehículo es?",
    "ask_hazards": "¿Hay algún peligro ahí, humo, fuego, gas?",
    "ask_people_count": "¿Cuántas personas hay ahí?",
    "ask_caller_safety": "¿Usted está a salvo?",
    "ask_name": "¿Cómo se llama?",
    "ask_time": "¿Cuándo pasó?",
    "ask_drugs": "¿Tomó alguna medicina, alcohol o droga?",
    "ask_medical_history": "¿Tiene algún problema de salud?",
    "ask_medications": "¿Qué medicinas toma?",
    "ask_allergies": "¿Tiene alergias?",
    "instruct_safety": "Quite las cosas duras de su alrededor. No lo sujete y no le ponga nada en la boca.",
    "instruct_airway": "Cuando deje de temblar, póngalo de lado.",
    "instruct_cpr": "Vamos a hacer compresiones en el pecho. Le explico cómo.",
    "instruct_bleeding": "Apriete fuerte la herida con un trapo limpio.",
    "instruct_stay_on_line": "Quédese en la línea conmigo.",
    "instruct_report_changes": "Avísenos si algo cambia.",
    "instruct_prepare_arrival": "Abra la puerta y encienda las luces para la ambulancia.",
    "dispatch_notice": "La ayuda ya va en camino.",
    "reassure": "Lo está haciendo muy bien. La ayuda ya viene.",
    "calm_control": "Respire hondo. Necesito que me escuche.",
}
PASS_ON_ES = "El operador le pide que le explique, por favor."  # a line that asks nothing known
INTERPRETER_AGE = 38


@dataclass(frozen=True, slots=True)
class Relay:
    """One relayed exchange: to the caller (Spanish), the caller (Spanish), to the call-taker (English)."""

    to_caller: str
    caller: str
    to_call_taker: str


def _variants(scenario: Scenario) -> list[tuple[str, str]]:
    """(scripted phrasing, key of its bilingual line) for every line that has one, longest first."""
    sc = scenario.script
    have = sc.interpreted
    out: list[tuple[str, str]] = []

    def add(key: str, lines: Iterable[str] | str | dict) -> None:
        if key not in have:
            return
        if isinstance(lines, str):
            lines = [lines]
        elif isinstance(lines, dict):
            lines = lines.values()
        out.extend((ln.strip(), key) for ln in lines if ln and ln.strip())

    for slot, line in sc.answers.items():
        add(slot, line)
    for act, line in sc.follows.items():
        add(act, line)
    add("opening", sc.opening)
    add("closing", sc.closing)
    add("hang_up", sc.hang_up)
    add("i_dont_know", sc.i_dont_know)
    add("fillers", sc.fillers)
    return sorted(out, key=lambda v: -len(v[0]))


def caller_lines(scenario: Scenario, caller_text: str) -> tuple[str, str]:
    """The caller's reply in their language, and the interpreter's English for it.
    Scripted phrasings with a bilingual line are swapped for it; any other words pass
    as they are."""
    found: list[tuple[int, int, str]] = []
    for phrase, key in _variants(scenario):
        start = caller_text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, key))
                break
            start = caller_text.find(phrase, start + 1)
    found.sort()
    es, en, pos = [], [], 0
    lines = scenario.script.interpreted
    for start, end, key in found:
        rest = caller_text[pos:start].strip()
        if re.search(r"\w", rest):
            es.append(rest)
            en.append(rest)
        if not es or es[-1] != lines[key].es:
            es.append(lines[key].es)
            en.append(lines[key].en)
        pos = end
    rest = caller_text[pos:].strip()
    if re.search(r"\w", rest):
        es.append(rest)
        en.append(rest)
    return " ".join(es), " ".join(en)


def question_in_spanish(acts: Iterable[str]) -> str:
    """The interpreter's Spanish for the call-taker's line (every known thing it asks or says)."""
    said = [ASKS_ES[a] for a in dict.fromkeys(acts) if a in ASKS_ES]
    return " ".join(said) if said else PASS_ON_ES


def relay(scenario: Scenario, acts: Iterable[str], caller_text: str, *, opening: bool = False) -> Relay:
    """The exchange for one turn (no question to relay for the caller's first words)."""
    caller, english = caller_lines(scenario, caller_text)
    to_caller = "" if opening else question_in_spanish(acts)
    who = {"female": "She", "male": "He"}.get(_gender(scenario.caller.gender), "The caller")
    return Relay(to_caller, caller, f"{who} says: {english}" if english else "")


def _gender(g: str | None) -> str:
    g = (g or "").lower()
    return "female" if g in ("female", "f", "woman") else "male" if g in ("male", "m", "man") else ""


def interpreter_profile(scenario: Scenario) -> tuple[int, str]:
    """(age, gender) of the interpreter's voice: never the caller's gender, so the two
    voices are told apart at once."""
    return INTERPRETER_AGE, "male" if _gender(scenario.caller.gender) == "female" else "female"


def needs_interpreter(scenario: Scenario) -> bool:
    """The caller does not speak English."""
    return not (scenario.caller.language or "en").lower().startswith("en")
