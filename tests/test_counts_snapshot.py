"""counts() is one moment's figures on both databases (attack22).

Since migration 0006 counts() reads the day's total and then each status but 'sent' by a
statement of its own, and 'sent' is the total less the others. On PostgreSQL's default READ
COMMITTED each statement sees its own snapshot, so rows that move while the statements run are
counted twice or not at all: a claim between the 'pending' and the 'sending' count made `status`
and the metrics report fewer sent than were (here 0 of 2; at a run's start, with a million rows
moving, a negative figure)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, text

from newsletter.store import Store
from tests.test_migrate_partial_indexes import DAY, STATUSES, _make_at_0005


@contextmanager
def rows_moved_after(
    db_url: str, *, statement_has: tuple[str, ...], move: str
) -> Iterator[tuple[Store, list[bool]]]:
    """A store at 0005's rows whose first statement containing every `statement_has` is
    followed, on another connection, by `move` (an UPDATE of the day's rows): another worker
    acting between two of the store's statements. Yields the store and whether it fired."""
    _make_at_0005(db_url)
    store = Store.open(db_url)
    other = create_engine(db_url)
    fired: list[bool] = []

    def move_rows(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if fired or not all(part in statement for part in statement_has):
            return
        fired.append(True)
        with other.begin() as connection:
            connection.execute(text(move), {"day": DAY})

    try:
        event.listen(store.engine, "after_cursor_execute", move_rows)
        try:
            yield store, fired
        finally:
            event.remove(store.engine, "after_cursor_execute", move_rows)
    finally:
        other.dispose()
        store.close()


def test_counts_are_one_moments_while_a_claim_commits_between_its_statements(
    db_url: str,
) -> None:
    # Another worker claims the day's pending rows just after counts() counted them.
    with rows_moved_after(
        db_url,
        statement_has=("count(", "'pending'"),
        move="UPDATE deliveries SET status = 'sending' WHERE day = :day AND status = 'pending'",
    ) as (store, fired):
        seen = store.counts(DAY)
        after_all = store.counts(DAY)
    before = {status: 2 for status in STATUSES}
    after = {**before, "pending": 0, "sending": 4}
    assert fired
    assert after_all == after
    # Either moment's figures, never a mix (sent 0 here, of 2 sent all along).
    assert seen in (before, after), seen


def test_owes_messages_sees_a_row_requeued_between_its_statements(db_url: str) -> None:
    """owes_messages() asks pending, deferred, unknown one statement each (0006); a reset that
    requeues 'unknown' rows to 'pending' between the first and the last made it answer that the
    day owes nothing (job.run then takes no relay connection before its first claim)."""
    from newsletter.models import Region

    with rows_moved_after(
        db_url,
        statement_has=("'pending'", "subscribers"),
        move="UPDATE deliveries SET status = 'pending' WHERE day = :day AND status = 'unknown'",
    ) as (store, fired):
        # The day owes only its 'unknown' rows (this UPDATE is no probe: it names no subscribers).
        with store.engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE deliveries SET status = 'sent'"
                    " WHERE day = :day AND status IN ('pending', 'deferred')"
                ),
                {"day": DAY},
            )
        owed = store.owes_messages(DAY, frozenset(Region))
        assert fired
        assert store.owes_messages(DAY, frozenset(Region))
    # Owed before the requeue (unknown) and after it (pending): owed at every moment.
    assert owed


def test_failures_list_every_troubled_row_while_rows_move_between_its_statements(
    db_url: str,
) -> None:
    """failures() reads failed, deferred and unknown rows one statement each (0006); rows that
    a run's last try turned deferred -> failed between the first two were in neither list (the
    console's and `status`'s list of troubled readers left them out)."""
    with rows_moved_after(
        db_url,
        statement_has=("'failed'", "detail"),
        move="UPDATE deliveries SET status = 'failed' WHERE day = :day AND status = 'deferred'",
    ) as (store, fired):
        seen = [(row.email, row.status) for row in store.failures(DAY)]
    assert fired
    emails = [email for email, _ in seen]
    assert len(emails) == len(set(emails)) == 6, seen
