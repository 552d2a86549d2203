"""Fair findings: what is not a repeat, and the trainee line that came closest to a missed act.

* A question asked again after the caller answered (or said "I don't know")
  is a repeat, unless it is a clarification ("is he breathing normally, or is
  it just that gasping?"), a re-check after a scenario event, or asked again
  at least 30 s later (things change). After "I don't know" a rephrasing is
  still the same question ("roughly how many?"): only an event or time excuses it.
* Asking the address again before it has been read back is not a repeat:
  getting the location exactly right (a direction, a unit, a street the caller
  slurred) comes before everything, and the read-back is what settles it.
* "Never did X" findings name the trainee line that came closest to X, so an
  instructor can spot a line the grader may have misread.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..scenario.schema import SLOT_OF_ACT
from .standards import STANDARDS

if TYPE_CHECKING:  # metrics uses these rules, so at run time this module never imports it
    from .metrics import CallFacts, TraineeAct

# Asking to make an answer precise, or to see whether it has changed.
CLARIFY = re.compile(
    r"\b(?:normally|exactly|still|now|anymore|any more|right now|do you mean|you mean|you said|to be clear|make sure"
    r"|just to (?:check|confirm)|or (?:is|are|was|just|does|did|do|has|have) (?:it|he|she|they|that|this|there|just)"
    r"|or (?:just|only)\b|or is it|is it (?:a|an)\b|what kind|which one|how (?:much|many|bad)|what do you see)\b",
    re.I,
)

# Words that say an act was attempted, to find the closest line to a missed act.
ACT_WORDS: dict[str, str] = {
    "ask_address": "address where location street live house",
    "verify_address": "address correct right confirm street",
    "ask_callback": "number phone callback calling reach",
    "verify_callback": "number phone correct right confirm",
    "ask_what_happened": "happened emergency going on what wrong",
    "ask_age": "old age years",
    "ask_conscious": "awake conscious responding respond talk wake",
    "ask_breathing": "breathing breath chest rising",
    "ask_injuries": "hurt injured injuries bleeding wound",
    "ask_weapons": "weapon gun knife armed",
    "ask_suspect": "who look like wearing describe suspect",
    "ask_vehicle": "car vehicle truck make model color",
    "ask_hazards": "fire smoke fuel leaking hazard wires gas",
    "ask_people_count": "how many people anyone else inside",
    "ask_caller_safety": "safe hear you hide hiding",
    "ask_name": "name",
    "ask_time": "when long ago time",
    "ask_drugs": "drugs pills medication alcohol took taken",
    "ask_medications": "medication medicine pills take thinners",
    "ask_medical_history": "medical history problems conditions heart diabetic",
    "instruct_prepare_arrival": "door unlock light porch dog pets crew meet",
    "recognize_arrest": "arrest cpr heart stopped breathing",
    "instruct_cpr": "cpr chest push hands compressions",
    "instruct_cpr_hands": "hand hands chest center middle heel",
    "instruct_cpr_push": "push hard fast inches",
    "instruct_cpr_position": "flat back floor",
    "instruct_cpr_rate": "count minute fast",
    "instruct_cpr_continue": "keep going stop until take over",
    "instruct_bleeding": "pressure wound towel cloth press bleeding",
    "instruct_airway": "head tilt chin side airway",
    "instruct_safety": "safe lock door stay hidden get out away leave",
    "instruct_stay_on_line": "stay line phone hang",
    "instruct_report_changes": "if changes tell me call back",
    "reassure": "okay doing great help",
    "dispatch_notice": "help way sending coming paramedics police fire",
    "calm_control": "listen calm breath need you",
}


def is_clarification(text: str) -> bool:
    return bool(CLARIFY.search(text))


def after_dont_know(f: CallFacts, a: TraineeAct) -> bool:
    """The question was asked again after the caller said they do not know."""
    slot = SLOT_OF_ACT.get(a.act)
    said = f.dont_know.get(slot) if slot else None
    return said is not None and said < a.t - 0.01


def repeated_questions(f: CallFacts) -> list[TraineeAct]:
    """Questions asked again after the caller answered them or said 'I don't know',
    except read-backs, clarifications of an answer, re-checks after an event, or after the
    repeat window, and the address asked again before it was read back."""
    window = STANDARDS["repeat_window"].goal_s or 30.0
    read_back = f.first("verify_address")
    out: list[TraineeAct] = []
    for a in f.acts:
        slot = SLOT_OF_ACT.get(a.act)
        if slot is None or a.act.startswith("verify_"):
            continue
        if a.act == "ask_address" and (read_back is None or a.t <= read_back):
            continue
        known_at = min((x for x in (f.revealed_turn.get(slot), f.dont_know.get(slot)) if x is not None), default=None)
        if known_at is None or a.t <= known_at + 0.01:
            continue
        if a.t - known_at >= window or any(known_at < e <= a.t for e in f.events_at):
            continue
        if is_clarification(f.text(a.line)) and not after_dont_know(f, a):
            continue
        out.append(a)
    return out


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_STOP = frozenset(
    "the and you your are what that this have has with him her his she they them there then was were "
    "for not can okay just now right here ma'am sir miss tell me let who how".split()
)


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if (len(w) > 2 and w not in _STOP) or w == "cpr"}


def closest_line(f: CallFacts, act: str, extra: str = "") -> tuple[int, float, str] | None:
    """(line index, seconds from answer, text) of the trainee line most like `act`, or None."""
    core = _words(ACT_WORDS.get(act, act.replace("_", " ")))
    said = _words(extra) - core  # the scenario's own wording for it
    best, best_score = None, 0.0
    for i, (t, text) in enumerate(f.trainee_lines):
        words = _words(text)
        # a word of the act itself counts twice a word of the scenario's phrasing; one shared
        # word of that phrasing alone ("anything") is chance, not a likely misreading
        score = 2 * len(words & core) + len(words & said)
        if score >= 2 and score > best_score:
            best, best_score = (i, t, text), score
    return best
