"""The store outside the ledger: opening and migrating, subscribers, CSV import, issues and
the archive, locks and heartbeats. Runs on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select

from newsletter.errors import StoreError, SubscriberError
from newsletter.models import Problem, Region, SubscriberStatus
from newsletter.store import Store, migrate
from newsletter.store.db import mask_url, one_line
from newsletter.store.tables import metadata, subscribers

T0 = dt.datetime(2025, 3, 1, 6, 0, tzinfo=dt.UTC)
DAY = dt.date(2025, 3, 1)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


def write_csv(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


# --------------------------------------------------------------------------- open, migrate


def test_open_creates_schema_at_head_and_parent_directory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'news.db'}"
    store = Store.open(url)
    try:
        assert (tmp_path / "deep" / "er" / "news.db").exists()
        assert store.dialect == "sqlite"
        with store.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_migrations_match_the_table_definitions(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_upgrade_keeps_data_and_is_a_no_op_when_current(db_url: str) -> None:
    store = Store.open(db_url)
    subscriber, _ = store.add_subscriber("keep@example.com", "Keep")
    store.save_archive(DAY, "Subject", "<p>html</p>", "text")
    assert migrate.upgrade(store.engine) is False  # nothing to do at head
    store.close()

    # Forcing alembic itself through the upgrade path again must not touch the data either.
    from alembic import command

    store = Store.open(db_url)
    with store.engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert store.find_subscriber("KEEP@example.com") == subscriber
    assert store.archive_get(DAY) == ("Subject", "<p>html</p>", "text")
    store.close()


def test_concurrent_first_open_migrates_once(db_url: str) -> None:
    errors: list[BaseException] = []
    stores: list[Store] = []

    def open_it() -> None:
        try:
            stores.append(Store.open(db_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(stores) == 4
    stores[0].add_subscriber("one@example.com")
    assert stores[3].find_subscriber("one@example.com") is not None
    for store in stores:
        store.close()


def test_open_errors_name_the_setting_and_hide_the_password(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Store.open(f"sqlite:///{blocker / 'sub' / 'news.db'}")
    assert "NEWSLETTER_DATABASE_URL" in str(info.value)

    with pytest.raises(StoreError) as info:
        Store.open("postgresql+psycopg://news:s3cret@127.0.0.1:1/news?connect_timeout=2")
    message = str(info.value)
    assert "s3cret" not in message and "***" in message
    assert "NEWSLETTER_DATABASE_URL" in message

    with pytest.raises(StoreError, match="only sqlite"):
        Store.open("mysql://user@localhost/db")
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("::not a url::")


def test_an_at_sign_in_the_password_is_refused_and_never_shown() -> None:
    url = "postgresql+psycopg://app:s3cret@PW99@127.0.0.1:1/db"
    assert mask_url(url) == "postgresql+psycopg://app:***@127.0.0.1:1/db"
    with pytest.raises(StoreError) as info:
        Store.open(url)
    message = str(info.value)
    assert "s3cret" not in message and "PW99" not in message
    assert "%40" in message and "NEWSLETTER_DATABASE_URL" in message
    # Escaped, the same password is an ordinary one (the connection is refused, port 1).
    with pytest.raises(StoreError) as info:
        Store.open("postgresql+psycopg://app:s3cret%40PW99@127.0.0.1:1/db?connect_timeout=2")
    assert "PW99" not in str(info.value) and "%40" not in str(info.value)
    assert mask_url("::not:a@url@x::") == "::not:a@url@x::"  # no scheme: nothing to parse


def test_a_driver_message_becomes_one_line_and_hints_the_given_setting(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store.open("postgresql+psycopg://news:s3cret@127.0.0.1:1/news?connect_timeout=2")
    assert "\n" not in str(info.value)
    assert str(info.value).endswith("check NEWSLETTER_DATABASE_URL")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Store.open(f"sqlite:///{blocker / 'news.db'}", hint_setting="NEWSLETTER_DATA_DIR")
    assert "check NEWSLETTER_DATA_DIR" in str(info.value)
    assert "DATABASE_URL" not in str(info.value)


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("connection refused\n\tIs the server running?", "connection refused"),
        ("\n  FATAL:  role  missing \n", "FATAL: role missing"),
        (
            "All failures were:\n- host: a: refused\n- host: b: refused",
            "All failures were: - host: a: refused",
        ),
    ],
)
def test_one_line(message: str, line: str) -> None:
    assert one_line(message) == line


def test_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open(f"sqlite:///{path}")


def test_ping(store: Store) -> None:
    store.ping()


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.beat("x", now=dt.datetime(2025, 1, 1, 7, 0))


# --------------------------------------------------------------------------- subscribers


def test_add_validates_and_normalises(store: Store) -> None:
    subscriber, created = store.add_subscriber(
        "  Ann.Lee@Example.COM ", " Ann   Lee ", frozenset({Region.JAPAN, Region.US})
    )
    assert created
    assert subscriber.email == "Ann.Lee@example.com"
    assert subscriber.name == "Ann Lee"
    assert subscriber.regions == {Region.US, Region.JAPAN}
    assert subscriber.status is SubscriberStatus.ACTIVE
    assert store.get_subscriber(subscriber.id) == subscriber
    with store.engine.connect() as connection:
        stored = connection.execute(select(subscribers.c.regions, subscribers.c.email_key)).one()
    assert tuple(stored) == ("US,Japan", "ann.lee@example.com")  # canonical order

    with pytest.raises(SubscriberError, match="not-an-address"):
        store.add_subscriber("not-an-address")
    with pytest.raises(SubscriberError, match="empty"):
        store.add_subscriber("   ")
    with pytest.raises(SubscriberError, match="control character"):
        store.add_subscriber("x@example.com", "Eve\x00")
    # A line break in a name can never reach a header: it is folded to a space.
    folded, _ = store.add_subscriber("y@example.com", "Eve\r\nBcc: all@example.com")
    assert folded.name == "Eve Bcc: all@example.com"


def test_duplicates_are_case_insensitive(store: Store) -> None:
    first, created = store.add_subscriber("dup@example.com", "First")
    again, created_again = store.add_subscriber("DUP@EXAMPLE.com")
    assert created and not created_again
    assert again.id == first.id and again.name == "First"  # no name given: kept
    renamed, _ = store.add_subscriber("Dup@Example.com", "Second", frozenset({Region.CHINA}))
    assert renamed.name == "Second" and renamed.regions == {Region.CHINA}
    counts = {"active": 1, "unsubscribed": 0, "bounced": 0, "complained": 0}
    assert store.count_subscribers() == counts
    assert store.find_subscriber("dUp@example.COM") == renamed


def test_explicit_add_reactivates_unless_told_not_to(store: Store) -> None:
    subscriber, _ = store.add_subscriber("back@example.com")
    assert store.unsubscribe(subscriber.id, now=T0)
    assert store.unsubscribe(subscriber.id, now=T0)  # idempotent
    assert store.get_subscriber(subscriber.id).status is SubscriberStatus.UNSUBSCRIBED

    kept, _ = store.add_subscriber("back@example.com", reactivate=False)
    assert kept.status is SubscriberStatus.UNSUBSCRIBED
    back, created = store.add_subscriber("back@example.com")
    assert not created and back.status is SubscriberStatus.ACTIVE
    assert store.get_subscriber(subscriber.id).status is SubscriberStatus.ACTIVE
    assert store.unsubscribe(999_999) is False


def test_token_salt_regions_and_remove(store: Store) -> None:
    one, _ = store.add_subscriber("one@example.com")
    two, _ = store.add_subscriber("two@example.com")
    salt_one, salt_two = store.token_salt(one.id), store.token_salt(two.id)
    assert salt_one and salt_two and salt_one != salt_two
    assert store.token_salt(123_456) is None

    assert store.set_regions(one.id, frozenset({Region.EUROPE, Region.OTHER}))
    assert store.get_subscriber(one.id).regions == {Region.EUROPE, Region.OTHER}
    assert store.set_regions(one.id, frozenset())
    assert store.get_subscriber(one.id).regions == frozenset()
    assert store.set_regions(123_456, frozenset()) is False

    assert store.set_token_salt(one.id, "fresh-salt-1")
    assert store.token_salt(one.id) == "fresh-salt-1"

    assert store.remove_subscriber("ONE@example.com")
    assert store.remove_subscriber("one@example.com") is False
    assert store.get_subscriber(one.id) is None
    # Ids are never reused, even for the highest one (SQLite AUTOINCREMENT).
    assert store.remove_subscriber("two@example.com")
    three, _ = store.add_subscriber("three@example.com")
    assert three.id > two.id


def test_iter_subscribers_streams_in_batches(store: Store) -> None:
    for number in range(25):
        store.add_subscriber(f"reader{number:02d}@example.com")
    gone = store.find_subscriber("reader07@example.com")
    store.unsubscribe(gone.id)

    selects: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "subscribers" in statement:
            selects.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        streamed = store.iter_subscribers(batch=10)
        first = next(streamed)
        assert len(selects) == 1  # one batch fetched, not the whole table
        # No transaction stays open between batches: a writer is not blocked meanwhile.
        late, _ = store.add_subscriber("zz-late@example.com")
        rest = list(streamed)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    everyone = [first, *rest]
    assert [s.id for s in everyone] == sorted(s.id for s in everyone)
    assert len(everyone) == 26 and everyone[-1] == late  # keyset paging sees the newcomer
    assert len(selects) == 3 + 1  # three batches of 10, plus the add's lookup

    active = list(store.iter_subscribers(SubscriberStatus.ACTIVE, batch=7))
    assert len(active) == 25 and gone.id not in {s.id for s in active}
    assert [s.email for s in store.iter_subscribers(SubscriberStatus.UNSUBSCRIBED)] == [
        "reader07@example.com"
    ]
    counts = {"active": 25, "unsubscribed": 1, "bounced": 0, "complained": 0}
    assert store.count_subscribers() == counts


# --------------------------------------------------------------------------- CSV import


def test_import_keeps_good_rows_and_reports_bad_ones_by_line(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        "\ufeffEmail, Name ,Regions\n"  # BOM and untidy header are fine
        'ann@example.com,Ann,"US,China"\n'
        "not-an-address,Bad,\n"
        "\n"
        'bob@example.com,"Bob\nSmith",Japan\n'  # a quoted line break: the row spans two lines
        "cat@example.com,Cat,Atlantis\n"
        "dan@example.com,Dan,Europe,extra\n"
        "eve@example.com\n",
    )
    report = store.import_csv(path)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (3, 0, 0, 0)
    where = [p.where for p in report.problems]
    assert where == [f"{path}:3", f"{path}:7", f"{path}:8"]
    assert "not-an-address" in report.problems[0].reason
    assert "Atlantis" in report.problems[1].reason
    assert "4 fields" in report.problems[2].reason

    bob = store.find_subscriber("bob@example.com")
    assert bob.name == "Bob Smith" and bob.regions == {Region.JAPAN}
    ann = store.find_subscriber("ann@example.com")
    assert ann.regions == {Region.US, Region.CHINA}
    eve = store.find_subscriber("eve@example.com")
    assert eve.name is None and eve.regions == frozenset()
    assert store.token_salt(eve.id)


def test_import_merges_duplicates_last_wins_and_reimport_is_idempotent(
    store: Store, tmp_path: Path
) -> None:
    lines = ["email,name,regions"]
    lines += [f"user{n:04d}@example.com,User {n},US" for n in range(2500)]
    lines.append("USER0001@example.com,Renamed,Japan")  # far from its first row: another chunk
    lines.append("user0002@example.com,Twice,")
    lines.append("user0002@example.com,Thrice,Other")
    path = write_csv(tmp_path / "big.csv", "\n".join(lines) + "\n")

    report = store.import_csv(path)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (2500, 0, 0, 0)
    assert report.problems == []  # an address given again is a note: the later row applied
    assert [p.where for p in report.notes] == [
        f"{path}:2502",
        f"{path}:2503",
        f"{path}:2504",
    ]
    assert "line 3" in report.notes[0].reason
    assert "line 2503" in report.notes[2].reason
    one = store.find_subscriber("user0001@example.com")
    assert (one.name, one.regions) == ("Renamed", {Region.JAPAN})
    two = store.find_subscriber("user0002@example.com")
    assert (two.name, two.regions) == ("Thrice", {Region.OTHER})

    again = store.import_csv(path)
    assert (again.added, again.updated, again.unchanged, again.skipped) == (0, 0, 2500, 0)
    assert store.count_subscribers()["active"] == 2500


def test_past_the_listing_cap_notes_and_problems_are_counted_each_on_their_own(
    store: Store, tmp_path: Path
) -> None:
    # 1,200 repeats of one address (1,199 notes) and 1,100 rows without an address.
    lines = ["email,name"] + ["kim@example.com,Kim"] * 1200 + ["not-an-address,X"] * 1100
    path = write_csv(tmp_path / "many.csv", "\n".join(lines) + "\n")

    report = store.import_csv(path)

    assert report.added == 1
    assert "1100 rows with problems" in report.summary(), report.summary()
    assert "1199 repeated (the later row applied)" in report.summary(), report.summary()
    assert report.notes[-1] == Problem(str(path), "199 more notes not listed")
    assert report.problems[-1] == Problem(str(path), "100 more problems not listed")


def test_import_never_reactivates_and_updates_changed_rows(store: Store, tmp_path: Path) -> None:
    left, _ = store.add_subscriber("left@example.com", "Left")
    store.unsubscribe(left.id)
    bounced, _ = store.add_subscriber("bounced@example.com")
    with store.engine.begin() as connection:
        connection.execute(
            subscribers.update().where(subscribers.c.id == bounced.id).values(status="bounced")
        )
    store.add_subscriber("stay@example.com", "Stay", frozenset({Region.US}))
    path = write_csv(
        tmp_path / "list.csv",
        "email,name,regions\n"
        "LEFT@example.com,Left Again,\n"
        "bounced@example.com,,\n"
        "stay@example.com,Stay,China\n"
        "new@example.com,,\n",
    )
    report = store.import_csv(path)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (1, 1, 0, 2)
    assert report.problems == []
    assert store.get_subscriber(left.id).status is SubscriberStatus.UNSUBSCRIBED
    assert store.get_subscriber(left.id).name == "Left"
    assert store.get_subscriber(bounced.id).status is SubscriberStatus.BOUNCED
    assert store.find_subscriber("stay@example.com").regions == {Region.CHINA}


def test_import_of_an_export_keeps_who_left_out_of_the_mailing(
    store: Store, tmp_path: Path
) -> None:
    # An export re-imported elsewhere brought every reader back active, the one who
    # complained and the one who unsubscribed included: the status column was ignored.
    from newsletter.consent_export import write_csv as export_csv

    for email in ("stay", "left", "spam", "gone"):
        store.add_subscriber(f"{email}@example.com", email.title())
    store.unsubscribe(store.find_subscriber("left@example.com").id)
    with store.engine.begin() as connection:
        for email, status in (("spam", "complained"), ("gone", "bounced")):
            connection.execute(
                subscribers.update()
                .where(subscribers.c.email == f"{email}@example.com")
                .values(status=status)
            )
    exported = tmp_path / "all.csv"
    with exported.open("w", encoding="utf-8", newline="") as handle:
        export_csv(store, handle)

    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        report = fresh.import_csv(exported)
        assert (report.added, report.suppressed, report.skipped) == (1, 3, 0)
        assert report.problems == []  # the consent columns are named once, not as rows
        assert "status" not in report.ignored_columns and "consent_at" in report.ignored_columns
        statuses = {
            e: fresh.find_subscriber(f"{e}@example.com").status.value
            for e in ("stay", "left", "spam", "gone")
        }
        assert statuses == {
            "stay": "active",
            "left": "unsubscribed",
            "spam": "complained",
            "gone": "bounced",
        }
        assert fresh.count_subscribers()["active"] == 1
        again = fresh.import_csv(exported)
        assert (again.added, again.suppressed, again.unchanged) == (0, 0, 4)
    finally:
        fresh.close()


def test_import_status_only_ever_keeps_readers_out(store: Store, tmp_path: Path) -> None:
    store.add_subscriber("active@example.com", "Active")
    store.add_subscriber("bounced@example.com")
    store.add_subscriber("spam@example.com")
    with store.engine.begin() as connection:
        for email, status in (("bounced", "bounced"), ("spam", "complained")):
            connection.execute(
                subscribers.update()
                .where(subscribers.c.email == f"{email}@example.com")
                .values(status=status)
            )
    path = write_csv(
        tmp_path / "list.csv",
        "email,status\n"
        "active@example.com,Unsubscribed\n"  # the file's opt-out is applied
        "bounced@example.com,complained\n"  # a stronger one too
        "spam@example.com,unsubscribed\n"  # a weaker one never softens a complaint
        "new@example.com,\n"  # empty: active
        "odd@example.com,pending\n",
    )
    report = store.import_csv(path)
    assert (report.added, report.suppressed, report.unchanged) == (1, 2, 1)
    assert [p.where for p in report.problems] == [f"{path}:6"]
    assert "'pending' unknown" in report.problems[0].reason
    active = store.find_subscriber("active@example.com")
    assert active.status is SubscriberStatus.UNSUBSCRIBED
    assert store.find_subscriber("bounced@example.com").status is SubscriberStatus.COMPLAINED
    assert store.find_subscriber("spam@example.com").status is SubscriberStatus.COMPLAINED
    assert store.find_subscriber("new@example.com").status is SubscriberStatus.ACTIVE
    assert store.find_subscriber("odd@example.com") is None


def test_import_without_optional_columns_keeps_stored_values(store: Store, tmp_path: Path) -> None:
    store.add_subscriber("kim@example.com", "Kim", frozenset({Region.EUROPE}))
    path = write_csv(
        tmp_path / "emails.csv", "email,source\nkim@example.com,web\nlee@example.com,x\n"
    )
    report = store.import_csv(path)
    assert (report.added, report.updated, report.unchanged) == (1, 0, 1)
    assert report.problems == [] and report.ignored_columns == ["source"]  # a column, not a row
    kim = store.find_subscriber("kim@example.com")
    assert (kim.name, kim.regions) == ("Kim", {Region.EUROPE})


def test_import_refuses_unusable_files(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SubscriberError, match="cannot read"):
        store.import_csv(tmp_path / "missing.csv")
    with pytest.raises(SubscriberError, match="no 'email' column"):
        store.import_csv(write_csv(tmp_path / "noheader.csv", "ann@example.com,Ann,US\n"))
    with pytest.raises(SubscriberError, match="empty"):
        store.import_csv(write_csv(tmp_path / "empty.csv", ""))
    latin = write_csv(
        tmp_path / "latin1.csv", "email,name\nok@example.com,Ok\nx@example.com,Jos\xe9\n", "latin-1"
    )
    with pytest.raises(SubscriberError, match=r"latin1.csv:3: not UTF-8.*nothing was imported"):
        store.import_csv(latin)
    assert store.find_subscriber("ok@example.com") is None  # all or nothing on a broken file


def test_import_names_a_quote_that_never_closes_and_keeps_the_other_rows(
    store: Store, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "q.csv",
        'email,name,regions\na@example.com,A,US\n"b@example.com,B,US\nc@example.com,C,US\n',
    )
    report = store.import_csv(path)
    assert report.added == 2
    assert [str(p) for p in report.problems] == [
        f"{path}:3: a quote opened on this line is never closed: unclosed quote?"
        " This row was not imported"
    ]
    assert store.find_subscriber("c@example.com") is not None
    # Each line is read on its own: a quote closed lines later names both lines.
    path = write_csv(
        tmp_path / "q2.csv",
        'email,name\n"d@example.com,D\ne@example.com,"E\nf@example.com,F\n',
    )
    report = store.import_csv(path)
    assert report.added == 1 and store.find_subscriber("f@example.com") is not None
    assert [p.where for p in report.problems] == [f"{path}:2", f"{path}:3"]
    assert "closes only on line 3" in report.problems[0].reason
    assert "never closed" in report.problems[1].reason
    with pytest.raises(SubscriberError, match=r"h.csv:1: a quote .* never closed"):
        store.import_csv(write_csv(tmp_path / "h.csv", '"email,name\nx@example.com,X\n'))


def test_import_an_unclosed_quote_loses_no_row_after_it(store: Store, tmp_path: Path) -> None:
    # A CSV reader read lines 2-4 as one row: "2 added, 0 problems", b and c never imported,
    # a named 'Kim, A,US b@example.com,B,US c@example.com,C"'.
    path = write_csv(
        tmp_path / "q.csv",
        "email,name,regions\n"
        'a@example.com,"Kim, A,US\n'
        "b@example.com,B,US\n"
        'c@example.com,"C",Japan\n'
        "d@example.com,D,\n",
    )
    report = store.import_csv(path)
    assert [str(p) for p in report.problems] == [
        f"{path}:2: a quote opened on this line closes only on line 4: unclosed quote?"
        " This row was not imported; the lines after it were read as rows"
    ]
    assert report.added == 3
    assert store.find_subscriber("a@example.com") is None
    assert store.find_subscriber("b@example.com").name == "B"
    assert store.find_subscriber("c@example.com").regions == {Region.JAPAN}


def test_import_reads_a_multi_line_cell_as_one_row(store: Store, tmp_path: Path) -> None:
    # Excel's Alt+Enter in a notes column: a quote that closes lines later, the record as wide
    # as the header. One-line reading skipped kim@ and imported line 3 as a reader.
    path = write_csv(
        tmp_path / "notes.csv",
        "email,name,regions,notes\n"
        'kim@example.com,Kim,,"Wants it at work from May:\n'
        "kim.work@example.com\n"
        'see ticket 42"\n'
        'lee@example.com,"Lee\r\nMin",,\n',
    )
    report = store.import_csv(path)
    assert report.problems == [] and report.added == 2
    assert store.find_subscriber("kim.work@example.com") is None
    assert store.find_subscriber("kim@example.com").name == "Kim"
    assert store.find_subscriber("lee@example.com").name == "Lee Min"  # names go into headers
    # The same cell with the record wider than the header is an unclosed quote, line by line.
    path = write_csv(
        tmp_path / "wide.csv",
        'email,name,regions\nmay@example.com,"May\nLee",US,x,y\nnoh@example.com,Noh,\n',
    )
    report = store.import_csv(path)
    assert [p.where for p in report.problems] == [f"{path}:2", f"{path}:3"]  # 3: 'Lee",US,x,y'
    assert "closes only on line 3" in report.problems[0].reason
    assert store.find_subscriber("may@example.com") is None
    assert store.find_subscriber("noh@example.com") is not None


def test_import_a_duplicate_never_makes_a_left_reader_active(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dup.csv",
        "email,name,regions,status\n"
        "left@example.com,Left,,unsubscribed\n"
        "ok@example.com,Ok,,\n"
        "left@example.com,Left again,,\n"
        "gone@example.com,Gone,,bounced\n"
        "gone@example.com,Gone,,complained\n",
    )
    report = store.import_csv(path)
    assert (report.added, report.suppressed) == (1, 2)
    left = store.find_subscriber("left@example.com")
    assert left.status == SubscriberStatus.UNSUBSCRIBED and left.name == "Left again"
    assert store.find_subscriber("gone@example.com").status == SubscriberStatus.COMPLAINED
    assert report.problems == []
    assert [p.where for p in report.notes] == [f"{path}:4", f"{path}:6"]
    assert "unsubscribed" in report.notes[0].reason
    assert "stays" in report.notes[0].reason
    assert "stays" not in report.notes[1].reason  # the later, stronger status simply wins


def test_import_recognises_spreadsheet_exports(store: Store, tmp_path: Path) -> None:
    import zipfile

    book = tmp_path / "readers.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(SubscriberError, match="Excel workbook") as info:
        store.import_csv(book)
    assert "CSV UTF-8" in str(info.value)
    old_xls = write_csv(tmp_path / "old.xls", "")
    old_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(SubscriberError, match="Excel workbook"):
        store.import_csv(old_xls)
    utf16 = write_csv(tmp_path / "u16.csv", "email\nkim@example.com\n", "utf-16")
    with pytest.raises(SubscriberError, match="UTF-16"):
        store.import_csv(utf16)
    korean = write_csv(tmp_path / "my readers.csv", "email,name\nkim@example.com,김민지\n", "cp949")
    with pytest.raises(SubscriberError) as info:
        store.import_csv(korean)
    assert "CP949" in str(info.value)
    assert f"iconv -f cp949 -t utf-8 '{korean}' > '{tmp_path / 'my readers.utf8.csv'}'" in str(
        info.value
    )
    assert store.find_subscriber("kim@example.com") is None


def test_import_of_an_english_csv_with_a_word_apostrophe_is_not_called_cp949(
    store: Store, tmp_path: Path
) -> None:
    # "O\x92Brien" reads as CP949 (a rare UHC syllable) but is Windows-1252, not Korean.
    path = tmp_path / "readers.csv"
    path.write_bytes(b"email,name\nob@example.com,Pat O\x92Brien\n")
    with pytest.raises(SubscriberError) as info:
        store.import_csv(path)
    assert "not UTF-8" in str(info.value)
    assert "CP949" not in f"{info.value} {info.value.hint}"


# --------------------------------------------------------------------------- issues, archive


def test_issue_payload_state_and_archive(store: Store) -> None:
    assert store.load_issue(DAY) is None and store.issue_state(DAY) is None
    payload = {"day": "2025-03-01", "sections": [{"region": "US", "items": ["한국어 텍스트"]}]}
    store.save_issue(DAY, payload, "Morning brief")
    assert store.load_issue(DAY) == payload
    store.save_issue(DAY, {"v": 2}, "Morning brief v2")  # overwrite allowed
    assert store.load_issue(DAY) == {"v": 2}
    assert store.issue_subject(DAY) == "Morning brief v2"
    store.mark_issue(DAY, "sending", now=T0)
    assert store.issue_state(DAY) == "sending"
    store.mark_issue(DAY, "done")
    assert store.issue_state(DAY) == "done"
    with pytest.raises(ValueError):
        store.mark_issue(DAY, "weird")

    other = DAY - dt.timedelta(days=1)
    store.mark_issue(other, "done")  # a state without a saved issue is allowed
    assert store.load_issue(other) is None

    store.save_archive(other, "Yesterday", "<p>y</p>", "y")
    store.save_archive(DAY, "Today", "<p>t</p>", "t")
    store.save_archive(DAY, "Today!", "<p>t2</p>", "t2")
    assert store.archive_list() == [(DAY, "Today!"), (other, "Yesterday")]
    assert store.archive_list(limit=1) == [(DAY, "Today!")]
    assert store.archive_get(DAY) == ("Today!", "<p>t2</p>", "t2")
    assert store.archive_get(DAY + dt.timedelta(days=5)) is None
    assert store.days() == [DAY, other]

    store.delete_issue(DAY)
    assert store.load_issue(DAY) is None and store.archive_get(DAY) is None
    assert store.days() == [other]


# --------------------------------------------------------------------------- locks, heartbeats


def test_lock_acquire_contend_expire_refresh_release(store: Store) -> None:
    name = "issue:2025-03-01"
    assert store.acquire_lock(name, "cli-1", ttl=60, now=T0)
    assert store.lock_info(name) == ("cli-1", T0 + dt.timedelta(seconds=60))
    assert not store.acquire_lock(name, "scheduler", ttl=60, now=T0 + dt.timedelta(seconds=30))
    assert store.acquire_lock(name, "cli-1", ttl=60, now=T0 + dt.timedelta(seconds=30))  # ours
    assert store.refresh_lock(name, "cli-1", ttl=60, now=T0 + dt.timedelta(seconds=50))
    assert not store.refresh_lock(name, "scheduler", ttl=60, now=T0)
    # cli-1 dies; after expiry the scheduler takes over and cli-1 learns it lost the lock.
    later = T0 + dt.timedelta(seconds=111)
    assert store.acquire_lock(name, "scheduler", ttl=60, now=later)
    assert not store.refresh_lock(name, "cli-1", ttl=60, now=later)
    store.release_lock(name, "cli-1")  # not the holder: no effect
    assert store.lock_info(name)[0] == "scheduler"
    store.release_lock(name, "scheduler")
    assert store.lock_info(name) is None
    assert store.acquire_lock(name, "cli-2", ttl=60, now=later)
    assert store.acquire_lock("issue:other", "cli-1", ttl=60, now=later)  # names independent


def test_lock_is_taken_by_exactly_one_of_many(db_url: str) -> None:
    stores = [Store.open(db_url) for _ in range(2)]
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def contend(number: int) -> None:
        barrier.wait()
        results.append(stores[number % 2].acquire_lock("issue:x", f"holder-{number}", 60))

    threads = [threading.Thread(target=contend, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    for store in stores:
        store.close()


def test_heartbeat(store: Store) -> None:
    assert store.last_beat("scheduler") is None
    store.beat("scheduler", "next run 07:00", now=T0)
    store.beat("scheduler", "idle", now=T0 + dt.timedelta(minutes=1))
    assert store.last_beat("scheduler") == (T0 + dt.timedelta(minutes=1), "idle")
    store.beat("web")
    beat_at, info = store.last_beat("web")
    assert info == "" and beat_at.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - beat_at).total_seconds()) < 3600
