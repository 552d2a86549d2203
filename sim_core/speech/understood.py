"""Whether a recognised clip is words at all, and what to tell the trainee when not.

A recogniser with calibrated confidence (Whisper) puts a clip it could not make
out (mumbling, noise, or a language its model does not know: the bundled tiny.en
model hears Spanish as made-up English at a few per cent confidence) far below
anything real speech scores. Such a clip is not a turn: the caller would answer
words nobody said. The message names the setting that decides what the recogniser
understands, so a site can fix it; the clip itself is still kept in the call's
recording by the caller of these functions.
"""

from __future__ import annotations

from typing import Any

from sim_core.speech.datatypes import Hypothesis

# calibrated confidence below this: about one word in ten or fewer was right on the
# labelled real-speech set (raw score under 0.3), i.e. no usable words
UNUSABLE = 0.1


def understood(hyp: Hypothesis, stt: Any) -> bool:
    """Some words were made out: text, and (for a calibrated recogniser) not garbled."""
    if not hyp.text.strip():
        return False
    return not getattr(stt, "calibrated", False) or hyp.confidence >= UNUSABLE


def not_understood(hyp: Hypothesis, stt: Any) -> str:
    """Why the clip is not a turn, naming the setting behind the recogniser."""
    what = (
        "no words were recognised in that recording"
        if not hyp.text.strip()
        else f"the recogniser could not make out that recording ({hyp.confidence:.0%} sure)"
    )
    return f"{what}; {heard_languages(stt)}. Try again, or type instead"


def heard_languages(stt: Any) -> str:
    """What the configured recogniser understands, with the setting that chooses it."""
    name = getattr(stt, "name", "")
    if name == "whisper":
        langs = (
            "English only"
            if getattr(stt, "english_only", True)
            else f"{getattr(stt, 'language', 'en')} (other languages too)"
        )
        return f"the recogniser's model (WHISPER_MODEL_DIR) understands {langs}"
    if name == "pocketsphinx":
        return "the recogniser (STT_BACKEND=pocketsphinx) understands English only"
    return f"the recogniser is STT_BACKEND={name or 'unknown'}"
