"""How a trainee's line is put, apart from the facts it asks for: a question or a
request put as one, a check-in, asking to hear something again, asking whether
something is there, asking how the patient is now, and the manner of it —
`manner` tells a supportive question (reassuring, non-judgemental) from a
pressured one (demanding, accusing, repeating itself), which decides whether a
withholding caller opens up."""

from __future__ import annotations

import re

_QUESTION_START = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now|sir|ma'?am|um|uh)[,.]?\s+)*"
    r"(what|whats|where|wheres|who|whos|whose|when|why|how|hows|which|is|are|was|were|do|does|did|"
    r"can|could|will|would|has|have|had|should|any|anyone|anybody|"
    r"tell me (?:exactly )?(?:what|where|who|how|which|when|about))\b",
    re.I,
)

_REPEAT = re.compile(
    r"\b(say (?:that|it) again|say again|repeat (?:that|it|yourself)|come again|"
    r"didn't (?:catch|get|hear) (?:that|you|it)|what did you say|one more time|"
    r"pardon)\b|^(?:sorry|what|huh)\s*\?+$",
    re.I,
)


_HEAR_AGAIN = re.compile(r"\b(?:repeat|again|one more time|what (?:was|is|'s) (?:the|your|that))\b", re.I)


_IS_THERE = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now|sir|ma'?am|um|uh)[,.]?\s+)*"
    r"(?:(?:do|does|did) (?:you|he|she|they|we|the \w+) (?:have|keep|own)|(?:have|has) (?:you|he|she|they) got"
    r"|is there|are there|got) (?:any|an?|some)\b[^.!]*\?\s*$",
    re.I,
)


_HOW_NOW = re.compile(
    r"\b(?:any|getting) (?:better|worse)\b|\bbetter or worse\b|\bany change\b|\b(?:has )?anything changed\b"
    r"|\bwhat(?:'s| is) (?:he|she|they) doing\b|\bwhat (?:he|she)(?:'s| is) doing\b|\bwhat they(?:'re| are) doing\b"
    r"|\bhow(?:'s| is) (?:he|she|they) doing\b",
    re.I,
)


def asks_how_now(text: str) -> bool:
    """ "Is she any better or worse?", "what's he doing right now?": how the patient is now."""
    return bool(_HOW_NOW.search(text))


def asks_if_there_is(text: str) -> bool:
    """ "Does he have any aspirin in the house?": one question whether something is there."""
    return bool(_IS_THERE.match(" ".join(text.split())))


def hear_again(text: str) -> bool:
    """ "Can you repeat the address?", "what was your number again?": asks to be told again."""
    return bool(_HEAR_AGAIN.search(text))


def repeat_request(text: str) -> bool:
    """ "Say that again?", "Sorry?": the call-taker did not catch the caller's last words."""
    return bool(_REPEAT.search(text.strip()))


_SUPPORTIVE = (
    "it's okay",
    "it's ok",
    "its okay",
    "it's alright",
    "that's okay",
    "you're not in trouble",
    "not in trouble",
    "nobody is in trouble",
    "no one is in trouble",
    "nobody's in trouble",
    "no one's in trouble",
    "not going to get in trouble",
    "won't get in trouble",
    "we're not the police",
    "not here to judge",
    "not judging",
    "no judgement",
    "no judgment",
    "so the paramedics",
    "so they can",
    "so we can help",
    "so they know",
    "so i can help",
    "helps the paramedics",
    "help them treat",
    "i need to know so",
    "it's safe to tell me",
    "you can tell me",
    "whatever it is",
    "take your time",
    "you're doing great",
    "i'm here to help",
    "i want to help",
    "i'm here with you",
    "make sure you're safe",
    "it's important for",
    "be honest with me",
    "no one will be angry",
    "that's alright",
)
_PRESSURE = (
    "just tell me",
    "tell me now",
    "you need to tell me",
    "you have to tell me",
    "answer me",
    "answer the question",
    "why won't you",
    "stop lying",
    "don't lie",
    "i need an answer",
    "right now!",
    "come on!",
    "what did you give",
    "what did you do",
    "you two were",
    "were you doing",
    "you'd better",
    "you better",
)


_REQUEST = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|now|and)[,.]?\s+)*(?:can|could|would|will) you (?:please )?"
    r"(?!tell|see|describe|hear|remember|find out|say|check if|check whether)\w+",
    re.I,
)


def request_like(text: str) -> bool:
    """ "Could you put the pills in another room?": an instruction put as a question."""
    return bool(_REQUEST.match(text.strip()))


_CHECK_IN = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|all right|hello|hey|sir|ma'?am|[a-z]+)[,.!]?\s*)?"
    r"(?:ok(?:ay)?|alright|all right|got it|(?:do )?you understand|understood|hello|"
    r"(?:are )?you (?:still )?(?:there|with me|on the line)|(?:still )?with me|(?:can|do) you (?:still )?hear me|"
    r"(?:can|will|could) you do (?:that|this)(?: for me)?|(?:you got|did you get) (?:that|it)|"
    r"does that make sense|right)\s*\??$",
    re.I,
)


def check_in(text: str) -> bool:
    """ "Okay?", "Are you still there?", "Can you do that for me?": a call-taker checking
    the caller is there and with them, not asking for a fact."""
    return bool(_CHECK_IN.match(" ".join(text.strip().split())))


def question_like(text: str) -> bool:
    """A line that asks something: ends with a question mark or opens like a question."""
    t = text.strip()
    return t.endswith("?") or "?" in t or bool(_QUESTION_START.match(t))


def has_phrase(text: str, phrase: str) -> bool:
    """The phrase as words in text (a plural counts: "medical problem" finds "medical problems")."""
    return re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?:s|es)?(?![a-z])", text) is not None


def manner(text: str, acts: tuple[str, ...]) -> str:
    """'supportive', 'pressured' or 'plain': how the question was put to the caller."""
    low = " ".join(text.lower().replace("’", "'").split())
    if any(a in acts for a in ("rude", "victim_blaming", "threaten_hangup")):
        return "pressured"
    questions = [q.strip() for q in re.split(r"[?]", low) if q.strip()]
    if len(questions) != len(set(questions)) or any(has_phrase(low, p.rstrip("!")) for p in _PRESSURE):
        return "pressured"
    words = [w for w in re.findall(r"[A-Za-z']{2,}", text)]
    if len(words) >= 3 and sum(w.isupper() for w in words) >= 0.6 * len(words):
        return "pressured"  # shouted
    if any(a in acts for a in ("reassure", "calm_control")) or any(has_phrase(low, p) for p in _SUPPORTIVE):
        return "supportive"
    return "plain"
