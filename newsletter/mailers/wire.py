"""The wire: one established SMTP session as non-blocking steps (see Wait), below the
transactions of newsletter.mailers.smtp. Split from smtp.py by meaning: bytes in and out and
replies read, nothing about messages or outcomes."""

from __future__ import annotations

import contextlib
import re
import select
import selectors
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Generator
from typing import NamedTuple, TypeVar

from newsletter.settings import SmtpSettings

_T = TypeVar("_T")
_MAX_REPLY = 64 * 1024


class _Lost(Exception):
    """The connection is gone or out of step; the text says how, for the outcome's detail.
    `sent`: for a write, how many of its bytes had left when it failed (-1: not known)."""

    def __init__(self, why: str, sent: int = -1) -> None:
        super().__init__(why)
        self.sent = sent


class _Reply(NamedTuple):  # a tuple: made four times a message, cheaper than a dataclass
    code: int
    text: str

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 300


# _Reply(code, text) goes through a generated __new__ in Python; the reply reader, four
# times a message, builds the same tuple directly.
_new_reply = tuple.__new__

# The three replies a pipelined message's MAIL FROM, RCPT TO and DATA get when all goes well
# (2xx, 2xx, 354, one line each; `.` stops at a line's end), matched in one pass over the
# buffer: the steady state of a send, where reading them one by one as _Replies cost ~12k
# instructions a message.
_ACCEPTED = re.compile(rb"2[0-9][0-9] .*\n2[0-9][0-9] .*\n354 .*\n")


# What a step of a connection waits for, yielded to whoever drives it: (event, socket,
# timeout). The driver resumes the step when the socket is ready, or throws TimeoutError into
# it when `timeout` seconds pass first. `run_blocking` drives one connection in the calling
# thread; the sender pool drives many from one selector loop (newsletter.delivery.senders).
# (SLEEP, None, seconds) asks only to be resumed after that long.
SLEEP = 0
READ = selectors.EVENT_READ
WRITE = selectors.EVENT_WRITE
Wait = tuple[int, "socket.socket | None", float]
Steps = Generator[Wait, None, _T]
_POLL_THREAD = 0.002  # seconds between looks at a call running in a thread of its own


def in_thread(call: Callable[[], _T], name: str) -> Steps[_T]:
    """`call()` (something that blocks: a TCP connect, a greeting, STARTTLS, a login) run in
    a thread of its own while these steps sleep, so that a driver of many connections in one
    thread goes on with the others; returns its result or raises its exception."""
    result: list[_T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # handed to the steps, raised there
            failure.append(exc)

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    while worker.is_alive():
        yield SLEEP, None, _POLL_THREAD
    worker.join()
    if failure:
        raise failure[0]
    return result[0]


def run_blocking(steps: Steps[_T]) -> _T:
    """Drive `steps` to its end in this thread, waiting on one socket at a time."""
    try:
        event, sock, timeout = next(steps)
        while True:
            if event == SLEEP or sock is None:
                time.sleep(max(timeout, 0.0))
                event, sock, timeout = steps.send(None)
                continue
            poller = select.poll()
            poller.register(sock, select.POLLIN if event == READ else select.POLLOUT)
            ready = poller.poll(max(timeout, 0.0) * 1000)
            if ready:
                event, sock, timeout = steps.send(None)
            else:
                event, sock, timeout = steps.throw(TimeoutError())
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


class _Wire:
    """A socket after the handshake, non-blocking: buffered reply reading, whole writes, a
    cheap "has the server said something unasked?" probe. Reads and writes are steps (see
    Wait): they yield while the socket is not ready. Any failure raises _Lost and marks it
    broken."""

    def __init__(self, client: smtplib.SMTP, settings: SmtpSettings) -> None:
        self.client = client  # kept to close the socket and smtplib's file object together
        self.sock: socket.socket = client.sock
        self.timeout = settings.timeout
        self.pipelining = settings.pipelining and client.has_extn("pipelining")
        self.eight_bit = client.has_extn("8bitmime")
        self.smtputf8 = client.has_extn("smtputf8")
        self.broken = False
        # sendmsg (one system call for the body, its dot and the next commands, no copy of
        # the body) is not offered on TLS sockets; those join the pieces.
        self.plain = not isinstance(self.sock, ssl.SSLSocket)
        self.gather = self.plain and hasattr(self.sock, "sendmsg")
        self.need_rset = False  # a transaction was opened and not finished
        self.finished = 0  # messages whose fate this connection settled
        self._buf = bytearray()
        self._eof: str | None = None
        self._poll = select.poll()
        self._poll.register(self.sock.fileno(), select.POLLIN | select.POLLPRI)
        # The dot of one message and the commands of the next go out as separate writes;
        # Nagle would hold the second until the first is acknowledged.
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setblocking(False)  # the handshake was blocking; from here on, steps

    def write(self, data: bytes) -> Steps[None]:
        yield from self.write_pieces([data])

    def write_pieces(self, pieces: list[bytes | memoryview]) -> Steps[None]:
        """Write the pieces in order, as one write where the socket allows. On failure the
        _Lost says how many bytes had left (so a caller knows whether a final dot did).
        The list is the call's own: it is consumed (emptied or cut) as the bytes leave."""
        sock = self.sock
        views = pieces if self.gather else [b"".join(pieces)]
        total = 0
        left = sum(map(len, views))
        try:
            while views:
                try:
                    sent = sock.sendmsg(views) if self.gather else sock.send(views[0])
                except (BlockingIOError, InterruptedError, ssl.SSLWantWriteError):
                    yield WRITE, sock, self.timeout
                    continue
                except ssl.SSLWantReadError:
                    yield READ, sock, self.timeout
                    continue
                total += sent
                left -= sent
                if not left:  # the common case: all of it in one call
                    return
                # Drop what left whole; the rest of a piece cut short goes again.
                done = 0
                while done < len(views) and sent >= len(views[done]):
                    sent -= len(views[done])
                    done += 1
                del views[:done]
                if sent:
                    views[0] = memoryview(views[0])[sent:]
        except TimeoutError:
            self.broken = True
            raise _Lost(f"the relay took no data for {self.timeout:g}s", total) from None
        except OSError as exc:
            self.broken = True
            raise _Lost(_describe_os_error(exc), total) from None

    def take_reply(self) -> _Reply | None:
        """A whole one-line reply already in the buffer, without a step; else None (then
        read_reply, which waits for it and reads multi-line replies too)."""
        buf = self._buf
        end = buf.find(b"\n")
        if end >= 4 and buf[3] == 32:
            head = buf[:3]
            if head.isdigit():
                text = buf[4:end].rstrip(b"\r").decode("utf-8", "replace")
                del buf[: end + 1]
                return _new_reply(_Reply, (int(head), text))
        return None

    def take_accepted(self) -> bool:
        """True, having consumed them, when the buffer starts with the three replies of an
        accepted MAIL FROM, RCPT TO and DATA (2xx, 2xx, 354, one line each); else False with
        nothing consumed (then take_reply / read_reply one by one, as always)."""
        match = _ACCEPTED.match(self._buf)
        if match is None:
            return False
        del self._buf[: match.end()]
        return True

    def read_reply(self, fresh: bool = False) -> Steps[_Reply]:
        """The next reply, multi-line ones too, waiting for it as steps. `fresh`: the command
        it answers was written just now, so a read before waiting would almost always find
        nothing (a system call and an exception per message, for nothing): on a plain socket,
        wait first (epoll and poll are level-triggered: a reply already there ends the wait at
        once). Under TLS, bytes may wait decrypted inside the SSL object where no poll sees
        them, so it reads first as always."""
        lines: list[bytes] = []
        buf = self._buf
        if fresh and self.plain and buf.find(b"\n") < 0 and self._eof is None:
            try:
                yield READ, self.sock, self.timeout
            except TimeoutError:
                self.broken = True
                raise _Lost(f"no reply within {self.timeout:g}s") from None
            # Readable, and the buffer held no line: read at once rather than through the
            # loop's first turn (a find and three tests for nothing, once a message).
            try:
                chunk = self.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                chunk = None  # a wake-up with nothing to read: the loop waits again
            except OSError as exc:
                self.broken = True
                raise _Lost(_describe_os_error(exc)) from None
            if chunk is not None:
                if not chunk:
                    self._eof = "the relay closed the connection"
                buf += chunk
        while True:
            end = buf.find(b"\n")
            if end >= 4 and not lines and buf[3] == 32 and buf[:3].isdigit():
                # The common case: a whole one-line reply is in the buffer ("250 2.0.0 Ok").
                code = int(buf[:3])
                text = buf[4:end].rstrip(b"\r").decode("utf-8", "replace")
                del buf[: end + 1]
                return _new_reply(_Reply, (code, text))
            if end < 0:
                if self._eof is not None:
                    self.broken = True
                    raise _Lost(self._eof)
                if len(buf) > _MAX_REPLY:
                    self.broken = True
                    raise _Lost("the relay sent an over-long reply line")
                try:
                    chunk = self.sock.recv(65536)
                except (BlockingIOError, InterruptedError, ssl.SSLWantReadError):
                    try:
                        yield READ, self.sock, self.timeout
                    except TimeoutError:
                        self.broken = True
                        raise _Lost(f"no reply within {self.timeout:g}s") from None
                    continue
                except ssl.SSLWantWriteError:
                    try:
                        yield WRITE, self.sock, self.timeout
                    except TimeoutError:
                        self.broken = True
                        raise _Lost(f"no reply within {self.timeout:g}s") from None
                    continue
                except OSError as exc:
                    self.broken = True
                    raise _Lost(_describe_os_error(exc)) from None
                if not chunk:
                    self._eof = "the relay closed the connection"
                buf += chunk
                continue
            line = bytes(buf[: end + 1]).rstrip(b"\r\n")
            del buf[: end + 1]
            if len(line) < 3 or not line[:3].isdigit() or line[3:4] not in (b" ", b"-", b""):
                self.broken = True
                raise _Lost(f"garbled reply from the relay: {line[:80]!r}")
            lines.append(line[4:])
            if line[3:4] != b"-":
                text = b" ".join(lines).decode("utf-8", "replace")
                return _Reply(int(line[:3]), text)

    def peer_spoke(self) -> bool:
        """True when the server sent something (or hung up) while it should be silent: an idle
        connection it closed, or a 421 it sent before our next command. Never blocks."""
        if self._buf or self._eof is not None:
            return True
        pending = not self.plain and self.sock.pending() > 0  # type: ignore[attr-defined]
        if not pending and not self._poll.poll(0):
            return False
        # Readable is not yet "said something": under TLS it may be a record with no data
        # (a session ticket). A non-blocking read tells them apart.
        try:
            chunk = self.sock.recv(65536)
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError, InterruptedError):
            return False
        except OSError as exc:
            self._eof = _describe_os_error(exc)
            return True
        if not chunk:
            self._eof = "the relay closed the connection"
        self._buf += chunk
        return True

    def quit(self) -> None:
        """Say goodbye politely when the session is healthy; never raise. Blocking, at most
        a couple of seconds."""
        run_blocking(self.quit_steps())

    def quit_steps(self) -> Steps[None]:
        """quit() as steps: a driver of many connections says goodbye on all of them at once,
        one round trip for all instead of one each (ten connections to a relay 30 ms away:
        0.3 s at the end of every run, blocking)."""
        try:
            if not self.broken:
                self.timeout = min(self.timeout, 2.0)
                yield from self.write(b"QUIT\r\n")
                yield from self.read_reply()
        except (_Lost, OSError):
            pass
        finally:
            self.broken = True
            with contextlib.suppress(OSError):
                self.client.close()


def _describe_os_error(exc: OSError) -> str:
    if isinstance(exc, ConnectionResetError):
        return "the relay reset the connection"
    if isinstance(exc, BrokenPipeError):
        return "the relay closed the connection"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    return exc.strerror or str(exc) or type(exc).__name__
