"""Outboxes: where database writes wait, in order, while the database is unreachable.

Each queued operation is a JSON dict with a unique `id` and a monotonic `seq`.
`FileOutbox` keeps one small file per operation in a spool folder (survives a
restart); `RedisOutbox` keeps them in a Redis list; `SpooledOutbox` writes the
spool folder first (fsync'd) and then a copy to Redis, so a Redis restart loses
nothing, and hands operations back oldest first across both.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

from ..private_files import FILE_MODE, private_dir

log = logging.getLogger(__name__)


class Outbox(Protocol):
    def push(self, op: dict[str, Any]) -> None: ...
    def peek(self) -> dict[str, Any] | None: ...
    def remove(self, op: dict[str, Any]) -> None: ...
    def __len__(self) -> int: ...
    def items(self) -> list[dict[str, Any]]: ...


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _name(op: dict[str, Any]) -> str:
    return f"{int(op['seq']):020d}-{op['id']}.json"


class FileOutbox:
    """One file per operation in `folder`; names sort by seq, so order survives restarts."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = private_dir(folder)  # queued lines are call content: 0700
        self._lock = threading.Lock()
        self._names: list[str] | None = None

    def _load(self) -> list[str]:
        if self._names is None:
            self._names = sorted(p.name for p in self.folder.glob("*.json"))
        return self._names

    def push(self, op: dict[str, Any]) -> None:
        name = _name(op)
        tmp = self.folder / f".{name}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(op, fh, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / name)
        _fsync_dir(self.folder)  # the new name itself survives a power cut
        with self._lock:
            names = self._load()
            if names and names[-1] > name:
                names.append(name)
                names.sort()
            elif not names or names[-1] != name:
                names.append(name)

    def peek(self) -> dict[str, Any] | None:
        with self._lock:
            names = self._load()
            while names:
                try:
                    return json.loads((self.folder / names[0]).read_text(encoding="utf-8"))
                except FileNotFoundError:
                    names.pop(0)
                except (OSError, ValueError) as exc:
                    bad = self.folder / names.pop(0)
                    log.error("outbox: unreadable entry %s moved aside (%s)", bad.name, exc)
                    bad.rename(bad.with_suffix(".bad"))
            return None

    def remove(self, op: dict[str, Any]) -> None:
        name = _name(op)
        (self.folder / name).unlink(missing_ok=True)
        with self._lock:
            names = self._load()
            if name in names:
                names.remove(name)

    def __len__(self) -> int:
        with self._lock:
            return len(self._load())

    def items(self) -> list[dict[str, Any]]:
        with self._lock:
            names = list(self._load())
        out = []
        for name in names:
            try:
                out.append(json.loads((self.folder / name).read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        return out


class RedisOutbox:
    """A Redis list; `remove` deletes the exact entry, so two replicas flushing is safe."""

    def __init__(self, client: Any, key: str = "sim:outbox") -> None:
        self.client, self.key = client, key

    def push(self, op: dict[str, Any]) -> None:
        self.client.rpush(self.key, json.dumps(op, separators=(",", ":"), sort_keys=True))

    def peek(self) -> dict[str, Any] | None:
        raw = self.client.lindex(self.key, 0)
        return None if raw is None else json.loads(raw)

    def remove(self, op: dict[str, Any]) -> None:
        self.client.lrem(self.key, 1, json.dumps(op, separators=(",", ":"), sort_keys=True))

    def __len__(self) -> int:
        return int(self.client.llen(self.key))

    def items(self) -> list[dict[str, Any]]:
        return [json.loads(raw) for raw in self.client.lrange(self.key, 0, -1)]


class SpooledOutbox:
    """The spool folder first (fsync'd before `push` returns), then a copy in Redis.

    The spool is what makes a write durable: a Redis restart, flush or outage loses
    nothing. The Redis copy lets any replica replay the writes of one that died with
    its disk; replays are idempotent (row ids), so an op found in both is written once.
    """

    def __init__(self, spool: FileOutbox, mirror: RedisOutbox) -> None:
        self.spool, self.mirror = spool, mirror

    def _safe(self, fn, default):
        from redis.exceptions import RedisError

        try:
            return fn()
        except (RedisError, OSError) as exc:
            log.warning("outbox: Redis copy unavailable, the spool folder holds every write (%s)", exc)
            return default

    def push(self, op: dict[str, Any]) -> None:
        self.spool.push(op)
        self._safe(lambda: self.mirror.push(op), None)

    def peek(self) -> dict[str, Any] | None:
        heads = [h for h in (self.spool.peek(), self._safe(self.mirror.peek, None)) if h]
        return min(heads, key=_order) if heads else None

    def remove(self, op: dict[str, Any]) -> None:
        self.spool.remove(op)
        self._safe(lambda: self.mirror.remove(op), None)

    def __len__(self) -> int:
        """Writes waiting: this server's spool plus what other servers left only in Redis
        (exact while every spooled write also reached Redis, or none did)."""
        mine = len(self.spool)
        return mine + max(0, self._safe(lambda: len(self.mirror), 0) - mine)

    def items(self) -> list[dict[str, Any]]:
        both = {op["id"]: op for op in self._safe(self.mirror.items, []) + self.spool.items()}
        return sorted(both.values(), key=_order)


def _order(op: dict[str, Any]) -> tuple[int, str]:
    return int(op["seq"]), str(op["id"])


__all__ = ["FileOutbox", "Outbox", "RedisOutbox", "SpooledOutbox"]
