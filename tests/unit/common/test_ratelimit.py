"""The token bucket behind intake's flood control, on a clock the test moves."""

from __future__ import annotations

import pytest

from common.ratelimit import RateLimit


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_gets_its_burst_then_one_call_per_refill_and_the_wait_until_it() -> None:
    clock = Clock()
    limit = RateLimit(2.0, 3, ["svc"], clock=clock)
    assert [limit.wait("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limit.wait("a") == pytest.approx(0.5)
    clock.now = 0.25  # half a call back: still refused, the rest of the wait named
    assert limit.wait("a") == pytest.approx(0.25)
    clock.now = 0.5
    assert limit.wait("a") == 0.0
    assert limit.wait("a") > 0


def test_callers_have_buckets_of_their_own_and_a_quiet_one_refills_to_its_burst() -> None:
    clock = Clock()
    limit = RateLimit(1.0, 2, ["svc"], clock=clock)
    assert [limit.wait("a") for _ in range(3)][-1] > 0
    assert limit.wait("b") == 0.0
    clock.now = 100.0
    assert [limit.wait("a") for _ in range(3)] == [0.0, 0.0, 1.0]


def test_a_limit_that_could_take_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        RateLimit(0, 5, ["svc"])
