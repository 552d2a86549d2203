"""espeak-ng TTS via `espeak-ng --stdout` (Debian package `espeak-ng`).

Robotic but tiny, and it has voice variants (female, child, elderly, whisper)
and many languages, which makes it useful for child, female and non-English
callers and as a second voice in tests.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import numpy as np

from sim_core.speech.datatypes import AudioChunk, VoiceStyle
from sim_core.speech.errors import MissingDependencyError, SpeechBackendError
from sim_core.speech.tts import finish_chunk, stream_sentences

ESPEAK_BASE_WPM = 175
ESPEAK_BASE_PITCH = 50


def espeak_args(voice: VoiceStyle) -> list[str]:
    """Command-line prosody for a style: -v voice+variant, -s words/min, -p pitch 0-99."""
    wpm = int(round(min(450, max(80, ESPEAK_BASE_WPM * voice.rate))))
    pitch = int(round(min(99, max(0, ESPEAK_BASE_PITCH + 4.0 * voice.pitch_semitones))))
    return ["-v", voice.espeak_voice or "en-us", "-s", str(wpm), "-p", str(pitch)]


def parse_espeak_wav(data: bytes) -> tuple[np.ndarray, int]:
    """espeak-ng writes a WAV whose size fields may be unset when streaming:
    read the fmt chunk for the rate and take everything after 'data'."""
    if len(data) < 44 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SpeechBackendError("espeak-ng did not produce WAV audio")
    pos, rate = 12, 22050
    while pos + 8 <= len(data):
        cid, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if cid == b"fmt ":
            rate = int.from_bytes(data[pos + 12 : pos + 16], "little")
        if cid == b"data":
            raw = data[pos + 8 :]
            raw = raw[: len(raw) - (len(raw) % 2)]
            return np.frombuffer(raw, dtype="<i2").astype(np.int16), rate
        pos += 8 + size
    raise SpeechBackendError("espeak-ng WAV output has no data chunk")


class EspeakTTS:
    name = "espeak"

    def __init__(self, executable: str | None = None, timeout_s: float = 10.0) -> None:
        exe = executable or shutil.which("espeak-ng")
        if not exe:
            raise MissingDependencyError("TTS_BACKEND=espeak needs the espeak-ng program: apt-get install espeak-ng")
        self.executable = exe
        self.timeout_s = timeout_s

    def health(self) -> bool:
        try:
            subprocess.run([self.executable, "--version"], capture_output=True, timeout=self.timeout_s, check=True)
            return True
        except (OSError, subprocess.SubprocessError):
            return False

    def synthesize_stream(self, text: str, voice: VoiceStyle) -> Iterator[AudioChunk]:
        return stream_sentences(text, voice, self._synthesize_sentence)

    def _synthesize_sentence(self, sentence: str, voice: VoiceStyle, index: int) -> AudioChunk:
        cmd = [self.executable, "--stdout", *espeak_args(voice), "--", sentence]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=self.timeout_s)
        except subprocess.TimeoutExpired:
            raise SpeechBackendError(f"espeak-ng took longer than {self.timeout_s:g} s") from None
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip()[:200]
            raise SpeechBackendError(f"espeak-ng failed (voice {voice.espeak_voice!r}): {err}")
        pcm, rate = parse_espeak_wav(proc.stdout)
        return finish_chunk(pcm, rate, sentence, index, voice.volume)
