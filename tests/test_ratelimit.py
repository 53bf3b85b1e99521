"""The rate limiter, on an injected clock: no test here waits for real time."""

from __future__ import annotations

import bisect
import itertools
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsletter.mailers.ratelimit import RateLimiter


class FakeClock:
    """time.monotonic and time.sleep for one thread: sleeping moves the clock."""

    def __init__(self, start: float = 5000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def busiest_second(release_times: list[float]) -> int:
    """The most releases in any half-open one-second window [t, t + 1). A nanosecond of slack
    absorbs float rounding in now + (due - now)."""
    times = sorted(release_times)
    return max(
        (bisect.bisect_left(times, t + 1.0 - 1e-9) - i for i, t in enumerate(times)), default=0
    )


def drain(limiter: RateLimiter, clock: FakeClock, tokens: int, chunk: int = 1) -> list[float]:
    released: list[float] = []
    for _ in range(tokens // chunk):
        limiter.acquire(chunk)
        released.extend([clock.now] * chunk)
    return released


def test_zero_means_unlimited() -> None:
    clock = FakeClock()
    limiter = RateLimiter(0, clock, clock.sleep)
    for _ in range(10_000):
        assert limiter.acquire(5) == 0.0
    assert clock.slept == [] and limiter.unlimited


@pytest.mark.parametrize("chunk", [1, 5, 7])
def test_200_per_second_never_exceeds_200_in_any_second(chunk: int) -> None:
    clock = FakeClock()
    limiter = RateLimiter(200, clock, clock.sleep)
    released = drain(limiter, clock, 2100, chunk)
    assert busiest_second(released) <= 200
    # ...and still delivers the rate: 2,100 tokens take about 10.5 s (a little more when
    # chunks of 7 cannot fill a second's 200 exactly), not much more.
    per_second = 200 // chunk * chunk
    assert 9.8 <= released[-1] - released[0] <= 2100 / per_second + 0.1


def test_a_burst_after_idle_is_a_tenth_of_the_rate_then_even_spacing() -> None:
    clock = FakeClock()
    limiter = RateLimiter(200, clock, clock.sleep)
    waits = [limiter.acquire() for _ in range(60)]
    assert waits[:20] == [0.0] * 20  # burst of max(1, 200 / 10)
    assert all(w == pytest.approx(0.005) for w in waits[21:])
    clock.now += 30  # idle: the burst is available again, but no more than that
    assert [limiter.acquire() for _ in range(21)].count(0.0) == 20


def test_saturation_does_not_burst_again_at_every_second() -> None:
    clock = FakeClock()
    limiter = RateLimiter(200, clock, clock.sleep)
    released = drain(limiter, clock, 1200)
    later = [t for t in released if t >= released[0] + 1.0]
    same_instant = max(later.count(t) for t in set(later))
    assert same_instant == 1


def test_low_and_fractional_rates_space_messages_out() -> None:
    clock = FakeClock()
    limiter = RateLimiter(0.5, clock, clock.sleep)
    released = drain(limiter, clock, 4)
    assert [b - a for a, b in itertools.pairwise(released)] == pytest.approx([2.0] * 3)
    clock = FakeClock()
    released = drain(RateLimiter(3.5, clock, clock.sleep), clock, 40)
    assert busiest_second(released) <= 3


def test_a_chunk_bigger_than_the_cap_is_released_alone() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10, clock, clock.sleep)
    limiter.acquire(3)
    start = clock.now
    limiter.acquire(25)  # more than a second's worth: waits for an empty window
    assert clock.now >= start + 1.0
    limiter.acquire(1)
    assert clock.now >= start + 1.0  # and it does not block the next one forever


def test_threads_share_one_budget() -> None:
    # A frozen clock and a sleep that only records: the reserved release times are the
    # limiter's promises, and together they must keep the cap.
    lock = threading.Lock()
    due: list[float] = []

    def frozen() -> float:
        return 0.0

    limiter = RateLimiter(100, frozen, lambda _seconds: None)

    def worker() -> None:
        for _ in range(150):
            waited = limiter.acquire(2)
            with lock:
                due.extend([waited, waited])

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(due) == 2400
    assert busiest_second(due) <= 100
    assert max(due) == pytest.approx(23.9, abs=0.2)  # 2,400 tokens at 100/s


@settings(max_examples=60, deadline=None)
@given(
    rate=st.floats(min_value=1, max_value=500),
    steps=st.lists(
        st.tuples(st.floats(min_value=0, max_value=2), st.integers(min_value=1, max_value=8)),
        min_size=1,
        max_size=300,
    ),
)
def test_no_window_ever_exceeds_the_cap(rate: float, steps: list[tuple[float, int]]) -> None:
    clock = FakeClock()
    limiter = RateLimiter(rate, clock, clock.sleep)
    cap = int(rate)
    released: list[float] = []
    for gap, tokens in steps:
        clock.now += gap
        limiter.acquire(tokens)
        released.extend([clock.now] * tokens)
    if all(tokens <= cap for _, tokens in steps):
        assert busiest_second(released) <= cap


def test_negative_rates_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(-1)
