"""pocketsphinx 5 STT (embedded default) with the domain-adapted language model.

Decoders are not thread-safe and take a moment to load, so each backend keeps
a small pool: a stream borrows a decoder for one utterance and returns it on
finish(). Audio is decoded as it is fed, so finish() only closes the search.

Cepstral mean normalisation adapts to the speaker and microphone as audio is
decoded. Streams opened with the same `context` (e.g. the call id) carry that
adaptation from one utterance to the next; without a context every utterance
starts from the model's initial mean, so results never depend on which pooled
decoder, or whose microphone, came before.
"""

from __future__ import annotations

import math
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

from sim_core.speech.datatypes import Hypothesis
from sim_core.speech.errors import SpeechBackendError, require
from sim_core.speech.language_model import domain_language_model, model_dir
from sim_core.speech.stt import as_pcm

PARTIAL_EVERY_S = 0.3
MAX_CONTEXTS = 512
_SHARED: dict[tuple, PocketsphinxSTT] = {}
_SHARED_LOCK = threading.Lock()


class PocketsphinxSTT:
    name = "pocketsphinx"

    def __init__(
        self,
        sample_rate: int = 16000,
        language_model: str = "domain",
        extra_phrases: Iterable[str] = (),
        options: dict | None = None,
    ) -> None:
        """language_model: "domain" (adapted call-taker LM) or "general" (the wheel's en-us LM)."""
        self._ps = require("pocketsphinx", "pip install pocketsphinx==5.1.1")
        if sample_rate not in (8000, 16000):
            raise SpeechBackendError("pocketsphinx's en-us model needs 16000 Hz (or 8000 Hz) audio")
        self.sample_rate = sample_rate
        self.language_model = language_model
        base = model_dir()
        config = {"hmm": str(base / "en-us"), "samprate": float(sample_rate), "logfn": os.devnull}
        self.dropped_words: tuple[str, ...] = ()
        if language_model == "general":
            config.update(lm=str(base / "en-us.lm.bin"), dict=str(base / "cmudict-en-us.dict"))
        elif language_model == "domain":
            files = domain_language_model(extra_phrases)
            config.update(lm=str(files.arpa), dict=str(files.dictionary))
            self.dropped_words = files.dropped_words
        else:
            raise SpeechBackendError(f"unknown language model {language_model!r}: use 'domain' or 'general'")
        config.update(options or {})
        self._config = config
        self._pool: list = []
        self._pool_lock = threading.Lock()
        first = self._new_decoder()  # fail early, and warm one decoder
        # Every utterance starts from the same cepstral mean, so a result never
        # depends on which pooled decoder (and whose microphone) came before.
        self._initial_cmn = first.get_cmn(False)
        self._contexts: OrderedDict[str, str] = OrderedDict()
        self._release(first)

    @classmethod
    def shared(
        cls, sample_rate: int = 16000, language_model: str = "domain", extra_phrases: tuple[str, ...] = ()
    ) -> PocketsphinxSTT:
        key = (sample_rate, language_model, tuple(extra_phrases))
        with _SHARED_LOCK:
            if key not in _SHARED:
                _SHARED[key] = cls(sample_rate, language_model, extra_phrases)
            return _SHARED[key]

    def _new_decoder(self):
        try:
            config = self._ps.Config(**self._config)
            return self._ps.Decoder(config)
        except (RuntimeError, ValueError) as exc:
            raise SpeechBackendError(f"pocketsphinx could not load its model: {exc}") from exc

    def _acquire(self):
        with self._pool_lock:
            if self._pool:
                return self._pool.pop()
        return self._new_decoder()

    def _release(self, decoder) -> None:
        with self._pool_lock:
            self._pool.append(decoder)

    def _cmn_for(self, context: str | None) -> str:
        with self._pool_lock:
            return self._contexts.get(context, self._initial_cmn) if context else self._initial_cmn

    def _remember_cmn(self, context: str | None, cmn: str) -> None:
        if not context:
            return
        with self._pool_lock:
            self._contexts[context] = cmn
            self._contexts.move_to_end(context)
            while len(self._contexts) > MAX_CONTEXTS:
                self._contexts.popitem(last=False)

    def forget(self, context: str) -> None:
        """Drop what was learned about a speaker (e.g. when the call ends)."""
        with self._pool_lock:
            self._contexts.pop(context, None)

    def open_stream(self, context: str | None = None) -> PocketsphinxStream:
        return PocketsphinxStream(self, context)

    def transcribe(self, pcm: np.ndarray | bytes, context: str | None = None) -> Hypothesis:
        stream = self.open_stream(context)
        stream.feed(pcm)
        return stream.finish()


class PocketsphinxStream:
    def __init__(self, owner: PocketsphinxSTT, context: str | None = None) -> None:
        self._owner = owner
        self._context = context
        self._decoder = owner._acquire()
        self._decoder.set_cmn(owner._cmn_for(context))
        self._decoder.start_utt()
        self._fed = 0
        self._next_partial = int(PARTIAL_EVERY_S * owner.sample_rate)
        self._last_partial = ""
        self._done = False

    def feed(self, pcm: np.ndarray | bytes) -> Hypothesis | None:
        if self._done:
            raise SpeechBackendError("this STT stream is finished; open a new one")
        samples = as_pcm(pcm)
        if samples.size == 0:
            return None
        self._decoder.process_raw(samples.astype("<i2").tobytes(), False, False)
        self._fed += samples.size
        if self._fed < self._next_partial:
            return None
        self._next_partial = self._fed + int(PARTIAL_EVERY_S * self._owner.sample_rate)
        hyp = self._decoder.hyp()
        text = hyp.hypstr.strip() if hyp is not None else ""
        if not text or text == self._last_partial:
            return None
        self._last_partial = text
        return Hypothesis(text=text, confidence=0.0, is_final=False)

    def finish(self) -> Hypothesis:
        if self._done:
            raise SpeechBackendError("this STT stream is already finished")
        self._done = True
        decoder = self._decoder
        try:
            decoder.end_utt()
            hyp = decoder.hyp()
            text = hyp.hypstr.strip() if hyp is not None else ""
            confidence = _confidence(decoder, hyp) if text else 0.0
            if self._fed >= self._owner.sample_rate // 2:
                self._owner._remember_cmn(self._context, decoder.get_cmn(False))
        finally:
            self._owner._release(decoder)
        return Hypothesis(text=text, confidence=confidence, is_final=True)

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            try:
                self._decoder.end_utt()
            finally:
                self._owner._release(self._decoder)


def _confidence(decoder, hyp) -> float:
    """Posterior probability of the best path (lattice-based), clipped to [0, 1]."""
    try:
        p = decoder.get_logmath().exp(hyp.prob)
    except (RuntimeError, AttributeError, OverflowError):
        return 0.0
    return float(min(1.0, max(0.0, p))) if math.isfinite(p) else 0.0
