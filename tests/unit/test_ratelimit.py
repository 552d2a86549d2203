"""Rate limits protect the app (and an LLM bill) from a runaway client."""
import pytest

from sim_core.ratelimit import RateLimited, RateLimiter, limiters
from sim_core.settings import load_settings


def test_limit_per_user_with_a_sliding_window():
    now = [0.0]
    lim = RateLimiter(3, 60.0, "turns", clock=lambda: now[0])
    for _ in range(3):
        lim.check("tess")
    with pytest.raises(RateLimited, match="try again in 60 s"):
        lim.check("tess")
    lim.check("ivan")                 # another user is not affected
    now[0] = 60.5
    lim.check("tess")                 # the window moved on


def test_limits_come_from_settings():
    turns, calls, sign_ins = limiters(load_settings(rate_limit_turns_per_min=2,
                                                    rate_limit_calls_per_hour=1,
                                                    rate_limit_sign_in_failures=3))
    calls.check("u")
    with pytest.raises(RateLimited, match="new calls"):
        calls.check("u")
    assert turns.limit == 2 and sign_ins.limit == 3 and sign_ins.window_s == 900


def test_failures_are_counted_after_the_fact_and_block_before_the_next_try():
    now = [0.0]
    lim = RateLimiter(2, 900.0, "failed sign-ins", clock=lambda: now[0])
    lim.ensure_allowed("tess")        # asking does not count
    lim.ensure_allowed("tess")
    lim.count("tess")
    lim.count("tess")
    with pytest.raises(RateLimited, match="try again in 900 s"):
        lim.ensure_allowed("tess")
    now[0] = 901.0
    lim.ensure_allowed("tess")
