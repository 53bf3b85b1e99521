"""`newsletter review` and `newsletter operators`: the real command in a subprocess, a real SQLite
file, and the overrides followed into preview, send (the stored issue), the outbox and the archive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from newsletter.models import Classified, Region, Summary
from newsletter.review import MOVE, apply_overrides, item_key
from newsletter.store import Store
from newsletter.store import console as db
from newsletter.store.console import Override
from tests.cli_process import run_cli

DAY = "2026-11-26"


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(env, *args, input=stdin)


def open_store(env: dict[str, str]) -> Store:
    return Store.open(f"sqlite:///{Path(env['NEWSLETTER_DATA_DIR']) / 'newsletter.db'}")


def test_apply_overrides_moves_and_drops_and_says_who() -> None:
    a, b, c = (Summary(text=t) for t in ("Alpha story.", "Beta story.", "Gamma story."))
    classified = [Classified(s, Region.US, "lead subject X") for s in (a, b, c)]
    now = dt.datetime.now(dt.UTC)
    overrides = {
        item_key(b): Override(item_key(b), MOVE, "Japan", "Beta", "kim", now),
        item_key(c): Override(item_key(c), "drop", None, "Gamma", "kim", now),
    }
    out = apply_overrides(classified, overrides)
    assert [(i.summary.text, i.region) for i in out] == [
        ("Alpha story.", Region.US),
        ("Beta story.", Region.JAPAN),
    ]
    assert out[1].reason == "moved by kim (classifier: US, lead subject X)"
    # The key follows the story, not its position or its punctuation.
    assert item_key(Summary(text="beta  story")) == item_key(b)


def test_review_lists_changes_and_the_changes_reach_preview_send_and_archive(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    listed = run(cli_env, "review", "--date", DAY)
    assert listed.returncode == 0, listed.stderr
    lines = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [n for n, *_ in lines] == [str(i) for i in range(1, len(lines) + 1)]
    assert lines[1][1] == "US" and "마이크로소프트" in lines[1][3]
    assert all(len(line) == 4 for line in lines)

    moved = run(cli_env, "review", "--date", DAY, "--move", "2", "japan", "--as", "editor-kim")
    assert moved.returncode == 0, moved.stderr
    dropped = run(cli_env, "review", "--date", DAY, "--drop", "1")
    assert dropped.returncode == 0, dropped.stderr
    records = [
        json.loads(x)
        for x in run(cli_env, "review", "--date", DAY, "--json").stdout.split("\n")
        if x
    ]
    assert records[1]["region"] == "Japan" and records[1]["override"]["by"] == "editor-kim"
    assert records[1]["classifier"]["region"] == "US"
    assert records[0]["region"] is None and records[0]["dropped"] is True
    assert set(records[2]) >= {"number", "region", "reason", "headline"}

    out = tmp_path / "preview"
    assert run(cli_env, "preview", "--date", DAY, "--out", str(out)).returncode == 0
    text = (out / f"{DAY}.txt").read_text(encoding="utf-8")
    assert "미 연준" not in text  # dropped
    japan = text.index("일본")
    assert text.index("마이크로소프트") > japan  # filed under Japan

    with open_store(cli_env) as store:
        store.add_subscriber("reader@example.com")
    sent = run(cli_env, "send", "--date", DAY)
    assert sent.returncode == 0, sent.stderr
    with open_store(cli_env) as store:
        payload = store.load_issue(dt.date.fromisoformat(DAY))
        archived = store.archive_get(dt.date.fromisoformat(DAY))
        entries = db.audit_entries(store)
    assert payload is not None and archived is not None
    regions = {
        item["summary"]["title"]: section["region"]
        for section in payload["sections"]
        for item in section["items"]
    }
    assert regions["마이크로소프트, 기업용 AI 비서 요금제 출시"] == "Japan"
    assert "미 연준, 기준금리 동결…연내 인하 가능성은 열어둬" not in regions
    assert "미 연준" not in archived[1]
    eml = next((Path(cli_env["NEWSLETTER_DATA_DIR"]) / "outbox").rglob("*.eml"))
    body = message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",))
    assert "미 연준" not in body.get_content()
    assert [(e.action, e.actor, e.via) for e in entries][-2:] == [
        ("review.drop", entries[-2].actor, "cli"),
        ("review.move", "editor-kim", "cli"),
    ]

    # Once queued, a correction would not reach readers: refused, and it says how to redo it.
    late = run(cli_env, "review", "--date", DAY, "--move", "3", "Europe")
    assert late.returncode == 2
    assert "already sent" in late.stderr and "--force" in late.stderr
    assert "Traceback" not in late.stderr


def test_review_reset_puts_the_classifier_back(cli_env: dict[str, str]) -> None:
    assert run(cli_env, "review", "--date", DAY, "--move", "2", "Japan").returncode == 0
    assert run(cli_env, "review", "--date", DAY, "--drop", "4").returncode == 0
    one = run(cli_env, "review", "--date", DAY, "--reset", "2")
    assert one.returncode == 0 and one.stdout.splitlines()[1].split("\t")[1] == "US"
    assert one.stdout.splitlines()[3].split("\t")[1] == "dropped"
    every = run(cli_env, "review", "--date", DAY, "--reset")
    assert every.returncode == 0 and "dropped" not in every.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--move", "99", "US"), "has no item 99"),
        (("--move", "1", "Mars"), "unknown region 'Mars'"),
        (("--drop", "0"), "has no item 0"),
        (("--reset", "x"), "--reset 'x'"),
        (("--date", "2026-13-01"), "--date"),
    ],
)
def test_review_mistakes_are_one_line_and_exit_2(
    cli_env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    result = run(cli_env, "review", *(("--date", DAY) if "--date" not in args else ()), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_operator_names_are_unique_regardless_of_case(cli_env: dict[str, str]) -> None:
    """`editor` and `Editor` both existed: two accounts that read as one in the audit log."""
    assert (
        run(cli_env, "operators", "add", "editor", stdin="a long enough password\n").returncode == 0
    )
    again = run(cli_env, "operators", "add", "Editor", stdin="a long enough password\n")
    assert again.returncode == 2, again.stdout + again.stderr
    assert "exists already as editor" in again.stderr and "Traceback" not in again.stderr
    listing = run(cli_env, "operators", "list")
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == ["editor"]


def test_operators_add_list_passwd_remove(cli_env: dict[str, str], tmp_path: Path) -> None:
    added = run(cli_env, "operators", "add", "kim", stdin="a long enough password\n")
    assert added.returncode == 0, added.stderr
    assert "a long enough password" not in added.stdout + added.stderr
    again = run(cli_env, "operators", "add", "kim", stdin="a long enough password\n")
    assert again.returncode == 2 and "exists already" in again.stderr
    short = run(cli_env, "operators", "add", "lee", stdin="short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    bad_name = run(cli_env, "operators", "add", "kim lee", stdin="a long enough password\n")
    assert bad_name.returncode == 2 and "not usable" in bad_name.stderr
    secret = tmp_path / "pw"
    secret.write_text("from a file, long enough\n", encoding="utf-8")
    assert run(cli_env, "operators", "add", "lee", "--password-file", str(secret)).returncode == 0
    missing = run(cli_env, "operators", "add", "park", "--password-file", str(tmp_path / "no"))
    assert missing.returncode == 2 and "cannot read it" in missing.stderr
    listing = run(cli_env, "operators", "list")
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == ["kim", "lee"]
    with open_store(cli_env) as store:
        stored = db.get_password_hash(store, "lee")
        assert stored is not None and stored.startswith("$argon2id$")
        from newsletter.operators import verify

        assert verify(store, "lee", "from a file, long enough")
        assert not verify(store, "lee", "from a file, long enough!")
        assert not verify(store, "nobody", "from a file, long enough")
    assert (
        run(cli_env, "operators", "passwd", "kim", stdin="another long password\n").returncode == 0
    )
    assert run(cli_env, "operators", "remove", "lee").returncode == 0
    gone = run(cli_env, "operators", "remove", "lee")
    assert gone.returncode == 2 and "no operator lee" in gone.stderr
    with open_store(cli_env) as store:
        from newsletter.operators import verify

        assert verify(store, "kim", "another long password")
        assert [e.action for e in db.audit_entries(store)] == [
            "operator.remove",
            "operator.passwd",
            "operator.add",
            "operator.add",
        ]


def test_preview_on_a_fresh_machine_creates_no_database(cli_env: dict[str, str], tmp_path) -> None:
    env = dict(cli_env)
    result = run(env, "preview", "--date", DAY, "--out", str(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    assert not (Path(env["NEWSLETTER_DATA_DIR"]) / "newsletter.db").exists()
    assert os.listdir(tmp_path / "p")


def test_console_tables_on_every_database(db_store: Store) -> None:
    """The console's store functions on SQLite and (when given) PostgreSQL."""
    day = dt.date(2026, 11, 26)
    now = dt.datetime.now(dt.UTC)
    db.set_override(db_store, day, "k1", "move", "Japan", "Headline", "kim", now)
    db.set_override(db_store, day, "k1", "drop", None, "Headline", "lee", now)  # replaces
    db.set_override(db_store, day, "k2", "move", "US", "Other", "kim", now)
    db.set_override(db_store, day + dt.timedelta(days=1), "k1", "drop", None, "", "kim", now)
    found = db.overrides_for(db_store, day)
    assert {k: (o.action, o.region, o.actor) for k, o in found.items()} == {
        "k1": ("drop", None, "lee"),
        "k2": ("move", "US", "kim"),
    }
    assert db.clear_overrides(db_store, day, "k2") == 1
    assert db.clear_overrides(db_store, day) == 1
    assert db.overrides_for(db_store, day) == {}
    assert len(db.overrides_for(db_store, day + dt.timedelta(days=1))) == 1

    assert db.add_operator(db_store, "kim", "$argon2id$x")
    assert not db.add_operator(db_store, "kim", "$argon2id$y")
    db.create_session(db_store, "h" * 64, "kim", now)
    idle = dt.timedelta(minutes=30)
    assert db.touch_session(db_store, "h" * 64, idle, now + dt.timedelta(minutes=29)) == "kim"
    # The idle clock restarted at the touch above.
    assert db.touch_session(db_store, "h" * 64, idle, now + dt.timedelta(minutes=58)) == "kim"
    assert db.touch_session(db_store, "h" * 64, idle, now + dt.timedelta(minutes=90)) is None
    assert db.touch_session(db_store, "h" * 64, idle, now) is None  # deleted when it expired
    assert [name for name, *_ in db.list_operators(db_store)] == ["kim"]

    for minutes in (20, 10, 5, 1):
        db.record_failure(db_store, "kim", "10.0.0.1", now - dt.timedelta(minutes=minutes))
    db.record_failure(db_store, "lee", "10.0.0.2", now)
    since = now - dt.timedelta(minutes=15)
    assert db.recent_failures(db_store, "kim", "10.0.0.1", since) == (3, 3)
    assert db.recent_failures(db_store, "lee", "10.0.0.1", since) == (1, 3)

    db.audit(db_store, "kim", "console", "review.move", "item 1", day=day)
    db.audit(db_store, "kim", "cli", "operator.add", "lee")
    assert [e.action for e in db.audit_entries(db_store)] == ["operator.add", "review.move"]
    assert [e.action for e in db_store_day(db_store, day)] == ["review.move"]

    db_store.add_subscriber("Alice.Kim@Example.com", "Alice 100%")
    db_store.add_subscriber("bob@example.org", "Bob_x")
    assert len(db.search_subscribers(db_store, "alice.kim")) == 1
    assert len(db.search_subscribers(db_store, "100%")) == 1
    assert len(db.search_subscribers(db_store, "%")) == 1  # a literal percent, not a wildcard
    assert len(db.search_subscribers(db_store, "_")) == 1
    assert len(db.search_subscribers(db_store, "")) == 2


def db_store_day(store: Store, day: dt.date) -> list[db.AuditEntry]:
    return db.audit_entries(store, day=day)
