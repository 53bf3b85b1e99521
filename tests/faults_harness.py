"""The fault matrix's harness: the real `newsletter send` in its own process group, a relay that
holds replies (tests/fault_smtp.py), a real database, and the figures each fault produced.

A `Scene` is one issue: readers in a database, a relay, and the environment the CLI runs in.
Set FAULTS_REPORT=path to have every scene append its figures (what the run printed, its exit
code, duplicates, how long the resume waited) as one JSON line: bench/faults.py prints them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsletter.store import Store
from tests.fault_smtp import FaultSmtp

DAY = dt.date(2025, 3, 14)
LEASE = 120  # the default: a resume must never wait for it


@dataclass
class Done:
    code: int
    out: str
    err: str
    seconds: float
    waited: float | None = None  # from start until the relay saw its first connection

    @property
    def text(self) -> str:
        return self.out + self.err

    def one_line_error(self) -> None:
        """An operator's failure: no traceback, and the error said in one line."""
        assert "Traceback" not in self.text, self.text
        errors = [line for line in self.err.splitlines() if line.startswith("error:")]
        assert len(errors) <= 1, self.err

    def figure(self, pattern: str) -> int | None:
        match = re.search(pattern, self.text)
        return int(match.group(1)) if match else None


@dataclass
class Scene:
    db_url: str
    env: dict[str, str]
    readers: list[str]
    server: FaultSmtp
    day: dt.date = DAY
    store: Store = field(init=False)
    figures: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.store = Store.open(self.db_url)

    # ---- the command -------------------------------------------------------------------

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "newsletter.cli", *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, killed whole
        )

    def send(self) -> subprocess.Popen[str]:
        return self.popen("send", "--date", self.day.isoformat())

    def kill(self, process: subprocess.Popen[str]) -> Done:
        """kill -9 of the whole process group, as an OOM killer or `docker kill` does."""
        started = time.monotonic()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate(timeout=30)
        return Done(process.returncode, out, err, time.monotonic() - started)

    def finish(self, process: subprocess.Popen[str], timeout: float = 40) -> Done:
        """Wait for the run to end. One still running after `timeout` is killed (its group)
        and reported with exit -9 and a note, so the test fails on its figures, not a hang."""
        started = time.monotonic()
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            err += f"\n[still running after {timeout:g}s: killed by the test]"
        return Done(process.returncode, out, err, time.monotonic() - started)

    def run(self, *args: str, timeout: float = 40) -> Done:
        return self.finish(self.popen(*args), timeout)

    def resume(self, timeout: float = 40) -> Done:
        """`send` again; measures how long it waited before it reached the relay."""
        connections = self.server.seen("GREETING") + self.server.refused_sessions
        started = time.monotonic()
        process = self.send()
        waited = None
        while process.poll() is None and time.monotonic() - started < timeout:
            if self.server.seen("GREETING") + self.server.refused_sessions > connections:
                waited = time.monotonic() - started
                break
            time.sleep(0.01)
        done = self.finish(process, timeout)
        done.waited = waited
        return done

    def reach(
        self, process: subprocess.Popen[str], stage: str, count: int, timeout: float = 20
    ) -> None:
        """Wait until the relay saw `count` arrivals at `stage`; fail with what the run printed
        if it ended first."""
        started = time.monotonic()
        while True:
            try:
                self.server.wait_stage(stage, count, timeout=0.2)
                return
            except AssertionError:
                if process.poll() is not None:
                    out, err = process.communicate()
                    raise AssertionError(
                        f"the run ended (exit {process.returncode}) before the relay saw "
                        f"{count} {stage}:\n{out}\n{err[-3000:]}"
                    ) from None
                if time.monotonic() - started > timeout:
                    raise

    def status(self) -> dict[str, Any]:
        done = self.run("status", "--date", self.day.isoformat(), "--json")
        assert "Traceback" not in done.err, done.err
        record = json.loads(done.out)
        record["_exit"] = done.code
        return record

    # ---- the ledger, read beside the run -------------------------------------------------

    def counts(self) -> dict[str, int]:
        return self.store.counts(self.day)

    def wait_ledger(
        self, predicate: Callable[[dict[str, int]], bool], timeout: float = 2.0
    ) -> float | None:
        """Poll the ledger until `predicate(counts)`; seconds it took, or None on timeout (the
        test goes on: its assertions then say what the run failed to record)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if predicate(self.counts()):
                return time.monotonic() - started
            time.sleep(0.01)
        return None

    def requeued(self) -> set[str]:
        """Readers the ledger marks as sent again because their fate was unknown."""
        from sqlalchemy import select

        from newsletter.store.tables import deliveries as d

        with self.store.engine.connect() as connection:
            rows = connection.execute(
                select(d.c.email).where(d.c.day == self.day, d.c.requeued > 0)
            ).scalars()
            return set(rows)

    def attempts(self) -> dict[str, int]:
        from sqlalchemy import select

        from newsletter.store.tables import deliveries as d

        with self.store.engine.connect() as connection:
            rows = connection.execute(
                select(d.c.email, d.c.attempts).where(d.c.day == self.day)
            ).all()
        return {email: attempts for email, attempts in rows}

    # ---- what the relay got ------------------------------------------------------------

    def received(self) -> Counter[str]:
        return self.server.received()

    def duplicates(self) -> set[str]:
        return {address for address, n in self.received().items() if n > 1}

    def lost(self) -> set[str]:
        got = self.received()
        return {address for address in self.readers if got[address] == 0}

    def report(self, fault: str, **figures: Any) -> None:
        """Append this fault's figures to $FAULTS_REPORT (one JSON line), if set."""
        self.figures.update(figures)
        target = os.environ.get("FAULTS_REPORT")
        if not target:
            return
        record = {"fault": fault, "db": self.db_url.split(":", 1)[0].split("+")[0]}
        record.update(self.figures)
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        self.store.close()


def tail(done: Done | None, lines: int = 4) -> str:
    """The last lines a run printed, for the figures."""
    if done is None:
        return ""
    text = [line for line in (done.out + done.err).splitlines() if line.strip()]
    # What the operator reads: the summary and error lines, not the log (timestamped) lines.
    said = [line for line in text if not re.match(r"\d{4}-\d\d-\d\dT", line)]
    return " | ".join((said or text)[-lines:])


def setup_scene(
    tmp_path: Path,
    db_url: str,
    cli_env: dict[str, str],
    server: FaultSmtp,
    n: int,
    *,
    concurrency: int = 1,
    **env: str,
) -> Scene:
    readers = [f"reader{i:04d}@example.com" for i in range(n)]
    csv = tmp_path / "readers.csv"
    csv.write_text("email,name,regions\n" + "".join(f"{a},,\n" for a in readers))
    with Store.open(db_url) as store:
        store.import_csv(csv)
    environment = dict(
        cli_env,
        NEWSLETTER_DATABASE_URL=db_url,
        NEWSLETTER_SMTP__HOST=server.host,
        NEWSLETTER_SMTP__PORT=str(server.port),
        NEWSLETTER_SMTP__SECURITY="none",
        NEWSLETTER_SMTP__CONCURRENCY=str(concurrency),
        NEWSLETTER_SMTP__TIMEOUT="20",
        NEWSLETTER_SMTP__RETRY_BACKOFF="0.2",
        NEWSLETTER_LEASE_SECONDS=str(LEASE),
    )
    environment.update({f"NEWSLETTER_{k.upper()}": v for k, v in env.items()})
    return Scene(db_url, environment, readers, server)
