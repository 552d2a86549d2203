"""Validation of uploaded trainee audio (push-to-talk clips, files).

Limits come from Settings (max_upload_bytes, max_upload_s, sample_rate).
Unusable audio raises AudioInputError with a message a trainee can act on;
audio at another sample rate or in stereo is converted, not rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim_core.speech.audio import decode_audio, peak_dbfs, rms_dbfs
from sim_core.speech.errors import AudioInputError

SILENCE_RMS_DBFS = -55.0  # quieter than this throughout: nothing was recorded
SILENCE_PEAK_DBFS = -40.0
CLIP_LEVEL = 32700  # |sample| at or above this counts as clipped
CLIPPED_FRACTION = 0.01  # more than 1 % clipped samples: distorted
MIN_DURATION_S = 0.2


@dataclass(frozen=True, slots=True)
class ValidatedAudio:
    pcm: np.ndarray
    sample_rate: int
    duration_s: float
    source_rate: int
    source_channels: int
    resampled: bool
    codec: str


def validate_upload(data: bytes, settings) -> ValidatedAudio:
    """Decode and check an upload; returns int16 mono PCM at settings.sample_rate."""
    size = len(data or b"")
    if size == 0:
        raise AudioInputError("the audio file is empty")
    if size > settings.max_upload_bytes:
        raise AudioInputError(
            f"the audio file is {size / 1e6:.1f} MB, over the {settings.max_upload_bytes / 1e6:.1f} MB limit"
        )
    decoded = decode_audio(data, rate=settings.sample_rate, max_duration_s=settings.max_upload_s)
    pcm = decoded.pcm
    check_levels(pcm, settings.sample_rate)
    return ValidatedAudio(
        pcm=pcm,
        sample_rate=settings.sample_rate,
        duration_s=decoded.duration_s,
        source_rate=decoded.source_rate,
        source_channels=decoded.source_channels,
        resampled=decoded.source_rate != settings.sample_rate,
        codec=decoded.codec,
    )


def check_levels(pcm: np.ndarray, sample_rate: int) -> None:
    """Reject clips that are too short, silent or clipped."""
    duration = len(pcm) / float(sample_rate)
    if duration < MIN_DURATION_S:
        raise AudioInputError(f"the recording is only {duration * 1000:.0f} ms long; hold the button while you speak")
    if rms_dbfs(pcm) < SILENCE_RMS_DBFS or peak_dbfs(pcm) < SILENCE_PEAK_DBFS:
        raise AudioInputError("the recording is silent; check that the right microphone is selected and not muted")
    clipped = float(np.mean(np.abs(pcm.astype(np.int32)) >= CLIP_LEVEL))
    if clipped > CLIPPED_FRACTION:
        raise AudioInputError(
            f"the recording is distorted ({clipped:.0%} of samples clipped); "
            "lower the microphone gain or move back from the microphone"
        )
