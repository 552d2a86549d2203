"""Rule-based multi-label dialogue-act classifier for call-taker utterances.

All regexes are compiled once at import; ``classify`` is a pure function of its
input and therefore safe to call from many threads at once.
"""
from __future__ import annotations

import re

from .act_patterns import QUESTION_PATTERNS, SUPPRESS, VETO
from .act_patterns_instruct import INSTRUCT_PATTERNS
from .act_patterns_protocol import PROTOCOL_PATTERNS
from .act_patterns_protocol import adjust as protocol_adjust
from .literals import LiteralIndex, required_literals
from .schema import ACT_INDEX

# --- normalisation --------------------------------------------------------------
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - "})
_IRREGULAR = {"can't": "can not", "cannot": "can not", "won't": "will not", "ain't": "is not", "shan't": "shall not",
              "i'm": "i am", "let's": "let us", "gonna": "going to", "wanna": "want to", "gotta": "got to", "ok": "okay",
              # apostrophe-less forms typical of speech-to-text / fast typing
              "whats": "what is", "wheres": "where is", "hows": "how is", "thats": "that is", "theres": "there is",
              "whos": "who is", "hes": "he is", "shes": "she is", "dont": "do not", "doesnt": "does not",
              "didnt": "did not", "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not",
              "cant": "can not", "wont": "will not", "couldnt": "could not", "shouldnt": "should not",
              "wouldnt": "would not", "havent": "have not", "hasnt": "has not", "youre": "you are",
              "theyre": "they are", "im": "i am", "ive": "i have", "youve": "you have", "weve": "we have"}
_IS_WORDS = ("he|she|it|that|what|where|who|how|there|here|when|why|everyone|everybody|someone|somebody|nobody|anyone"
             "|anybody|something|this|name|number|address")
_SUFFIX = {"n't": " not", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would", "'s": " is"}
# One pass: irregular forms, "<word>'s" for pronoun-like words only, generic n't/'re/'ve/'ll/'d.
_CONTRACTION = re.compile(
    r"\b(?P<irr>" + "|".join(sorted(_IRREGULAR, key=len, reverse=True)) + r")\b"
    r"|\b(?P<isw>" + _IS_WORDS + r")'s\b"
    r"|(?P<suf>n't|'re|'ve|'ll|'d)\b"
)
_SPACES = re.compile(r"\s+")


def _expand(m: re.Match) -> str:
    if m.group("irr"):
        return _IRREGULAR[m.group("irr")]
    if m.group("isw"):
        return m.group("isw") + " is"
    return _SUFFIX[m.group("suf")]


_CLAUSE = re.compile(r"[^.?!;]+[.?!;]*")
# A question starting mid-clause ("help is on the way is he breathing"): split before it.
_INNER_Q = re.compile(
    r"(?<!\bwhere)(?<!\bexactly)(?<!\bwhat)(?<!\bwhen)(?<!\bhow)(?<!\bwho)(?<!\bwhich)(?<!\bwhy)(?<!\bwhose)(?<!\bso)"
    r" (?=(?:is|are|was|were|do|does|did|can|could|has|have|where|what|when|how|who|which|why) (?:he|she|they|you|it"
    r"|there|the|your|his|her|anyone|anybody|someone|somebody|everyone|everybody|this|that|we|i)\b)"
)
_FILLER = re.compile(r"^(?:\s|,|okay|alright|all right|and|so|now|um|uh|well|sir|ma'am|miss|listen|hey|right|good|yes|no)+\b")
_QWORD = re.compile(
    r"^(?:is|are|was|were|can|could|has|had|where|what|who|whom|whose|how|which|why|any|anything|anyone"
    # "have you ...?" asks; "have him sit still" / "have someone meet the crew" instructs
    r"|have(?! (?:him|her|them|someone|somebody|a neighbou?r|everyone|everybody|one of)\b)"
    # "when did/is ..." asks; "when the shaking stops, roll him over" instructs
    r"|when(?= (?:did|was|were|is|are|does|do|had|has|have|will|would|should|can|could|exactly)\b)"
    r"|anybody|will|would|should"
    r"|shall|may|might|am|(?:do|does|did) (?!not\b)(?:you|he|she|they|we|i|it|your|his|her|their|the|anyone|anybody"
    r"|someone|somebody|everyone|any|this|that|there))\b"
)


# A polite request ("could you unlock the door?", "would you put the pills away?") is an
# instruction. With a hands-on verb it is *only* an instruction, unless it embeds a yes/no
# signal ("tap once if he is there"); with a softer verb ("can you keep an eye on his
# breathing?") it is searched as both an instruction and a question.
_REQUEST = re.compile(
    r"^(?:can|could|would|will) you (?:please |just |now |maybe )?(?:(?P<hands>put|leave|unlock|lock|open|close|shut"
    r"|roll|turn|lay|press|push|hold|grab|bring|send|wave|pull|place|cover|tilt|lift|loosen|wrap|tie|sweep|kneel"
    r"|switch|flip|hang|wipe|elevate|raise|move (?:the|that|any|things|everything|away))|keep|go|step|take|start|stop"
    r"|tap|whisper|gently|help|come)\b"
)
_EMBEDDED_Q = re.compile(r"\b(?:if|whether)\b")


def normalise(text: str) -> str:
    s = text.translate(_QUOTES).lower()
    s = _CONTRACTION.sub(_expand, s)
    return _SPACES.sub(" ", s).strip()


def split_scopes(norm: str) -> tuple[str, str]:
    """Return (question clauses, non-question clauses), each joined with ' | '.

    A polite request ("could you unlock the door?") counts as an instruction
    (see ``_REQUEST``); "when X, do Y" and "have him do Y" are instructions too.
    A question that starts mid-clause ("help is on the way is he breathing") is
    added to the question view as well; the clause itself keeps its own scope.
    """
    qs: list[str] = []
    imps: list[str] = []
    for m in _CLAUSE.finditer(norm):
        clause = m.group().strip()
        if not clause:
            continue
        body = _FILLER.sub("", clause).lstrip(" ,")
        req = _REQUEST.match(body)
        if req:
            imps.append(clause)
            if not req.group("hands") or _EMBEDDED_Q.search(clause):
                qs.append(clause)
        elif clause.endswith("?") or _QWORD.match(body):
            qs.append(clause)
        else:
            imps.append(clause)
        for inner in _INNER_Q.finditer(clause):
            qs.append(clause[inner.end():])
    return " | ".join(qs), " | ".join(imps)


# --- compiled pattern table -------------------------------------------------------
# One alternation per (act, scope); each rule is a named branch so the weight of
# the rule that fired can be looked up from ``match.lastgroup``. ``gate`` holds
# literals of which at least one must occur for a match to be possible.
_SCOPES = ("any", "q", "imp")
Rule = tuple[int, re.Pattern, dict[str, float], "frozenset[str] | None"]


def _minimal(lits: set[str]) -> frozenset[str]:
    """Drop literals that contain another literal of the same gate (implied by it)."""
    return frozenset(x for x in lits if not any(y != x and y in x for y in lits))


def _compile() -> list[tuple[str, tuple[Rule, ...]]]:
    table = []
    merged = {**QUESTION_PATTERNS, **INSTRUCT_PATTERNS, **PROTOCOL_PATTERNS}
    for act in sorted(merged, key=ACT_INDEX.__getitem__):
        rules: list[Rule] = []
        for scope_i, scope in enumerate(_SCOPES):
            branches = [(rx, w) for sc, rx, w in merged[act] if sc == scope]
            if not branches:
                continue
            weights = {f"r{i}": w for i, (_, w) in enumerate(branches)}
            alt = "|".join(f"(?P<r{i}>{rx})" for i, (rx, _) in enumerate(branches))
            lits = [required_literals(rx) for rx, _ in branches]
            gate = _minimal({x for lit in lits for x in lit}) if all(lits) else None
            rules.append((scope_i, re.compile(alt), weights, gate))
        table.append((act, tuple(rules)))
    return table


_TABLE = _compile()
_LITERALS = LiteralIndex({x for _, rules in _TABLE for r in rules if r[3] for x in r[3]})
_VETO = {act: re.compile(rx) for act, rx in VETO.items()}


def classify(text: str) -> dict[str, float]:
    """Map an utterance to {act: confidence}; {"other": conf} when nothing matched."""
    norm = normalise(text)
    if not norm or not any(c.isalnum() for c in norm):  # digits alone may be a read-back ("555-0152.")
        return {"other": 1.0}
    q, imp = split_scopes(norm)
    views = (norm, q, imp)
    present = _LITERALS.present(norm)
    found: dict[str, float] = {}
    for act, rules in _TABLE:
        miss = 1.0
        for scope, rx, weights, gate in rules:
            view = views[scope]
            if view and (gate is None or not gate.isdisjoint(present)):
                m = rx.search(view)
                if m:
                    miss *= 1.0 - weights[m.lastgroup]
        if miss < 1.0:
            found[act] = round(1.0 - miss, 3)
    for act, rx in _VETO.items():
        if act in found and rx.search(norm):
            del found[act]
    for strong, weaker in SUPPRESS.items():
        if strong in found:
            for act in weaker:
                found.pop(act, None)
    found = protocol_adjust(norm, found, classify)
    if not found:
        # Confidence in "other" drops when the text looks like English speech we failed to parse.
        return {"other": 0.6 if len(norm.split()) > 6 else 0.9}
    return found
