"""The spaCy pipeline (blank English + rule components) and ``analyze``.

Pipeline, built once by ``get_nlp()`` (thread-safe, cached):

    tokenizer -> sim_entities      (PhraseMatcher lexicon: lexical labels, first names, vehicles;
                                    regex ADDRESS/PHONE/AGE/TIME/PERSON; overlap resolution; sets doc.ents)
              -> sim_acts          (dialogue acts: the rules; where they find none, the trained
                                    classifier of learned_acts, also asked about each clause
                                    of a compound line that the rules could not place)
              -> sim_distress      (caller panic score)

Results live on ``doc._.sim_entities`` / ``doc._.sim_acts`` / ``doc._.sim_distress``.
Components hold only immutable, pre-compiled state, so ``nlp(text)`` and
``analyze`` may run concurrently from many threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import learned_acts
from .act_patterns_protocol import UMBRELLA_STEPS
from .acts import RULE_LESS, classify_detail, unplaced_clauses
from .distress import distress as distress_score
from .entities import LexiconMatcher, extract
from .schema import ACT_INDEX, Analysis, Entity
from .understanding import is_backchannel, is_filler, understood

_LOCK = threading.Lock()
_NLP: Language | None = None

# Longer inputs are analysed on this prefix for acts (entities use the full text).
MAX_ACT_CHARS = 2000
# The bar for an act the model finds in one clause of a compound line: a clause alone is short
# ("and what is the number?"), so the model's guess must be surer than on a whole line.
CLAUSE_THRESHOLD = 0.75


def _register_extensions() -> None:
    for name, default in (("sim_entities", None), ("sim_acts", None), ("sim_distress", 0.0)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


class SimEntities:
    """Lexicon PhraseMatcher + regex rules; writes doc._.sim_entities and doc.ents."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon = LexiconMatcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        ents = extract(doc.text, self.lexicon(doc))
        doc._.sim_entities = tuple(ents)
        spans = []
        for s, e, label, _conf in ents:
            span = doc.char_span(s, e, label=label, alignment_mode="strict")
            if span is not None:
                spans.append(span)
        doc.set_ents(spans, default="outside")
        return doc


@Language.factory("sim_entities")
def make_sim_entities(nlp: Language, name: str) -> SimEntities:
    return SimEntities(nlp, name)


def united_acts(
    rules: dict[str, float], learned: Callable[[], dict[str, float]], rule_less: frozenset[str] = frozenset()
) -> dict[str, float]:
    """The rules' acts; where the rules find none, the trained model's (if any). Acts no
    rule is written for (``rule_less``) come from the model on every line; without such
    acts the model is asked only when the rules find nothing."""
    if any(act != "other" for act in rules):
        if not rule_less:
            return rules
        extra = {act: p for act, p in learned().items() if act in rule_less}
        return {**rules, **extra}
    return learned() or rules


@Language.component("sim_acts")
def sim_acts(doc: Doc) -> Doc:
    text = doc.text[:MAX_ACT_CHARS]
    if is_backchannel(text):  # "ok, I hear you": the caller just goes on
        doc._.sim_acts = {"other": 0.9}
        return doc
    rules, beyond_questions = classify_detail(text)
    if set(rules) == {"other"} and is_filler(text):  # "okay, okay, hold on": the model is not asked
        doc._.sim_acts = rules
        return doc
    acts = united_acts(rules, lambda: learned_acts.predict(text), RULE_LESS if beyond_questions else frozenset())
    if any(act != "other" for act in acts) and learned_acts.available():
        # a clause the rules could not place, beside ones they did, is asked about alone
        for clause in unplaced_clauses(text):
            if not is_filler(clause):
                acts = {**{a: p for a, p in learned_acts.predict(clause).items() if p >= CLAUSE_THRESHOLD}, **acts}
    steps = [acts[a] for a in UMBRELLA_STEPS if a in acts]
    if steps and "instruct_cpr" not in acts:  # a step the model found is CPR coaching too, as the rules have it
        acts = {**acts, "instruct_cpr": max(steps)}
    doc._.sim_acts = acts
    return doc


@Language.component("sim_distress")
def sim_distress(doc: Doc) -> Doc:
    doc._.sim_distress = distress_score(doc.text)
    return doc


def build_nlp() -> Language:
    _register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    nlp.add_pipe("sim_entities")
    nlp.add_pipe("sim_acts")
    nlp.add_pipe("sim_distress")
    learned_acts.available()  # load the trained act model now, not on a trainee's turn
    return nlp


def get_nlp() -> Language:
    """The shared pipeline; built on first use, exactly once."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                _NLP = build_nlp()
    return _NLP


def analyze(text: str) -> Analysis:
    """Dialogue acts, entities and distress of one utterance."""
    if text is None:
        text = ""
    elif not isinstance(text, str):
        text = str(text)
    doc = get_nlp()(text)
    raw_acts: dict[str, float] = doc._.sim_acts or {"other": 1.0}
    acts = tuple(sorted(raw_acts, key=ACT_INDEX.__getitem__))
    return Analysis(
        text=text,
        acts=acts,
        entities=_entities(doc),
        distress=doc._.sim_distress,
        act_confidence={a: raw_acts[a] for a in acts},
        understood=understood(text, acts),
    )


def find_entities(text: str) -> tuple[Entity, ...]:
    """The entities of one utterance, the same as ``analyze(text).entities``, from the
    tokenizer and the entity stage alone (no acts, no distress): all a caller's line needs."""
    nlp = get_nlp()
    return _entities(nlp.get_pipe("sim_entities")(nlp.make_doc(text or "")))


def _entities(doc: Doc) -> tuple[Entity, ...]:
    text = doc.text
    return tuple(
        Entity(label=label, text=text[s:e], start=s, end=e, confidence=conf) for s, e, label, conf in doc._.sim_entities
    )
