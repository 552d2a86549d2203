"""Glue between a live call and storage: the call recorder interface and its outbox."""

from .recorder import CallRecorder, NullRecorder, build_outbox

__all__ = ["CallRecorder", "NullRecorder", "build_outbox"]
