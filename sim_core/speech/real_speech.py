"""A word-error-rate set of real human speech: Debian's asterisk core sounds.

`asterisk-core-sounds-en-wav` holds prompts read by a professional voice
(Allison Smith) and recorded at 8 kHz, telephone quality; their transcripts
are in `asterisk-core-sounds-en` (core-sounds-en.txt.gz). Both are CC-BY-SA
and installed by `scripts/setup.sh dev`. Only prompts with a plain transcript
of three words or more are used (no tones, key symbols or spelled letters).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

SOUNDS_DIR = Path("/usr/share/asterisk/sounds/en")
TRANSCRIPTS = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
INSTALL_HINT = "apt-get install asterisk-core-sounds-en-wav asterisk-core-sounds-en (or: bash scripts/setup.sh dev)"
MIN_WORDS = 3
_UNSPEAKABLE = set("[]()#*<>/=")  # tones, silences, notes, key symbols


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    path: Path
    text: str


def available(sounds_dir: Path = SOUNDS_DIR, transcripts: Path = TRANSCRIPTS) -> bool:
    return sounds_dir.is_dir() and transcripts.is_file()


def load_prompts(
    limit: int | None = None, sounds_dir: Path = SOUNDS_DIR, transcripts: Path = TRANSCRIPTS
) -> list[Prompt]:
    """The usable prompts in name order; `limit` takes that many spread evenly over the set."""
    if not available(sounds_dir, transcripts):
        raise FileNotFoundError(f"the real-speech set is not installed: {INSTALL_HINT}")
    prompts = []
    with gzip.open(transcripts, "rt", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            name, sep, text = line.partition(": ")
            name, text = name.strip(), " ".join(text.split())
            if not sep or name.startswith(";") or not text or _UNSPEAKABLE & set(text):
                continue
            path = sounds_dir / f"{name}.wav"
            if len(text.split()) >= MIN_WORDS and path.is_file():
                prompts.append(Prompt(name, path, text))
    prompts.sort(key=lambda p: p.name)
    if limit is not None and 0 < limit < len(prompts):
        step = len(prompts) / limit
        prompts = [prompts[int(i * step)] for i in range(limit)]
    return prompts
