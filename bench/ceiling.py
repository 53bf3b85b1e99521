"""The ceiling: the least a Python sender has to do to put N copies of one message on the wire.

    .venv/bin/python bench/ceiling.py --port 2525 --eml preview.eml --n 10000 --connections 10

Pure Python, no database, no threads: one bytes template (the .eml `newsletter preview`
wrote) with each message's To: and Message-ID: patched in, sent over `--connections` reused
connections driven by one selector loop. Every connection pipelines (RFC 2920, which
smtp-sink offers): MAIL, RCPT and DATA go in one write, and from the second message on the
previous body, its final "." and the next MAIL/RCPT/DATA go in one write too, so a message
costs one round trip. Every reply is read and checked (250 for MAIL, RCPT and the body, 354
for DATA); a reply out of line ends the run with exit 1.

bench/throughput.py runs it beside `newsletter send` and smtp-source, into the same sink, and
checks the sink counted every message. Prints one JSON line: sent, seconds (from the start
of this script, interpreter start-up excluded), CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import re
import selectors
import socket
import sys
import time
from pathlib import Path

SENDER = b"news@bench.example.com"


def template(eml: bytes) -> tuple[bytes, bytes, bytes]:
    """(head, middle, tail): head + To + middle + Message-ID + tail is one message in wire
    form (CRLF, dot-stuffed, ending in CRLF), without the final ".\\r\\n"."""
    if b"\r\n" not in eml:
        eml = eml.replace(b"\n", b"\r\n")
    if not eml.endswith(b"\r\n"):
        eml += b"\r\n"
    eml = re.sub(rb"(?m)^\.", b"..", eml)  # dot-stuffing, once, on the template
    header_end = eml.index(b"\r\n\r\n")
    to = re.search(rb"(?mi)^To:.*\r\n(?:[ \t].*\r\n)*", eml[: header_end + 2])
    mid = re.search(rb"(?mi)^Message-ID:.*\r\n", eml[: header_end + 2])
    if to is None or mid is None:
        raise SystemExit("the message has no To: or Message-ID: header to patch")
    if to.start() > mid.start():
        raise SystemExit("expected To: before Message-ID: in the preview message")
    return eml[: to.start()], eml[to.end() : mid.start()], eml[mid.end() :]


class Connection:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.out = bytearray()
        self.inbuf = b""
        self.expect: list[bytes] = []  # reply codes still owed, in order
        self.current: int | None = None  # the message whose DATA was sent, body not yet
        self.quitting = False
        self.accepted = 0  # bodies the sink answered 250 to


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--eml", type=Path, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--connections", type=int, default=10)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    cpu_started = time.process_time()
    head, middle, tail = template(args.eml.read_bytes())
    next_index = 0

    def envelope(i: int) -> bytes:
        rcpt = b"reader%d@bench%d.example.com" % (i, i % 97)
        return b"MAIL FROM:<%s>\r\nRCPT TO:<%s>\r\nDATA\r\n" % (SENDER, rcpt)

    def body(i: int) -> bytes:
        rcpt = b"reader%d@bench%d.example.com" % (i, i % 97)
        return b"".join(
            (
                head,
                b"To: <%s>\r\n" % rcpt,
                middle,
                b"Message-ID: <%d.ceiling@bench.example.com>\r\n" % i,
                tail,
                b".\r\n",
            )
        )

    selector = selectors.DefaultSelector()
    connections: list[Connection] = []
    for _ in range(min(args.connections, max(args.n, 1))):
        sock = socket.create_connection((args.host, args.port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c = Connection(sock)
        c.expect = [b"220"]  # the greeting; then EHLO, alone (it ends a pipelined group)
        connections.append(c)

    def take() -> int | None:
        nonlocal next_index
        if next_index >= args.n:
            return None
        next_index += 1
        return next_index - 1

    def start_message(c: Connection) -> None:
        i = take()
        if i is None:
            c.out += b"QUIT\r\n"
            c.expect.append(b"221")
            c.quitting = True
        else:
            c.out += envelope(i)
            c.expect += [b"250", b"250", b"354"]
            c.current = i

    for c in connections:
        c.sock.setblocking(False)
        selector.register(c.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, c)

    live = len(connections)
    while live:
        for key, events in selector.select():
            c: Connection = key.data
            if events & selectors.EVENT_WRITE and c.out:
                try:
                    sent = c.sock.send(c.out)
                except BlockingIOError:
                    sent = 0
                del c.out[:sent]
            if events & selectors.EVENT_READ:
                data = c.sock.recv(65536)
                if not data:
                    if c.expect:
                        print(f"connection closed, {c.expect} owed", file=sys.stderr)
                        return 1
                    selector.unregister(c.sock)
                    c.sock.close()
                    live -= 1
                    continue
                c.inbuf += data
                *lines, c.inbuf = c.inbuf.split(b"\r\n")
                for line in lines:
                    if len(line) > 3 and line[3:4] == b"-":
                        continue  # a multi-line reply goes on
                    code, wanted = line[:3], c.expect.pop(0)
                    if code != wanted[:3]:
                        print(f"expected {wanted[:3]!r}, got {line!r}", file=sys.stderr)
                        return 1
                    if wanted == b"250+":  # the reply to a body: the sink has the message
                        c.accepted += 1
                    elif wanted == b"220":
                        c.out += b"EHLO ceiling.bench.example.com\r\n"
                        c.expect.append(b"250e")
                    elif wanted == b"250e":
                        start_message(c)  # MAIL, RCPT, DATA in one write
                    elif code == b"354":
                        assert c.current is not None
                        c.out += body(c.current)  # body, ".", and the next envelope at once
                        c.expect.append(b"250+")
                        c.current = None
                        start_message(c)
                if c.expect == [] and c.quitting:
                    selector.unregister(c.sock)
                    c.sock.close()
                    live -= 1
                    continue
            mask = selectors.EVENT_READ | (selectors.EVENT_WRITE if c.out else 0)
            if key.events != mask:
                selector.modify(c.sock, mask, c)

    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    accepted = sum(c.accepted for c in connections)
    print(json.dumps({"sent": accepted, "seconds": seconds, "cpu_seconds": cpu}))
    return 0 if accepted == args.n else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
