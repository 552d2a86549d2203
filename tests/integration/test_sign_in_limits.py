"""The sign-in limiter on real Redis: every replica counts the same attempts, a restart of
the app forgets nothing, and parallel guesses from several processes' worth of limiters
still check no more passwords than the limit."""

from __future__ import annotations

import threading
import uuid

import pytest

from sim_core.ratelimit import RateLimited, SignInGuard, sign_in_storage

pytestmark = pytest.mark.integration


def _replica(url: str) -> SignInGuard:
    """What one app process builds from REDIS_URL."""
    return SignInGuard(sign_in_storage(url), per_user=5, per_address=3)


def test_two_replicas_share_one_count(shared_redis_url):
    a, b = _replica(shared_redis_url), _replica(shared_redis_url)
    assert a.shared and b.shared
    user = f"tess-{uuid.uuid4().hex[:8]}"
    for i in range(5):  # failures alternate between the replicas
        (a if i % 2 else b).reserve(user, f"198.51.100.{i}").failed()
    for guard in (a, b):
        with pytest.raises(RateLimited, match="for this username"):
            guard.reserve(user, "10.9.9.9")
    restarted = _replica(shared_redis_url)  # a restarted process remembers
    with pytest.raises(RateLimited):
        restarted.reserve(user, "10.9.9.9")


def test_parallel_guesses_through_two_replicas_check_at_most_the_limit(shared_redis_url):
    replicas = [_replica(shared_redis_url), _replica(shared_redis_url)]
    user = f"tess-{uuid.uuid4().hex[:8]}"
    checked: list[int] = []
    start = threading.Barrier(40)

    def guess(i: int) -> None:
        start.wait()
        try:
            slot = replicas[i % 2].reserve(user, f"203.0.113.{i}")
        except RateLimited:
            return
        checked.append(i)
        slot.failed()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) == 5


def test_a_right_password_gives_its_slot_back_on_redis(shared_redis_url):
    guard = _replica(shared_redis_url)
    address = f"classroom-{uuid.uuid4().hex[:8]}"
    user = f"tess-{uuid.uuid4().hex[:8]}"
    for _ in range(10):  # a classroom behind one address signing in
        guard.reserve(user, address).succeeded()
    for _ in range(3):
        guard.reserve(user, address).failed()
    with pytest.raises(RateLimited, match="from this address"):
        guard.reserve(user, address)
