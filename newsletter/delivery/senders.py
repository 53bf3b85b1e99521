"""The sender pool: N threads, each holding one reused relay connection.

SMTP time is waiting on the relay, so each sender pipelines its chunk of messages on its own
connection (settings.smtp.concurrency of them) and reports every outcome the moment it is
known: to the journal first, then to the recorder's inbox. A refusal that turns out to be
about us halts the whole pool at once, before the recorder (0.1 s behind) writes it.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import queue
import select
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from newsletter.delivery.brake import RunState
from newsletter.delivery.counts import RunCounts
from newsletter.delivery.refusals import (
    given_back,
    is_throttle,
    message_level,
    not_handed_over,
    refusal_key,
    systemic_error,
)
from newsletter.errors import TransportError
from newsletter.journal import outcome_line
from newsletter.mailers.base import (
    Connection,
    Envelope,
    HandOverRefused,
    Transport,
    not_attempted,
)
from newsletter.mailers.ratelimit import RateLimiter, Throttle
from newsletter.mailers.wire import SLEEP, in_thread
from newsletter.models import DeliveryStatus, Outcome
from newsletter.store.ledger import UNSUBSCRIBED_DETAIL

if TYPE_CHECKING:
    from newsletter.journal import Journal

log = logging.getLogger("newsletter.deliver")  # the stage's logger name: operators filter on it

# What a sender waits for (kind, socket, seconds): its next chunk, a pause, or its socket
# (newsletter.mailers.wire.READ / WRITE, with the connection's timeout).
_WORK = 3
_SLEEP = SLEEP  # the kind wire.in_thread yields too
_NOTHING = object()  # no chunk came
_SENT = DeliveryStatus.SENT
_LEFT = Outcome(DeliveryStatus.SKIPPED, None, UNSUBSCRIBED_DETAIL)
Sender = Generator[tuple[int, "socket.socket | None", float], Any, None]

_Outcomes = list[tuple[int, Outcome]] | None
Results = queue.SimpleQueue[_Outcomes] | queue.Queue[_Outcomes]  # deliver.py's: a SimpleQueue
Work = queue.Queue[list[Envelope] | None]


def _arm(
    poller: select.epoll,
    armed: dict[int, tuple[socket.socket, int]],
    sock: socket.socket,
    mask: int,
) -> int:
    """Register `sock` for `mask` in the driver's epoll set, with a system call only when
    its registration changes; `armed` is what the set holds, by file number."""
    fd = sock.fileno()
    current = armed.get(fd)
    if current is not None and current[0] is sock:
        if current[1] != mask:
            poller.modify(fd, mask)
            armed[fd] = (sock, mask)
        return fd
    if current is not None:  # an old socket's number, reused: it left the set closed
        with contextlib.suppress(OSError):
            poller.unregister(fd)
    poller.register(fd, mask)
    armed[fd] = (sock, mask)
    return fd


class _Batch:
    """What one driver gathered since it last waited: the outcomes for the recorder and
    their journal lines (written with the next handing-over line, or before the wait)."""

    __slots__ = ("lines", "outcomes")

    def __init__(self) -> None:
        self.outcomes: list[tuple[int, Outcome]] = []
        self.lines = bytearray()


class Gate(threading.Event):
    """Set while the run halts or the relay asked us to pause; only is_set() is used."""

    def __init__(self, halt: threading.Event, throttle: Throttle) -> None:
        super().__init__()
        self._halt = halt
        self._throttle = throttle

    def is_set(self) -> bool:
        return self._halt.is_set() or self._throttle.paused()


def discard(connection: Connection | None) -> None:
    if connection is not None:
        try:
            connection.close()
        except Exception:  # closing a broken connection must not hide the real outcome
            log.debug("closing a connection failed", exc_info=True)
    return None


class SenderPool:
    """Sender threads taking chunks of envelopes from `work` and putting their outcomes on
    `results` (the recorder's inbox). `close()` ends them once `work` is drained."""

    def __init__(
        self,
        state: RunState,
        *,
        transport: Transport,
        work: Work,
        results: Results,
        counts: RunCounts,
        limiter: RateLimiter,
        throttle: Throttle,
        threshold: int,
        journal: Journal | None,
    ) -> None:
        self._state = state
        self._transport = transport
        self._work = work
        self._results = results
        self._counts = counts
        self._limiter = limiter
        self._throttle = throttle
        self._threshold = threshold
        self._journal = journal
        # What a connection checks before each message: the halt, or a throttling pause (the
        # rest of its chunk goes back untried instead of collecting more 454s).
        self._gate = Gate(state.halt, throttle)
        self._refusals: tuple[str | None, int] = (None, 0)  # the last permanent refusal, in a row
        self._threads: list[threading.Thread] = []

    def start(self, concurrency: int, first_connection: Connection | None) -> None:
        if getattr(self._transport, "multiplexed", False):
            # The SMTP transport's connections are steps (non-blocking sockets): one thread
            # drives all of them from a selector loop. Ten threads each holding one
            # connection spent most of their CPU handing the GIL to each other.
            self._threads = [
                threading.Thread(
                    target=self._run_loop,
                    args=(concurrency, first_connection),
                    name="sender-0",
                    daemon=True,
                )
            ]
        else:  # a transport of blocking connections (outbox, tests): a thread each
            self._threads = [
                threading.Thread(
                    target=self._run_thread,
                    args=(i, first_connection if i == 0 else None),
                    name=f"sender-{i}",
                    daemon=True,
                )
                for i in range(concurrency)
            ]
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        """Tell every sender to finish after the work queued so far, and wait for them."""
        for _ in self._threads:
            self._work.put(None)
        for thread in self._threads:
            thread.join()

    def _run_thread(self, index: int, connection: Connection | None) -> None:
        """One sender's steps, driven in its own thread: every wait blocks the thread."""
        batch = _Batch()
        steps = self._sender_loop(index, connection, batch)
        try:
            kind, sock, seconds = next(steps)
            while True:
                self._hand_over(batch)
                if kind == _WORK:
                    kind, sock, seconds = steps.send(self._work.get())
                elif kind == _SLEEP:
                    time.sleep(seconds)
                    kind, sock, seconds = steps.send(None)
                else:
                    assert sock is not None
                    poller = select.poll()
                    poller.register(
                        sock, select.POLLIN if kind == selectors.EVENT_READ else select.POLLOUT
                    )
                    if poller.poll(max(seconds, 0.0) * 1000):
                        kind, sock, seconds = steps.send(None)
                    else:
                        kind, sock, seconds = steps.throw(TimeoutError())
        except StopIteration:
            pass
        finally:
            self._hand_over(batch)

    def _hand_over(self, batch: _Batch) -> None:
        """Before the driver waits: the gathered journal lines to the journal, then the
        outcomes to the recorder in one put."""
        if batch.lines:
            self._write_journal(batch.lines)
            batch.lines.clear()
        if batch.outcomes:
            self._results.put(batch.outcomes.copy())
            batch.outcomes.clear()

    def _write_journal(self, lines: bytes | bytearray) -> None:
        journal = self._journal
        if journal is not None:
            try:
                journal.write(lines)
            except OSError as exc:
                self._state.journal_failed(
                    f"cannot write the journal {journal.path}: {exc.strerror or exc}"
                )

    def _run_loop(self, concurrency: int, first_connection: Connection | None) -> None:
        """Every sender's steps, driven from one epoll loop in this thread: a sender waiting
        on its socket, on the rate limiter or for work costs nothing while the others run.
        Each sender keeps its own connection and its order of messages.

        A socket stays registered between waits (re-armed only when the event it waits for
        changes), so a wait costs no system call of its own; one that turns readable while
        its sender waits on something else (a relay speaking unasked) is dropped from the
        set until its sender waits on it again. Timeouts are checked every 0.1 s."""
        poller = select.epoll()
        armed: dict[int, tuple[socket.socket, int]] = {}  # fd -> (socket, event mask)
        waiting_io: dict[int, Sender] = {}  # fd -> the sender waiting on it
        deadlines: dict[Sender, tuple[float, int]] = {}  # sender -> (deadline, fd)
        waiting_work: deque[Sender] = deque()
        sleeping: list[tuple[float, int, Sender]] = []  # a heap of (due, tiebreak, sender)
        tiebreak = itertools.count()
        live = 0
        no_more_work = False
        batch = _Batch()  # every sender's outcomes, in this one thread
        monotonic = time.monotonic
        read, epollin, epollout = selectors.EVENT_READ, select.EPOLLIN, select.EPOLLOUT  # locals

        def advance(
            sender: Sender, value: object = None, error: BaseException | None = None
        ) -> None:
            nonlocal live
            while True:
                try:
                    if error is not None:
                        kind, sock, seconds = sender.throw(error)
                    else:
                        kind, sock, seconds = sender.send(value)
                except StopIteration:
                    live -= 1
                    return
                except Exception:  # a bug in one sender must not stop the others
                    log.exception("a sender stopped on an unexpected error")
                    live -= 1
                    return
                value = error = None
                if kind == _WORK:
                    waiting_work.append(sender)
                elif kind == _SLEEP:
                    heapq.heappush(sleeping, (monotonic() + seconds, next(tiebreak), sender))
                else:
                    assert sock is not None
                    mask = epollin if kind == read else epollout
                    try:
                        fd = sock.fileno()
                        # Armed already for this event (the steady state): no call to _arm.
                        current = armed.get(fd)
                        if current is None or current[0] is not sock or current[1] != mask:
                            fd = _arm(poller, armed, sock, mask)
                    except (ValueError, OSError):
                        continue  # a closed socket: resumed at once, its next call says so
                    waiting_io[fd] = sender
                    deadlines[sender] = (monotonic() + seconds, fd)
                return

        for i in range(concurrency):
            live += 1
            advance(self._sender_loop(i, first_connection if i == 0 else None, batch))
        next_check = monotonic() + 0.1
        try:
            while live:
                while waiting_work:
                    if no_more_work:
                        chunk = None
                    else:
                        try:
                            chunk = self._work.get_nowait()
                        except queue.Empty:
                            break
                        no_more_work = chunk is None  # close(): nothing follows it
                    advance(waiting_work.popleft(), chunk)
                if not live:
                    break
                self._hand_over(batch)  # before any wait
                now = monotonic()
                timeout = next_check - now
                if sleeping:
                    timeout = min(timeout, sleeping[0][0] - now)
                if waiting_work and not no_more_work:
                    if not waiting_io and not sleeping:
                        # Nothing on the wire: wait for the claimer's next chunk itself.
                        try:
                            chunk = self._work.get(timeout=max(timeout, 0.001))
                        except queue.Empty:
                            chunk = _NOTHING
                        if chunk is not _NOTHING:
                            no_more_work = chunk is None
                            advance(waiting_work.popleft(), chunk)
                        timeout = 0.0
                    else:
                        # The claimer may queue a chunk at any moment: look again soon.
                        timeout = min(timeout, 0.002)
                for fd, _ in poller.poll(max(timeout, 0.0)):
                    sender = waiting_io.pop(fd, None)
                    if sender is None:  # spoke while its sender waits on something else
                        with contextlib.suppress(OSError):
                            poller.unregister(fd)
                        armed.pop(fd, None)
                        continue
                    del deadlines[sender]
                    advance(sender)
                now = monotonic()
                if now >= next_check:
                    next_check = now + 0.1
                    for sender, (deadline, fd) in list(deadlines.items()):
                        if deadline <= now:
                            del deadlines[sender]
                            del waiting_io[fd]
                            advance(sender, error=TimeoutError())
                while sleeping and sleeping[0][0] <= now:
                    advance(heapq.heappop(sleeping)[2])
        finally:
            self._hand_over(batch)
            poller.close()

    def _watch_refusals(self, outcome: Outcome) -> None:
        """Stop handing messages over the moment a refusal turns out to be about us (the
        recorder, 0.1 s behind, decides what the ledger says about those readers)."""
        if outcome.status is DeliveryStatus.PENDING or outcome.status is DeliveryStatus.SKIPPED:
            return  # no reply of the relay: neither a refusal nor the end of a streak
        key = refusal_key(outcome)
        if key is None and self._refusals[1] == 0:
            # The delivered path: no streak to reset, so no lock to take (a streak another
            # thread starts meanwhile is not ours to reset: a message in between broke it).
            return
        state = self._state
        with state.cond:
            if key is None:
                self._refusals = (None, 0)
                return
            last, in_a_row = self._refusals
            in_a_row = in_a_row + 1 if last == key else 1
            self._refusals = (key, in_a_row)
            threshold = self._threshold
            systemic = message_level(outcome) or (threshold and in_a_row >= threshold)
            if systemic and state.fatal is None:
                state.fatal = systemic_error(outcome, in_a_row)
        if systemic:
            state.halt.set()
            state.stop_for_relay.set()

    def report(self, key: int, outcome: Outcome, batch: _Batch | None = None) -> None:
        """One outcome, the moment it is known: to the journal, then to the recorder (at once,
        or into `batch`, whose journal lines go out with the next handing-over line or before
        the driver next waits, whichever comes first, and its outcomes after them)."""
        if outcome.status is not _SENT or self._refusals[1]:
            # Not the delivered path with no streak open (that one needs none of this: a
            # 2xx is never a refusal, never "not handed over", never a throttling reply).
            self._watch_refusals(outcome)
            if not_handed_over(outcome) and self._gate.is_set():
                outcome = given_back(outcome)  # never reached the relay: back to pending
            if is_throttle(outcome) and self._throttle.slow_down(self._limiter):
                # A reply about our pace, not about this reader: no attempt is charged.
                outcome = given_back(outcome)
        if batch is None:
            if self._journal is not None:
                self._write_journal(outcome_line(key, outcome))
            self._results.put([(key, outcome)])
        else:
            if self._journal is not None:
                batch.lines += outcome_line(key, outcome)
            batch.outcomes.append((key, outcome))

    def _without_left(self, chunk: list[Envelope], batch: _Batch) -> list[Envelope]:
        """`chunk` less the readers who left after their row was claimed (RunState.left),
        each reported skipped: the recorder's last look (at most LEFT_CHECK old) before their
        message would go out."""
        state = self._state
        with state.cond:
            left = {e.key for e in chunk if e.key in state.left}
        if not left:
            return chunk
        for e in chunk:
            if e.key in left:
                self.report(e.key, _LEFT, batch)
        return [e for e in chunk if e.key not in left]

    def _handing_over(self, envelope: Envelope, batch: _Batch) -> None:
        if self._state.halt.is_set():
            raise HandOverRefused
        journal = self._journal
        if journal is not None:
            try:
                # The outcome lines gathered so far ride in the same write (they were
                # read before this message goes out, so their order holds).
                journal.handing_over(envelope.key, batch.lines)
                batch.lines.clear()
            except OSError as exc:
                self._state.journal_failed(
                    f"cannot write the journal {journal.path}: {exc.strerror or exc}"
                )
                raise HandOverRefused from None

    def _connect_patiently(self) -> Connection:
        """A new connection. While no other connection of this run works, a refusal is
        tried again a few times (0.5, 1, 2 s): a relay still counting the sessions we just
        closed, or a brief overload, must not cost readers an attempt."""
        delay = 0.5
        for _ in range(3):
            try:
                return self._transport.connect()
            except TransportError:
                with self._state.cond:
                    alone = self._state.live_connections == 0
                if not alone or self._state.halt.wait(delay):
                    raise
                delay *= 2
        return self._transport.connect()

    def _connecting(self) -> Generator[tuple[int, socket.socket | None, float], Any, Connection]:
        """A new connection, opened without holding up the others: the TCP connect, greeting,
        EHLO, STARTTLS and login block, so when one thread drives every connection they run
        in a thread of their own while this sender sleeps. (Opened inline, a relay slow to
        greet stalled every other connection, and a 250 already on the wire went unread: a
        kill then re-sent a delivered message.)"""
        if not getattr(self._transport, "multiplexed", False):
            return self._connect_patiently()  # this sender has a thread of its own
        return (yield from in_thread(self._connect_patiently, "smtp-connect"))

    def _closing(self, connection: Connection) -> Sender:
        """The end of a sender: its connection says QUIT as steps where it can, so that the
        senders one thread drives wait for their replies together (one round trip at the end
        of a run, not one per connection in turn); never raises."""
        steps = getattr(connection, "close_steps", None)
        if steps is None:
            discard(connection)
            return
        try:
            yield from steps()
        except Exception:  # closing a broken connection must not hide the real outcome
            log.debug("closing a connection failed", exc_info=True)

    def _sender_loop(self, index: int, connection: Connection | None, batch: _Batch) -> Sender:
        """One sender (one connection) as steps: it yields what it waits for, (_WORK, ...)
        for its next chunk, (_SLEEP, ..., seconds) for the rate cap or a throttling pause,
        or a socket wait of its connection; whoever drives it resumes it."""
        state = self._state
        report = self.report
        busy = 0.0
        reported: set[int] = set()
        handed: set[int] = set()
        # Outcomes go into `batch`, which the driver hands to the recorder in one put before
        # it waits on anything (a socket, a pause, work): a read 250 reaches the ledger
        # within the recorder's 0.1 s even while its connection waits on the next reply,
        # at one queue operation per wait rather than per message. The journal still gets
        # each outcome the moment it is read.

        journal = self._journal
        delivered = batch.outcomes.append

        def on_outcome(envelope: Envelope, outcome: Outcome) -> None:
            key = envelope.key
            reported.add(key)
            if outcome[0] is not _SENT or self._refusals[1]:  # else report()'s delivered
                report(key, outcome, batch)  # path inline, once a message: one call fewer
                return
            if journal is not None:
                batch.lines += outcome_line(key, outcome)
            delivered((key, outcome))

        def on_handover(envelope: Envelope) -> None:
            self._handing_over(envelope, batch)
            handed.add(envelope.key)

        hooks = {"stop": self._gate, "on_outcome": on_outcome, "on_handover": on_handover}
        if connection is not None:
            with state.cond:
                state.live_connections += 1
        try:
            while True:
                chunk: list[Envelope] | None = yield _WORK, None, 0.0
                if chunk is None:
                    if connection is not None:
                        with state.cond:
                            state.live_connections -= 1
                        closing, connection = connection, None
                        yield from self._closing(closing)
                    return
                if state.halt.is_set():
                    # Stopping or braking: hand the batch back untried, uncharged.
                    for e in chunk:
                        report(e.key, given_back(not_attempted("shutting down")))
                    continue
                started = time.perf_counter()
                reported.clear()
                handed.clear()
                try:
                    if connection is None:
                        connection = yield from self._connecting()
                        with state.cond:
                            state.live_connections += 1
                    wait = self._limiter.reserve(len(chunk))
                    if wait > 0:
                        yield _SLEEP, None, wait
                    wait = self._throttle.pause_left(self._limiter)
                    if wait > 0:
                        yield _SLEEP, None, wait
                    if state.left and not (chunk := self._without_left(chunk, batch)):
                        continue  # every reader of the chunk left after the claim
                    steps = getattr(connection, "send_many_steps", None)
                    if steps is not None:
                        yield from steps(chunk, **hooks)
                    else:
                        connection.send_many(chunk, **hooks)
                except TransportError as exc:
                    connection = None
                    with state.cond:
                        others = state.live_connections
                        retire = others > 0
                        if retire:
                            state.retired += 1
                    if retire:
                        # Other connections work: the relay caps sessions. This slot retires
                        # for the run and its chunk goes back untried, no reader charged.
                        log.warning(
                            "sender %d: the relay refused one more connection (%s); going on "
                            "with %d",
                            index,
                            exc,
                            others,
                        )
                        for e in chunk:
                            report(e.key, given_back(not_attempted("connection refused")))
                        return
                    for e in chunk:
                        if e.key not in reported:
                            report(e.key, not_attempted(f"relay unavailable: {exc}"))
                except Exception as exc:  # the per-recipient loop: one bad chunk never ends a run
                    log.exception("sender %d: unexpected error; the chunk is deferred", index)
                    if connection is not None:
                        with state.cond:
                            state.live_connections -= 1
                    connection = discard(connection)
                    for e in chunk:
                        if e.key in reported:
                            continue
                        if e.key in handed:  # it may have reached the relay
                            outcome = Outcome(
                                DeliveryStatus.UNKNOWN, None, f"internal error: {exc}"
                            )
                        else:
                            outcome = not_attempted(f"internal error: {exc}")
                        report(e.key, outcome)
                busy += time.perf_counter() - started
        finally:
            if connection is not None:
                with state.cond:
                    state.live_connections -= 1
            discard(connection)
            with state.cond:
                self._counts.smtp_seconds += busy
