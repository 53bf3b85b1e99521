"""The audit log holds every change made with the CLI (and every export, which takes personal
data out), as the console's audit page promises: the real command in a subprocess, real SQLite.
"""

from __future__ import annotations

from pathlib import Path

from newsletter.store import Store
from newsletter.store import console as db
from tests.cli_process import run_cli

SAMPLE = Path(__file__).resolve().parents[1] / "newsletter" / "sample"
DAY = "2025-02-11"


def _entries(env: dict[str, str]) -> list[db.AuditEntry]:
    store = Store.open(f"sqlite:///{Path(env['NEWSLETTER_DATA_DIR']) / 'newsletter.db'}")
    try:
        return list(reversed(db.audit_entries(store)))
    finally:
        store.close()


def test_every_cli_change_and_export_is_in_the_audit_log_with_the_os_user(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**cli_env, "LOGNAME": "op-kim", "USER": "op-kim"}

    def ok(*args: str) -> None:
        result = run_cli(env, *args)
        assert result.returncode == 0, result.stderr + result.stdout

    ok("subscribers", "import", str(SAMPLE / "subscribers.csv"))
    ok("subscribers", "add", "lee@example.org", "--name", "Lee")
    ok("subscribers", "add", "lee@example.org", "--regions", "Japan")
    ok("subscribers", "export", "--out", str(tmp_path / "all.csv"))
    ok("subscribers", "export", "--status", "active")  # to standard output
    store = Store.open(f"sqlite:///{Path(env['NEWSLETTER_DATA_DIR']) / 'newsletter.db'}")
    try:
        lee = store.find_subscriber("lee@example.org")
        assert lee is not None and store.unsubscribe(lee.id)
        lee_id = lee.id
    finally:
        store.close()
    ok("subscribers", "remove", "lee@example.org")
    ok("send", "--date", DAY, "--dry-run")  # builds, changes nothing: not a change
    ok("send", "--date", DAY)
    ok("send", "--date", DAY, "--resend-failed")
    ok("send", "--date", DAY, "--to", "me@example.com")
    ok("subscribers", "list")  # reads only

    entries = _entries(env)
    assert {(e.actor, e.via) for e in entries} == {("op-kim", "cli")}
    got = [(e.action, e.detail, str(e.day) if e.day else None) for e in entries]
    assert [a for a, _, _ in got] == [
        "subscriber.import",
        "subscriber.add",
        "subscriber.update",
        "subscriber.export",
        "subscriber.export",
        "subscriber.remove",
        "send",
        "resend failed",
        "test-send",
    ]
    assert got[0][1].startswith(f"{SAMPLE / 'subscribers.csv'}: 5 added")
    assert got[1][1] == got[2][1] == "lee@example.org"
    assert got[3][1] == f"to {tmp_path / 'all.csv'}: 6 subscribers"
    assert got[4][1] == "to standard output: 6 subscribers (active only)"
    # Erasure: the log keeps that it happened, not the address it erased.
    assert got[5][1] == (
        f"subscriber {lee_id}, address erased (was unsubscribed: the record of that is gone too)"
    )
    assert not any("lee@example.org" in d for _, d, _ in got[5:])
    assert got[6][1].startswith("sent 5, failed 0") and got[6][2] == DAY
    assert got[7][1].startswith(f"ended, exit 0: issue {DAY} was already sent: 5 sent")
    assert got[8][1] == "me@example.com" and got[8][2] == DAY


def test_bounces_process_is_in_the_audit_log(cli_env: dict[str, str], tmp_path: Path) -> None:
    env = {**cli_env, "LOGNAME": "op-lee", "USER": "op-lee"}
    empty = tmp_path / "bounces"
    for part in ("cur", "new", "tmp"):  # an empty Maildir
        (empty / part).mkdir(parents=True)
    result = run_cli(env, "bounces", "process", str(empty))
    assert result.returncode == 0, result.stderr
    [entry] = _entries(env)
    assert (entry.actor, entry.via, entry.action) == ("op-lee", "cli", "bounces.process")
    assert (
        entry.detail == f"{empty}: 0 messages: 0 hard, 0 soft, 0 complaint, 0 feedback, "
        "0 auto-reply, 0 unrecognised"
    )


def _break_the_audit_log(env: dict[str, str]) -> None:
    """The audit write fails as a locked or broken database makes it fail: a StoreError."""
    import sqlite3

    connection = sqlite3.connect(Path(env["NEWSLETTER_DATA_DIR"]) / "newsletter.db")
    try:
        connection.execute("ALTER TABLE audit_log RENAME TO audit_log_gone")
        connection.commit()
    finally:
        connection.close()


def test_a_failing_audit_write_changes_no_outcome_exit_code_or_report(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    # Found by review: with the write lock held after a send that worked, the only output
    # was "Error: database error ... locked", exit 2, and no report.
    first = run_cli(cli_env, "subscribers", "import", str(SAMPLE / "subscribers.csv"))
    assert first.returncode == 0, first.stderr
    _break_the_audit_log(cli_env)
    empty = tmp_path / "bounces"
    for part in ("cur", "new", "tmp"):
        (empty / part).mkdir(parents=True)
    cases = [
        (("send", "--date", DAY), 0, f"issue {DAY}: sent 5, failed 0"),
        (("send", "--date", DAY, "--to", "me@example.com"), 0, f"test send {DAY}: sent 1"),
        (("subscribers", "add", "ann@example.org"), 0, "added ann@example.org"),
        (("subscribers", "import", str(SAMPLE / "subscribers.csv")), 0, "0 added"),
        (("subscribers", "export", "--out", str(tmp_path / "all.csv")), 0, ""),
        (("subscribers", "remove", "ann@example.org"), 0, "removed ann@example.org"),
        (("bounces", "process", str(empty)), 0, "0 messages"),
    ]
    for args, code, wanted in cases:
        result = run_cli(cli_env, *args)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        assert wanted in result.stdout, (args, result.stdout)
        warnings = [
            line
            for line in result.stderr.splitlines()
            if line.startswith("warning: could not write the audit log: database error")
        ]
        assert len(warnings) == 1, (args, result.stderr)
        assert "Error:" not in result.stderr, (args, result.stderr)
