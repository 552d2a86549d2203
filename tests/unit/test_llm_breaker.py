"""The circuit breaker keeps a dead LLM endpoint from being tried on every turn."""

from sim_core.llm.breaker import CircuitBreaker


class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def test_opens_after_consecutive_failures_and_refuses_until_cooldown():
    clock = Clock()
    b = CircuitBreaker(threshold=3, cooldown_s=30, clock=clock)
    for _ in range(2):
        assert b.allow()
        b.record_failure("boom")
    assert b.state == "closed"
    b.record_failure("LLM server error (500)")
    assert b.state == "open" and not b.allow()
    assert "500" in b.describe() and b.retry_in() == 30
    clock.t = 29.9
    assert not b.allow()


def test_half_open_lets_one_trial_through_and_success_closes():
    clock = Clock()
    b = CircuitBreaker(threshold=1, cooldown_s=10, clock=clock)
    b.record_failure("x")
    clock.t = 10
    assert b.state == "half-open"
    assert b.allow() and not b.allow()  # only one trial at a time
    b.record_success()
    assert b.state == "closed" and b.allow()


def test_failed_trial_opens_again_for_a_full_cooldown():
    clock = Clock()
    b = CircuitBreaker(threshold=3, cooldown_s=10, clock=clock)
    for _ in range(3):
        b.record_failure("x")
    clock.t = 10
    assert b.allow()
    b.record_failure("still down")
    assert b.state == "open" and b.retry_in() == 10


def test_success_resets_the_failure_count():
    b = CircuitBreaker(threshold=2, cooldown_s=10, clock=Clock())
    b.record_failure("x")
    b.record_success()
    b.record_failure("x")
    assert b.state == "closed"


def test_retry_after_holds_the_breaker_open_at_once():
    clock = Clock()
    b = CircuitBreaker(threshold=5, cooldown_s=10, clock=clock)
    b.record_failure("429", hold_s=45)
    assert b.state == "open" and b.retry_in() == 45
    clock.t = 45
    assert b.allow()


def test_a_trial_that_never_reports_back_expires():
    clock = Clock()
    b = CircuitBreaker(threshold=1, cooldown_s=5, clock=clock)
    b.record_failure("x")
    clock.t = 5
    assert b.allow()
    clock.t = 10
    assert b.allow()
