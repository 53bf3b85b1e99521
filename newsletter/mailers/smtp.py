"""The SMTP transport: one verified, authenticated session per connection, PIPELINING across
messages, and an outcome for every message that says exactly what the relay did with it.

The handshake (connect, EHLO, STARTTLS, AUTH) goes through smtplib, which knows the corner
cases of each. The mail transactions then run over the same socket through a small pipelined
engine, because smtplib's sendmail() waits for every reply in turn: with PIPELINING a message
costs one round trip, the final dot of one message travelling with the MAIL FROM, RCPT TO and
DATA of the next.

How a message's fate is read (see DESIGN.md, "Delivery states"):

    2xx after the final dot                         SENT
    4xx at MAIL, RCPT, DATA or the final dot        DEFERRED (code and text kept)
    5xx at RCPT, DATA or the final dot              FAILED; the connection stays usable (RSET)
    5xx at MAIL (the relay refuses our sender)      DEFERRED: not the reader's fault, no bounce
    421 anywhere, or the connection lost before
        the final dot was written                   DEFERRED; a new connection is opened
    the connection lost after the final dot was
        written, before its reply                   UNKNOWN: the relay may have taken it

When a connection breaks in the middle of send_many(), what was never tried is DEFERRED
("not attempted: ...") unless a fresh connection can carry it: a connection that had already
delivered something is replaced at once (relays often cap messages per connection), and a
message that broke before its final dot left is tried once more on the new connection, which
cannot duplicate it. A connection that breaks before finishing any message is not replaced
within the same call, so a failing relay costs one attempt per call, not a storm.

Security: certificates are always verified (the system store, or NEWSLETTER_SMTP__CA_FILE),
with the host name checked. "starttls" refuses a relay that does not offer STARTTLS before a
single credential or message is sent; "none" is plain text, chosen explicitly. Passwords never
appear in exceptions or logs; recipients appear masked at INFO and in full only at DEBUG.
"""

from __future__ import annotations

import functools
import logging
import re
import smtplib
import socket
import ssl
import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple

from newsletter.errors import ConfigError, TransportError
from newsletter.mailers.base import (
    Envelope,
    HandOverRefused,
    OnHandover,
    OnOutcome,
    mask_address,
    not_attempted,
)
from newsletter.mailers.wire import (
    Steps,
    _describe_os_error,
    _Lost,
    _Reply,
    _Wire,
    in_thread,
    run_blocking,
)
from newsletter.message import ascii_address
from newsletter.models import DeliveryStatus, Outcome
from newsletter.settings import SmtpSettings

log = logging.getLogger(__name__)

_SENT = DeliveryStatus.SENT
_DEFERRED = DeliveryStatus.DEFERRED
_FAILED = DeliveryStatus.FAILED
_UNKNOWN = DeliveryStatus.UNKNOWN

_NEWLINES = re.compile(rb"\r\n|\r|\n")


@functools.cache
def _default_helo_name() -> str:
    # getfqdn() may ask DNS; ask once per process, not once per connection.
    return socket.getfqdn() or "localhost"


# ---- preparing a message -----------------------------------------------------------------------


_DOT = b".\r\n"


class _Prepared(NamedTuple):  # a tuple: made once a message, cheaper than a frozen dataclass
    commands: bytes  # MAIL FROM, RCPT TO and DATA, each CRLF-terminated
    # Dot-stuffed, ending in CRLF; the final ".\r\n" (_DOT) is written after it. A wire-ready
    # Envelope's pieces stay pieces: sendmsg() writes them as they are.
    payload: bytes | tuple[bytes, ...]


# Space, controls, DEL and angle brackets: none may appear in an address inside <...>.
_BAD_ADDRESS_CHAR = re.compile(r"[\x00-\x20\x7f<>]")


def _bad_address(address: str) -> bool:
    return not address or _BAD_ADDRESS_CHAR.search(address) is not None


def dot_stuff(data: bytes) -> bytes:
    """The message as it goes on the wire after DATA: CRLF line endings only (a lone CR or LF
    could end the message early on some relays: SMTP smuggling), leading dots doubled, and the
    terminating CRLF.CRLF."""
    crlf = data.count(b"\r\n")
    if data.count(b"\n") != crlf or data.count(b"\r") != crlf:
        data = _NEWLINES.sub(b"\r\n", data)
    if data.startswith(b"."):
        data = b"." + data
    data = data.replace(b"\r\n.", b"\r\n..")
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _prepare(envelope: Envelope, wire: _Wire) -> _Prepared | Outcome:
    sender, recipient = envelope.sender, envelope.recipient
    # Both addresses checked at once (an empty one fails too); which was bad only on a hit.
    # isprintable() refuses the controls and DEL (and, outside ASCII, more than the regex
    # does: then the regex decides); with space and angle brackets tested apart, a clean
    # pair costs a third of the regex's search, once a message.
    both = sender + recipient
    clean = both.isprintable() and " " not in both and "<" not in both and ">" not in both
    if not (sender and recipient) or (not clean and _BAD_ADDRESS_CHAR.search(both) is not None):
        if _bad_address(recipient):
            return Outcome(_FAILED, None, f"unusable recipient address {recipient!r}")
        return Outcome(_DEFERRED, None, f"unusable sender address {sender!r}")
    params = ""
    if not (sender.isascii() and recipient.isascii()):
        # A domain outside ASCII (kim@네이버.com) goes as its A-label (kim@xn--950bt9s8xi.com):
        # the same mailbox, and no SMTPUTF8 needed from this relay or any hop after it.
        sender, recipient = ascii_address(sender), ascii_address(recipient)
    if not (sender.isascii() and recipient.isascii()):
        if not wire.smtputf8:
            return Outcome(_FAILED, None, _not_ascii(sender, recipient))
        params += " SMTPUTF8"
    payload: bytes | tuple[bytes, ...] = envelope.data
    if not envelope.wire_ready:
        whole = envelope.message_bytes()
        if wire.eight_bit and not whole.isascii():
            params += " BODY=8BITMIME"
        payload = dot_stuff(whole)[:-3]
    # One str formatted and encoded (UTF-8, as each address was): half the time of a bytes
    # %-format over three encoded pieces, once a message.
    commands = f"MAIL FROM:<{sender}>{params}\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode()
    return tuple.__new__(_Prepared, (commands, payload))  # skips the generated __new__


def _not_ascii(sender: str, recipient: str) -> str:
    """Which part of which address still holds non-ASCII once its domain was tried as an
    A-label: the part before the @, or a domain with no IDNA form (kim@☃.com)."""
    whose, address = ("", recipient) if not recipient.isascii() else ("sender's ", sender)
    local, _, domain = address.rpartition("@")
    part = (
        f"the {whose}part of the address before the @ is not ASCII"
        if not local.isascii()
        else f"the {whose}domain {domain!r} has no ASCII (IDNA) form"
    )
    return f"{part}: it needs SMTPUTF8, which the relay does not offer"


# ---- outcomes ----------------------------------------------------------------------------------


class _Attempt(NamedTuple):  # made once a message: a tuple, built directly on the sent path
    outcome: Outcome
    before_dot: bool = False  # broke before the final dot was written: safe to try again
    next_sent: bool = False  # the next message's commands are already on the wire
    settled: bool = True  # the relay gave a verdict (not a 421, not a lost connection)


def _refusal(stage: str, reply: _Reply) -> Outcome:
    """A 4xx/5xx before the message body: DEFERRED or FAILED, with where it happened."""
    detail = f"{stage}: {reply.text}" if stage != "RCPT" else reply.text
    if reply.code >= 500 and stage != "MAIL":
        return Outcome(_FAILED, reply.code, detail)
    if reply.code >= 500:
        detail = f"the relay refused the sender: {reply.text}"
    return Outcome(_DEFERRED, reply.code, detail)


_new_outcome = tuple.__new__  # Outcome(...) runs a generated __new__ in Python: once a message


def _final(reply: _Reply) -> Outcome:
    code = reply[0]
    if 200 <= code < 300:
        return _new_outcome(Outcome, (_SENT, code, reply[1]))
    if 400 <= reply.code < 500:
        return Outcome(_DEFERRED, reply.code, reply.text)
    if 500 <= reply.code < 600:
        return Outcome(_FAILED, reply.code, reply.text)
    return Outcome(_UNKNOWN, reply.code, f"unexpected reply to the final dot: {reply.text}")


_new_attempt = tuple.__new__  # skips _Attempt's generated __new__ on the sent path


def _lost(why: str) -> _Attempt:
    return _Attempt(Outcome(_DEFERRED, None, f"connection lost: {why}"), True, settled=False)


def _login_utf8(client: smtplib.SMTP, username: str, password: str) -> None:
    """AUTH PLAIN with UTF-8 credentials (RFC 4616): smtplib's login() only sends ASCII."""
    import base64

    if "plain" not in (client.esmtp_features.get("auth") or "").lower().split():
        raise TransportError(
            "NEWSLETTER_SMTP__USERNAME or NEWSLETTER_SMTP__PASSWORD has non-ASCII characters, "
            "which only AUTH PLAIN can carry, and the relay does not offer it",
            hint="use an ASCII password, or ask the relay's operator to enable AUTH PLAIN",
        )
    token = base64.b64encode(f"\0{username}\0{password}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


# ---- the public classes ------------------------------------------------------------------------


class SmtpConnection:
    """One SMTP session, re-opened when it breaks. One thread at a time."""

    def __init__(self, transport: SmtpTransport, wire: _Wire) -> None:
        self._transport = transport
        self._wire: _Wire | None = wire
        self._on_handover: OnHandover | None = None
        self._current: Envelope | None = None  # the message whose content is next on the wire

    @property
    def pipelining(self) -> bool:
        return self._wire is not None and self._wire.pipelining

    def send(self, envelope: Envelope) -> Outcome:
        return self.send_many([envelope])[0]

    def send_many(
        self,
        envelopes: Sequence[Envelope],
        *,
        stop: threading.Event | None = None,
        on_outcome: OnOutcome | None = None,
        on_handover: OnHandover | None = None,
    ) -> list[Outcome]:
        return run_blocking(
            self.send_many_steps(
                envelopes, stop=stop, on_outcome=on_outcome, on_handover=on_handover
            )
        )

    def send_many_steps(
        self,
        envelopes: Sequence[Envelope],
        *,
        stop: threading.Event | None = None,
        on_outcome: OnOutcome | None = None,
        on_handover: OnHandover | None = None,
    ) -> Steps[list[Outcome]]:
        """send_many as steps (see Wait), for a driver that runs many connections in one
        thread; the outcomes, callbacks and guarantees are send_many's."""
        outcomes: list[Outcome] = []
        emitted = 0

        def flush() -> None:
            # Each outcome leaves as soon as it is known: a 250 must not wait in this call
            # while the relay holds the reply to the next message.
            nonlocal emitted
            if on_outcome is None:
                return
            while emitted < len(outcomes):
                on_outcome(envelopes[emitted], outcomes[emitted])
                emitted += 1

        self._on_handover = on_handover
        try:
            yield from self._send_many(envelopes, stop, outcomes, flush)
        finally:
            self._on_handover = None
            self._current = None
        flush()
        return outcomes

    def _send_many(
        self,
        envelopes: Sequence[Envelope],
        stop: threading.Event | None,
        outcomes: list[Outcome],
        flush: Callable[[], None],
    ) -> Steps[None]:
        count = len(envelopes)
        debug = log.isEnabledFor(logging.DEBUG)  # once per call, not once per message
        index = 0
        next_sent = False  # the commands of envelopes[index] are already on the wire
        retried = False
        prepared: _Prepared | Outcome | None = None
        while index < count:
            if not next_sent and stop is not None and stop.is_set():
                # Shutting down: finish nothing new; what was not started goes back untried.
                outcomes.extend(not_attempted("shutting down") for _ in envelopes[index:])
                break
            envelope = envelopes[index]
            wire = self._wire
            if wire is None or (not next_sent and wire.peer_spoke()):
                if wire is not None:
                    log.info("smtp: %s closed the idle connection; reconnecting", self._where)
                    self._drop()
                try:
                    # In a thread of its own: a relay slow to greet must not hold up the
                    # other connections one thread drives, nor the journal lines and
                    # outcomes they gathered (written before their driver's next wait).
                    wire = yield from in_thread(self._reconnect, "smtp-connect")
                except TransportError as exc:
                    outcomes.extend(
                        not_attempted(f"cannot reconnect: {exc}") for _ in envelopes[index:]
                    )
                    break
                next_sent = False
                prepared = None
            if prepared is None:
                prepared = _prepare(envelope, wire)
            if isinstance(prepared, Outcome):
                outcomes.append(prepared)
                flush()
                index, prepared, next_sent, retried = index + 1, None, False, False
                continue
            following: _Prepared | None = None
            if wire.pipelining and index + 1 < count and not (stop and stop.is_set()):
                candidate = _prepare(envelopes[index + 1], wire)
                following = candidate if isinstance(candidate, _Prepared) else None
            self._current = envelope
            try:
                if next_sent and wire.take_accepted():
                    # The steady state: this message's MAIL, RCPT and DATA, written after the
                    # last one's dot, were all accepted; straight to the body (one generator
                    # frame fewer on every wait than through _pipelined).
                    wire.need_rset = False
                    attempt = yield from self._body(wire, prepared, following)
                elif wire.pipelining:
                    attempt = yield from self._pipelined(wire, prepared, next_sent, following)
                else:
                    attempt = yield from self._lockstep(wire, prepared)
            except HandOverRefused:
                # DATA is open: dropping the connection (no final dot) discards the message.
                self._drop()
                outcomes.extend(
                    not_attempted("the outcome could not be recorded") for _ in envelopes[index:]
                )
                break
            except Exception as exc:  # a bug here must not cost the outcomes already settled
                log.exception("smtp: unexpected error while sending; the connection is dropped")
                wire.broken = True
                outcome = Outcome(_UNKNOWN, None, f"internal error: {exc!r}")
                attempt = _Attempt(outcome, settled=False)
            if attempt.settled:
                wire.finished += 1
            if not wire.broken:
                outcomes.append(attempt.outcome)
                flush()
                if debug:
                    self._log(envelope, attempt.outcome)
                index, retried = index + 1, False
                next_sent = attempt.next_sent
                prepared = following
                continue
            # The connection broke while this message was in flight.
            self._drop()
            if attempt.before_dot and wire.finished and not retried:
                # Nothing of this message reached a dot, and the connection had worked:
                # most likely a per-connection limit. Try it once more on a fresh one.
                log.info(
                    "smtp: connection to %s lost (%s); retrying %s on a new one",
                    self._where,
                    attempt.outcome.detail,
                    mask_address(envelope.recipient),
                )
                retried, next_sent, prepared = True, False, None
                continue
            log.info(
                "smtp: connection to %s lost while sending to %s: %s",
                self._where,
                mask_address(envelope.recipient),
                attempt.outcome.detail,
            )
            self._log(envelope, attempt.outcome)
            outcomes.append(attempt.outcome)
            flush()
            index, retried, next_sent, prepared = index + 1, False, False, None
            if index < count and not wire.finished:
                outcomes.extend(not_attempted("connection lost") for _ in envelopes[index:])
                break

    def close(self) -> None:
        run_blocking(self.close_steps())

    def close_steps(self) -> Steps[None]:
        """close() as steps (see Wait): QUIT, its reply, the socket closed; never raises."""
        wire, self._wire = self._wire, None
        if wire is not None:
            yield from wire.quit_steps()

    def __enter__(self) -> SmtpConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- internals ---------------------------------------------------------------------

    @property
    def _where(self) -> str:
        return self._transport.where

    def _reconnect(self) -> _Wire:
        wire = self._transport._open()
        self._wire = wire
        return wire

    def _drop(self) -> None:
        wire, self._wire = self._wire, None
        if wire is not None:
            wire.broken = True
            wire.quit()

    def _log(self, envelope: Envelope, outcome: Outcome) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "smtp: %s -> %s %s %s",
                envelope.recipient,
                outcome.status,
                outcome.code or "",
                outcome.detail,
            )

    def _pipelined(
        self, wire: _Wire, message: _Prepared, commands_sent: bool, following: _Prepared | None
    ) -> Steps[_Attempt]:
        try:
            rset = wire.need_rset and not commands_sent
            if not commands_sent:
                yield from wire.write((b"RSET\r\n" if rset else b"") + message.commands)
            wire.need_rset = False
            # Replies to commands written just now: wait before reading (see read_reply).
            fresh = not commands_sent
            if rset:
                reply = wire.take_reply() or (yield from wire.read_reply(fresh))
                if reply.code == 421:
                    return self._closing(wire, "RSET", reply)
            replies = []
            for stage in ("MAIL", "RCPT", "DATA"):
                reply = wire.take_reply() or (yield from wire.read_reply(fresh))
                if reply.code == 421:
                    return self._closing(wire, stage, reply)
                replies.append(reply)
            mail, rcpt, data = replies
            if not (200 <= mail.code < 300 and 200 <= rcpt.code < 300 and data.code == 354):
                # Not the accepted path (checked inline: once a message, no steps needed).
                refused = yield from self._refused(wire, mail, rcpt, data)
                if refused is not None:
                    return _Attempt(refused)
        except _Lost as exc:
            return _lost(str(exc))
        return (yield from self._body(wire, message, following))

    def _lockstep(self, wire: _Wire, message: _Prepared) -> Steps[_Attempt]:
        mail_line, rcpt_line, data_line, _ = message.commands.split(b"\r\n")
        try:
            if wire.need_rset:
                yield from wire.write(b"RSET\r\n")
                wire.need_rset = False
                reply = wire.take_reply() or (yield from wire.read_reply(True))
                if reply.code == 421:
                    return self._closing(wire, "RSET", reply)
            for stage, line in (("MAIL", mail_line), ("RCPT", rcpt_line), ("DATA", data_line)):
                yield from wire.write(line + b"\r\n")
                reply = wire.take_reply() or (yield from wire.read_reply(True))
                if reply.code == 421:
                    return self._closing(wire, stage, reply)
                if stage == "DATA" and reply.code == 354:
                    break
                if not reply.ok or stage == "DATA":
                    # MAIL was accepted before a later refusal: the transaction is open.
                    wire.need_rset = stage != "MAIL"
                    return _Attempt(_refusal(stage, reply))
        except _Lost as exc:
            return _lost(str(exc))
        return (yield from self._body(wire, message, None))

    def _refused(
        self, wire: _Wire, mail: _Reply, rcpt: _Reply, data: _Reply
    ) -> Steps[Outcome | None]:
        """The verdict on MAIL/RCPT/DATA read together, or None to send the body."""
        if mail.ok and rcpt.ok and data.code == 354:
            return None
        if not mail.ok:
            verdict = _refusal("MAIL", mail)
        elif not rcpt.ok:
            verdict = _refusal("RCPT", rcpt)
        else:
            verdict = _refusal("DATA", data)
        if data.code == 354:
            # A sloppy relay opened DATA for a refused transaction: close it, empty.
            yield from wire.write(b".\r\n")
            if (yield from wire.read_reply()).code == 421:
                wire.broken = True
        elif mail.ok:
            wire.need_rset = True
        return verdict

    def _closing(self, wire: _Wire, stage: str, reply: _Reply) -> _Attempt:
        wire.broken = True
        outcome = Outcome(_DEFERRED, 421, f"{stage}: {reply.text}")
        return _Attempt(outcome, before_dot=True, settled=False)

    def _body(
        self, wire: _Wire, message: _Prepared, following: _Prepared | None
    ) -> Steps[_Attempt]:
        if wire.peer_spoke():
            # The 354 came, and then the relay spoke or hung up before we sent a byte.
            try:
                reply = wire.take_reply() or (yield from wire.read_reply())
            except _Lost as exc:
                return _lost(str(exc))
            wire.broken = True
            outcome = Outcome(_DEFERRED, reply.code, reply.text)
            return _Attempt(outcome, before_dot=True, settled=False)
        if self._on_handover is not None and self._current is not None:
            self._on_handover(self._current)  # HandOverRefused: the caller drops the wire
        # The body, its final dot and the next message's commands in one write (RFC 2920
        # lets the commands follow the dot unasked): one system call, no copy of the body.
        payload = message.payload
        pieces: list[bytes | memoryview] = (
            [payload, _DOT] if isinstance(payload, bytes) else [*payload, _DOT]
        )
        if following is not None:
            pieces.append(following.commands)
        next_sent = False
        try:
            yield from wire.write_pieces(pieces)  # consumes `pieces`
            next_sent = following is not None
        except _Lost as exc:
            size = len(payload) if isinstance(payload, bytes) else sum(map(len, payload))
            if exc.sent < size + len(_DOT):  # dot not out
                return _lost(f"{exc} while sending the message")
            # The dot left, the commands after it not all: this message's reply decides.
        try:
            # No take_reply() first: the reply to a dot just written is not in the buffer yet
            # (peer_spoke found it empty), and read_reply looks there before waiting anyway.
            reply = yield from wire.read_reply(True)
        except _Lost as exc:
            outcome = Outcome(_UNKNOWN, None, f"connection lost after the message was sent: {exc}")
            return _Attempt(outcome, settled=False)
        if reply.code == 421:
            wire.broken = True
            return _Attempt(_final(reply), settled=False)
        return _new_attempt(_Attempt, (_final(reply), False, next_sent and not wire.broken, True))


class SmtpTransport:
    """Settings plus a factory of verified, authenticated sessions. Thread-safe."""

    name = "smtp"
    # Its connections offer send_many_steps: the sender pool drives them all from one thread.
    multiplexed = True

    def __init__(self, settings: SmtpSettings) -> None:
        if not settings.host:
            raise ConfigError(
                "NEWSLETTER_SMTP__HOST is not set: the smtp transport needs a relay "
                "(or set NEWSLETTER_TRANSPORT=outbox to write .eml files instead)"
            )
        self.settings = settings
        self.host: str = settings.host
        self.port = settings.effective_port
        self.where = f"{self.host}:{self.port}"
        self._context = self._tls_context() if settings.security != "none" else None

    def _tls_context(self) -> ssl.SSLContext:
        ca_file = self.settings.ca_file
        try:
            context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        except (OSError, ssl.SSLError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ConfigError(
                f"NEWSLETTER_SMTP__CA_FILE: cannot load {ca_file}: {reason}"
            ) from None
        # Verification and host name checks stay on: create_default_context's defaults.
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
        return context

    def connect(self) -> SmtpConnection:
        wire = self._open()
        return SmtpConnection(self, wire)

    def __repr__(self) -> str:
        return f"SmtpTransport({self.where}, security={self.settings.security})"

    # ---- the handshake -----------------------------------------------------------------

    def _open(self) -> _Wire:
        settings = self.settings
        helo = settings.helo_name or _default_helo_name()
        client: smtplib.SMTP | None = None
        try:
            # Connecting in the constructor is what makes smtplib remember the host name that
            # STARTTLS and implicit TLS check the certificate against.
            if settings.security == "tls":
                client = smtplib.SMTP_SSL(
                    self.host,
                    self.port,
                    local_hostname=helo,
                    timeout=settings.timeout,
                    context=self._context,
                )
            else:
                client = smtplib.SMTP(
                    self.host, self.port, local_hostname=helo, timeout=settings.timeout
                )
            self._handshake(client)
        except TransportError:
            assert client is not None
            client.close()
            raise
        except (smtplib.SMTPException, OSError) as exc:
            if client is not None:
                client.close()
            raise TransportError(self._redact(self._explain(exc))) from None
        wire = _Wire(client, settings)
        log.info(
            "smtp: connected to %s (%s%s%s)",
            self.where,
            settings.security,
            ", authenticated" if settings.username else "",
            ", pipelining" if wire.pipelining else "",
        )
        return wire

    def _handshake(self, client: smtplib.SMTP) -> None:
        settings = self.settings
        client.ehlo_or_helo_if_needed()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise TransportError(
                    f"the SMTP relay {self.where} does not offer STARTTLS, so the login and "
                    "the mail would cross the network unencrypted; nothing was sent",
                    hint="use NEWSLETTER_SMTP__SECURITY=tls for an implicit-TLS port such as "
                    "465, or =none only for a trusted relay on a private network",
                )
            client.starttls(context=self._context)
            client.ehlo()
        if settings.username:
            if not client.has_extn("auth"):
                raise TransportError(
                    f"the SMTP relay {self.where} does not offer AUTH, but "
                    "NEWSLETTER_SMTP__USERNAME is set",
                    hint="unset the username for a relay that trusts this host, or check "
                    "NEWSLETTER_SMTP__PORT (submission is usually 587 or 465)",
                )
            password = settings.password.get_secret_value() if settings.password else ""
            if (settings.username + password).isascii():
                client.login(settings.username, password)
            else:
                _login_utf8(client, settings.username, password)

    def _explain(self, exc: BaseException) -> str:
        where, timeout = self.where, self.settings.timeout
        security = self.settings.security
        if isinstance(exc, socket.gaierror):
            return (
                f"cannot resolve the SMTP host {self.host!r} ({exc.strerror}); "
                "check NEWSLETTER_SMTP__HOST"
            )
        if isinstance(exc, ConnectionRefusedError):
            return (
                f"the SMTP relay {where} refused the connection; "
                "check NEWSLETTER_SMTP__HOST and NEWSLETTER_SMTP__PORT"
            )
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (
                f"the TLS certificate of {where} could not be verified "
                f"({exc.verify_message or exc.reason}); if the relay uses a private CA, "
                "set NEWSLETTER_SMTP__CA_FILE to it"
            )
        if isinstance(exc, ssl.SSLError):
            return (
                f"TLS with {where} failed ({exc.reason or exc}); check NEWSLETTER_SMTP__SECURITY "
                "('tls' is for implicit-TLS ports such as 465, 'starttls' for 587)"
            )
        timed_out = isinstance(exc, TimeoutError) or "timed out" in str(exc)
        if timed_out:
            hint = (
                " (a relay that expects TLS from the first byte looks like this: "
                "try NEWSLETTER_SMTP__SECURITY=tls)"
                if security != "tls"
                else ""
            )
            return (
                f"the SMTP relay {where} did not answer within {timeout:g}s{hint}; check the "
                "host, port and firewall, or raise NEWSLETTER_SMTP__TIMEOUT"
            )
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return (
                f"the SMTP relay {where} refused the login for user "
                f"{self.settings.username!r}: {exc.smtp_code} {_text(exc.smtp_error)}; "
                "check NEWSLETTER_SMTP__USERNAME and NEWSLETTER_SMTP__PASSWORD"
            )
        if isinstance(exc, smtplib.SMTPConnectError):
            return (
                f"the SMTP relay {where} refused the session: "
                f"{exc.smtp_code} {_text(exc.smtp_error)}"
            )
        if isinstance(exc, smtplib.SMTPResponseException):  # EHLO/HELO, STARTTLS refused
            reply = f"{exc.smtp_code} {_text(exc.smtp_error)}"
            return f"the SMTP relay {where} refused the session setup: {reply}"
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            return f"the SMTP relay {where} closed the connection during the handshake ({exc})"
        if isinstance(exc, smtplib.SMTPException):
            return f"the SMTP relay {where} cannot be used: {exc}"
        assert isinstance(exc, OSError)
        return f"cannot reach the SMTP relay {where}: {_describe_os_error(exc)}"

    def _redact(self, message: str) -> str:
        password = self.settings.password
        secret = password.get_secret_value() if password else ""
        if len(secret) >= 3:
            message = message.replace(secret, "***")
        return message


def _text(raw: bytes | str) -> str:
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "replace")
    return str(raw)
