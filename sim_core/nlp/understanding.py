"""Whether the NLP understood a trainee's line: a question it could not place.

A line that found no act (``("other",)``) is usually filler ("okay, okay, hold
on", "mm-hm"), and the caller should just carry on. But a line shaped like a
question or a request ("do you know if the neighbour has a key?", "can you see
his hands?") that found no act was *not understood*: the caller should ask
"What? What do you mean?" rather than answer a question that was not asked.
"""

from __future__ import annotations

import re

# Backchannels and repair requests: short, and the caller simply goes on or repeats.
_FILLER_ONLY = re.compile(
    r"^(?:(?:okay|ok|alright|all right|right|yes|yeah|yep|no|nope|uh|um|uh huh|mm|mm hm|mhm|hm|so|and|well|sorry"
    r"|what|pardon|huh|hello|hold on|hang on|one (?:sec|second|moment)|go ahead|got it|i see|sir|ma'am|miss"
    r"|again|come again|say (?:that|it) again|repeat that|one more time|hmm+|thanks|thank you|understood|i understand"
    r"|go on|please|got that|i got it|just|a|(?:gimme|give me|wait|hold on|hang on|just) (?:a|one) (?:sec|second|moment|minute)"
    r"|(?:sec|second|moment|minute))[\s,.!?-]*)+$"
)
# An acknowledgement while the caller talks: "ok, I hear you", "ok keep going" (go on talking),
# "good, good", "I know, I know". A word said alone ("I hear you.") can still take control of the
# call; after an "okay", or said twice, it only acknowledges.
_ACK = r"(?:i hear you|i know|i see|i am right here|i'm right here|i am here|i'm here|keep going|go on|go ahead|good|great|got it)"
_BACKCHANNEL = re.compile(
    r"^(?:(?:okay|ok|alright|all right|yeah|yes|mm+|uh huh|hey)[\s,.!]+)+" + _ACK + r"[\s,.!]*$"
    r"|^(?P<w>" + _ACK + r"|okay|ok)(?:[\s,.!]+(?P=w))+[\s,.!]*$"
)
_QUESTION_START = re.compile(
    r"^(?:(?:okay|ok|alright|so|and|now|well|sir|ma'am|miss|listen|um|uh)[\s,]+)*"
    r"(?:is|are|was|were|do|does|did|can|could|would|will|has|have|had|where|what|who|whose|how|which|why|when"
    r"|any|anyone|anybody|should|shall|may|might)\b"
)
_WORD = re.compile(r"[a-z0-9']+")
# Checking in rather than asking for something: the caller answers yes / no or carries on.
_CHECK_IN = re.compile(
    r"^(?:(?:okay|ok|alright|so|and)[\s,]+)*(?:is that (?:correct|right)|are you (?:still )?(?:there|with me|ok(?:ay)?)"
    r"|can you (?:still )?hear me(?: okay| ok)?|do you understand(?: me)?|does that make sense|you know what i mean"
    r"|are we good|did you get that|ready)[\s,.!?]*$"
)


def is_filler(text: str) -> bool:
    """Only acknowledgements, hesitations and requests to repeat ("okay, okay, hold on")."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    return bool(low) and bool(_FILLER_ONLY.match(low))


def is_backchannel(text: str) -> bool:
    """An acknowledgement of what the caller is saying, with no act of its own ("ok, I hear you")."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    return bool(_BACKCHANNEL.match(low))


def asks_something(text: str) -> bool:
    """The line is a question or a request (ends with "?" or starts like one), not filler."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    if not low or _FILLER_ONLY.match(low) or _CHECK_IN.match(low) or _BACKCHANNEL.match(low):
        return False
    if len(_WORD.findall(low)) < 3:
        return False
    return low.rstrip().endswith("?") or bool(_QUESTION_START.match(low))


def understood(text: str, acts: tuple[str, ...]) -> bool:
    """False when no act was found but the line asks something (see the module docstring)."""
    return not (tuple(acts) == ("other",) and asks_something(text))
