"""Outboxes: where database writes wait, in order, while the database is unreachable.

Each queued operation is a JSON dict with a unique `id` and a monotonic `seq`.
`FileOutbox` keeps one small file per operation in a spool folder (survives a
restart); `RedisOutbox` keeps them in a Redis list; `ChainOutbox` prefers Redis
and falls back to the spool folder when Redis is down too, handing operations
back oldest first across both.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)


class Outbox(Protocol):
    def push(self, op: dict[str, Any]) -> None: ...
    def peek(self) -> dict[str, Any] | None: ...
    def remove(self, op: dict[str, Any]) -> None: ...
    def __len__(self) -> int: ...
    def items(self) -> list[dict[str, Any]]: ...


def _name(op: dict[str, Any]) -> str:
    return f"{int(op['seq']):020d}-{op['id']}.json"


class FileOutbox:
    """One file per operation in `folder`; names sort by seq, so order survives restarts."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._names: list[str] | None = None

    def _load(self) -> list[str]:
        if self._names is None:
            self._names = sorted(p.name for p in self.folder.glob("*.json"))
        return self._names

    def push(self, op: dict[str, Any]) -> None:
        name = _name(op)
        tmp = self.folder / f".{name}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(op, fh, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / name)
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


class ChainOutbox:
    """Redis first, the spool folder when Redis is unreachable; oldest op first across both."""

    def __init__(self, primary: RedisOutbox, fallback: FileOutbox) -> None:
        self.primary, self.fallback = primary, fallback

    def _safe(self, fn, default):
        from redis.exceptions import RedisError
        try:
            return fn()
        except (RedisError, OSError) as exc:
            log.warning("outbox: Redis unavailable, using the spool folder (%s)", exc)
            return default

    def push(self, op: dict[str, Any]) -> None:
        if self._safe(lambda: self.primary.push(op) or True, False):
            return
        self.fallback.push(op)

    def peek(self) -> dict[str, Any] | None:
        heads = [h for h in (self._safe(self.primary.peek, None), self.fallback.peek()) if h]
        return min(heads, key=lambda h: (int(h["seq"]), str(h["id"]))) if heads else None

    def remove(self, op: dict[str, Any]) -> None:
        self.fallback.remove(op)
        self._safe(lambda: self.primary.remove(op), None)

    def __len__(self) -> int:
        return self._safe(lambda: len(self.primary), 0) + len(self.fallback)

    def items(self) -> list[dict[str, Any]]:
        both = self._safe(self.primary.items, []) + self.fallback.items()
        return sorted(both, key=lambda h: (int(h["seq"]), str(h["id"])))


__all__ = ["ChainOutbox", "FileOutbox", "Outbox", "RedisOutbox"]
