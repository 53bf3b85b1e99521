"""The sender pool alone: N copies of one ~33 KB message through `SenderPool` and the SMTP
client into Postfix's smtp-sink, no database, no build, no journal. Prints the sender
thread(s)' CPU per message, so a change to newsletter/mailers/smtp.py or
newsletter/delivery/senders.py can be compared on its own. --journal adds the sender's
journal (a real file in a temporary folder), as a real run writes it.

    .venv/bin/python bench/sender_cost.py --n 30000 --concurrency 10 [--journal]

A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import queue
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, os.environ.get("NEWSLETTER_SRC", str(HERE.parent)))
sys.path.insert(0, str(HERE))


TICKS = os.sysconf("SC_CLK_TCK")


def thread_cpu(native: int) -> complex:
    """A thread's user + 1j * system CPU seconds, from /proc (read while it lives)."""
    fields = Path(f"/proc/self/task/{native}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) / TICKS + 1j * int(fields[12]) / TICKS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--journal", action="store_true", help="write the journal too")
    parser.add_argument(
        "--pieces", action="store_true",
        help="each message as nine pieces, as a delivery run's (six shared, three per reader)",
    )  # fmt: skip
    args = parser.parse_args()

    from _sinks import PostfixSink

    from newsletter.delivery.brake import RunState
    from newsletter.delivery.counts import RunCounts
    from newsletter.delivery.senders import SenderPool
    from newsletter.journal import Journal
    from newsletter.mailers.base import Envelope
    from newsletter.mailers.ratelimit import RateLimiter, Throttle
    from newsletter.mailers.smtp import SmtpTransport
    from newsletter.settings import SmtpSettings

    body = b"".join(
        b"%s\r\n" % (b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[:76])
        for _ in range(500)
    )
    head = b"From: news@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n\r\n"
    # --pieces: the same bytes, the big ones shared by every message as a template's are; the
    # two small ones new objects each message (slices), as its tails are
    text_head, html_head, rest = body[:9_900], body[10_200:32_000], body[32_700:]
    assert len(body) == 33_000
    with tempfile.TemporaryDirectory() as tmp:
        sink = PostfixSink(Path(tmp))
        try:
            transport = SmtpTransport(
                SmtpSettings(host="127.0.0.1", port=sink.port, security="none")
            )
            for run in range(args.repeat):
                journal = Journal(Path(tmp) / "journal", dt.date(2025, 1, 1), f"bench-{run}") \
                    if args.journal else None  # fmt: skip
                work: queue.Queue = queue.Queue(maxsize=args.concurrency * 2)
                results: queue.SimpleQueue = queue.SimpleQueue()  # as deliver.py's
                state = RunState(None, store=None, journal=None, stop=threading.Event(),  # type: ignore[arg-type]
                                 give_up_after=60)  # fmt: skip
                pool = SenderPool(
                    state, transport=transport, work=work, results=results, counts=RunCounts(),
                    limiter=RateLimiter(0), throttle=Throttle(0), threshold=10, journal=journal,
                )  # fmt: skip
                before = {t.ident for t in threading.enumerate()}
                cpu: dict[int, complex] = {}  # user + 1j * system
                started = time.perf_counter()
                pool.start(args.concurrency, None)
                senders = [t for t in threading.enumerate() if t.ident not in before]
                chunk: list[Envelope] = []
                for i in range(args.n):
                    personal = head.replace(b"From:", b"To: r%d@example.com\r\nFrom:" % i)
                    if args.pieces:  # MessageTemplate.reader_pieces's shape, the same bytes
                        data: bytes | tuple[bytes, ...] = (
                            b"", personal, b"", text_head, body[9_900:10_200],
                            b"", html_head, body[32_000:32_700], rest,
                        )  # fmt: skip
                    else:
                        data = personal + body
                    chunk.append(Envelope("news@example.com", f"r{i}@example.com", data, i, True))
                    if len(chunk) == 16:
                        work.put(chunk)
                        chunk = []
                if chunk:
                    work.put(chunk)

                while not work.empty():
                    for t in senders:
                        if t.native_id is not None:
                            cpu[t.native_id] = thread_cpu(t.native_id)
                    time.sleep(0.05)
                for _ in senders:
                    work.put(None)
                time.sleep(0.3)
                for t in senders:
                    if t.native_id is not None and t.is_alive():
                        cpu[t.native_id] = thread_cpu(t.native_id)
                pool.close()
                if journal is not None:
                    journal.close(remove=True)
                wall = time.perf_counter() - started
                sent = 0
                while not results.empty():
                    sent += sum(1 for _, o in results.get() if o.status.value == "sent")
                both = sum(cpu.values())
                per = 1e6 / max(sent, 1)
                print(
                    f"{len(senders)} sender thread(s), {args.concurrency} connections: "
                    f"{sent} sent in {wall:.2f}s ({sent / wall:,.0f}/s); sender CPU "
                    f"{(both.real + both.imag) * per:.1f} us/msg (user {both.real * per:.1f}, "
                    f"system {both.imag * per:.1f})"
                )
        finally:
            sink.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
