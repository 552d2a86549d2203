"""Word error rates of the recognisers on three sets, for the voice benchmark.

  synthetic  the labelled call-taker utterances spoken by Piper (16 kHz)
  phone      the same clips through the telephone line (300-3,400 Hz, 8 kHz mu-law)
  real       real human speech: the asterisk prompts (8 kHz, see real_speech.py)

Each backend is scored on the same audio; the real-time factor (decode time /
audio time, one decode at a time) and the resident memory the backend added
when it was loaded are reported beside the WER.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sim_core.speech.audio import decode_audio
from sim_core.speech.phone_line import through_line
from sim_core.speech.real_speech import available, load_prompts
from sim_core.speech.textnorm import wer

SR = 16000


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


@dataclass
class WerSet:
    name: str
    references: list[str]
    clips: list[np.ndarray]

    @property
    def audio_s(self) -> float:
        return sum(len(c) for c in self.clips) / SR


def real_set(limit: int | None = 60) -> WerSet | None:
    """The asterisk prompts at 16 kHz (None when the Debian packages are not installed)."""

    if not available():
        return None
    prompts = load_prompts(limit)
    clips = [decode_audio(p.path.read_bytes(), SR).pcm for p in prompts]
    return WerSet("real", [p.text for p in prompts], clips)


def phone_set(synthetic: WerSet) -> WerSet:

    return WerSet("phone", synthetic.references, [through_line(c, SR, seed=i) for i, c in enumerate(synthetic.clips)])


def score(stt, data: WerSet) -> dict[str, float]:
    """WER and real-time factor of one backend on one set (whole-clip decodes)."""
    hyps: list[str] = []
    t0 = time.perf_counter()
    for clip in data.clips:
        hyps.append(stt.transcribe(clip).text)
    busy = time.perf_counter() - t0
    return {"wer": round(wer(data.references, hyps), 4), "rtf": round(busy / max(data.audio_s, 1e-9), 3)}


def wer_figures(backends: dict[str, tuple[object, list[WerSet]]], default: str) -> dict[str, float]:
    """stt_wer_<set>_<backend>, stt_rtf_<set>_<backend> for each backend on its sets; the
    default backend's WER is also given without the suffix (stt_wer, stt_wer_phone, stt_wer_real)."""
    out: dict[str, float] = {}
    for name, (stt, sets) in backends.items():
        for data in sets:
            fig = score(stt, data)
            suffix = "" if data.name == "synthetic" else f"_{data.name}"
            out[f"stt_wer{suffix}_{name}"] = fig["wer"]
            out[f"stt_rtf{suffix}_{name}"] = fig["rtf"]
            if name == default:
                out[f"stt_wer{suffix}"] = fig["wer"]
            out[f"stt_utterances_{data.name}"] = len(data.clips)
    return out
