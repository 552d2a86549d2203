"""Rule-based multi-label dialogue-act classifier for call-taker utterances.

All regexes are compiled once at import; ``classify`` is a pure function of its
input and therefore safe to call from many threads at once.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .act_patterns import QUESTION_PATTERNS, SUPPRESS, VETO
from .act_patterns_instruct import INSTRUCT_PATTERNS
from .act_patterns_keyq import KEYQ_PATTERNS
from .act_patterns_protocol import PROTOCOL_PATTERNS
from .act_patterns_protocol import adjust as protocol_adjust
from .literals import LiteralIndex, required_literals
from .schema import ACT_INDEX
from .spelling import Speller, english_words, rule_keywords, training_words
from .spoken_numbers import digits_for_words

# --- normalisation --------------------------------------------------------------
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - "})
_IRREGULAR = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "ain't": "is not",
    "shan't": "shall not",
    "i'm": "i am",
    "let's": "let us",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "ok": "okay",
    # apostrophe-less forms typical of speech-to-text / fast typing
    "whats": "what is",
    "wheres": "where is",
    "hows": "how is",
    "thats": "that is",
    "theres": "there is",
    "whos": "who is",
    "hes": "he is",
    "shes": "she is",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "cant": "can not",
    "wont": "will not",
    "should of": "should have",
    "would of": "would have",
    "could of": "could have",
    "must of": "must have",
    "couldnt": "could not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "youre": "you are",
    "theyre": "they are",
    "im": "i am",
    "ive": "i have",
    "youve": "you have",
    "weve": "we have",
}
_IS_WORDS = (
    "he|she|it|that|what|where|who|how|there|here|when|why|everyone|everybody|someone|somebody|nobody|anyone"
    "|anybody|something|this|name|number|address|help|everything|nobody|one|ambulance|car"
)
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
    r" (?=(?:is|are|was|were|do|does|did|can|could|has|have(?! (?:him|her|them|someone|somebody|everyone|everybody)\b)"
    r"|where|what|when|how|who|which|why) (?:he|she|they|you|it"
    r"|there|the|your|his|her|anyone|anybody|someone|somebody|everyone|everybody|this|that|we|i)\b)"
)
# "for crying out loud, where are you": a wh-question after a comma in a clause that does not ask
_INNER_WH = re.compile(r", (?=(?:where|what|who|how|which|when) (?:is|are|was|were|did|does|do|can|has|have)\b)")
_FILLER = re.compile(
    r"^(?:\s|,|911|nine one one|okay|alright|all right|and|so|now|um|uh|well|sir|ma'am|miss|listen|hey|right|good|yes|no)+\b"
)
_QWORD = re.compile(
    r"^(?:is|are|was|were|can|could|has|had|where|what|who|whom|whose|how|which|why|any|anything|anyone"
    # "have you ...?" asks; "have him sit still" / "have someone meet the crew" instructs
    r"|have(?! (?:him|her|them|someone|somebody|a neighbou?r|everyone|everybody|one of|his|the|all|some)\b)"
    # "when did/is ..." asks; "when the shaking stops, roll him over" instructs
    r"|when(?= (?:did|was|were|is|are|does|do|had|has|have|will|would|should|can|could|exactly)\b)"
    r"|anybody|will|would|should"
    r"|shall|may|might|am|(?:do|does|did) (?!not\b)(?:you|he|she|they|we|i|it|your|his|her|their|the|anyone|anybody"
    r"|someone|somebody|everyone|everybody|anything|something|any|this|that|there))\b"
)


# A polite request ("could you unlock the door?", "would you put the pills away?") is an
# instruction. With a hands-on verb it is *only* an instruction, unless it embeds a yes/no
# signal ("tap once if he is there"); with a softer verb ("can you keep an eye on his
# breathing?") it is searched as both an instruction and a question.
_REQUEST = re.compile(
    r"^(?:can|could|would|will) you (?:please |just |now |maybe )?(?:be (?:willing|able) to |mind |try to |try and )?"
    r"(?:please )?(?:(?P<hands>put|leave|unlock|lock|open|close|shut"
    r"|roll|turn|lay|press|push|hold|grab|bring|send|wave|pull|place|cover|tilt|lift|loosen|wrap|tie|sweep|kneel|gather"
    r"|switch|flip|hang|wipe|elevate|raise|move (?:the|that|any|things|everything|away))|keep|go|step|take|start|stop"
    r"|tap|whisper|gently|help|come|get)\b"
)
_EMBEDDED_Q = re.compile(r"\b(?:if|whether)\b")


def normalise(text: str) -> str:
    """Lower-case, straight quotes, contractions expanded, chat shorthand and one-letter
    typos repaired (``spelling``)."""
    s = text.translate(_QUOTES).lower()
    s = _CONTRACTION.sub(_expand, s)
    s = _SPELLER.repair(s)
    return _SPACES.sub(" ", s).strip()


# A trainee's statement with a negation ("that is not normal breathing", "he is not
# breathing normally") tells, it does not ask: question acts skip it.
_NEGATED_STATEMENT = re.compile(
    r"^(?:that|this|it|he|she|they|his|her|their|the \w+|those|these)\b(?: [\w']+){0,3}? (?:is|are|was|were|does|do|did)"
    r" not\b|^i am not asking\b|\bno longer\b"
)
# A condition on a future change in the patient ("if he stops breathing, I'll tell you how to
# do CPR") makes the instruction advice for later: the instruction acts skip it (it stays
# visible to the "raw" scope and to instruct_report_changes). A present-state condition
# ("if he's not breathing normally, we start CPR now") is not masked.
_WORSENING = re.compile(
    r"^(?:(?:and |just |okay,? )?(?:let me know|tell me|you tell me|call (?:me|us)(?: right)? back|yell|shout|scream)"
    r"(?: right away| immediately| straight away| right then)? )?"
    r"(?:if|when|once|should|in case) (?:anything\b|(?:he|she|they|it|the \w+|your \w+|his \w+|her \w+|things)"
    r"\b[^,|]{0,40}?\b(?:stops? (?:breathing|responding|moving)|stopped (?:breathing|responding)|pass(?:es)? out"
    r"|gets? worse|getting worse|go(?:es)? (?:unconscious|limp|blue|quiet)|becomes? (?:unconscious|unresponsive)|turns? (?:blue|gray|grey)"
    r"|collapses?|loses? consciousness|starts? (?:seizing|gasping|choking|to seize|vomiting)|changes?|comes? back|wakes? up"
    r"|can not breathe|starts? (?:to have|having) (?:trouble|a hard time|difficulty) breathing|has (?:trouble|a hard time) breathing"
    r"|gets? (?:confused|sleepy|drowsy|pale|clammy|cold)|starts? (?:bleeding|to bleed)|does not stop|moves?|opens? (?:his|her|their) eyes"
    r"|catch(?:es)? (?:on )?fire|starts? (?:smoking|burning|sparking|leaking)|spreads?"
    # "if the gasping stops, tell me": a sign that ends
    r"|stops?(?=\s*(?:,|$|\||\.|and\b|or\b|then\b))))"
)
# Split a clause before a conditional joined with a comma or "and" ("keep pressing, and if he
# passes out, tell me") and before a second question ("where are you and where is he?").
_JOINT = re.compile(
    r"(?:,| and|, and) (?=if\b)|,? (?=(?:and|or) (?:where|what|which|how|who|when|why|is|are|does|did"
    r"|do|can|has)\b(?! (?:to|if|it is|you do)\b))"
    # "if he gets worse, call me back, and leave the door unlocked": a new instruction after the condition
    r"|, and (?=(?:leave|unlock|turn|put|open|keep|stay|lock|send|make sure|have someone|get)\b)"
    # "get away from the car and call me back if it catches fire"
    r"|,? and (?=(?:call (?:me|us)(?: right)? back|tell me|let me know) (?:right away |immediately )?(?:if|when)\b)"
)
# A statement with a check-in tag ("we are going to do CPR, okay?") tells; the tag does not make it a question.
_TAG = re.compile(r",? (?:okay|ok|alright|all right|understand|got it|you hear me)\?(?=\s|$)")


# An instruction or statement, a comma, then a question ("stay away from him, is he still
# holding the knife?", "press on the wound, is it still bleeding?"): the first part tells.
_TOLD_THEN_ASKED = re.compile(
    r", (?=(?:(?:is|are|was|were|does|did|can|has|where|what|which|how|who|when) (?:he|she|they|it|there|the|his|her"
    r"|anyone|anybody|someone|somebody|everyone|everybody|you)|how (?:old|long|many|much|bad|far)|what (?:is|was|are|were|kind"
    r"|colou?r|happened)"
    # "stay hidden, which room are you in?", "stay back from the van, is gas still leaking?"
    r"|(?:which|what) (?:room|floor|way|direction|part|side|door|car|street) (?:is|are|was|were|did|do|does)"
    r"|(?:is|are|was|were|does|did|has) \w+ still)\b)"
)
_TELLING_START = re.compile(
    r"^(?:(?:okay|alright|all right|now|so|and|sir|ma'am|listen|please|just|go ahead and|i need you to|you need to)[ ,]+)*"
    r"(?:stay|keep|press|push|hold|put|get|go|lock|leave|move|turn|roll|tilt|grab|take|stop|do not|don't|make sure"
    r"|wrap|tie|cover|lay|place|bring|open|close|shut|unlock|sit|kneel|elevate|raise|pinch|apply|hide|crawl"
    r"|help is|they are|units are|the ambulance|i have|i am sending|i will|we will|we are|you are doing"
    r"|if (?:he|she|they|it|anything|the \w+)\b[^,]*, (?:tell|let|call|yell))\b"
)


# A question, then an instruction joined by a comma or "and" ("what kind of car was it, and
# roll him on his side", "has she been drinking, turn on the porch light"): the second part tells.
_ASKED_THEN_TOLD = re.compile(
    r"(?:,| and|, and)(?: okay,?| ok,?| now,?| alright,?| then,?)? (?=(?:turn|put|get|go|keep|stay|roll|tilt|press|push"
    r"|hold|grab|lock|unlock|leave|open|close|make sure|send|move|lay|place|bring|wrap|cover|clear|can someone"
    r"|have someone|do not|try to|start|listen|tell me)\b)"
)


def _told_then_asked(part: str) -> list[str]:
    """Split an instruction from a question a comma (or "and") joins to it, either way round;
    other parts stay whole. A told piece ends with "." (it is not asked)."""
    pieces = _TOLD_THEN_ASKED.split(part)
    if len(pieces) > 1 and _TELLING_START.match(pieces[0]):
        return [pieces[0] + ".", ", ".join(pieces[1:])]
    body = _FILLER.sub("", part).lstrip(" ,")
    pieces = _ASKED_THEN_TOLD.split(part, maxsplit=1)
    if len(pieces) > 1 and _QWORD.match(body) and len(pieces[0].split()) >= 3 and not _WORSENING.match(body):
        return [pieces[0].rstrip(" ,?") + "?", pieces[1].rstrip(" ?") + "."]
    return [part]


def clauses(norm: str) -> list[str]:
    """The clauses of a normalised line: sentences, split again at joined questions and
    conditionals, and after an instruction that a comma joins to a question."""
    out = []
    for m in _CLAUSE.finditer(norm):
        sentence = m.group().strip()
        if _TAG.search(sentence) and not _QWORD.match(_FILLER.sub("", sentence).lstrip(" ,")):
            sentence = _TAG.sub(".", sentence)
        asks = sentence.endswith("?")
        joints = _JOINT.split(sentence)
        for i, joined in enumerate(joints):
            for part in _told_then_asked(joined):
                part = part.strip(" ,")
                if part and any(c.isalnum() for c in part):
                    # a part of a question is asked too ("911, where is your emergency and what happened?")
                    # "get out now, and is anybody still inside?": an order joined to a question is told
                    told = part.endswith(".") or (
                        asks and i < len(joints) - 1 and _TELLING_START.match(part) is not None
                    )
                    out.append(
                        part + "?"
                        if asks and not told and not part.endswith("?") and not part.startswith("if ")
                        else part.rstrip(".")
                        if told
                        else part
                    )
    return out


class Views(NamedTuple):
    """Texts the rules search, one per (family, scope); see ``split_scopes``."""

    ask: tuple[str, str, str]  # (any, q, imp) for ask_* / verify_* acts: negated statements left out
    do: tuple[str, str, str]  # (any, q, imp) for the other acts: worsening conditionals left out
    raw: str  # the whole normalised line
    all_imp: str  # every non-question clause


# The instruction after a condition ("once the seizure stops, roll her onto her side", "if she
# throws up, turn her on her side") keeps its act; asking to be told ("..., tell me") or a
# promise of later coaching ("..., I will walk you through CPR") stays watch-for-a-change advice.
_THEN_DO = re.compile(
    r"^(?:if|when|once|should|in case|as soon as) [^,|]{3,60}?, (?:then |okay,? |just )?(?P<rest>.+)$"
)
_NOT_AN_INSTRUCTION = re.compile(
    r"^(?:and |you )?(?:tell|let|call|yell|shout|scream|text|i\b|we\b|you (?:tell|let|call)|that|it|this|he|she|they"
    r"|there|the\b)"
)


def _then_do(body: str) -> str:
    """The instruction a condition leads to, or "" (see ``_THEN_DO``)."""
    m = _THEN_DO.match(body)
    if not m or _NOT_AN_INSTRUCTION.match(m.group("rest")):
        return ""
    return m.group("rest")


def split_scopes(norm: str) -> Views:
    """Question clauses and non-question clauses, each family's view joined with ' | '.

    A polite request ("could you unlock the door?") counts as an instruction
    (see ``_REQUEST``); "when X, do Y" and "have him do Y" are instructions too.
    A question that starts mid-clause ("help is on the way is he breathing") is
    added to the question view as well; the clause itself keeps its own scope.
    """
    ask_q: list[str] = []
    ask_i: list[str] = []
    do_q: list[str] = []
    do_i: list[str] = []
    ask_all: list[str] = []
    do_all: list[str] = []
    all_i: list[str] = []
    parts = clauses(norm)
    for clause in parts:
        body = _FILLER.sub("", clause).lstrip(" ,")
        req = _REQUEST.match(body)
        if req:
            is_q, is_i = not req.group("hands") or bool(_EMBEDDED_Q.search(clause)), True
        else:
            is_q = clause.endswith("?") or bool(_QWORD.match(body))
            is_i = not is_q
        negated = is_i and not is_q and bool(_NEGATED_STATEMENT.search(body))
        worsening = bool(_WORSENING.match(body))
        inner = [clause[m.end() :] for m in _INNER_Q.finditer(clause)]
        inner += [clause[m.end() :] for m in _INNER_WH.finditer(clause)] if not is_q else []
        if is_i:
            all_i.append(clause)
        # a watch-for-a-change instruction ("let me know if she stops breathing") asks nothing
        watch = worsening and (not is_q or (body.startswith("should ") and not clause.endswith("?")))
        if is_q and not watch:
            ask_q.append(clause)
        if is_i and not negated and not watch:
            ask_i.append(clause)
        if not negated and not watch:
            ask_all.append(clause)
        ask_q.extend(inner)
        if not worsening:
            do_all.append(clause)
            if is_q:
                do_q.append(clause)
            if is_i:
                do_i.append(clause)
            do_q.extend(inner)
        elif is_i and (then := _then_do(body)):
            do_i.append(then)
            if watch:  # "once it stops, check whether he is breathing" checks then
                ask_i.append(then)
    join = " | ".join
    # "any" is the line itself unless a clause was left out (anchored rules see it whole)
    ask_any = norm if len(ask_all) == len(parts) else join(ask_all)
    do_any = norm if len(do_all) == len(parts) else join(do_all)
    return Views(
        ask=(ask_any, join(ask_q), join(ask_i)), do=(do_any, join(do_q), join(do_i)), raw=norm, all_imp=join(all_i)
    )


# --- compiled pattern table -------------------------------------------------------
# One alternation per (act, scope); each rule is a named branch so the weight of
# the rule that fired can be looked up from ``match.lastgroup``. ``gate`` holds
# literals of which at least one must occur for a match to be possible.
_SCOPES = ("any", "q", "imp", "raw")
Rule = tuple[int, re.Pattern, dict[str, float], "frozenset[str] | None"]


def _minimal(lits: set[str]) -> frozenset[str]:
    """Drop literals that contain another literal of the same gate (implied by it)."""
    return frozenset(x for x in lits if not any(y != x and y in x for y in lits))


def _compile() -> list[tuple[str, tuple[Rule, ...]]]:
    table = []
    merged = {**QUESTION_PATTERNS, **INSTRUCT_PATTERNS, **KEYQ_PATTERNS, **PROTOCOL_PATTERNS}
    for act in sorted(merged, key=ACT_INDEX.__getitem__):
        rules: list[Rule] = []
        for scope_i, scope in enumerate(_SCOPES):
            branches = [(rx, w) for sc, rx, w in merged[act] if sc == scope]
            if not branches:
                continue
            weights = {f"r{i}": w for i, (_, w) in enumerate(branches)}
            alt = "|".join(f"(?P<r{i}>{rx})" for i, (rx, _) in enumerate(branches))
            lits = [required_literals(rx) for rx, _ in branches]
            gate = _minimal({x for lit in lits if lit for x in lit}) if all(lits) else None
            rules.append((scope_i, re.compile(alt), weights, gate))
        table.append((act, tuple(rules)))
    return table


_TABLE = _compile()
# Acts of the inventory no rule is written for yet: the trained model gives them.
RULE_LESS = frozenset(a for a in ACT_INDEX if a != "other" and a not in {act for act, _ in _TABLE})
_ASKING = ("ask_", "verify_")
_READ_BACK = frozenset({"verify_address", "verify_callback"})
_UNMASKED = frozenset({"instruct_report_changes"})  # it is about the very conditions others skip
_SPELLER = Speller(
    rule_keywords(rx.pattern for _, rules in _TABLE for _, rx, _, _ in rules), training_words(), english_words()
)
_LITERALS = LiteralIndex({x for _, rules in _TABLE for r in rules if r[3] for x in r[3]})
_VETO = {act: re.compile(rx) for act, rx in VETO.items()}


def classify(text: str) -> dict[str, float]:
    """Map an utterance to {act: confidence}; {"other": conf} when nothing matched."""
    return classify_detail(text)[0]


# A question that may blame or threaten ("why didn't you just leave?", "do you want me to hang up?").
_LOADED_QUESTION = re.compile(r"(?:^|\| )(?:why|how could|what did you expect|do you want)\b|\bif\b")


# A bare "where?" after a question asks where that thing is ("is he bleeding? where?").
_WHERE_FOLLOW_UP = re.compile(r"\?\s*(?:and |ok |okay |so )?where(?: (?:exactly|at|is it|on (?:him|her|them)))?\s*\??$")


def classify_detail(text: str) -> tuple[dict[str, float], bool]:
    """``classify`` and whether the line says or asks anything beyond plain questions (a
    statement, an instruction, a condition, a "why ..."): only such lines can carry the
    acts no rule is written for yet."""
    norm = normalise(text)
    if not norm or not any(c.isalnum() for c in norm):  # digits alone may be a read-back ("555-0152.")
        return {"other": 1.0}, False
    views = split_scopes(norm)
    beyond = bool(views.do[2]) or len(views.do[0]) < len(norm) or bool(_LOADED_QUESTION.search(views.ask[1]))
    ask_views = (*views.ask, views.raw)
    do_views = (*views.do, views.raw)
    all_views = (norm, views.ask[1], views.all_imp, views.raw)
    present = _LITERALS.present(norm)
    # read-backs are also searched with numbers said in words written as digits ("fourteen twenty five oak")
    spoken = digits_for_words(norm)
    said_views = None
    if spoken != norm:
        sv = split_scopes(spoken)
        said_views = ((*sv.ask, sv.raw), _LITERALS.present(spoken))
    found: dict[str, float] = {}
    for act, rules in _TABLE:
        miss = 1.0
        family = ask_views if act.startswith(_ASKING) else all_views if act in _UNMASKED else do_views
        searches = [(family, present)]
        if said_views and act in _READ_BACK:
            searches.append(said_views)
        for scope, rx, weights, gate in rules:
            for views_, lits in searches:
                view = views_[scope]
                if view and (gate is None or not gate.isdisjoint(lits)):
                    m = rx.search(view)
                    if m and m.lastgroup:
                        miss *= 1.0 - weights[m.lastgroup]
                        break
        if miss < 1.0:
            found[act] = round(1.0 - miss, 3)
    for act, rx in _VETO.items():
        if act in found and rx.search(norm):
            del found[act]
    if "ask_address" in found and "ask_injuries" in found and _WHERE_FOLLOW_UP.search(norm):
        del found["ask_address"]  # "does anything hurt? where?": where it hurts, not where the call is
    for strong, weaker in SUPPRESS.items():
        if strong in found:
            for act in weaker:
                if act in found and not _asked_apart(norm, act, strong):
                    del found[act]
    found = protocol_adjust(norm, found, classify)
    if not found:
        # Confidence in "other" drops when the text looks like English speech we failed to parse.
        return {"other": 0.6 if len(norm.split()) > 6 else 0.9}, beyond
    return found, beyond


def _asked_apart(norm: str, asked: str, read_back: str) -> bool:
    """The line asks in one clause and reads back in another ("what's the address? 456 Maple
    Drive... did I hear that right?"): both acts stand. In one clause the read-back is the answer."""
    parts = clauses(norm)
    return len(parts) > 1 and any(
        asked in acts and read_back not in acts for acts in (classify_detail(part)[0] for part in parts)
    )


def unplaced_clauses(text: str) -> list[str]:
    """Clauses of a line of several in which the rules find no act ("you shouldn't have let him
    in" before "the ambulance is on its way"): the trained model is asked about each alone.
    Fragments under three words are left out."""
    parts = clauses(normalise(text))
    if len(parts) < 2:
        return []
    return [part for part in parts if len(part.split()) >= 3 and set(classify_detail(part)[0]) == {"other"}]
