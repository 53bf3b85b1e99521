"""A relay that misbehaves on cue, for the fault matrix (tests/test_faults.py).

FaultSmtp is tests.smtp_server.SmtpServer (aiosmtpd on 127.0.0.1, FaultPlan faults) plus:

    server = FaultSmtp(max_sessions=3)            # the 4th concurrent session: 421 at greeting
    server = FaultSmtp(throttle=2.0)              # 454 Throttling failure to every MAIL for 2 s
    server = FaultSmtp(throttle=2.0, throttle_reply="451 4.7.1 ...")   # another throttling code
    server.hold("DOT", 6)                         # the 6th message is taken; its 250 waits
    server.hold("MAIL", 6) / hold("DATA", 6)      # the reply to MAIL / DATA of message 6 waits
    server.hold("GREETING", 2)                    # connection 2 waits for its 220
    server.wait_stage("DOT", 6)                   # block until the 6th final dot arrived
    server.release()                              # let every held reply go

Every stage is counted as it arrives (`seen(stage)`), so a test reaches an exact step of the
client by waiting on the server, never on a sleep. Messages are numbered by MAIL commands,
connections by arrival, both from 1.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from typing import Any, Literal

from aiosmtpd.smtp import SMTP

from tests.smtp_server import SmtpServer, _Controller, _FaultySMTP, _Handler

HoldStage = Literal["GREETING", "MAIL", "DATA", "DOT"]
THROTTLE_REPLY = "454 4.7.0 Throttling failure: Maximum sending rate exceeded"
BUSY_REPLY = "421 4.7.0 Too many concurrent SMTP connections; try again later"


class _HoldingHandler(_Handler):
    owner: FaultSmtp

    async def handle_MAIL(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        owner = self.owner
        number = owner._next_message_number()
        envelope.message_number = number
        owner._arrive("MAIL", number)
        if owner._throttled():
            owner._count_reply(owner.throttle_reply)
            return owner.throttle_reply
        await owner._wait_if_held("MAIL", number)
        fault = owner.faults.take("MAIL", number, [])
        status = await self._apply(server, fault, "250 OK")
        if status.startswith("250"):
            envelope.mail_from = address
            envelope.mail_options.extend(options)
        owner._count_reply(status)
        return status

    async def handle_RCPT(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        status = await super().handle_RCPT(server, session, envelope, address, options)
        self.owner._count_reply(status)
        return status

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        owner = self.owner
        number = getattr(envelope, "message_number", 0)
        before = len(owner.messages)
        fault = owner.faults.take("DOT", number, envelope.rcpt_tos)
        on_session = getattr(server, "session_number", 0)
        if fault is None or fault.reply is None:
            owner._record_taken(envelope, session, number, on_session)
        owner._arrive("DOT", number)
        if len(owner.messages) > before:
            await owner._wait_if_held("DOT", number, on_session)
        status = await self._apply(server, fault, "250 2.0.0 OK: queued")
        owner._count_reply(status)
        return status


class _HoldingSMTP(_FaultySMTP):
    owner: FaultSmtp

    async def _handle_client(self) -> None:
        owner = self.owner
        number = owner._open_session(self)
        if number is None:  # over the session limit: refused at the greeting, like Postfix
            await self.push(BUSY_REPLY)
            owner._count_reply(BUSY_REPLY)
            assert self.transport is not None
            self.transport.close()
            return
        self.session_number = number
        owner._arrive("GREETING", number)
        await owner._wait_if_held("GREETING", number)
        await super()._handle_client()

    def connection_lost(self, error: Exception | None) -> None:
        self.owner._close_session(self)
        super().connection_lost(error)

    async def smtp_DATA(self, arg: str) -> None:
        envelope = self.envelope
        if envelope is not None and envelope.rcpt_tos and not arg:
            number = getattr(envelope, "message_number", 0)
            self.owner._arrive("DATA", number)
            await self.owner._wait_if_held("DATA", number)
        await super().smtp_DATA(arg)


class _HoldingController(_Controller):
    def factory(self) -> SMTP:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server = _HoldingSMTP(self.handler, **self.SMTP_kwargs)
        server.owner = self.owner  # type: ignore[assignment]
        return server


class FaultSmtp(SmtpServer):
    """SmtpServer with held replies, stage events, a session limit and a throttling window."""

    controller_class: type[_HoldingController] = _HoldingController  # tests/shaped_smtp.py: its own

    def __init__(
        self,
        *,
        max_sessions: int | None = None,
        throttle: float = 0.0,
        throttle_reply: str = THROTTLE_REPLY,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("keep_transcript", False)
        super().__init__(**kwargs)
        self.max_sessions = max_sessions
        self.throttle = throttle
        self.throttle_reply = throttle_reply
        self._handler = _HoldingHandler(self)
        self._arrivals: Counter[str] = Counter()
        self._stage_times: dict[tuple[str, int], float] = {}
        self._holds: dict[tuple[str, int], threading.Event] = {}
        # stage -> (first number held, its release event): hold every number from it on
        self._hold_from: dict[str, tuple[int, threading.Event]] = {}
        self._stopping = threading.Event()
        # (message number, recipients, whether its 250 was held) of every message taken
        self.numbered: list[tuple[int, list[str], bool]] = []
        self._session_holds: dict[int, threading.Event] = {}  # connection -> its DOTs held
        self._message_sessions: dict[int, int] = {}  # message number -> connection number
        self._sessions: set[int] = set()
        self.max_active = 0  # the most sessions open at once
        self.refused_sessions = 0
        self.replies: Counter[int] = Counter()  # reply code -> how many were sent
        self._throttle_start: float | None = None
        self._session_number = 0

    # ---- scripting ---------------------------------------------------------------------

    def hold(self, stage: HoldStage, number: int, *, onwards: bool = False) -> FaultSmtp:
        """Hold the reply at `stage` of message (or connection) `number` until release();
        with onwards=True, of every number from `number` on."""
        with self._lock:
            if onwards:
                self._hold_from[stage] = (number, threading.Event())
            else:
                self._holds[(stage, number)] = threading.Event()
        return self

    def hold_session(self, session: int) -> FaultSmtp:
        """Hold the 250 of every message on connection `session` (numbered from 1)."""
        with self._lock:
            self._session_holds[session] = threading.Event()
        return self

    def session_of(self, message: int) -> int | None:
        with self._lock:
            return self._message_sessions.get(message)

    def release(self, stage: str | None = None, number: int | None = None) -> None:
        """Let held replies go: all of them, or those of one stage (and number)."""
        with self._lock:
            for (s, n), event in self._holds.items():
                if stage in (None, s) and number in (None, n):
                    event.set()
            for s, (_, event) in self._hold_from.items():
                if stage in (None, s) and number is None:
                    event.set()
            if stage in (None, "DOT") and number is None:
                for event in self._session_holds.values():
                    event.set()

    def held_recipients(self) -> set[str]:
        """Recipients of messages the relay took whose 250 it is holding (or held): the
        messages whose fate the client cannot know if it dies now."""
        with self._lock:
            return {r for _, rcpts, held in self.numbered if held for r in rcpts}

    def stop(self) -> None:
        self._stopping.set()  # a held coroutine must not keep the loop from closing
        self.release()
        super().stop()

    # ---- what tests look at ------------------------------------------------------------

    def seen(self, stage: str) -> int:
        with self._lock:
            return self._arrivals[stage]

    def arrived_at(self, stage: str, number: int) -> float | None:
        """time.monotonic() when `number` reached `stage`, if it did."""
        with self._lock:
            return self._stage_times.get((stage, number))

    def times(self, stage: str) -> list[float]:
        """time.monotonic() of every arrival at `stage`, in order."""
        with self._lock:
            return sorted(t for (s, _), t in self._stage_times.items() if s == stage)

    def wait_stage(self, stage: str, count: int, timeout: float = 20) -> None:
        with self._arrived:
            if not self._arrived.wait_for(lambda: self._arrivals[stage] >= count, timeout):
                raise AssertionError(
                    f"the relay saw {self._arrivals[stage]} {stage} within {timeout}s, "
                    f"expected {count}"
                )

    def received(self) -> Counter[str]:
        """Copies taken by the relay, per recipient."""
        with self._lock:
            return Counter(r for m in self.messages for r in m.rcpt_tos)

    # ---- called from the server's loop -------------------------------------------------

    def _arrive(self, stage: str, number: int) -> None:
        with self._arrived:
            self._arrivals[stage] += 1
            self._stage_times[(stage, number)] = time.monotonic()
            self._arrived.notify_all()

    def _hold_event(self, stage: str, number: int) -> threading.Event | None:
        # Called with self._lock held.
        if (stage, number) in self._holds:
            return self._holds[(stage, number)]
        start = self._hold_from.get(stage)
        if start is not None and number >= start[0]:
            return start[1]
        return None

    async def _wait_if_held(self, stage: str, number: int, session: int = 0) -> None:
        with self._lock:
            event = self._hold_event(stage, number)
            if event is None and stage == "DOT":
                event = self._session_holds.get(session)
        if event is None:
            return
        while not event.is_set() and not self._stopping.is_set():
            await asyncio.sleep(0.005)

    def _record_taken(self, envelope: Any, session: Any, number: int, on_session: int) -> None:
        from tests.smtp_server import Received

        with self._lock:
            self._message_sessions[number] = on_session
            event = self._hold_event("DOT", number) or self._session_holds.get(on_session)
            held = event is not None and not event.is_set()
            self.numbered.append((number, list(envelope.rcpt_tos), held))
        self._record(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                bytes(envelope.original_content or b""),
                session.peer,
            )
        )

    def _count_reply(self, status: str) -> None:
        code = status[:3]
        if code.isdigit():
            with self._lock:
                self.replies[int(code)] += 1

    def _throttled(self) -> bool:
        if not self.throttle:
            return False
        with self._lock:
            now = time.monotonic()
            if self._throttle_start is None:
                self._throttle_start = now
            return now - self._throttle_start < self.throttle

    def _open_session(self, protocol: SMTP) -> int | None:
        with self._lock:
            if self.max_sessions is not None and len(self._sessions) >= self.max_sessions:
                self.refused_sessions += 1
                return None
            self._session_number += 1
            self._sessions.add(id(protocol))
            self.max_active = max(self.max_active, len(self._sessions))
            return self._session_number

    def _close_session(self, protocol: SMTP) -> None:
        with self._lock:
            self._sessions.discard(id(protocol))

    # ---- lifecycle: the same server, with the holding protocol ---------------------------

    def start(self) -> FaultSmtp:
        import socket

        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        self.host, self.port = listener.getsockname()[:2]
        kwargs: dict[str, Any] = {
            "server_hostname": "localhost",
            "ready_timeout": 10.0,
            "data_size_limit": self.data_size_limit,
            "enable_SMTPUTF8": True,
            # STARTTLS when given a tls_context (the attack trials use it); plain otherwise.
            "tls_context": self.tls_context if not self.implicit_tls else None,
            "require_starttls": self.require_starttls and self.tls_context is not None,
            "auth_require_tls": False,
            "timeout": self.idle_timeout,
        }
        self._controller = self.controller_class(self, listener, **kwargs)
        self._controller.start()
        with self._lock:
            # The controller's start-up probe is neither a session nor a connection we count.
            self.connections = 0
            self._arrivals.clear()
            self._stage_times.clear()
            self._sessions.clear()
            self._session_number = 0
            self.max_active = 0
            self.replies.clear()
        return self

    def __enter__(self) -> FaultSmtp:
        return self.start()
