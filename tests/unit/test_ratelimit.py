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
    turns, calls = limiters(load_settings(rate_limit_turns_per_min=2, rate_limit_calls_per_hour=1))
    calls.check("u")
    with pytest.raises(RateLimited, match="new calls"):
        calls.check("u")
    assert turns.limit == 2
