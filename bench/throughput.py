"""Throughput benchmark: one issue to N generated readers through the real path, into a sink.

    .venv/bin/python bench/throughput.py --n 100000
    .venv/bin/python bench/throughput.py --n 100000 --db postgresql --workers 2
    .venv/bin/python bench/throughput.py --n 3000 --rate 200        # the cap holds?
    .venv/bin/python bench/throughput.py --n 10000 --dkim rsa       # what signing costs

What it does, in one run:

1. writes N subscribers to a CSV (streamed), and loads them into a fresh database (SQLite file,
   or a fresh schema in PostgreSQL) with `Store.import_csv` or a bulk path (`--import`);
2. starts Postfix's `smtp-sink` on 127.0.0.1 (never the Postfix mail server);
3. runs `newsletter send --date D` as a subprocess, the way an operator does (plus, on
   PostgreSQL with `--workers K`, K-1 `newsletter worker --date D` processes), and measures its
   wall time, messages per second and peak RSS;
4. pushes the same message (`newsletter preview`'s .eml) N times with `smtp-source -s 10 -d`
   to the same sink, for the reference rate;
5. checks that the ledger says every reader got it exactly once and that the sink counted the
   same number.

With `--rate R` the sink is an aiosmtpd server that timestamps each message, and the check is
that no 1-second window ever held more than R messages (smtp-source is skipped then).

This is a script that prints figures, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _sinks import (  # noqa: E402  (a script beside its helpers)
    PostfixSink,
    TimestampSink,
    max_in_window,
    smtp_source,
)

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DAY = "2025-02-11"
REGIONS = ("US", "China", "Japan", "Europe", "Other")
SECRET = "bench-secret-key-0123456789abcdef"
FIRST_NAMES = ("Minji", "Jordan", "Haruto", "Sofia", "지수", "陽翔", "Amara", "Lucas")


# ---- subscribers ---------------------------------------------------------------------------


def write_subscribers(path: Path, n: int, seed: int = 6) -> None:
    """N readers, streamed to disk: most take every section, some choose one to three."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("email", "name", "regions"))
        for i in range(n):
            name = f"{rng.choice(FIRST_NAMES)} {i}" if i % 3 else ""
            regions = ""
            if rng.random() < 0.3:
                regions = ",".join(rng.sample(REGIONS, rng.randint(1, 3)))
            writer.writerow((f"reader{i}@bench{i % 97}.example.com", name, regions))


def import_with_store(url: str, path: Path) -> float:
    from newsletter.store import Store

    started = time.perf_counter()
    with contextlib.closing(Store.open(url)) as store:
        report = store.import_csv(path)
    if report.problems or report.added == 0:
        raise SystemExit(f"import failed: {report.problems[:3]}")
    return time.perf_counter() - started


def import_bulk(url: str, path: Path) -> float:
    """The same rows straight into the table: COPY on PostgreSQL, executemany on SQLite.
    No validation and no merging: only for a fresh database and a generated, clean file."""
    from newsletter.store import Store
    from newsletter.tokens import new_salt

    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    columns = "email, email_key, name, status, regions, token_salt, created_at, updated_at"

    def rows() -> Iterator[tuple[Any, ...]]:
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                email = record["email"]
                name = record["name"] or None
                yield (
                    email,
                    email.lower(),
                    name,
                    "active",
                    record["regions"],
                    new_salt(),
                    now,
                    now,
                )

    with contextlib.closing(Store.open(url)) as store:
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if store.dialect == "postgresql":
                stamp = now.replace(tzinfo=dt.UTC)
                with cursor.copy(f"COPY subscribers ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in rows():
                        copy.write_row((*row[:6], stamp, stamp))
            else:
                cursor.execute("BEGIN")
                batch: list[tuple[Any, ...]] = []
                sql = f"INSERT INTO subscribers ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                for row in rows():
                    batch.append((*row[:6], row[6].isoformat(" "), row[7].isoformat(" ")))
                    if len(batch) >= 10000:
                        cursor.executemany(sql, batch)
                        batch.clear()
                cursor.executemany(sql, batch)
            raw.commit()
        finally:
            raw.close()
    return time.perf_counter() - started


# ---- databases -----------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    kind: str
    schema: str | None = None

    def drop(self) -> None:
        if self.schema:
            from sqlalchemy import create_engine, text

            engine = create_engine(PG_URL)
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            engine.dispose()


def fresh_database(kind: str, workdir: Path, tag: str, pg_url: str) -> Database:
    if kind == "sqlite":
        path = workdir / f"{tag}.db"
        for leftover in (path, path.with_name(f"{tag}.db-wal"), path.with_name(f"{tag}.db-shm")):
            leftover.unlink(missing_ok=True)
        return Database(f"sqlite:///{path}", kind)
    from sqlalchemy import create_engine, text

    schema = f"bench_{tag}_{secrets.token_hex(4)}"
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in pg_url else "?"
    return Database(f"{pg_url}{separator}options=-csearch_path%3D{schema}", kind, schema)


# ---- processes -----------------------------------------------------------------------------


@dataclass
class Finished:
    returncode: int
    maxrss_mb: float
    seconds: float
    cpu_seconds: float  # user + system
    report: dict[str, Any] = field(default_factory=dict)
    stdout: str = ""


class Newsletter:
    """Runs the real CLI in a subprocess, with the bench's settings in its environment."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = env
        self.serial = 0

    def start(self, *args: str) -> tuple[subprocess.Popen[bytes], Path, Path, float]:
        self.serial += 1
        report = self.workdir / f"report-{self.serial}.json"
        out = self.workdir / f"newsletter-{self.serial}.log"
        env = dict(self.env, BENCH_REPORT=str(report))
        command = [sys.executable, str(HERE / "_child.py"), *args]
        with out.open("wb") as log:
            process = subprocess.Popen(
                command, cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        return process, report, out, time.perf_counter()

    @staticmethod
    def wait(started: tuple[subprocess.Popen[bytes], Path, Path, float]) -> Finished:
        process, report, out, began = started
        # wait4 gives this child's own peak RSS (ru_maxrss, KiB on Linux) as it is reaped.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        data = json.loads(report.read_text()) if report.exists() else {}
        return Finished(
            process.returncode,
            usage.ru_maxrss / 1024,
            seconds,
            usage.ru_utime + usage.ru_stime,
            (data.get("reports") or [{}])[-1],
            out.read_text(errors="replace"),
        )

    def run(self, *args: str) -> Finished:
        return self.wait(self.start(*args))


def bench_env(workdir: Path, url: str, port: int, args: argparse.Namespace) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLETTER_")}
    env.update(
        NEWSLETTER_DATA_DIR=str(workdir / "data"),
        NEWSLETTER_DATABASE_URL=url,
        NEWSLETTER_SECRET_KEY=SECRET,
        NEWSLETTER_FROM="Morning Brief <news@bench.example.com>",
        NEWSLETTER_PUBLIC_URL="https://news.bench.example.com",
        NEWSLETTER_SMTP__HOST="127.0.0.1",
        NEWSLETTER_SMTP__PORT=str(port),
        NEWSLETTER_SMTP__SECURITY="none",
        NEWSLETTER_SMTP__CONCURRENCY=str(args.concurrency),
        NEWSLETTER_SMTP__RATE=str(args.rate),
        NEWSLETTER_LOG_LEVEL="INFO",
        PYTHONIOENCODING="utf-8",
    )
    if args.batch_size:
        env["NEWSLETTER_BATCH_SIZE"] = str(args.batch_size)
    if args.dkim:  # issue 14: sign every message, to measure what DKIM costs end to end
        from newsletter.dkim import keygen

        key = workdir / f"dkim-{args.dkim}.key"
        if not key.exists():
            keygen("bench", "bench.example.com", args.dkim, out=key)
        env.update(
            NEWSLETTER_DKIM__DOMAIN="bench.example.com",
            NEWSLETTER_DKIM__SELECTOR="bench",
            NEWSLETTER_DKIM__PRIVATE_KEY_FILE=str(key),
        )
    if args.source:
        env["NEWSLETTER_SOURCE"] = str(Path(args.source).resolve())
    return env


def wait_until_sending(url: str, day: dt.date, leader: subprocess.Popen[bytes]) -> bool:
    """Workers can only join once the leader has queued the issue."""
    from newsletter.store import Store

    with contextlib.closing(Store.open(url)) as store:
        while leader.poll() is None:
            if store.issue_state(day) == "sending":
                return True
            time.sleep(0.05)
    return False


# ---- the ledger ----------------------------------------------------------------------------


def ledger_figures(url: str, day: dt.date) -> dict[str, Any]:
    from sqlalchemy import func, select

    from newsletter.store import Store
    from newsletter.store.tables import deliveries as d

    with contextlib.closing(Store.open(url)) as store:
        counts = store.counts(day)
        with store.engine.connect() as connection:
            rows, readers = connection.execute(
                select(func.count(), func.count(d.c.subscriber_id.distinct())).where(d.c.day == day)
            ).one()
            by_worker = dict(
                connection.execute(
                    select(d.c.worker, func.count())
                    .where(d.c.day == day, d.c.status == "sent")
                    .group_by(d.c.worker)
                ).all()
            )
    return {"counts": counts, "rows": rows, "readers": readers, "by_worker": by_worker}


# ---- the run -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="subscribers (default 10000)")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL server (default {PG_URL})")
    parser.add_argument("--workers", type=int, default=1, help="sending processes (PostgreSQL)")
    parser.add_argument("--concurrency", type=int, default=10, help="SMTP connections per process")
    parser.add_argument("--rate", type=float, default=0.0, help="messages/s cap; 0 = none")
    parser.add_argument("--batch-size", type=int, default=0, help="NEWSLETTER_BATCH_SIZE")
    parser.add_argument(
        "--import",
        dest="import_mode",
        choices=("csv", "bulk", "both"),
        default="csv",
        help="csv: Store.import_csv; bulk: COPY/executemany; both: time import_csv into a "
        "scratch database too, then bulk-load the one that is sent from",
    )
    parser.add_argument("--source", help="summaries file (default: the bundled sample day)")
    parser.add_argument(
        "--dkim", choices=("rsa", "ed25519"), help="sign every message (NEWSLETTER_DKIM__*)"
    )
    parser.add_argument("--sessions", type=int, default=10, help="smtp-source sessions (-s)")
    parser.add_argument("--date", default=DAY)
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    args = parser.parse_args(argv)
    if args.workers > 1 and args.db != "postgresql":
        parser.error("--workers needs --db postgresql (SQLite has no SKIP LOCKED)")
    day = dt.date.fromisoformat(args.date)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsletter-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"n": args.n, "db": args.db, "workers": args.workers}
    cleanup: list[Any] = []
    try:
        return _run(args, day, workdir, figures, cleanup)
    finally:
        for undo in reversed(cleanup):
            with contextlib.suppress(Exception):
                undo()
        if not args.keep and args.workdir is None:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)


def _run(
    args: argparse.Namespace,
    day: dt.date,
    workdir: Path,
    figures: dict[str, Any],
    cleanup: list[Any],
) -> int:
    csv_path = workdir / "subscribers.csv"
    started = time.perf_counter()
    write_subscribers(csv_path, args.n)
    figures["csv_seconds"] = time.perf_counter() - started

    if args.import_mode == "both":
        scratch = fresh_database(args.db, workdir, "scratch", args.pg_url)
        cleanup.append(scratch.drop)
        figures["import_csv_seconds"] = import_with_store(scratch.url, csv_path)
        scratch.drop()
        if scratch.kind == "sqlite":
            Path(scratch.url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    database = fresh_database(args.db, workdir, "bench", args.pg_url)
    if not args.keep:
        cleanup.append(database.drop)
    if args.import_mode == "csv":
        figures["import_csv_seconds"] = import_with_store(database.url, csv_path)
    else:
        figures["import_bulk_seconds"] = import_bulk(database.url, csv_path)

    capped = args.rate > 0
    sink: PostfixSink | TimestampSink = TimestampSink() if capped else PostfixSink(workdir)
    cleanup.append(sink.close)
    newsletter = Newsletter(workdir, bench_env(workdir, database.url, sink.port, args))

    preview = newsletter.run("preview", "--date", args.date, "--out", str(workdir / "preview"))
    if preview.returncode != 0:
        print(preview.stdout, file=sys.stderr)
        return 2
    eml = workdir / "preview" / f"{args.date}.eml"
    figures["message_bytes"] = eml.stat().st_size

    # -- the newsletter's own run --
    before = sink.count()
    sink_cpu = sink.cpu_seconds()
    leader = newsletter.start("send", "--date", args.date)
    workers = []
    if args.workers > 1 and wait_until_sending(database.url, day, leader[0]):
        workers = [newsletter.start("worker", "--date", args.date) for _ in range(args.workers - 1)]
    done = [newsletter.wait(leader)] + [newsletter.wait(w) for w in workers]
    wall = max(f.seconds for f in done)
    for index, finished in enumerate(done):
        if finished.returncode != 0:
            role = "send" if index == 0 else "worker"
            print(
                f"{role} exited {finished.returncode}:\n{finished.stdout[-3000:]}", file=sys.stderr
            )
    ledger = ledger_figures(database.url, day)
    sent = ledger["counts"].get("sent", 0)
    received = sink.settle(before + sent) - before
    sink_cpu = sink.cpu_seconds() - sink_cpu
    figures.update(
        newsletter_seconds=wall,
        newsletter_rate=sent / wall if wall else 0.0,
        # The sending itself, as the leader's report times it (no interpreter start-up).
        report_seconds=done[0].report.get("duration", 0.0),
        rss_mb=[round(f.maxrss_mb, 1) for f in done],
        cpu_seconds=[f.cpu_seconds for f in done],
        sink_cpu_seconds=sink_cpu,
        timings=[f.report.get("timings", {}) for f in done],
        sent=sent,
        received=received,
        ledger=ledger,
        exit_codes=[f.returncode for f in done],
    )
    if capped:
        assert isinstance(sink, TimestampSink)
        peak, at = max_in_window(sink.arrivals)
        first = min(sink.arrivals, default=at)
        figures.update(peak_per_second=peak, peak_at=at - first)
    else:
        assert isinstance(sink, PostfixSink)
        lf_eml = workdir / "message-lf.eml"  # smtp-source adds the CR itself
        lf_eml.write_bytes(eml.read_bytes().replace(b"\r\n", b"\n"))
        before = sink.count()
        sink_cpu = sink.cpu_seconds()
        seconds, source_cpu = smtp_source(sink.port, lf_eml, args.n, args.sessions)
        pushed = sink.settle(before + args.n) - before
        figures.update(
            source_seconds=seconds,
            source_rate=pushed / seconds,
            source_sent=pushed,
            source_cpu_seconds=source_cpu,
            source_sink_cpu_seconds=sink.cpu_seconds() - sink_cpu,
        )
    ok = print_figures(args, figures)
    if args.keep:
        print(f"files kept in {workdir}; database {database.url}")
    return 0 if ok else 1


# ---- output --------------------------------------------------------------------------------


def print_figures(args: argparse.Namespace, f: dict[str, Any]) -> bool:
    counts = f["ledger"]["counts"]
    owed = {k: counts.get(k, 0) for k in ("pending", "sending", "deferred", "unknown", "failed")}
    skipped = counts.get("skipped", 0)
    intact = (
        f["sent"] == f["received"]
        and f["sent"] + skipped == f["n"]
        and f["ledger"]["rows"] == f["ledger"]["readers"] == f["n"]
        and not any(owed.values())
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.db}"
        f"{', DKIM ' + args.dkim if args.dkim else ''}; "
        f"load average {load} (other work on the machine skews every figure)"
    )
    print(f"N                  {f['n']:>10}")
    print(f"message size       {f['message_bytes'] / 1024:>10.1f} KB")
    if "import_csv_seconds" in f:
        t = f["import_csv_seconds"]
        print(f"import_csv         {t:>10.2f} s   ({f['n'] / t:,.0f} rows/s)")
    if "import_bulk_seconds" in f:
        t = f["import_bulk_seconds"]
        print(f"bulk load          {t:>10.2f} s   ({f['n'] / t:,.0f} rows/s)")
    workers = f"{f['workers']} process{'es' if f['workers'] > 1 else ''}"
    print(
        f"newsletter         {f['newsletter_rate']:>10.0f} msg/s  ({f['sent']} sent in "
        f"{f['newsletter_seconds']:.2f} s wall, {workers}, concurrency {args.concurrency})"
    )
    if f.get("report_seconds"):
        print(
            f"  sending alone    {f['sent'] / f['report_seconds']:>10.0f} msg/s  "
            f"(leader's report: {f['report_seconds']:.2f} s, no interpreter start-up)"
        )
    if "source_rate" in f:
        print(
            f"smtp-source        {f['source_rate']:>10.0f} msg/s  ({f['source_sent']} in "
            f"{f['source_seconds']:.2f} s, -s {args.sessions} -d)"
        )
        print(f"ratio              {f['newsletter_rate'] / f['source_rate']:>10.2f}")
    cpu = sum(f["cpu_seconds"])
    print(
        f"CPU newsletter     {cpu:>10.2f} s   ({cpu / max(f['sent'], 1) * 1e6:.0f} us/msg; "
        f"sink {f['sink_cpu_seconds']:.2f} s)"
    )
    if "source_cpu_seconds" in f:
        print(
            f"CPU smtp-source    {f['source_cpu_seconds']:>10.2f} s   "
            f"(sink {f['source_sink_cpu_seconds']:.2f} s)"
        )
    print(f"peak RSS           {max(f['rss_mb']):>10.1f} MB   (per process: {f['rss_mb']})")
    for index, timing in enumerate(f["timings"]):
        if not timing:
            continue
        who = "leader" if index == 0 else f"worker {index}"
        split = ", ".join(f"{k} {v:.2f}s" for k, v in timing.items())
        print(f"time split {who:<9}{split}  (smtp summed over connections)")
    if f["workers"] > 1:
        print(f"sent per process   {sorted(f['ledger']['by_worker'].values(), reverse=True)}")
    print(
        f"ledger             sent {f['sent']}, skipped {skipped}, "
        + ", ".join(f"{k} {v}" for k, v in owed.items())
        + f"; sink received {f['received']} -> {'intact' if intact else 'MISMATCH'}"
    )
    if "peak_per_second" in f:
        held = f["peak_per_second"] <= args.rate
        print(
            f"rate cap           {args.rate:>10.0f} msg/s; busiest 1-second window at the sink "
            f"{f['peak_per_second']} (from {f['peak_at']:.2f} s) -> "
            f"{'held' if held else 'EXCEEDED'}"
        )
        intact = intact and held
    if any(f["exit_codes"]):
        print(f"exit codes         {f['exit_codes']}")
    return intact


if __name__ == "__main__":
    sys.exit(main())
