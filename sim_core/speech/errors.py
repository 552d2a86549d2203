"""Errors raised by the speech layer; each message says what went wrong and what to do."""

from __future__ import annotations

import importlib
from types import ModuleType


class SpeechError(RuntimeError):
    """Base class for speech errors."""


class SpeechBackendError(SpeechError):
    """A speech engine or speech server failed, is unreachable, or answered too slowly."""


class AudioInputError(ValueError):
    """Audio given to the simulator is unusable (corrupt, silent, clipped, too long...)."""


class MissingDependencyError(SpeechError, ImportError):
    """An optional dependency of a speech backend is not installed."""


def require(module: str, install_hint: str) -> ModuleType:
    """Import `module` or fail with a message saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"the speech backend needs the Python module '{module}', which is not installed: {install_hint}"
        ) from exc
