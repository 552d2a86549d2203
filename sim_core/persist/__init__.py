"""Glue between a live call and storage: the call recorder and its outbox."""
from .recorder import CallRecorder, NullRecorder, build_outbox, build_recorder

__all__ = ["CallRecorder", "NullRecorder", "build_outbox", "build_recorder"]
