"""Object storage for audio: S3 (any S3-compatible server) or a local folder, one interface."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .base import ObjectStore, StorageError, call_prefix
from .errors import StorageUnavailable
from .local import LocalStore
from .s3 import S3Store
from .spool import SpoolingStore

if TYPE_CHECKING:
    from sim_core.settings import Settings


def build_object_store(settings: Settings) -> ObjectStore:
    """S3 (path-style, wrapped in a local spool for outages) when S3_ENDPOINT is set,
    else a local folder under DATA_DIR."""
    data_dir = Path(settings.data_dir)
    if settings.s3_endpoint:
        s3 = S3Store(
            endpoint=settings.s3_endpoint,
            bucket=settings.s3_bucket,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            region=settings.s3_region,
            presign_expiry_s=settings.presign_expiry_s,
        )
        return SpoolingStore(s3, data_dir / "audio-spool")
    return LocalStore(data_dir / "audio")


__all__ = [
    "LocalStore",
    "ObjectStore",
    "SpoolingStore",
    "StorageError",
    "StorageUnavailable",
    "build_object_store",
    "call_prefix",
]
