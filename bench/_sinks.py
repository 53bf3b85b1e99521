"""SMTP sinks for the benchmark: Postfix's smtp-sink (fast, counts) and an aiosmtpd sink that
timestamps every message (slow, for checking a rate cap)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

SMTP_SINK = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
SMTP_SOURCE = shutil.which("smtp-source") or "/usr/sbin/smtp-source"
_MESSAGES = re.compile(rb"mesg=(\d+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.recv(100)  # the greeting: the server is really up
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class PostfixSink:
    """`smtp-sink -c` on 127.0.0.1: accepts and discards, printing running counters.

    The counters go to a file; `count()` reads the last `mesg=` figure, the number of
    messages the sink has received a final "." for since it started."""

    def __init__(self, workdir: Path, backlog: int = 1000) -> None:
        self.port = free_port()
        self.log_path = workdir / "smtp-sink.out"
        self._log = self.log_path.open("wb")
        cmd = [SMTP_SINK, "-c", "-u", "nobody", f"127.0.0.1:{self.port}", str(backlog)]
        self._process = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT)
        _wait_listening(self.port)  # the probe is a session, never a message

    def count(self) -> int:
        with self.log_path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 256))
            found = _MESSAGES.findall(handle.read())
        return int(found[-1]) if found else 0

    def cpu_seconds(self) -> float:
        """User + system CPU the sink has used so far (from /proc)."""
        return _proc_cpu_seconds(self._process.pid)

    def settle(self, expected: int | None = None, timeout: float = 10.0) -> int:
        """The count once it stops moving (or reaches `expected`)."""
        deadline = time.monotonic() + timeout
        last = self.count()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.count()
            if now == last and (expected is None or now >= expected):
                return now
            last = now
        return last

    def close(self) -> None:
        self._process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(5)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._log.close()


def smtp_source(port: int, eml: Path, count: int, sessions: int = 10) -> tuple[float, float]:
    """Push `count` copies of `eml` with smtp-source (-d: reuse each connection).
    Returns (wall seconds, CPU seconds of smtp-source)."""
    cmd = [SMTP_SOURCE, "-s", str(sessions), "-d", "-m", str(count), "-F", str(eml)]
    cmd += ["-f", "bench@example.com", "-t", "reader@example.com", f"127.0.0.1:{port}"]
    started = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, cmd)
    return seconds, usage.ru_utime + usage.ru_stime


class FirstArrival:
    """When the sink counted its first message after `before`, and its last one: a thread of
    the bench polls the size of smtp-sink's counter file (it grows with every message) every
    half millisecond until the first message, then every 5 ms (the tail of a run needs no
    finer grain, and the bench must not take a core from the run), so the sink itself is not
    slowed. `at` and `last_at` are time.monotonic() (system-wide on Linux, so comparable with
    the child's clock); `last_at` is when the count last grew before `stop()`, within 5 ms."""

    def __init__(self, sink: PostfixSink, before: int) -> None:
        self._sink = sink
        self._before = before
        self._stopped = threading.Event()
        self.at: float | None = None
        self.last_at: float | None = None
        # BENCH_TIMELINE=PATH: (monotonic, count) at every growth seen, appended to PATH at stop
        self._timeline_path = os.environ.get("BENCH_TIMELINE")
        self.timeline: list[tuple[float, int]] = []
        self._thread = threading.Thread(target=self._watch, name="first-arrival", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        path = self._sink.log_path
        size = path.stat().st_size
        while not self._stopped.is_set():
            now = path.stat().st_size
            if now != size:
                stamp = time.monotonic()
                size = now
                if self.at is not None:
                    self.last_at = stamp
                    if self._timeline_path:
                        self.timeline.append((stamp, self._sink.count() - self._before))
                elif self._sink.count() > self._before:
                    self.at = self.last_at = stamp
            time.sleep(0.0005 if self.at is None else 0.005)

    def stop(self) -> float | None:
        self._stopped.set()
        self._thread.join()
        if self._timeline_path and self.at is not None:
            with open(self._timeline_path, "a", encoding="ascii") as out:
                out.write(f"first {self.at!r}\n")
                out.writelines(f"{at!r} {count}\n" for at, count in self.timeline)
        return self.at


def ceiling(
    port: int, eml: Path, count: int, connections: int, python: str
) -> tuple[float, float, int]:
    """bench/ceiling.py into the sink. Returns (wall seconds from Popen to exit, CPU seconds,
    messages the sink acknowledged according to the sender)."""
    cmd = [python, str(Path(__file__).with_name("ceiling.py")), "--port", str(port)]
    cmd += ["--eml", str(eml), "--n", str(count), "--connections", str(connections)]
    started = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    try:
        sent = int(json.loads(out.splitlines()[-1])["sent"]) if out.strip() else 0
    except (ValueError, KeyError, IndexError):
        sent = 0
    if process.returncode and not sent:
        raise subprocess.CalledProcessError(process.returncode, cmd)
    return seconds, usage.ru_utime + usage.ru_stime, sent


class TimestampSink:
    """An aiosmtpd server that records when each message's final "." arrived (monotonic
    seconds); fast enough for a capped run (hundreds of messages a second), not for a flood."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.arrivals: list[float] = []
        self.recipients: list[str] = []
        self._lock = threading.Lock()
        owner = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                stamp = time.monotonic()
                with owner._lock:
                    owner.arrivals.append(stamp)
                    owner.recipients.extend(envelope.rcpt_tos)
                return "250 2.0.0 OK"

        self.port = free_port()
        self._controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, data_size_limit=None
        )
        self._controller.start()

    def count(self) -> int:
        with self._lock:
            return len(self.arrivals)

    def cpu_seconds(self) -> float:
        return 0.0  # it runs inside the bench's own process

    def settle(self, expected: int | None = None, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and expected is not None and self.count() < expected:
            time.sleep(0.1)
        return self.count()

    def close(self) -> None:
        self._controller.stop()


def max_in_window(stamps: list[float], window: float = 1.0) -> tuple[int, float]:
    """The most arrivals in any half-open interval [t, t + window), and where it starts.

    Every such interval that holds the most arrivals can be slid right until it starts at an
    arrival, so checking the intervals that start at each arrival is enough."""
    ordered = sorted(stamps)
    best, best_at, left = 0, 0.0, 0
    for right, stamp in enumerate(ordered):
        while stamp - ordered[left] >= window:
            left += 1
        if right - left + 1 > best:
            best, best_at = right - left + 1, ordered[left]
    return best, best_at


# aiosmtpd logs every session at INFO; a capped run has thousands.
logging.getLogger("mail.log").setLevel(logging.WARNING)
