"""LocalStore: audio in a local folder (the embedded default when S3_ENDPOINT is empty)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path, PurePosixPath

from ..private_files import private_dir, write_private
from .base import StorageError


def check_key(key: str) -> str:
    """Keys are relative POSIX paths without '..' (e.g. calls/<id>/turn-003.wav)."""
    if not key or key.startswith("/") or "\\" in key or "\x00" in key:
        raise StorageError(f"invalid object key {key!r}")
    parts = PurePosixPath(key).parts
    if any(p in ("..", ".") for p in parts) or key.endswith("/"):
        raise StorageError(f"invalid object key {key!r}")
    return key


class LocalStore:
    """Files under `root`; url() is the file's absolute path, which the app can serve."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser().resolve()

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*PurePosixPath(check_key(key)).parts)

    def check(self) -> str:
        """Create the folder if needed and prove it is writable; returns a description."""
        try:
            private_dir(self.root)
            probe = self.root / f".probe-{uuid.uuid4().hex}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise StorageError(f"DATA_DIR: audio folder {self.root} is not writable ({exc})") from None
        return f"local folder {self.root}"

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        path = self._path(key)
        try:
            private_dir(path.parent)
            write_private(path, data)
        except OSError as exc:
            raise StorageError(f"cannot write {key} under {self.root} ({exc})") from None
        return key

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None
        except OSError as exc:
            raise StorageError(f"cannot read {key} under {self.root} ({exc})") from None

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != self.root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent

    def list(self, prefix: str = "") -> list[str]:
        if not self.root.is_dir():
            return []
        keys = []
        for dirpath, _dirs, files in os.walk(self.root):
            rel = Path(dirpath).relative_to(self.root).as_posix()
            for name in files:
                if name.startswith("."):
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)

    def url(self, key: str, expires_s: int | None = None) -> str:
        return str(self._path(key))


__all__ = ["LocalStore", "check_key"]
