"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 in a background thread, with scripted faults.

    with SmtpServer() as server:                     # plain, PIPELINING advertised
        ...send to server.host:server.port...
        server.wait_for(3)
        assert server.messages[0].rcpt_tos == ["a@example.com"]

    certs = make_certificates(tmp_path)              # trustme CA + cert for 127.0.0.1/localhost
    SmtpServer(tls_context=certs.server_context, auth=("user", "pw"))   # STARTTLS + AUTH
    SmtpServer(tls_context=certs.server_context, implicit_tls=True)      # port-465 style

    plan = (FaultPlan()
            .on_recipient("gone@example.com", Fault.reject(550))        # every time
            .on_recipient("busy@example.com", Fault.tempfail())         # 451 once, then accepted
            .on_message(3, Fault.drop("DOT")))    # 3rd MAIL: kept, but the 250 is never sent
    SmtpServer(faults=plan)

Stages a fault can strike at: "MAIL", "RCPT", "DATA" (the DATA command, before the 354),
"354" (right after the 354, before the body: the connection always closes there, after the
fault's reply and delay if any) and "DOT" (after the final dot). Messages are
numbered by the MAIL commands the server sees, from 1, across all connections.

`transcript()` is every byte the server received, after TLS decryption: tests use it to prove
that something (AUTH, a password) never reached the server.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

Stage = Literal["MAIL", "RCPT", "DATA", "354", "DOT"]
_STAGES = ("MAIL", "RCPT", "DATA", "354", "DOT")

_NOISE = ("login_data is deprecated", "auth_require_tls == False")
logging.getLogger("mail.log").addFilter(lambda r: not any(n in r.getMessage() for n in _NOISE))


@dataclass(frozen=True, slots=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes  # as the client meant it: dot-unstuffed, CRLF line endings, final dot removed
    peer: Any


@dataclass(slots=True)
class Fault:
    """What the server does instead of its normal reply at `stage`.

    reply: the reply line to send instead ("451 4.3.0 try later"); disconnect: close the
    connection (after sending `reply`, if any); delay: seconds to wait first; times: how many
    times the fault strikes before the server behaves (None: every time)."""

    stage: Stage
    reply: str | None = None
    disconnect: bool = False
    delay: float = 0.0
    times: int | None = 1

    def __post_init__(self) -> None:
        if self.stage not in _STAGES:
            raise ValueError(f"unknown stage {self.stage!r}; use one of {_STAGES}")

    @classmethod
    def tempfail(cls, stage: Stage = "RCPT", code: int = 451, times: int | None = 1) -> Fault:
        """A temporary refusal (once by default), then normal service."""
        return cls(stage, reply=f"{code} 4.3.0 Try again later", times=times)

    @classmethod
    def reject(cls, code: int = 550, stage: Stage = "RCPT", times: int | None = None) -> Fault:
        """A permanent refusal, every time by default (552: message too big)."""
        text = "5.3.4 Message too big" if code == 552 else "5.1.1 Mailbox unavailable"
        return cls(stage, reply=f"{code} {text}", times=times)

    @classmethod
    def shutdown(cls, stage: Stage = "MAIL", times: int | None = 1) -> Fault:
        """421 and the server closes the connection."""
        return cls(stage, reply="421 4.3.2 Service shutting down", disconnect=True, times=times)

    @classmethod
    def drop(cls, stage: Stage, times: int | None = 1) -> Fault:
        """The connection closes without a reply. At "DOT" the message is kept (recorded in
        `messages`) but its 250 never leaves: the client cannot know it was taken."""
        return cls(stage, disconnect=True, times=times)

    @classmethod
    def slow(cls, seconds: float, stage: Stage = "DOT", times: int | None = None) -> Fault:
        """The normal reply, late."""
        return cls(stage, delay=seconds, times=times)


@dataclass(slots=True)
class _Rule:
    fault: Fault
    recipient: str | None = None  # lower-cased
    message: int | None = None  # None with recipient None: every message
    remaining: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.remaining = self.fault.times


class FaultPlan:
    """Faults by recipient or by message number. The first matching rule with strikes left wins."""

    def __init__(self) -> None:
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()

    def on_recipient(self, address: str, fault: Fault) -> FaultPlan:
        if fault.stage == "MAIL":
            raise ValueError("a recipient is not known yet at MAIL; use on_message()")
        self._rules.append(_Rule(fault, recipient=address.lower()))
        return self

    def on_message(self, n: int, fault: Fault) -> FaultPlan:
        """The n-th MAIL command the server receives (from 1, over all connections)."""
        self._rules.append(_Rule(fault, message=n))
        return self

    def on_every_message(self, fault: Fault) -> FaultPlan:
        self._rules.append(_Rule(fault))
        return self

    def take(self, stage: Stage, message: int, recipients: list[str]) -> Fault | None:
        wanted = {r.lower() for r in recipients}
        with self._lock:
            for rule in self._rules:
                if rule.fault.stage != stage or rule.remaining == 0:
                    continue
                if rule.recipient is not None and rule.recipient not in wanted:
                    continue
                if rule.message is not None and rule.message != message:
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule.fault
        return None


@dataclass(frozen=True, slots=True)
class ServerCertificates:
    server_context: ssl.SSLContext  # for SmtpServer(tls_context=...)
    ca_file: Path  # the CA's PEM, for NEWSLETTER_SMTP__CA_FILE
    ca: Any  # the trustme.CA, to issue more certificates


def make_certificates(directory: Path, *names: str) -> ServerCertificates:
    """A fresh trustme CA and a server certificate for 127.0.0.1 and localhost (plus `names`);
    writes the CA to directory/ca.pem."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost", *names)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    directory.mkdir(parents=True, exist_ok=True)
    ca_file = directory / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return ServerCertificates(context, ca_file, ca)


class _Handler:
    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def _apply(self, server: SMTP, fault: Fault | None, normal: str) -> str:
        delay = self.owner.delay + (fault.delay if fault else 0.0)
        if delay:
            await asyncio.sleep(delay)
        if fault is None:
            return normal
        if fault.disconnect:
            if fault.reply:
                await server.push(fault.reply)
            assert server.transport is not None
            server.transport.close()
            return "421 4.3.2 closing"  # never reaches the client: the transport is closed
        return fault.reply or normal

    async def handle_EHLO(
        self, server: SMTP, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        if self.owner.auth is None:  # a relay without accounts does not advertise AUTH
            responses = [r for r in responses if not r.startswith("250-AUTH")]
        if self.owner.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        number = self.owner._next_message_number()
        envelope.message_number = number
        fault = self.owner.faults.take("MAIL", number, [])
        status = await self._apply(server, fault, "250 OK")
        if status.startswith("250"):
            envelope.mail_from = address
            envelope.mail_options.extend(options)
        return status

    async def handle_RCPT(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        number = getattr(envelope, "message_number", 0)
        fault = self.owner.faults.take("RCPT", number, [address])
        status = await self._apply(server, fault, "250 OK")
        if status.startswith("250"):
            envelope.rcpt_tos.append(address)
            envelope.rcpt_options.extend(options)
        return status

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        number = getattr(envelope, "message_number", 0)
        fault = self.owner.faults.take("DOT", number, envelope.rcpt_tos)
        # A fault that only delays or only closes still means the server took the message.
        taken = fault is None or fault.reply is None
        if taken:
            self.owner._record(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    bytes(envelope.original_content or b""),
                    session.peer,
                )
            )
        return await self._apply(server, fault, "250 2.0.0 OK: queued")


class _FaultySMTP(SMTP):
    """aiosmtpd's SMTP with two more fault points (at DATA and after the 354) and a transcript."""

    owner: SmtpServer

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self._original_transport is None and self.transport is None:
            self.owner._count_connection()
        super().connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self.owner._transcribe(data)
        super().data_received(data)

    async def smtp_DATA(self, arg: str) -> None:
        envelope = self.envelope
        if envelope is not None and envelope.rcpt_tos and not arg:
            number = getattr(envelope, "message_number", 0)
            faults = self.owner.faults
            fault = faults.take("DATA", number, envelope.rcpt_tos)
            if fault is not None:
                status = await self.event_handler._apply(self, fault, "354 go ahead")
                if not fault.disconnect:
                    await self.push(status)
                return
            fault = faults.take("354", number, envelope.rcpt_tos)
            if fault is not None:
                go_ahead = "354 End data with <CR><LF>.<CR><LF>"
                if fault.reply:  # in the same write, so the client reads both at once
                    go_ahead += "\r\n" + fault.reply
                await self.push(go_ahead)
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                assert self.transport is not None
                self.transport.close()
                return
        await super().smtp_DATA(arg)


class _Controller(Controller):
    """Listens on a socket bound before start, so the port is free and known without a race."""

    def __init__(self, owner: SmtpServer, listener: socket.socket, **kwargs: Any) -> None:
        self.owner = owner
        self.listener = listener
        host, port = listener.getsockname()[:2]
        super().__init__(owner._handler, hostname=host, port=port, **kwargs)

    def factory(self) -> SMTP:
        with warnings.catch_warnings():
            # AUTH over plain text is what some tests offer on purpose, to tempt the client.
            warnings.simplefilter("ignore")
            server = _FaultySMTP(self.handler, **self.SMTP_kwargs)
        server.owner = self.owner
        return server

    def _create_server(self) -> Any:
        return self.loop.create_server(
            self._factory_invoker, sock=self.listener, ssl=self.ssl_context
        )


class SmtpServer:
    """A real SMTP server on 127.0.0.1 (a free port) in a background thread."""

    def __init__(
        self,
        *,
        tls_context: ssl.SSLContext | None = None,
        implicit_tls: bool = False,
        require_starttls: bool = False,
        offer_starttls: bool = True,
        auth: tuple[str, str] | None = None,
        faults: FaultPlan | None = None,
        delay: float = 0.0,
        pipelining: bool = True,
        keep_transcript: bool = True,
        data_size_limit: int | None = 64 * 1024 * 1024,
        idle_timeout: float = 60.0,
        smtputf8: bool = True,  # False: a relay that does not offer SMTPUTF8
    ) -> None:
        if implicit_tls and tls_context is None:
            raise ValueError("implicit_tls needs a tls_context (see make_certificates)")
        self.tls_context = tls_context
        self.implicit_tls = implicit_tls
        self.require_starttls = require_starttls
        self.offer_starttls = offer_starttls
        self.auth = auth
        self.faults = faults or FaultPlan()
        self.delay = delay
        self.pipelining = pipelining
        self.keep_transcript = keep_transcript
        self.data_size_limit = data_size_limit
        self.idle_timeout = idle_timeout
        self.smtputf8 = smtputf8
        self.host = "127.0.0.1"
        self.port = 0
        self.messages: list[Received] = []
        self.auth_attempts: list[str] = []  # logins tried, successful or not
        self.connections = 0
        self._transcript: list[bytes] = []
        self._message_number = 0
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._handler = _Handler(self)
        self._controller: _Controller | None = None

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self) -> SmtpServer:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        self.host, self.port = listener.getsockname()[:2]
        starttls = self.tls_context is not None and self.offer_starttls and not self.implicit_tls
        kwargs: dict[str, Any] = {
            "server_hostname": "localhost",
            "ready_timeout": 10.0,
            "data_size_limit": self.data_size_limit,
            "enable_SMTPUTF8": self.smtputf8,
            "tls_context": self.tls_context if starttls else None,
            "require_starttls": self.require_starttls and starttls,
            # Implicit TLS is invisible to aiosmtpd, and a plain server offers AUTH on purpose.
            "auth_require_tls": starttls,
            "timeout": self.idle_timeout,  # the server closes a silent connection after this
        }
        if self.implicit_tls:
            kwargs["ssl_context"] = self.tls_context
        if self.auth is not None:
            kwargs["authenticator"] = self._authenticate
            kwargs["auth_required"] = True
        self._controller = _Controller(self, listener, **kwargs)
        self._controller.start()
        with self._lock:
            self.connections = 0  # the controller's own start-up probe does not count
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- what tests look at ------------------------------------------------------------

    def wait_for(self, count: int, timeout: float = 10) -> None:
        """Block until at least `count` messages arrived; AssertionError after `timeout`."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(
                    f"expected {count} messages within {timeout}s, got {len(self.messages)}"
                )

    def transcript(self) -> bytes:
        with self._lock:
            return b"".join(self._transcript)

    def received_chunks(self) -> list[bytes]:
        """The transcript as the reads arrived: shows which commands travelled together."""
        with self._lock:
            return list(self._transcript)

    def received_for(self, address: str) -> list[Received]:
        with self._lock:
            return [m for m in self.messages if address in m.rcpt_tos]

    # ---- called from the server thread -------------------------------------------------

    def _record(self, received: Received) -> None:
        with self._arrived:
            self.messages.append(received)
            self._arrived.notify_all()

    def _transcribe(self, data: bytes) -> None:
        if self.keep_transcript:
            with self._lock:
                self._transcript.append(data)

    def _count_connection(self) -> None:
        with self._lock:
            self.connections += 1

    def _next_message_number(self) -> int:
        with self._lock:
            self._message_number += 1
            return self._message_number

    def _authenticate(
        self, server: SMTP, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert self.auth is not None
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = data.login.decode("utf-8", "replace")
        with self._lock:
            self.auth_attempts.append(login)
        user, password = self.auth
        ok = data.login == user.encode() and data.password == password.encode()
        return AuthResult(success=ok, handled=False)
