"""Text-only estimate of caller panic, 0 (calm) .. 1 (hysterical).

Cues, each turned into a bounded sub-score and combined as a noisy-OR so that
several weak cues add up but no single cue saturates the scale:

* exclamation marks ("!!!") and repeated question marks ("??")
* shouting: share of letters in ALL-CAPS words (ignores I, OK, CPR, 911, ...)
* panic phrases ("oh my god", "please hurry", "help", "he's dying", "I don't know what to do")
* crying / screaming markers ("*sobbing*", "(crying)", "[screaming]")
* repeated words ("please please", "help help help") and stretched letters ("pleeease")
* stutter ("h-he", "I-I") and trailing fragments ("...")
"""

from __future__ import annotations

import re

_PHRASES: tuple[tuple[re.Pattern, float], ...] = tuple(
    (re.compile(p, re.I), w)
    for p, w in (
        (r"\boh my (?:god|gosh|lord)\b|\bomg\b|\boh god\b|\bjesus\b|\bdear god\b", 0.45),
        (r"\bplease,? (?:hurry|help|come|send|get here)\b|\bhurry\b|\bcome quick|\bright now\b|\bquickly\b", 0.4),
        (r"\bhelp(?: me| us| him| her)\b|\bhelp\s*[!.]|^\W*help\b|\bhelp,? please\b|\bneed help\b", 0.3),
        (r"\bsomebody help\b|\bsomeone help\b", 0.45),
        (
            r"\b(?:he|she|they|my \w+)(?:'s| is| are|'re) dying\b|\bgoing to die\b|\bgonna die\b|\bkill (?:me|him|her|us)\b",
            0.55,
        ),
        (r"\bi (?:don'?t|do not) know what to do\b|\bi can'?t (?:do this|breathe|find)\b|\bwhat do i do\b", 0.45),
        (r"\bnot breathing\b|\bblood everywhere\b|\bso much blood\b|\bhe'?s not moving\b|\bshe'?s not moving\b", 0.35),
        (r"\boh no\b|\bno no\b|\bscared\b|\bterrified\b|\bpanicking\b|\bfreaking out\b", 0.35),
        (r"\bplease\b", 0.15),
        (r"\bwhy (?:isn'?t|aren'?t|won'?t|is)\b.*\?", 0.1),
    )
)
_CRYING = re.compile(
    r"[*(\[]\s*(?:sob|sobs|sobbing|crying|cries|screaming|screams|wailing|hysterical|gasping|panting|shrieking|yelling"
    r"|inaudible|whimpering)[^*)\]]{0,20}[*)\]]",
    re.I,
)
_EXCL = re.compile(r"!")
_MULTI_Q = re.compile(r"\?{2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_REPEAT = re.compile(r"\b(\w{2,})(?:[\s,.!]+\1\b)+", re.I)
_STRETCH = re.compile(r"([a-z])\1{2,}", re.I)
_STUTTER = re.compile(r"\b(\w{1,2})-\1", re.I)
_ELLIPSIS = re.compile(r"\.\.\.|…")
_CAPS_OK = frozenset(
    {"I", "OK", "CPR", "AM", "PM", "ID", "SUV", "TV", "ER", "EMT", "EMS", "US", "USA", "DUI", "ATM", "GPS"}
)


def distress(text: str) -> float:
    """Estimate caller panic from text; 0.0 for empty or calm text."""
    if not text or not text.strip():
        return 0.0
    sample = text[:4000]
    parts: list[float] = []
    excl = len(_EXCL.findall(sample))
    if excl:
        parts.append(min(0.6, 0.2 + 0.12 * (excl - 1)))
    if _MULTI_Q.search(sample):
        parts.append(0.2)
    words = _WORD.findall(sample)
    if words:
        letters = sum(len(w) for w in words)
        caps = sum(len(w) for w in words if len(w) >= 2 and w.isupper() and w not in _CAPS_OK)
        share = caps / letters if letters else 0.0
        if share > 0.15:
            parts.append(min(0.6, share * 0.8))
    for rx, w in _PHRASES:
        if rx.search(sample):
            parts.append(w)
    crying = len(_CRYING.findall(sample))
    if crying:
        parts.append(min(0.75, 0.55 + 0.1 * (crying - 1)))
    reps = len(_REPEAT.findall(sample))
    if reps:
        parts.append(min(0.5, 0.3 + 0.1 * (reps - 1)))
    if _STRETCH.search(sample):
        parts.append(0.2)
    stutters = len(_STUTTER.findall(sample))
    if stutters:
        parts.append(min(0.5, 0.3 + 0.1 * (stutters - 1)))
    if _ELLIPSIS.search(sample):
        parts.append(0.1)
    calm = 1.0
    for p in parts:
        calm *= 1.0 - p
    return round(min(1.0, max(0.0, 1.0 - calm)), 3)
