"""kill -9 during migration 0006 (the attack helper's script, not a test).

A database at 0005 with a day of N deliveries in every status (a run interrupted mid-send) is
opened by a child process (`Store.open`, which upgrades), killed -9 after a random delay; then
the schema must be one revision's whole (0005 with its index, or head with the partial ones,
never a mix), a second open must migrate at once, and every figure must be the same.

    python bench/attack_migrate.py --rows 1000000 --trials 12            # SQLite
    python bench/attack_migrate.py --rows 300000 --trials 8 --pg         # shared PostgreSQL

Anything that breaks a promise is printed with "DEFECT" at the start of its line.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, inspect, text  # noqa: E402

from newsletter.store import Store, migrate  # noqa: E402

DAY = dt.date(2025, 3, 1)
STATUSES = ["pending", "sending", "sent", "deferred", "failed", "unknown", "skipped"]
OLD_INDEX = "ix_deliveries_day_status_id"
PARTIAL = {"ix_deliveries_pending", "ix_deliveries_deferred", "ix_deliveries_rest"}
_SCHEMAS: list[str] = []


def fill(url: str, rows: int) -> None:
    """Schema 0005, `rows` deliveries of DAY: mostly sent, the rest spread over the others."""
    engine = create_engine(url)
    migrate.upgrade(engine, "0005")
    # Status by id: 9 in 10 sent, then one of the other six in turn.
    status_sql = (
        "CASE WHEN n % 10 <> 0 THEN 'sent' ELSE "
        + "CASE (n / 10) % 6 "
        + " ".join(f"WHEN {i} THEN '{s}'" for i, s in enumerate(s for s in STATUSES if s != "sent"))
        + " END END"
    )
    if engine.dialect.name == "sqlite":
        series = "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < :rows)"
        source = "FROM g"
    else:
        series = ""
        source = "FROM generate_series(1, :rows) AS g(n)"
    with engine.begin() as connection:
        connection.execute(
            text(
                f"{series} INSERT INTO deliveries (day, subscriber_id, email, status, worker, "
                "lease_until, attempts, tries, requeued, detail, created_at, updated_at) "
                f"SELECT :day, n, 'r' || n || '@example.com', {status_sql}, 'w1', :t, 0, 0, 0, '', "
                f":t, :t {source}"
            ),
            {"rows": rows, "day": DAY, "t": dt.datetime(2025, 3, 1, 6, tzinfo=dt.UTC)},
        )
    engine.dispose()


def shape(url: str) -> tuple[str | None, set[str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            revision = migrate.current_revision(connection)
            names = {ix["name"] for ix in inspect(connection).get_indexes("deliveries")}
    finally:
        engine.dispose()
    return revision, names


def pg_schema_url(base: str) -> str:
    from sqlalchemy.engine import make_url

    schema = f"attack_{uuid.uuid4().hex[:12]}"
    with create_engine(base).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    if not _SCHEMAS:
        atexit.register(_drop, base)
    _SCHEMAS.append(schema)
    return (
        make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


def _drop(base: str) -> None:
    with create_engine(base).begin() as connection:
        for schema in _SCHEMAS:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def downgrade(url: str) -> None:
    from alembic import command

    engine = create_engine(url)
    with engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    engine.dispose()


def opener(url: str) -> subprocess.Popen[bytes]:
    code = "import sys; from newsletter.store import Store; Store.open(sys.argv[1]).close()"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", code, url], env=env, start_new_session=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="attack-migrate-"))
    if args.pg:
        base = os.environ.get(
            "NEWSLETTER_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
        url = pg_schema_url(base)
        fill(url, args.rows)
    else:
        template = tmp / "template.db"
        fill(f"sqlite:///{template}", args.rows)
        url = f"sqlite:///{tmp / 'trial.db'}"

    def fresh() -> None:
        if args.pg:
            if shape(url)[0] != "0005":
                downgrade(url)
        else:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{tmp / 'trial.db'}{suffix}").unlink(missing_ok=True)
            shutil.copy(template, tmp / "trial.db")

    fresh()
    Store.open(url).close()  # warm the caches: the timed open below is the child's
    started = time.monotonic()
    fresh()
    whole = opener(url)
    whole.wait()
    took = time.monotonic() - started
    expected = Store.open(url)
    want = expected.counts(DAY)
    expected.close()
    print(f"rows={args.rows} an open that migrates takes {took:.2f}s; counts {want}", flush=True)
    broken = 0
    for trial in range(args.trials):
        fresh()
        delay = rng.uniform(0.0, took * 1.1)
        child = opener(url)
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
        code = child.wait()
        revision, names = shape(url)
        problems = []
        whole_old = revision == "0005" and OLD_INDEX in names and not PARTIAL & names
        whole_new = (
            revision == migrate.head_revision() and names >= PARTIAL and OLD_INDEX not in names
        )
        if not (whole_old or whole_new):
            problems.append(f"half a migration: revision {revision}, indexes {sorted(names)}")
        reopened = time.monotonic()
        try:
            store = Store.open(url)
            try:
                got = store.counts(DAY)
            finally:
                store.close()
            if got != want:
                problems.append(f"counts {got} != {want}")
        except Exception as exc:  # the finding is what the operator would see
            problems.append(f"reopen failed: {type(exc).__name__}: {str(exc)[:300]}")
        again = time.monotonic() - reopened
        print(
            f"trial={trial} delay={delay:.2f}s exit={code} after-kill={revision} "
            f"reopen {again:.2f}s",
            flush=True,
        )
        for problem in problems:
            print(f"DEFECT trial={trial}: {problem}", flush=True)
        broken += bool(problems)
    print(f"{broken} of {args.trials} trials broke a promise")


if __name__ == "__main__":
    main()
