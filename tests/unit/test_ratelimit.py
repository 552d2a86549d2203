"""Rate limits protect the app (and an LLM bill) from a runaway client, and passwords
from guessing: the sign-in limiter is atomic, per username and per client address."""

import threading

import pytest
from limits.storage import MemoryStorage

from sim_core.ratelimit import RateLimited, RateLimiter, SignInGuard, limiters
from sim_core.settings import load_settings


def test_limit_per_user_with_a_sliding_window():
    now = [0.0]
    lim = RateLimiter(3, 60.0, "turns", clock=lambda: now[0])
    for _ in range(3):
        lim.check("tess")
    with pytest.raises(RateLimited, match="try again in 60 s"):
        lim.check("tess")
    lim.check("ivan")  # another user is not affected
    now[0] = 60.5
    lim.check("tess")  # the window moved on


def test_limits_come_from_settings():
    turns, calls, sign_ins = limiters(
        load_settings(
            rate_limit_turns_per_min=2,
            rate_limit_calls_per_hour=1,
            redis_url="",
            rate_limit_sign_in_failures=3,
            rate_limit_sign_in_failures_per_address=2,
        )
    )
    calls.check("u")
    with pytest.raises(RateLimited, match="new calls"):
        calls.check("u")
    assert turns.limit == 2 and sign_ins.window_s == 900 and not sign_ins.shared
    for _ in range(2):
        sign_ins.reserve("u", "a").failed()
    with pytest.raises(RateLimited, match="from this address"):
        sign_ins.reserve("u", "a")


def _guard(per_user=4, per_address=2) -> SignInGuard:
    return SignInGuard(MemoryStorage(), per_user=per_user, per_address=per_address)


def test_only_failures_count_and_the_refusal_says_when_to_try_again():
    guard = _guard()
    for _ in range(10):  # right passwords never use up the allowance
        guard.reserve("tess", "10.0.0.1").succeeded()
    guard.reserve("tess", "10.0.0.1").failed()
    guard.reserve("tess", "10.0.0.1").failed()
    with pytest.raises(RateLimited, match=r"from this address; try again in \d+ s"):
        guard.reserve("tess", "10.0.0.1")
    with pytest.raises(RateLimited):  # nor with another username from there
        guard.reserve("ivan", "10.0.0.1")


def test_one_address_cannot_lock_a_user_out_elsewhere():
    guard = _guard(per_user=4, per_address=2)
    for _ in range(2):
        guard.reserve("tess", "203.0.113.9").failed()
    with pytest.raises(RateLimited):
        guard.reserve("tess", "203.0.113.9")
    guard.reserve("tess", "10.0.0.1").succeeded()  # tess, at her desk: still fine


def test_many_addresses_pause_the_username_everywhere():
    guard = _guard(per_user=4, per_address=2)
    for i in range(4):
        guard.reserve("tess", f"203.0.113.{i}").failed()
    with pytest.raises(RateLimited, match="for this username"):
        guard.reserve("tess", "10.0.0.1")
    guard.reserve("ivan", "10.0.0.1").succeeded()  # another user is not affected


def test_parallel_guesses_never_check_more_passwords_than_the_limit():
    guard = _guard(per_user=5, per_address=1000)
    checked, start = [], threading.Barrier(30)

    def guess(i: int) -> None:
        start.wait()
        try:
            slot = guard.reserve("tess", f"198.51.100.{i}")
        except RateLimited:
            return
        checked.append(i)  # the password would be checked here
        slot.failed()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) == 5


def test_an_unreachable_shared_store_still_limits_in_this_process():
    from limits.storage import storage_from_string

    dead = storage_from_string("redis://127.0.0.1:9/0", socket_connect_timeout=0.2, socket_timeout=0.2)
    guard = SignInGuard(dead, per_user=5, per_address=2)
    guard.reserve("tess", "a").failed()
    guard.reserve("tess", "a").failed()
    with pytest.raises(RateLimited):
        guard.reserve("tess", "a")
