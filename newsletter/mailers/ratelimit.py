"""A thread-safe rate limiter for the whole run (every sender thread shares one).

Two rules, both enforced:

* smoothness: a GCRA / token bucket with `rate` tokens a second and a burst of
  max(1, rate / 10), so a cap of 200/s sends about one message every 5 ms, not 200 at once;
* a hard cap: in any half-open one-second window [t, t + 1) no more than floor(rate) tokens
  are released. A plain token bucket lets `burst + rate` through in a second after an idle
  spell; relays that count per second would then refuse us.

`acquire(n)` reserves n tokens and sleeps until they are due. Reservations are made under a
lock and the sleep happens outside it, so threads queue fairly without holding each other up.
A chunk larger than the per-second cap cannot fit any window; it is released alone once the
window is empty. Rates below 1 are pure spacing (one token every 1/rate seconds).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        *,
        burst: float | None = None,
        window: float = 1.0,
    ) -> None:
        """`window`: the span over which at most floor(rate) tokens are released. A little
        over a second leaves room for the lag between a release and the message's arrival at
        the relay, which is what the relay counts (see deliver)."""
        if rate < 0:
            raise ValueError("rate must be >= 0 (0 means no cap)")
        if window < 1.0:
            raise ValueError("window must be at least one second")
        self.rate = rate
        self._span = window
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        if rate > 0:
            self.burst = max(1.0, burst if burst is not None else rate / 10)
            self._interval = 1.0 / rate
            self._window_cap = math.floor(rate)  # 0 for rates below 1: spacing alone
        # Theoretical arrival time of the next token if we sent at exactly `rate` (GCRA).
        self._tat = -math.inf
        # Releases inside the last second: (time, tokens), oldest first.
        self._window: deque[tuple[float, int]] = deque()
        self._in_window = 0

    @property
    def unlimited(self) -> bool:
        return self.rate <= 0

    def acquire(self, n: int = 1) -> float:
        """Block until `n` tokens may be used; return the seconds waited."""
        if self.rate <= 0 or n <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            due = self._reserve(now, n)
        wait = due - now
        if wait > 1e-9:  # float dust from the schedule is not worth a sleep
            self._sleep(wait)
            return wait
        return 0.0

    def reserve(self, n: int = 1) -> float:
        """acquire() without the sleep: reserve `n` tokens and return the seconds until they
        are due (0 when they are due now), for a caller that waits in its own loop."""
        if self.rate <= 0 or n <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            wait = self._reserve(now, n) - now
        return wait if wait > 1e-9 else 0.0

    def _reserve(self, now: float, n: int) -> float:
        tat = max(self._tat, now) + n * self._interval
        due = max(now, tat - self.burst * self._interval)
        if self._window_cap:
            pushed = self._fit_window(due, n)
            if pushed > due:
                # The window held these tokens back: the burst credit is spent, so the smooth
                # schedule restarts from the release instead of bursting again every second.
                due = pushed
                tat = max(tat, due + self.burst * self._interval)
        self._tat = tat
        if self._window_cap:
            self._window.append((due, n))
            self._in_window += n
        return due

    def _fit_window(self, due: float, n: int) -> float:
        window = self._window
        cap = self._window_cap
        while True:
            # `t + span <= due` is the same float expression that set `due` below, so an
            # entry that pushed `due` is always recognised as out of the window.
            while window and window[0][0] + self._span <= due:
                self._in_window -= window.popleft()[1]
            if not window or self._in_window + n <= cap:
                return due
            excess = self._in_window + n - cap
            freed = 0
            for released, tokens in window:
                freed += tokens
                if freed >= excess:
                    due = released + self._span
                    break
            else:  # n alone exceeds the cap: wait until the window is empty
                due = window[-1][0] + self._span

    def set_rate(self, rate: float) -> None:
        """Change the cap mid-run (the throttle's AIMD); the schedule continues from now."""
        if self.rate <= 0 or rate <= 0:
            return
        with self._lock:
            self.rate = rate
            self.burst = max(1.0, rate / 10)
            self._interval = 1.0 / rate
            self._window_cap = math.floor(rate)


class Throttle:
    """The relay asked us to slow down (454, 421/451 4.7.x): the whole sender backs off.

    Multiplicative decrease, additive increase: each throttling episode halves the rate cap
    (when SMTP__RATE sets one) and pauses every connection for a delay that doubles while the
    relay keeps asking (0.5 s up to 10 s); each quiet second gives back a tenth of the
    configured rate, never more than SMTP__RATE."""

    MAX_DELAY = 10.0

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base = rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._pause_until = 0.0
        self._delay = 0.0
        self._last_change = clock()
        self.episodes = 0

    def paused(self) -> bool:
        # Asked before every message: no clock read until the relay has ever throttled us.
        until = self._pause_until
        return until != 0.0 and self._clock() < until

    def slow_down(self, limiter: RateLimiter) -> bool:
        """Note a throttling reply. True while backing off still helps (the message is not
        charged to its reader); False once the relay has throttled us at the longest delay."""
        import logging

        with self._lock:
            now = self._clock()
            if now < self._pause_until:
                return True  # the same episode, already honoured
            persistent = self._delay >= self.MAX_DELAY
            self._delay = min(max(self._delay * 2, 0.5), self.MAX_DELAY)
            self._pause_until = now + self._delay
            self._last_change = now
            self.episodes += 1
            if limiter.rate > 0:
                limiter.set_rate(max(limiter.rate / 2, 1.0))
            logging.getLogger("newsletter.deliver").warning(
                "the relay is throttling us: pausing %.1f s%s",
                self._delay,
                f", rate now {limiter.rate:g}/s" if limiter.rate > 0 else "",
            )
        return not persistent

    def pace(self, limiter: RateLimiter | None = None) -> float:
        """Wait out a pause; raise the rate back a step per quiet second. Seconds waited."""
        wait = self.pause_left(limiter)
        if wait > 0:
            self._sleep(wait)
            return wait
        return 0.0

    def pause_left(self, limiter: RateLimiter | None = None) -> float:
        """pace() without the sleep: the seconds of pause left (a caller waits them out in
        its own loop); raises the rate back a step per quiet second."""
        with self._lock:
            now = self._clock()
            wait = self._pause_until - now
            quiet = now - self._last_change
            if wait <= 0 and quiet >= 1.0:
                if limiter is not None and 0 < limiter.rate < self.base:
                    limiter.set_rate(min(self.base, limiter.rate + self.base / 10))
                if quiet >= 5.0:
                    self._delay /= 2
                    if self._delay < 0.5:
                        self._delay = 0.0
                self._last_change = now
        return max(wait, 0.0)
