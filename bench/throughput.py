"""Throughput benchmark: one issue to N generated readers through the real path, into a sink,
paired with two references on the same message and sink, repeated.

    .venv/bin/python bench/throughput.py --n 100000 --import bulk            # 3 paired runs
    .venv/bin/python bench/throughput.py --n 100000 --db postgresql --workers 2
    .venv/bin/python bench/throughput.py --n 3000 --rate 200        # the cap holds?
    .venv/bin/python bench/throughput.py --n 10000 --dkim rsa       # what signing costs
    .venv/bin/python bench/throughput.py --n 100000 --import bulk --profile        # cProfile
    .venv/bin/python bench/throughput.py --n 100000 --import bulk --profile py-spy # flame graph

What it does:

1. writes N subscribers to a CSV (streamed), and loads them into a database (SQLite file, or
   a fresh schema in PostgreSQL) with `Store.import_csv` or a bulk path (`--import`); each run
   starts from an identical copy (SQLite) or a fresh load (PostgreSQL), with its own DATA_DIR;
2. starts Postfix's `smtp-sink` on 127.0.0.1 (never the Postfix mail server);
3. `--repeat` times (3 by default), in an order that rotates so load drift hits all three:
   - runs `newsletter send --date D` as a subprocess (bench/_child.py, which is the CLI plus a
     report at exit), the way an operator does (plus, on PostgreSQL with `--workers K`, K-1
     `newsletter worker --date D` processes): wall time from Popen to exit, messages per second,
     CPU and peak RSS (wait4), the peak RSS of the sender and its helper process together
     (bench/_rss.py samples them every 3 ms), the time from Popen to the first message the
     sink counted (the bench watches smtp-sink's counter file; the sink itself is not
     slowed), and the time
     split and CPU per stage and per thread (see bench/_child.py);
   - pushes the same message (`newsletter preview`'s .eml) N times with `smtp-source -s 10 -d`
     into the same sink: the reference rate of a C client;
   - runs bench/ceiling.py: a minimal pure-Python pipelined sender (no database, one bytes
     template with To and Message-ID patched in) on the same number of connections as the
     newsletter (--concurrency): the ceiling for a Python sender;
4. checks, every run, that the ledger says every reader got it exactly once, that the sink
   counted the same number, and that smtp-source and the ceiling each delivered N; any
   mismatch is printed as FAILED and the exit code is 1.

It prints every run, then min / median / max of the rates and the paired ratios, and a table of
the time split and CPU per message per stage (the median over the runs), with `uptime`'s load
average before and after. Ratios, not absolute figures, are what to compare on a shared machine.

With `--rate R` the sink is an aiosmtpd server that timestamps each message, and the check is
that no 1-second window ever held more than R messages (smtp-source and the ceiling are skipped).

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
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _rss import TreeRss  # noqa: E402
from _sinks import (  # noqa: E402  (a script beside its helpers)
    FirstArrival,
    PostfixSink,
    TimestampSink,
    ceiling,
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
class Started:
    process: subprocess.Popen[bytes]
    report: Path
    out: Path
    began: float  # perf_counter
    t0: float  # time.monotonic(), just before Popen: the child's clock shares it


@dataclass
class Finished:
    returncode: int
    maxrss_mb: float
    seconds: float
    cpu_seconds: float  # user + system, of the process and the children it waited for
    t0: float
    report: dict[str, Any] = field(default_factory=dict)
    child: dict[str, Any] = field(default_factory=dict)  # bench/_child.py's record
    stdout: str = ""


class Newsletter:
    """Runs the real CLI in a subprocess, with the bench's settings in its environment."""

    def __init__(
        self, workdir: Path, env: dict[str, str], prefix: list[str] | None = None, tag: str = ""
    ):
        self.workdir = workdir
        self.env = env
        self.serial = 0
        self.prefix = prefix or []  # e.g. py-spy record ... --
        self.tag = tag  # names this instance's report and log files apart from another's

    def start(self, *args: str, extra_env: dict[str, str] | None = None) -> Started:
        self.serial += 1
        report = self.workdir / f"report{self.tag}-{self.serial}.json"
        out = self.workdir / f"newsletter{self.tag}-{self.serial}.log"
        env = dict(self.env, BENCH_REPORT=str(report), **(extra_env or {}))
        command = [*self.prefix, sys.executable, str(HERE / "_child.py"), *args]
        with out.open("wb") as log:
            t0 = time.monotonic()
            env["BENCH_T0"] = repr(t0)
            began = time.perf_counter()
            process = subprocess.Popen(
                command, cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        return Started(process, report, out, began, t0)

    @staticmethod
    def wait(started: Started) -> Finished:
        process = started.process
        # wait4 gives this child's own peak RSS (ru_maxrss, KiB on Linux) as it is reaped.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started.began
        process.returncode = os.waitstatus_to_exitcode(status)
        data = json.loads(started.report.read_text()) if started.report.exists() else {}
        return Finished(
            process.returncode,
            usage.ru_maxrss / 1024,
            seconds,
            usage.ru_utime + usage.ru_stime,
            started.t0,
            (data.get("reports") or [{}])[-1],
            data,
            started.out.read_text(errors="replace"),
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
    if args.no_helper:
        env["BENCH_NO_HELPER"] = "1"
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
    parser.add_argument("--repeat", type=int, default=3, help="paired runs (default 3)")
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
    parser.add_argument(
        "--no-ceiling", action="store_true", help="skip the pure-Python ceiling sender"
    )
    parser.add_argument(
        "--no-source", action="store_true", help="skip smtp-source (e.g. for an RSS-only run)"
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="cprofile",
        choices=("cprofile", "py-spy"),
        help="one run of the send under cProfile (every thread, merged) or py-spy; "
        "prints where the profile is (figures of that run are distorted by the profiler)",
    )
    parser.add_argument("--profile-out", type=Path, help="where to write the profile")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="do not compile newsletter/'s bytecode first (with PYTHONDONTWRITEBYTECODE=1, as "
        "on this machine, every run then compiles the package from source)",
    )
    parser.add_argument(
        "--no-helper",
        action="store_true",
        help="the send never starts the start-up helper (newsletter/prebuild.py), as on a busy "
        "machine: it builds and renders in-process",
    )
    parser.add_argument(
        "--hogs",
        type=int,
        default=0,
        help="run this many busy-loop processes beside the whole bench, to see what a starved "
        "machine does to the send (memory, the recorder's pace)",
    )
    parser.add_argument("--date", default=DAY)
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    args = parser.parse_args(argv)
    if args.workers > 1 and args.db != "postgresql":
        parser.error("--workers needs --db postgresql (SQLite has no SKIP LOCKED)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.profile:
        args.repeat = 1
    day = dt.date.fromisoformat(args.date)

    if not args.from_source:
        compile_package()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsletter-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cleanup: list[Any] = []
    for _ in range(args.hogs):
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        cleanup.append(hog.kill)
    try:
        return _run(args, day, workdir, cleanup)
    finally:
        for undo in reversed(cleanup):
            with contextlib.suppress(Exception):
                undo()
        if not args.keep and args.workdir is None:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)


def compile_package() -> None:
    """Bytecode for newsletter/ in its __pycache__, as the container image has it
    (UV_COMPILE_BYTECODE=1, non-editable) and as any second run has it where Python may write
    bytecode. This machine sets PYTHONDONTWRITEBYTECODE=1, so without this every run would
    compile the package from source first: about 0.15-0.2 s of start-up that no installed
    newsletter pays (measured: first message 0.81 s from source, 0.60 s compiled, at 10,000).
    The bundled templates' code likewise, where the tree ships it (newsletter/ship_templates.py;
    a base tree of bench/ab_trees.sh may not)."""
    import compileall

    compileall.compile_dir(str(REPO / "newsletter"), quiet=1)
    if (REPO / "newsletter" / "ship_templates.py").exists():
        subprocess.run(
            [sys.executable, "-m", "newsletter.ship_templates"],
            cwd=REPO,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
            check=True,
            stdout=subprocess.DEVNULL,
        )


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        code = subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%h", "--", "newsletter"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''} (newsletter/ last changed at {code})"


def load_database(
    args: argparse.Namespace, workdir: Path, tag: str, csv_path: Path, figures: dict[str, Any]
) -> Database:
    database = fresh_database(args.db, workdir, tag, args.pg_url)
    if args.import_mode == "csv":
        figures.setdefault("import_csv_seconds", import_with_store(database.url, csv_path))
    else:
        figures.setdefault("import_bulk_seconds", import_bulk(database.url, csv_path))
    return database


def copy_sqlite(base: Database, workdir: Path, tag: str) -> Database:
    """An identical copy of the loaded SQLite file (checkpointed first: nothing left in WAL)."""
    import shutil
    import sqlite3

    source = Path(base.url.removeprefix("sqlite:///"))
    with contextlib.closing(sqlite3.connect(source)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = fresh_database("sqlite", workdir, tag, "")
    shutil.copyfile(source, target.url.removeprefix("sqlite:///"))
    return target


def remove_sqlite(database: Database) -> None:
    path = Path(database.url.removeprefix("sqlite:///"))
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _run(args: argparse.Namespace, day: dt.date, workdir: Path, cleanup: list[Any]) -> int:
    load_before = uptime()
    figures: dict[str, Any] = {"n": args.n, "db": args.db, "workers": args.workers}
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
            remove_sqlite(scratch)
    base: Database | None = None
    if args.db == "sqlite":
        base = load_database(args, workdir, "base", csv_path, figures)

    capped = args.rate > 0
    sink: PostfixSink | TimestampSink = TimestampSink() if capped else PostfixSink(workdir)
    cleanup.append(sink.close)

    def database_for(run: int) -> Database:
        if base is not None:
            return copy_sqlite(base, workdir, f"run{run}")
        return load_database(args, workdir, f"run{run}", csv_path, figures)

    env = bench_env(workdir, base.url if base else "", sink.port, args)
    first_db = base or database_for(0)
    preview = Newsletter(workdir, dict(env, NEWSLETTER_DATABASE_URL=first_db.url)).run(
        "preview", "--date", args.date, "--out", str(workdir / "preview")
    )
    if base is None:
        first_db.drop()
    if preview.returncode != 0:
        print(preview.stdout, file=sys.stderr)
        return 2
    eml = workdir / "preview" / f"{args.date}.eml"
    figures["message_bytes"] = eml.stat().st_size
    lf_eml = workdir / "message-lf.eml"  # smtp-source adds the CR itself
    lf_eml.write_bytes(eml.read_bytes().replace(b"\r\n", b"\n"))

    prefix: list[str] = []
    profile_path: Path | None = None
    if args.profile:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        suffix = "prof" if args.profile == "cprofile" else "svg"
        if args.profile == "py-spy":
            suffix = "txt"  # collapsed stacks, summarised below; .svg / .json: a graph
        profile_path = args.profile_out or (
            Path(tempfile.gettempdir()) / f"newsletter-send-n{args.n}-{stamp}.{suffix}"
        )
        if args.profile == "py-spy":
            spy = Path(sys.executable).with_name("py-spy")
            spy_cmd = str(spy) if spy.exists() else "py-spy"
            formats = {".svg": "flamegraph", ".json": "speedscope"}
            spy_format = formats.get(profile_path.suffix, "raw")
            prefix = [spy_cmd, "record", "-r", "250", "-t", "--gil", "--format", spy_format]
            prefix += ["-o", str(profile_path), "--"]

    kinds = ["newsletter"]
    if not capped and not args.profile:
        kinds += ([] if args.no_source else ["smtp-source"]) + (
            [] if args.no_ceiling else ["ceiling"]
        )
    runs: list[dict[str, Any]] = []
    for r in range(args.repeat):
        order = kinds[r % len(kinds) :] + kinds[: r % len(kinds)]
        run: dict[str, Any] = {
            "index": r + 1,
            "order": order,
            "problems": [],
            "load": os.getloadavg()[0],
        }
        for kind in order:
            if kind == "newsletter":
                database = database_for(r + 1)
                run_env = dict(
                    env,
                    NEWSLETTER_DATABASE_URL=database.url,
                    NEWSLETTER_DATA_DIR=str(workdir / f"data-{r + 1}"),
                )
                extra = {"BENCH_PROFILE": str(profile_path)} if args.profile == "cprofile" else {}
                try:
                    newsletter_run(
                        args,
                        day,
                        Newsletter(workdir, run_env, prefix, tag=f"-run{r + 1}"),
                        sink,
                        database,
                        run,
                        extra,
                    )
                finally:
                    if not args.keep:
                        if database.kind == "sqlite":
                            remove_sqlite(database)
                        else:
                            database.drop()
            elif kind == "smtp-source":
                assert isinstance(sink, PostfixSink)
                before = sink.count()
                cpu = sink.cpu_seconds()
                seconds, source_cpu = smtp_source(sink.port, lf_eml, args.n, args.sessions)
                pushed = sink.settle(before + args.n) - before
                run.update(
                    source_seconds=seconds,
                    source_rate=pushed / seconds,
                    source_sent=pushed,
                    source_cpu=source_cpu,
                    source_sink_cpu=sink.cpu_seconds() - cpu,
                )
                if pushed != args.n:
                    run["problems"].append(f"smtp-source: the sink counted {pushed}, not {args.n}")
            else:
                assert isinstance(sink, PostfixSink)
                before = sink.count()
                cpu = sink.cpu_seconds()
                seconds, ceiling_cpu, acked = ceiling(
                    sink.port, eml, args.n, args.concurrency, sys.executable
                )
                pushed = sink.settle(before + args.n) - before
                run.update(
                    ceiling_seconds=seconds,
                    ceiling_rate=pushed / seconds,
                    ceiling_sent=pushed,
                    ceiling_cpu=ceiling_cpu,
                    ceiling_sink_cpu=sink.cpu_seconds() - cpu,
                )
                if not pushed == acked == args.n:
                    run["problems"].append(
                        f"ceiling: {acked} acknowledged, the sink counted {pushed}, not {args.n}"
                    )
        runs.append(run)
        print_run(args, run)
    figures["load_before"] = load_before
    figures["load_after"] = uptime()
    ok = print_summary(args, figures, runs)
    if profile_path is not None:
        print_profile(args, profile_path)
    if args.keep:
        print(f"files kept in {workdir}")
    return 0 if ok else 1


def newsletter_run(
    args: argparse.Namespace,
    day: dt.date,
    newsletter: Newsletter,
    sink: PostfixSink | TimestampSink,
    database: Database,
    run: dict[str, Any],
    extra_env: dict[str, str],
) -> None:
    before = sink.count()
    sink_cpu = sink.cpu_seconds()
    watcher = FirstArrival(sink, before) if isinstance(sink, PostfixSink) else None
    leader = newsletter.start("send", "--date", args.date, extra_env=extra_env)
    tree = TreeRss(leader.process.pid, leader.t0).start()
    workers = []
    if args.workers > 1 and wait_until_sending(database.url, day, leader.process):
        workers = [newsletter.start("worker", "--date", args.date) for _ in range(args.workers - 1)]
    done = [newsletter.wait(leader)] + [newsletter.wait(w) for w in workers]
    tree.stop()
    if watcher and os.environ.get("BENCH_TIMELINE"):
        with open(os.environ["BENCH_TIMELINE"], "a", encoding="ascii") as out:
            out.write(f"t0 {leader.t0!r} exit {leader.t0 + done[0].seconds!r}\n")
    first_at = watcher.stop() if watcher else None
    wall = max(f.seconds for f in done)
    for index, finished in enumerate(done):
        if finished.returncode != 0:
            role = "send" if index == 0 else "worker"
            run["problems"].append(f"{role} exited {finished.returncode}")
            print(
                f"{role} exited {finished.returncode}:\n{finished.stdout[-3000:]}", file=sys.stderr
            )
    ledger = ledger_figures(database.url, day)
    sent = ledger["counts"].get("sent", 0)
    received = sink.settle(before + sent) - before
    if isinstance(sink, TimestampSink):
        arrivals = sink.arrivals[before:]
        first_at = min(arrivals) if arrivals else None
        peak, at = max_in_window(arrivals)
        run.update(peak_per_second=peak, peak_at=at - (first_at or at))
        if peak > args.rate:
            run["problems"].append(f"rate cap {args.rate:.0f}/s exceeded: {peak} in one second")
    claimed = done[0].child.get("first_claim")
    counts = ledger["counts"]
    owed = {k: counts.get(k, 0) for k in ("pending", "sending", "deferred", "unknown", "failed")}
    skipped = counts.get("skipped", 0)
    intact = (
        sent == received
        and sent + skipped == args.n
        and ledger["rows"] == ledger["readers"] == args.n
        and not any(owed.values())
    )
    if not intact:
        run["problems"].append(
            f"ledger: {ledger['rows']} rows for {ledger['readers']} readers of {args.n}, "
            f"sent {sent}, skipped {skipped}, "
            + ", ".join(f"{k} {v}" for k, v in owed.items())
            + f"; the sink received {received}"
        )
    run.update(
        newsletter_seconds=wall,
        newsletter_rate=sent / wall if wall else 0.0,
        report_seconds=done[0].report.get("duration", 0.0),
        rss_mb=[round(f.maxrss_mb, 1) for f in done],
        # The sender and its helper process at the moment their sum peaked (sampled).
        tree_rss=dict(
            peak=tree.peak_mb,
            sender=tree.root_mb,
            others=tree.others_mb,
            at=tree.at,
            others_peak=tree.others_peak_mb,
            samples=tree.samples,
        ),
        cpu_seconds=[f.cpu_seconds for f in done],
        sink_cpu=sink.cpu_seconds() - sink_cpu,
        timings=[f.report.get("timings", {}) for f in done],
        sent=sent,
        skipped=skipped,
        received=received,
        owed=owed,
        by_worker=ledger["by_worker"],
        first_message=(first_at - leader.t0) if first_at is not None else None,
        # The run's tail: from the last message the sink counted to the process's exit
        # (waiting for the last replies, the last ledger write, the report, closing, exit).
        last_message=(
            (watcher.last_at - leader.t0) if watcher and watcher.last_at is not None else None
        ),
        first_claim=(claimed["at"] - leader.t0) if claimed else None,
        stages=stage_table(done[0], sent),
        missing_hooks=done[0].child.get("missing_hooks", []),
        intact=intact,
    )


# ---- the time split ------------------------------------------------------------------------

STAGE_NOTES = {
    "start-up": "process start -> first claim: interpreter, imports, settings, summaries, "
    "classify, lock, first connection (minus the stages below that ran before it)",
    "queueing": "enqueue: one ledger row per reader",
    "render": "Jinja2 + premailer + message template, once per section set",
    "db": "store calls (claim, record, counts, ...), exclusive of the above",
    "build": "per-message build (token, headers, bytes); wall includes waiting for a sender",
    "smtp": "the sender threads, whole (SMTP client, journal, waiting on the GIL costs none)",
}


def stage_table(leader: Finished, sent: int) -> dict[str, tuple[float | None, float]]:
    """{row name: (wall seconds or None, CPU seconds)} for the leader, from bench/_child.py's
    record and wait4: every CPU second of the process lands in exactly one row."""
    child = leader.child
    rows: dict[str, tuple[float | None, float]] = {}
    if not child:
        return {"total (wait4)": (leader.seconds, leader.cpu_seconds)}
    threads: dict[str, float] = dict(child.get("threads", {}))
    counts: dict[str, int] = child.get("thread_counts", {})
    by_thread: dict[str, float] = {}
    stage_rows: dict[str, list[float]] = {}
    for cell in child.get("stages", []):
        name = f"{cell['stage']} · {cell['thread']}"
        acc = stage_rows.setdefault(name, [0.0, 0.0])
        acc[0] += cell["wall"]
        acc[1] += cell["cpu"]
        by_thread[cell["thread"]] = by_thread.get(cell["thread"], 0.0) + cell["cpu"]
        fn = f"db fn · {cell['function'].split('.')[-1]}"
        if cell["stage"] == "db":
            acc2 = rows.get(fn, (None, 0.0))
            rows[fn] = (None, acc2[1] + cell["cpu"])
    first = child.get("first_claim") or {}
    startup_cpu = 0.0
    if first.get("main_cpu") is not None:
        startup_cpu = first["main_cpu"] - first["main_stages_cpu"]
        # Exclusive, like every row: the stages that ran before the first claim are their own.
        wall = first["at"] - leader.t0 - first.get("main_stages_wall", 0.0)
        ordered = {"start-up · main": (wall, startup_cpu)}
    else:
        ordered = {}
    for stage in ("queueing", "render", "db", "build"):
        for name in sorted(stage_rows):
            if name.startswith(f"{stage} · "):
                wall, cpu = stage_rows.pop(name)
                ordered[name] = (wall, cpu)
    for name, (wall, cpu) in stage_rows.items():  # a stage this list does not know
        ordered[name] = (wall, cpu)
    smtp = sum(cpu for group, cpu in threads.items() if group == "sender")
    if "sender" in threads:
        n = counts.get("sender", 0)
        ordered[f"smtp · sender ×{n}"] = (None, smtp)
    for group in sorted(threads):
        if group == "sender":
            continue
        rest = threads[group] - by_thread.get(group, 0.0) - (startup_cpu if group == "main" else 0)
        ordered[f"other · {group}"] = (None, rest)
    ordered["not in a thread"] = (None, leader.cpu_seconds - sum(threads.values()))
    ordered["total (wait4)"] = (leader.seconds, leader.cpu_seconds)
    ordered.update(rows)  # the db detail, printed on its own line
    return ordered


# ---- output --------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def print_run(args: argparse.Namespace, run: dict[str, Any]) -> None:
    parts = [f"run {run['index']}/{args.repeat}"]
    if "newsletter_rate" in run:
        parts.append(
            f"newsletter {run['newsletter_rate']:,.0f}/s ({run['newsletter_seconds']:.2f} s)"
        )
    if "source_rate" in run:
        parts.append(f"smtp-source {run['source_rate']:,.0f}/s")
        parts.append(f"x{run['newsletter_rate'] / run['source_rate']:.2f}")
    if "ceiling_rate" in run:
        parts.append(f"ceiling {run['ceiling_rate']:,.0f}/s")
        parts.append(f"x{run['newsletter_rate'] / run['ceiling_rate']:.2f}")
    if run.get("sent"):
        cpu = sum(run["cpu_seconds"])
        parts.append(f"CPU {cpu / run['sent'] * 1e6:.0f} us/msg")
    if run.get("rss_mb"):
        parts.append(f"RSS {max(run['rss_mb']):.1f} MB")
    if run.get("tree_rss", {}).get("samples"):
        t = run["tree_rss"]
        parts.append(
            f"tree {t['peak']:.1f} MB (sender {t['sender']:.1f} + children {t['others']:.1f}"
            f" at {t['at']:.2f} s)"
        )
    if run.get("first_message") is not None:
        parts.append(f"first message {run['first_message']:.3f} s")
    if "peak_per_second" in run:
        parts.append(f"busiest second {run['peak_per_second']}")
    parts.append("ok" if not run["problems"] else "FAILED: " + "; ".join(run["problems"]))
    print(
        " | ".join(parts) + f"   (order: {', '.join(run['order'])}; load {run['load']:.1f})",
        flush=True,
    )


def print_summary(args: argparse.Namespace, f: dict[str, Any], runs: list[dict[str, Any]]) -> bool:
    print()
    print(
        f"commit {commit()}; {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.db}"
        f"{', DKIM ' + args.dkim if args.dkim else ''}; N {f['n']:,}; message "
        f"{f['message_bytes'] / 1024:.1f} KB; concurrency {args.concurrency}; "
        f"{args.workers} sending process{'es' if args.workers > 1 else ''}; "
        f"{'from source' if args.from_source else 'bytecode compiled first (as in the image)'}"
    )
    print(f"before: {f['load_before']}")
    print(f"after:  {f['load_after']}")
    busiest = max(r["load"] for r in runs)
    cores = os.cpu_count() or 1
    if busiest > cores:
        print(
            f"WARNING: the 1-minute load average reached {busiest:.1f} at the start of a run, "
            f"on {cores} CPUs: other work competed with these runs (the references suffer "
            "most, so the ratios swing); compare CPU per message, or run again when quieter"
        )
    if "import_csv_seconds" in f:
        t = f["import_csv_seconds"]
        print(f"import_csv {t:.2f} s ({f['n'] / t:,.0f} rows/s)")
    if "import_bulk_seconds" in f:
        t = f["import_bulk_seconds"]
        print(f"bulk load {t:.2f} s ({f['n'] / t:,.0f} rows/s)")

    def series(key: Callable[[dict[str, Any]], float | None]) -> list[float]:
        out = []
        for run in runs:
            with contextlib.suppress(KeyError, ZeroDivisionError, TypeError):
                value = key(run)
                if value is not None:
                    out.append(value)
        return out

    lines: list[tuple[str, list[float], str]] = [
        ("newsletter msg/s", series(lambda r: r["newsletter_rate"]), ",.0f"),
        ("smtp-source msg/s", series(lambda r: r["source_rate"]), ",.0f"),
        ("ceiling msg/s", series(lambda r: r["ceiling_rate"]), ",.0f"),
        (
            "newsletter / smtp-source",
            series(lambda r: r["newsletter_rate"] / r["source_rate"]),
            ".2f",
        ),
        ("newsletter / ceiling", series(lambda r: r["newsletter_rate"] / r["ceiling_rate"]), ".2f"),
        ("ceiling / smtp-source", series(lambda r: r["ceiling_rate"] / r["source_rate"]), ".2f"),
        (
            "sending alone msg/s",
            series(lambda r: r["sent"] / r["report_seconds"] if r["report_seconds"] else None),
            ",.0f",
        ),
        ("CPU us/msg (all)", series(lambda r: sum(r["cpu_seconds"]) / r["sent"] * 1e6), ".0f"),
        ("ceiling CPU us/msg", series(lambda r: r["ceiling_cpu"] / r["ceiling_sent"] * 1e6), ".0f"),
        (
            "smtp-source CPU us/msg",
            series(lambda r: r["source_cpu"] / r["source_sent"] * 1e6),
            ".0f",
        ),
        (
            "sink CPU us/msg, ours",
            series(lambda r: r["sink_cpu"] / r["sent"] * 1e6 if r["sink_cpu"] else None),
            ".0f",
        ),
        (
            "sink CPU us/msg, source",
            series(lambda r: r["source_sink_cpu"] / r["source_sent"] * 1e6),
            ".0f",
        ),
        (
            "sink CPU us/msg, ceiling",
            series(lambda r: r["ceiling_sink_cpu"] / r["ceiling_sent"] * 1e6),
            ".0f",
        ),
        ("peak RSS MB", series(lambda r: max(r["rss_mb"])), ".1f"),
        (
            "peak RSS of the tree MB",
            series(lambda r: r["tree_rss"]["peak"] if r["tree_rss"]["samples"] else None),
            ".1f",
        ),
        ("first message s", series(lambda r: r["first_message"]), ".3f"),
        ("first claim s", series(lambda r: r["first_claim"]), ".3f"),
        ("last message s", series(lambda r: r["last_message"]), ".3f"),
        (
            "last message -> exit s",
            series(lambda r: r["newsletter_seconds"] - r["last_message"]),
            ".3f",
        ),
    ]
    print(f"\n{'':<28}{'min':>10}{'median':>10}{'max':>10}   ({len(runs)} runs)")
    for label, values, spec in lines:
        if not values:
            continue
        low, mid, high = min(values), _median(values), max(values)
        print(f"{label:<28}{low:>10{spec}}{mid:>10{spec}}{high:>10{spec}}")

    print_floors(args, runs)
    print_stages(runs)
    last = runs[-1]
    if args.workers > 1 and last.get("by_worker"):
        print(f"sent per process (last run): {sorted(last['by_worker'].values(), reverse=True)}")
    for index, timing in enumerate(last.get("timings", [])):
        if timing:
            who = "leader" if index == 0 else f"worker {index}"
            split = ", ".join(f"{k} {v:.2f}s" for k, v in timing.items())
            print(
                f"DeliveryReport timings, {who} (last run): {split}  (smtp summed over connections)"
            )
    missing = sorted({h for r in runs for h in r.get("missing_hooks", [])})
    if missing:
        print(
            "WARNING: stage hooks not found (their time is in 'other · main'); update HOOKS in "
            f"bench/_child.py: {', '.join(missing)}"
        )

    failed = [(r["index"], p) for r in runs for p in r["problems"]]
    for run in runs:
        if "sent" in run:
            print(
                f"ledger run {run['index']}: sent {run['sent']}, skipped {run['skipped']}, "
                + ", ".join(f"{k} {v}" for k, v in run["owed"].items())
                + f"; sink received {run['received']}"
                + (f"; smtp-source {run['source_sent']}" if "source_sent" in run else "")
                + (f"; ceiling {run['ceiling_sent']}" if "ceiling_sent" in run else "")
                + f" -> {'intact' if not run['problems'] else 'FAILED'}"
            )
    if failed:
        for index, problem in failed:
            print(f"FAILED run {index}: {problem}", file=sys.stderr)
        print(
            f"FAILED: {len({i for i, _ in failed})} of {len(runs)} runs (what failed is above)",
            file=sys.stderr,
        )
        return False
    held = f", the rate cap held ({args.rate:g}/s)" if args.rate else ""
    print(f"check: ledger == sink == N ({f['n']:,}) in every run, references delivered N{held}: ok")
    return True


def print_floors(args: argparse.Namespace, runs: list[dict[str, Any]]) -> None:
    """Issue 12's floors beside the median (and the worst run), for one SQLite process."""
    if args.db != "sqlite" or args.workers != 1 or args.rate or args.profile or args.dkim:
        return
    checks: list[tuple[str, list[float], float, bool]] = []  # label, values, floor, at least?
    ratios = [r["newsletter_rate"] / r["source_rate"] for r in runs if r.get("source_rate")]
    if ratios and args.n >= 10_000:
        checks.append(("÷ smtp-source", ratios, 0.9 if args.n >= 100_000 else 0.8, True))
    cpu = [sum(r["cpu_seconds"]) / r["sent"] * 1e6 for r in runs if r.get("sent")]
    if cpu and args.n >= 100_000:
        checks.append(("CPU us/msg", cpu, 100.0, False))
    rss = [max(r["rss_mb"]) for r in runs if r.get("rss_mb")]
    if rss:
        checks.append(("peak RSS MB", rss, 100.0, False))
    tree = [r["tree_rss"]["peak"] for r in runs if r.get("tree_rss", {}).get("samples")]
    if tree:
        checks.append(("peak RSS of the tree MB", tree, 100.0, False))
    first = [r["first_message"] for r in runs if r.get("first_message") is not None]
    if first and args.n >= 100_000:
        checks.append(("first message s", first, 0.5, False))
    if not checks:
        return
    parts = []
    for label, values, floor, at_least in checks:
        mid = _median(values)
        worst = min(values) if at_least else max(values)
        held = (worst >= floor) if at_least else (worst <= floor)
        sign = ">=" if at_least else "<="
        parts.append(
            f"{label} {mid:.2f} (worst {worst:.2f}) {sign} {floor:g}: "
            + ("held" if held else "NOT YET")
        )
    print("issue 12 floors, median (worst run): " + "; ".join(parts))


def print_stages(runs: list[dict[str, Any]]) -> None:
    tables = [r["stages"] for r in runs if r.get("stages")]
    if not tables:
        return
    names: list[str] = []
    for table in tables:
        names += [n for n in table if n not in names]
    sent = _median([r["sent"] for r in runs if r.get("sent")] or [1]) or 1
    total_cpu = _median([t["total (wait4)"][1] for t in tables if "total (wait4)" in t]) or 1.0
    who = (
        "the leader (`newsletter send`)"
        if runs[0].get("by_worker", {}) and len(runs[0].get("rss_mb", [])) > 1
        else "the sending process"
    )
    print(
        f"\ntime split and CPU of {who} (median of {len(tables)} runs; "
        "CPU from each thread's own clock)"
    )
    print(f"{'stage · thread':<28}{'wall s':>8}{'CPU s':>8}{'us/msg':>8}{'share':>7}   what")
    details = []
    for name in names:
        if name.startswith("db fn · "):
            cpu = _median([t.get(name, (None, 0.0))[1] for t in tables])
            details.append((cpu, name.removeprefix("db fn · ")))
            continue
        walls = [t[name][0] for t in tables if name in t and t[name][0] is not None]
        cpu = _median([t.get(name, (None, 0.0))[1] for t in tables])
        wall = f"{_median(walls):>8.2f}" if walls else f"{'-':>8}"
        stage = name.split(" · ")[0]
        if stage == "other" and cpu < 0.005:
            continue  # an idle helper thread (stop-follower, lock-watch, first-connect)
        note = STAGE_NOTES.get(stage, "")
        if stage == "other":
            note = "the rest of this thread's CPU (waits, queues, logging)"
        elif name == "not in a thread":
            note = "total minus every thread: interpreter exit, child processes"
        elif name == "total (wait4)":
            note = "user + system of the process (wall: Popen to exit)"
        print(
            f"{name:<28}{wall}{cpu:>8.2f}{cpu / sent * 1e6:>8.0f}"
            f"{cpu / total_cpu * 100:>6.0f}%   {note}"
        )
    if details:
        details.sort(reverse=True)
        print(
            "db CPU by store call: "
            + ", ".join(f"{name} {cpu:.2f}s" for cpu, name in details[:8] if cpu >= 0.005)
        )


def print_profile(args: argparse.Namespace, path: Path) -> None:
    if not path.exists():
        print(f"no profile was written to {path}", file=sys.stderr)
        return
    print(f"\nprofile of the send ({args.profile}, every thread): {path}")
    if args.profile == "cprofile":
        import pstats

        print("top 25 by own CPU time (python -m pstats PATH, or snakeviz PATH, for more):")
        pstats.Stats(str(path)).sort_stats("tottime").print_stats(25)
    elif path.suffix not in (".svg", ".json"):
        summarise_stacks(path)


_LINE = re.compile(r":\d+\)$")


def summarise_stacks(path: Path, top: int = 25) -> None:
    """py-spy's collapsed stacks ("frame;frame;leaf count" per line; with --gil, only the thread
    holding the GIL is sampled, so samples are Python CPU, not waiting):
    the functions where the samples landed, and the newsletter function nearest each leaf."""
    from collections import Counter

    leaves: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_LINE.sub(")", f) for f in stack.split(";")]  # by function, not by line
        leaves[frames[-1]] += n
        mine = next((f for f in reversed(frames) if "newsletter/" in f), None)
        if mine:
            ours[mine] += n
    if not total:
        return
    print(f"{total} samples (250 a second, of the thread holding the GIL). Where they landed:")
    for frame, n in leaves.most_common(top):
        print(f"{n / total * 100:6.1f}%  {frame}")
    print("the newsletter function nearest each sample (its own time and the libraries under it):")
    for frame, n in ours.most_common(15):
        print(f"{n / total * 100:6.1f}%  {frame}")


if __name__ == "__main__":
    sys.exit(main())
