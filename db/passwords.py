"""Password hashing (argon2) with a bound on how many run at once.

Each argon2 hash or check takes ~64 MiB and most of a core for tens of milliseconds, so a
flood of sign-ins must queue for a few slots instead of running all at once; one that
cannot get a slot within the wait is refused with HashingBusy ("busy, try again"), never
left to pile up memory. Callers hold no database connection while hashing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# One lane: a check uses one core, never both (argon2's default of 4 lanes runs threads
# that took the whole machine from live calls during a flood); memory and passes are the
# library's defaults (64 MiB, 3).
_HASHER = PasswordHasher(parallelism=1)


class HashingBusy(RuntimeError):
    """Every hashing slot stayed busy for the whole wait; the message says to try again."""


class HashGate:
    """At most `slots` argon2 operations at a time in this process."""

    def __init__(self, slots: int = 1, wait_s: float = 3.0) -> None:
        self._sem = threading.BoundedSemaphore(slots)
        self.slots, self.wait_s = slots, wait_s

    def configure(self, slots: int, wait_s: float) -> None:
        """Resize (from Settings at start-up); takes effect for the next operation."""
        if slots != self.slots:
            self._sem = threading.BoundedSemaphore(slots)
        self.slots, self.wait_s = slots, wait_s

    @contextmanager
    def slot(self) -> Iterator[None]:
        sem = self._sem
        if not sem.acquire(timeout=self.wait_s):
            raise HashingBusy("the server is busy signing other people in; try again in a few seconds")
        try:
            yield
        finally:
            sem.release()

    def hash(self, password: str) -> str:
        with self.slot():
            return _HASHER.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """True when password matches; False for a mismatch or an unreadable hash."""
        with self.slot():
            try:
                return _HASHER.verify(password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False

    @staticmethod
    def needs_rehash(password_hash: str) -> bool:
        return _HASHER.check_needs_rehash(password_hash)


GATE = HashGate()
# checked against when the username does not exist, so both cost the same
DUMMY_HASH = _HASHER.hash("not-a-real-password")

__all__ = ["DUMMY_HASH", "GATE", "HashGate", "HashingBusy"]
