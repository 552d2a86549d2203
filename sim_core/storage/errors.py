"""Storage errors beyond the interface's StorageError."""

from __future__ import annotations

from .base import StorageError


class StorageUnavailable(StorageError):
    """The object store cannot be reached right now (worth spooling and retrying later)."""


__all__ = ["StorageError", "StorageUnavailable"]
