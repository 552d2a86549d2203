"""Run a coroutine on a new event loop in its own thread.

Browser tests earlier in the same run (Playwright's sync API) can leave an event loop
marked running on the main thread, where `asyncio.run` then refuses to start."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:  # re-raised on the caller's thread below
            errors.append(exc)

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if errors:
        raise errors[0]
    return result[0]
