"""SpoolingStore: keeps audio on local disk while the real store is unreachable and
uploads it later (`flush()`); the spool folder survives a restart.

Each spooled object is two files in the spool folder: `<n>.bin` (the bytes) and
`<n>.json` (key, content type, or a pending delete), named so that replay keeps
the order in which they were written.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..private_files import private_dir, write_private
from .base import ObjectStore
from .errors import StorageUnavailable
from .local import check_key

log = logging.getLogger(__name__)


class SpoolingStore:
    def __init__(
        self,
        inner: ObjectStore,
        spool_dir: str | Path,
        *,
        retry_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inner = inner
        self.spool = Path(spool_dir)
        private_dir(self.spool)
        self.retry_s = retry_s
        self._clock = clock
        self._next_try = 0.0
        self._lock = threading.RLock()

    # --- spool bookkeeping -----------------------------------------------------------
    def _entries(self) -> list[tuple[Path, dict[str, Any]]]:
        out = []
        for meta in sorted(self.spool.glob("*.json")):
            try:
                out.append((meta, json.loads(meta.read_text(encoding="utf-8"))))
            except (OSError, ValueError):
                continue
        return out

    def _find(self, key: str) -> list[tuple[Path, dict[str, Any]]]:
        return [(m, info) for m, info in self._entries() if info.get("key") == key]

    def _drop(self, meta: Path) -> None:
        meta.with_suffix(".bin").unlink(missing_ok=True)
        meta.unlink(missing_ok=True)

    def _write(self, info: dict[str, Any], data: bytes | None) -> None:
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        if data is not None:
            write_private(self.spool / f"{name}.bin", data)
        # the .json makes the entry visible, so it is written last
        write_private(self.spool / f"{name}.json", json.dumps(info).encode("utf-8"))

    @property
    def pending(self) -> int:
        """Objects (or deletes) waiting to reach the real store."""
        return len(list(self.spool.glob("*.json")))

    @property
    def degraded(self) -> bool:
        return self.pending > 0

    def check(self) -> str:
        check = getattr(self.inner, "check", None)
        detail = check() if callable(check) else "store"
        pending = self.pending
        return detail + (f"; {pending} spooled object(s) waiting" if pending else "")

    def flush(self) -> int:
        """Upload spooled objects oldest first; returns how many reached the store now.
        Stops (leaving the rest spooled) when the store is still unreachable."""
        done = 0
        with self._lock:
            for meta, info in self._entries():
                try:
                    if info.get("delete"):
                        self.inner.delete(info["key"])
                    else:
                        data = meta.with_suffix(".bin").read_bytes()
                        self.inner.put(info["key"], data, info.get("content_type") or "application/octet-stream")
                except StorageUnavailable:
                    self._next_try = self._clock() + self.retry_s
                    break
                except FileNotFoundError:
                    log.error("spooled audio %s lost its data file; dropped", info.get("key"))
                self._drop(meta)
                done += 1
            else:
                self._next_try = 0.0
        if done:
            log.warning("object store reachable again: %d spooled object(s) uploaded", done)
        return done

    def _maybe_flush(self) -> None:
        if self._clock() >= self._next_try and any(self.spool.glob("*.json")):
            self.flush()

    # --- ObjectStore -----------------------------------------------------------------
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        check_key(key)
        with self._lock:
            self._maybe_flush()
            if self._clock() >= self._next_try:
                try:
                    self.inner.put(key, data, content_type)
                    for meta, _ in self._find(key):  # an older spooled copy must not win later
                        self._drop(meta)
                    return key
                except StorageUnavailable as exc:
                    log.warning("object store unreachable, spooling %s to %s: %s", key, self.spool, exc)
                    self._next_try = self._clock() + self.retry_s
            self._write({"key": key, "content_type": content_type}, data)
        return key

    def get(self, key: str) -> bytes:
        with self._lock:
            found = self._find(key)
            if found:
                meta, info = found[-1]
                if info.get("delete"):
                    raise KeyError(key)
                return meta.with_suffix(".bin").read_bytes()
        return self.inner.get(key)

    def delete(self, key: str) -> None:
        with self._lock:
            for meta, _ in self._find(key):
                self._drop(meta)
            try:
                self.inner.delete(key)
            except StorageUnavailable:
                self._write({"key": key, "delete": True}, None)

    def list(self, prefix: str = "") -> list[str]:
        with self._lock:
            spooled: dict[str, bool] = {}
            for _meta, info in self._entries():
                if str(info.get("key", "")).startswith(prefix):
                    spooled[info["key"]] = bool(info.get("delete"))
        try:
            keys = set(self.inner.list(prefix))
        except StorageUnavailable as exc:
            log.warning("object store unreachable, listing spooled audio only: %s", exc)
            keys = set()
        for key, deleted in spooled.items():
            (keys.discard if deleted else keys.add)(key)
        return sorted(keys)

    def url(self, key: str, expires_s: int | None = None) -> str:
        with self._lock:
            found = self._find(key)
            if found and not found[-1][1].get("delete"):
                return str(found[-1][0].with_suffix(".bin").resolve())
        return self.inner.url(key, expires_s)


__all__ = ["SpoolingStore"]
