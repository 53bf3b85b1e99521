"""Mail that only reaches the outbox must never read as delivered (no NEWSLETTER_SMTP__HOST: a
lost environment, or a .env line missing its '='). Every command and page that sends says
where the files went, that nothing left the machine, and which setting to set."""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from newsletter.schedule import run_scheduler
from newsletter.settings import Settings
from tests.cli_process import run_cli
from tests.smtp_server import SmtpServer
from tests.test_operator_errors import DAY, add_readers, assert_clean, assert_error, run, smtp_env


def run_in(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI run from `folder`, where it reads a `.env` file (run() runs from the repo)."""
    return run_cli(env, *args, cwd=folder, timeout=60)


def test_send_to_the_outbox_says_so_and_a_later_smtp_send_is_told_why(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com", "lee@example.com")
    outbox = Path(cli_env["NEWSLETTER_DATA_DIR"]) / "outbox" / DAY
    for args in (("send", "--date", DAY, "--to", "me@example.com"), ("send", "--date", DAY)):
        result = run(cli_env, *args)
        assert_clean(result)
        assert result.returncode == 0, result.stderr
        note = next(line for line in result.stdout.splitlines() if line.startswith("note:"))
        assert str(outbox) in note and "leave no machine" in note, note
        assert "NEWSLETTER_SMTP__HOST" in note, note

    status = run(cli_env, "status", "--date", DAY)
    assert status.returncode == 0, status.stderr
    # The 2 and the --to test's 1 [TEST] copy, counted apart (not "3" next to "sent 2"),
    # in the singular (it said "1 [TEST] copies").
    assert (
        f"2 messages written (and 1 [TEST] copy, test-*.eml) to {outbox}, not mailed"
        in status.stdout
    ), status.stdout

    with SmtpServer() as server:
        relay = smtp_env(cli_env, server.port)
        again = run(relay, "send", "--date", DAY)
        assert again.returncode == 0, again.stderr
        assert "nothing to do" in again.stdout and str(outbox) in again.stdout, again.stdout
        assert "--force" in again.stdout
        assert "note:" not in again.stdout
        forced = run(relay, "send", "--date", DAY, "--force")
        assert forced.returncode == 0, forced.stderr
        assert "note:" not in forced.stdout
        server.wait_for(2)


def test_dry_run_says_nothing_about_the_outbox(cli_env: dict[str, str], tmp_path: Path) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com")
    result = run(cli_env, "send", "--date", DAY, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "note:" not in result.stdout


def test_a_dotenv_line_without_equals_is_an_error_by_file_and_line(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# relay\nNEWSLETTER_LOCALE=en\nNEWSLETTER_SMTP__HOST smtp.example.com\n", "utf-8"
    )
    result = run_in(tmp_path, cli_env, "send", "--date", DAY)
    line = assert_error(result, 2, f"{env_file}:3", "NEWSLETTER_SMTP__HOST", "=")
    assert "smtp.example.com" not in line  # the rest of a line may be a password
    assert "python-dotenv" not in result.stderr and "could not parse" not in result.stderr
    assert not (tmp_path / "data").exists(), "nothing ran on a broken .env"


def test_the_scheduler_start_up_names_the_outbox(
    make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    def start(settings: Settings) -> None:
        stop = threading.Event()
        timer = threading.Timer(0.5, stop.set)
        timer.start()
        clock = lambda: dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)  # 05:00 in Seoul  # noqa: E731
        assert run_scheduler(settings, clock=clock, stop=stop, heartbeat_interval=0.1) == 0

    settings = make_settings()
    start(settings)
    warned = [r for r in caplog.records if getattr(r, "event", "") == "outbox-only"]
    assert len(warned) == 1 and warned[0].levelno == logging.WARNING
    assert str(settings.outbox_path.absolute()) in warned[0].getMessage()
    assert "NEWSLETTER_SMTP__HOST" in warned[0].getMessage()

    caplog.clear()
    start(make_settings(smtp={"host": "127.0.0.1"}))
    assert not [r for r in caplog.records if getattr(r, "event", "") == "outbox-only"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ('NEWSLETTER_SMTP__HOST="smtp.example.com', "NEWSLETTER_SMTP__HOST"),
        ("NEWSLETTER_SMTP__PASSWORD='s3cret", "NEWSLETTER_SMTP__PASSWORD"),
        ('NEWSLETTER_SMTP__HOST="smtp.example.com" trailing', "NEWSLETTER_SMTP__HOST"),
    ],
)
def test_a_dotenv_line_dotenv_cannot_parse_is_an_error_by_file_and_line(
    cli_env: dict[str, str], tmp_path: Path, line: str, name: str
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"# relay\nNEWSLETTER_LOCALE=en\n{line}\nNEWSLETTER_TIMEZONE=Asia/Seoul\n", "utf-8"
    )
    result = run_in(tmp_path, cli_env, "send", "--date", DAY)
    shown = assert_error(result, 2, f"{env_file}:3", name)
    assert "s3cret" not in shown and "smtp.example.com" not in shown  # values may be secrets
    assert "python-dotenv" not in result.stderr and "could not parse" not in result.stderr
    assert not (tmp_path / "data").exists(), "nothing ran on a broken .env"


def test_a_quoted_value_over_several_lines_is_still_read(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        'NEWSLETTER_LOCALE=en\nNEWSLETTER_SMTP__PASSWORD="two\nlines"\nNEWSLETTER_TIMEZONE=Asia/Seoul\n',
        "utf-8",
    )
    result = run_in(tmp_path, cli_env, "status", "--date", DAY)
    assert "could not parse" not in result.stderr and ".env:" not in result.stderr, result.stderr


def test_a_send_that_fails_on_its_source_leaves_no_empty_outbox_folder(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """`send --source /nonexist` failed (exit 2) but left an empty outbox/<date>/ behind,
    which reads as an issue that was written."""
    add_readers(cli_env, tmp_path, "kim@example.com")
    outbox = Path(cli_env["NEWSLETTER_DATA_DIR"]) / "outbox"
    failed = run(cli_env, "send", "--date", DAY, "--source", str(tmp_path / "nonexist"))
    assert_error(failed, 2, "nonexist")
    assert not (outbox / DAY).exists(), list(outbox.rglob("*"))
    sent = run(cli_env, "send", "--date", DAY)  # a good send still makes it and writes there
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert len(list((outbox / DAY).glob("*.eml"))) == 1


def test_a_test_copy_alone_neither_suggests_force_nor_says_smtp_unset(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """The review of fixa: a [TEST] copy in the issue's folder set off the "it may have gone to
    the outbox only ... --force" hint after a real SMTP send (--force would mail everyone
    twice), and `status` said "0 messages written ... NEWSLETTER_SMTP__HOST unset"."""
    add_readers(cli_env, tmp_path, "kim@example.com")
    assert run(cli_env, "send", "--date", DAY, "--to", "me@example.com").returncode == 0
    with SmtpServer() as server:
        relay = smtp_env(cli_env, server.port)
        first = run(relay, "send", "--date", DAY)
        assert first.returncode == 0, first.stderr
        server.wait_for(1)
        again = run(relay, "send", "--date", DAY)
        assert again.returncode == 0, again.stderr
        assert "nothing to do" in again.stdout, again.stdout
        assert "outbox folder" not in again.stdout, again.stdout
        assert "--force sends it to every reader by SMTP" not in again.stdout
        status = run(relay, "status", "--date", DAY)
    assert status.returncode == 0, status.stderr
    assert "0 messages written" not in status.stdout, status.stdout
    assert "SMTP__HOST unset" not in status.stdout, status.stdout
    assert "1 [TEST] copy (test-*.eml)" in status.stdout, status.stdout


def _as_written_before_the_test_prefix(folder: Path) -> Path:
    """A [TEST] copy as written before they were named test-*.eml: '0-me@example.com.eml'."""
    (copy,) = folder.glob("test-*.eml")
    old = copy.with_name(copy.name.removeprefix("test-"))
    copy.rename(old)
    return old


def test_an_old_named_test_copy_is_counted_apart_and_suggests_no_force(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """[TEST] copies written before they were named test-*.eml (0-me@example.com.eml) were
    counted as the issue's messages: `status` said "1 messages written ... SMTP__HOST unset"
    after a real SMTP send, and the "--force" hint fired (--force would mail everyone twice).
    They are told apart by their Subject, "[TEST] ..." (RFC 2047 encoded)."""
    add_readers(cli_env, tmp_path, "kim@example.com")
    assert run(cli_env, "send", "--date", DAY, "--to", "me@example.com").returncode == 0
    outbox = Path(cli_env["NEWSLETTER_DATA_DIR"]) / "outbox" / DAY
    assert _as_written_before_the_test_prefix(outbox).name == "0-me@example.com.eml"
    with SmtpServer() as server:
        relay = smtp_env(cli_env, server.port)
        assert run(relay, "send", "--date", DAY).returncode == 0
        server.wait_for(1)
        again = run(relay, "send", "--date", DAY)
        assert again.returncode == 0, again.stderr
        assert "outbox folder" not in again.stdout, again.stdout
        status = run(relay, "status", "--date", DAY)
    assert status.returncode == 0, status.stderr
    assert "messages written" not in status.stdout, status.stdout
    assert "1 [TEST] copy (test-*.eml)" in status.stdout, status.stdout


def test_status_counts_an_old_named_test_copy_apart_from_the_readers_messages(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com", "lee@example.com")
    assert run(cli_env, "send", "--date", DAY, "--to", "me@example.com").returncode == 0
    _as_written_before_the_test_prefix(Path(cli_env["NEWSLETTER_DATA_DIR"]) / "outbox" / DAY)
    assert run(cli_env, "send", "--date", DAY).returncode == 0  # the outbox: no relay set
    status = run(cli_env, "status", "--date", DAY)
    assert "outbox: 2 messages written (and 1 [TEST] copy," in status.stdout, status.stdout
    record = json.loads(run(cli_env, "status", "--date", DAY, "--json").stdout)
    assert (record["outbox"], record["outbox_test_copies"]) == (2, 1)


@pytest.mark.parametrize(
    "line",
    [
        "=hunter2zq9",
        "'NEWSLETTER_SMTP__PASSWORD=hunter2zq9",
        'NEWSLETTER_SMTP__PASSWORD = "hunter2zq9',
        'NEWSLETTER_SMTP__PASSWORD="hunter2zq9" x',
        "NEWSLETTER_SMTP__PASSWORD hunter2zq9",
        "NEWSLETTER_SMTP__PASSWORDhunter2zq9 x",
        "NEWSLETTER_SMTP__PASSWORD:hunter2zq9",
        "NEWSLETTER_SMTP__PASSWORD.hunter2zq9",
        "hunter2zq9 pasted",
        "export =hunter2zq9",
        ' = "hunter2zq9',
    ],
)
def test_no_byte_of_a_dotenv_value_reaches_the_terminal(
    cli_env: dict[str, str], tmp_path: Path, line: str
) -> None:
    # Passwords never appear in logs: whatever shape the line has, nothing after an '=' is
    # shown, nor a token that is not the name of a setting.
    (tmp_path / ".env").write_text(f"NEWSLETTER_LOCALE=en\n{line}\n", "utf-8")
    result = run_in(tmp_path, cli_env, "status")
    assert_clean(result)
    both = result.stdout + result.stderr
    assert "hunter2" not in both and "zq9" not in both, both
    assert result.returncode != 0
