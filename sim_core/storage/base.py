"""The object-store interface for audio (call recordings, per-turn clips)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class StorageError(RuntimeError):
    """The store could not complete an operation; the message says which and why."""


@runtime_checkable
class ObjectStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        """Store bytes under key (overwriting); returns the key."""

    def get(self, key: str) -> bytes:
        """Return the bytes stored under key; KeyError when absent."""

    def delete(self, key: str) -> None:
        """Remove key; absent keys are ignored."""

    def list(self, prefix: str = "") -> list[str]:
        """Keys starting with prefix, sorted."""

    def url(self, key: str, expires_s: int | None = None) -> str:
        """A URL (S3: presigned) or local path the app can serve for key."""


def call_prefix(call_id: str) -> str:
    """All audio of one call lives under this prefix."""
    return f"calls/{call_id}/"
