"""Revision 0006: the deliveries' (day, status, id) index becomes partial indexes, one a status
but 'sent' (issue 12, perf-db2). A database made at 0005 with rows in every status upgrades and
keeps its figures; and every query that finds delivery rows by status still has an index to
walk (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN with sequential scans priced out, which
shows that the planner can use a partial index for it, whatever the tiny table's statistics)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, event, insert, inspect

from newsletter.models import DeliveryStatus, Outcome, Region
from newsletter.store import Store, migrate
from newsletter.store.tables import deliveries, subscribers

T0 = dt.datetime(2025, 3, 1, 6, 0, tzinfo=dt.UTC)
DAY = dt.date(2025, 3, 1)
OTHER_DAY = dt.date(2025, 2, 28)
# Two rows of each status on DAY, one of each on the day before.
STATUSES = [s.value for s in DeliveryStatus]
PARTIAL = {
    "ix_deliveries_pending",
    "ix_deliveries_deferred",
    "ix_deliveries_rest",
}


def _make_at_0005(url: str) -> None:
    engine = create_engine(url)
    try:
        assert migrate.upgrade(engine, "0005") is True
        # The columns are the same at 0005 and at head: only the indexes differ.
        with engine.begin() as connection:
            sid = 0
            for day, copies in ((DAY, 2), (OTHER_DAY, 1)):
                for status in STATUSES:
                    for _ in range(copies):
                        sid += 1
                        email = f"r{sid}@example.com"
                        connection.execute(
                            insert(subscribers).values(
                                id=sid,
                                email=email,
                                email_key=email,
                                name="",
                                status="active",
                                regions="",
                                token_salt="salt",
                                bounce_count=0,
                                created_at=T0,
                                updated_at=T0,
                            )
                        )
                        sending = status == "sending"
                        connection.execute(
                            insert(deliveries).values(
                                day=day,
                                subscriber_id=sid,
                                email=email,
                                status=status,
                                lease_until=T0 if sending else None,
                                worker="w1" if sending else None,
                                code=550 if status == "failed" else None,
                                created_at=T0,
                                updated_at=T0,
                            )
                        )
    finally:
        engine.dispose()


@pytest.fixture
def upgraded(db_url: str) -> Iterator[Store]:
    _make_at_0005(db_url)
    store = Store.open(db_url)  # upgrades to head
    try:
        yield store
    finally:
        store.close()


def test_upgrade_from_0005_replaces_the_index_and_keeps_every_figure(upgraded: Store) -> None:
    store = upgraded
    with store.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        names = {ix["name"] for ix in inspect(connection).get_indexes("deliveries")}
    assert names >= PARTIAL
    assert "ix_deliveries_day_status_id" not in names
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":
            found = connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            ).all()
        else:
            found = connection.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'deliveries'"
            ).all()
    definitions = {name: sql for name, sql in found if name in PARTIAL}
    assert len(definitions) == len(PARTIAL)
    for name, sql in definitions.items():
        assert "WHERE" in sql.upper() and "status" in sql.split("WHERE")[-1], (name, sql)
    assert store.counts(DAY) == {status: 2 for status in STATUSES}
    assert store.counts(OTHER_DAY) == {status: 1 for status in STATUSES}
    assert store.has_pending(DAY)
    assert [f.status for f in store.failures(DAY)] == ["deferred"] * 2 + ["failed"] * 2 + [
        "unknown"
    ] * 2
    assert store.sending_workers(DAY) == ["w1"]
    # The run's reset finds the in-flight rows (lease lapsed) and requeues the unknown ones.
    reset = store.start_run(DAY, resend_unknown=True, now=T0 + dt.timedelta(hours=1))
    assert reset == {"recovered": 2, "requeued": 4, "deferred": 2}
    counts = store.counts(DAY)
    assert counts["sending"] == 0 and counts["unknown"] == 0 and counts["pending"] == 6
    # The claim walks pending, then deferred rows; a record makes them sent.
    claims = store.claim(
        DAY, worker="w2", limit=100, lease_seconds=60, max_tries=5, now=T0 + dt.timedelta(hours=1)
    )
    assert len(claims) == 8
    store.record(
        [(c.delivery_id, Outcome(DeliveryStatus.SENT, 250, "ok")) for c in claims],
        now=T0 + dt.timedelta(hours=1),
        worker="w2",
        backoff=10,
        bounce_limit=3,
    )
    assert store.counts(DAY)["sent"] == 10
    assert store.reset_failed(DAY) == 2
    assert store.counts(OTHER_DAY) == {status: 1 for status in STATUSES}


def test_downgrade_to_0005_restores_the_index(upgraded: Store) -> None:
    from alembic import command

    with upgraded.engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with upgraded.engine.connect() as connection:
        names = {ix["name"] for ix in inspect(connection).get_indexes("deliveries")}
    assert "ix_deliveries_day_status_id" in names
    assert not PARTIAL & names


@contextlib.contextmanager
def _statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def note(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "deliveries" in statement and not statement.lstrip().upper().startswith("INSERT"):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def _every_status_query(store: Store) -> None:
    now = T0 + dt.timedelta(hours=1)
    store.counts(DAY)
    store.failures(DAY)
    store.has_pending(DAY)
    store.next_retry_at(DAY, 5)
    store.sending_workers(DAY)
    store.owes_messages(DAY, frozenset(Region))
    store.give_back(DAY, "nobody", keep=())
    store.start_run(DAY, resend_unknown=True, now=now)
    store.reset_failed(DAY)
    from newsletter.store.console import bounces

    bounces(store, DAY)


def _plans_sqlite(store: Store, statements: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    plans = []
    with store.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        for statement, parameters in statements:
            rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append((statement, "\n".join(row[-1] for row in rows)))
    return plans


def _status_queries_and_a_claim(store: Store) -> list[tuple[str, Any]]:
    """The statements on deliveries of every status query, a claim and its record."""
    with _statements(store) as seen:
        _every_status_query(store)
        claims = store.claim(DAY, worker="w2", limit=10, lease_seconds=60, max_tries=5, now=T0)
        store.record(
            [(c.delivery_id, Outcome(DeliveryStatus.SENT, 250, "ok")) for c in claims],
            now=T0,
            worker="w2",
            backoff=10,
            bounce_limit=3,
        )
    return seen


def test_every_status_query_walks_an_index_on_sqlite(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    _make_at_0005(url)
    store = Store.open(url)
    try:
        seen = _status_queries_and_a_claim(store)
        # The claim and record run on the driver's cursor: their SQL is in ledger_sql.
        from newsletter.store import ledger_sql

        hot = [
            (ledger_sql._SQLITE_CLAIM_PENDING, (DAY.isoformat(), 0, 10)),
            (ledger_sql._SQLITE_CLAIM_DEFERRED, (DAY.isoformat(), 0, 5, "2025-03-01", 10)),
        ]
        plans = _plans_sqlite(store, seen + hot)
    finally:
        store.close()
    assert len(plans) >= 14
    for statement, plan in plans:
        where = f"{statement}\n--- plan:\n{plan}"
        for line in plan.splitlines():
            # No statement reads the whole table ...
            assert not line.startswith("SCAN d"), where
            # ... and only the day's total count walks the (day, subscriber_id) key.
            if "autoindex_deliveries" in line or "uq_deliveries" in line:
                assert "count(*)" in statement and "status" not in statement, where
            # A count by status reads index entries only, never a row (it runs at a run's
            # start, when a million rows of the day may be pending).
            if "count(*)" in statement and "status" in statement and "code" not in statement:
                assert "USING COVERING INDEX ix_deliveries_" in line, where
    text_of_all = "\n".join(plan for _, plan in plans)
    for name in PARTIAL:
        assert name in text_of_all


def test_every_status_query_can_use_a_partial_index_on_postgresql(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("EXPLAIN of PostgreSQL")
    _make_at_0005(db_url)
    store = Store.open(db_url)
    try:
        seen = _status_queries_and_a_claim(store)
        assert len(seen) >= 14
        with store.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cursor:
                cursor.execute("SET enable_seqscan = off")
                for statement, parameters in seen:
                    cursor.execute("EXPLAIN " + statement, parameters)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    assert "Seq Scan on deliveries" not in plan, f"{statement}\n{plan}"
            raw.rollback()
    finally:
        store.close()
