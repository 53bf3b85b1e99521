"""Operator names as a new user types them: any case finds the operator, in the CLI and at the
console's login; `operators list` remembers who was seen after they logged out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from newsletter.store import console as db
from tests.cli_process import run_cli
from tests.test_console import PASSWORD, Console, console_factory  # noqa: F401  (a fixture)

NEW = "another long password"


@pytest.fixture
def console(console_factory: Callable[..., Console]) -> Console:  # noqa: F811
    return console_factory()


def test_passwd_and_remove_find_the_operator_in_any_case(cli_env: dict[str, str]) -> None:
    # `operators add kim` was refused ("exists already as Kim"), yet `passwd kim` said
    # "no operator kim" and `remove KIM` failed the same way.
    assert run_cli(cli_env, "operators", "add", "Kim", input=PASSWORD + "\n").returncode == 0
    refused = run_cli(cli_env, "operators", "add", "kim", input=PASSWORD + "\n")
    assert refused.returncode == 2 and "exists already as Kim" in refused.stderr
    changed = run_cli(cli_env, "operators", "passwd", "kim", input=NEW + "\n")
    assert changed.returncode == 0, changed.stderr
    assert "password changed for Kim" in changed.stdout
    removed = run_cli(cli_env, "operators", "remove", "KIM")
    assert removed.returncode == 0, removed.stderr
    assert "removed operator Kim" in removed.stdout
    listed = run_cli(cli_env, "operators", "list")
    assert listed.returncode == 0 and "Kim" not in listed.stdout
    gone = run_cli(cli_env, "operators", "remove", "kim")
    assert gone.returncode == 2 and "no operator kim" in gone.stderr


def test_console_login_in_any_case_is_the_stored_operator(console: Console) -> None:
    client = console.client()
    reply = client.login("KIM", PASSWORD)
    assert reply.status == 303, reply.text
    assert client.get("/admin/today").status == 200
    entries = db.audit_entries(console.store)
    assert [(e.actor, e.action) for e in entries if e.action == "login"] == [("kim", "login")]


def test_failed_logins_count_per_operator_whatever_the_case(console: Console) -> None:
    for name in ("kim", "Kim", "KIM", "kIm", "kiM"):
        assert console.client().login(name, "not the password").status == 401
    since = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15)
    assert db.recent_failures(console.store, "KIM", "10.9.9.9", since) == (5, 0)
    assert console.client().login("kim", PASSWORD).status == 429


def test_operators_list_shows_when_an_operator_who_logged_out_was_last_seen(
    console: Console, cli_env: dict[str, str], tmp_path: Path
) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    kim = console.logged_in("kim")
    kim.post("/admin/logout", {"csrf": kim.csrf()})
    seen = {name: last for name, _, last in db.list_operators(console.store)}
    assert seen["lee"] is None
    assert seen["kim"] is not None and seen["kim"] >= before
    # The command line says so too, against the same database.
    env = {**cli_env, "NEWSLETTER_DATABASE_URL": console.settings.db_url}
    listed = run_cli(env, "operators", "list")
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if x.startswith("kim\t"))
    assert "last seen -" not in line and f"last seen {before.date()}" in line


def test_revision_0007_starts_last_seen_from_the_live_sessions(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    from newsletter.store import Store, migrate

    url = f"sqlite:///{tmp_path / 'at-0006.db'}"
    engine = create_engine(url)
    try:
        assert migrate.upgrade(engine, "0006") is True
        with engine.begin() as connection:
            for name in ("kim", "lee"):
                connection.execute(
                    text(
                        "INSERT INTO operators (name, password_hash, created_at, updated_at)"
                        " VALUES (:n, 'x', '2026-12-01 08:00:00', '2026-12-01 08:00:00')"
                    ),
                    {"n": name},
                )
            connection.execute(
                text(
                    "INSERT INTO operator_sessions (id_hash, operator, created_at, seen_at)"
                    " VALUES ('h', 'kim', '2026-12-04 09:00:00', '2026-12-04 09:30:00')"
                )
            )
    finally:
        engine.dispose()
    store = Store.open(url)
    try:
        seen = {name: last for name, _, last in db.list_operators(store)}
    finally:
        store.close()
    assert seen == {"kim": dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.UTC), "lee": None}


def test_no_password_on_standard_input_says_so(cli_env: dict[str, str], tmp_path: Path) -> None:
    # `operators add bob </dev/null` said "at least 10 characters".
    for given in ("", "\n"):
        result = run_cli(cli_env, "operators", "add", "bob", input=given)
        assert result.returncode == 2
        assert "standard input: no password was given" in result.stderr, result.stderr
        assert "at least" not in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = run_cli(cli_env, "operators", "add", "bob", "--password-file", str(empty))
    assert f"--password-file {empty}: no password was given" in result.stderr, result.stderr
    short = run_cli(cli_env, "operators", "add", "bob", input="short\n")
    assert "at least 10 characters" in short.stderr


def test_an_older_database_with_two_names_in_different_case_picks_the_exact_one(
    cli_env: dict[str, str],
) -> None:
    """Before names were unique regardless of case, `Kim` and `kim` could both be added. The
    lookup in any case took the first row: `kim` could not log in with their own password and
    `operators remove kim` removed Kim."""
    from newsletter.operators import hash_password, verify
    from newsletter.store import Store
    from newsletter.store.tables import operators

    assert run_cli(cli_env, "operators", "add", "Kim", input=PASSWORD + "\n").returncode == 0
    url = f"sqlite:///{cli_env['NEWSLETTER_DATA_DIR']}/newsletter.db"
    now = dt.datetime.now(dt.UTC)
    with Store.open(url) as store, store._write() as connection:
        connection.execute(operators.insert().values(
            name="kim", password_hash=hash_password(NEW), created_at=now, updated_at=now))
    with Store.open(url) as store:
        assert verify(store, "kim", NEW) == "kim"
        assert verify(store, "Kim", PASSWORD) == "Kim"
        assert verify(store, "KIM", PASSWORD) is None  # two could be meant: neither is guessed
    removed = run_cli(cli_env, "operators", "remove", "kim")
    assert removed.returncode == 0 and "removed operator kim" in removed.stdout, removed.stdout
    listed = run_cli(cli_env, "operators", "list")
    assert "Kim" in listed.stdout, listed.stdout
