"""Defects found by trying the newest commands as a new user and a careless operator.

Each test reproduces what an operator actually did (real process, real SQLite, real uvicorn,
real aiosmtpd) and failed before its fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from newsletter.settings import Settings
from newsletter.store import Store
from newsletter.store.tables import subscribers
from newsletter.web import create_app
from tests.smtp_server import SmtpServer
from tests.test_cli import run
from tests.test_signup import sign_up
from tests.test_web import running


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'newcomer.db'}")
    yield opened
    opened.close()


# An address with a Korean local part (RFC 6531) passed every input check, but the message
# builder refuses non-ASCII local parts, so the reader was listed as active and never mailed:
# `send` failed them every morning, and the sign-up form said "check your inbox" and sent nothing.
KOREAN_LOCAL = "김민지@example.com"


def test_cli_refuses_an_address_no_message_can_be_sent_to(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "subscribers", "add", KOREAN_LOCAL)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert KOREAN_LOCAL in result.stderr and "before the @-sign" in result.stderr
    listed = run(cli_env, "subscribers", "list")
    assert KOREAN_LOCAL not in listed.stdout
    # An internationalised domain is fine: it is sent IDNA-encoded.
    assert run(cli_env, "subscribers", "add", "kim@예시.kr").returncode == 0


def test_import_reports_such_an_address_by_line(cli_env: dict[str, str], tmp_path: Path) -> None:
    csv = tmp_path / "readers.csv"
    csv.write_text(f"email,name\nok@example.com,A\n{KOREAN_LOCAL},김민지\n", encoding="utf-8")
    result = run(cli_env, "subscribers", "import", str(csv))
    assert result.returncode == 2
    assert f"{csv}:3" in result.stderr and "before the @-sign" in result.stderr
    assert "1 added" in result.stdout


def test_signup_form_says_the_address_cannot_be_used(
    store: Store, smtp: SmtpServer, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(
        smtp={"host": smtp.host, "port": smtp.port, "security": "none", "timeout": 5}
    )
    with running(create_app(settings, store)) as base:
        reply = sign_up(base, KOREAN_LOCAL)
    assert reply.status == 400 and "이메일 주소를 다시 확인" in reply.text
    assert store.find_subscriber(KOREAN_LOCAL) is None


def _mark(cli_env: dict[str, str], address: str, status: str) -> None:
    # The state a spam complaint (ARF report or relay webhook) leaves behind.
    opened = Store.open(f"sqlite:///{cli_env['NEWSLETTER_DATA_DIR']}/newsletter.db")
    try:
        with opened.engine.begin() as connection:
            connection.execute(
                update(subscribers).where(subscribers.c.email == address).values(status=status)
            )
    finally:
        opened.close()


def test_add_on_a_complained_reader_does_not_claim_an_update(cli_env: dict[str, str]) -> None:
    # It printed "updated park@example.com", exit 0, and left the reader complained (no mail):
    # the operator believed they had restored the reader, as the docs say `add` does.
    assert run(cli_env, "subscribers", "add", "park@example.com").returncode == 0
    _mark(cli_env, "park@example.com", "complained")
    again = run(cli_env, "subscribers", "add", "park@example.com")
    assert again.returncode == 2 and "updated" not in again.stdout
    assert "complained" in again.stderr and "--resubscribe" in again.stderr
    back = run(cli_env, "subscribers", "add", "park@example.com", "--resubscribe")
    assert back.returncode == 0, back.stderr
    assert "complained" in back.stdout
    listed = run(cli_env, "subscribers", "list", "--status", "active")
    assert "park@example.com" in listed.stdout


def test_a_korean_operator_name_is_refused_with_a_message_that_says_why(
    cli_env: dict[str, str],
) -> None:
    # "1-64 letters, digits, ..." while refusing 김관리, which is letters: the line must say
    # which letters are meant, or the operator cannot tell what to type instead.
    result = run(cli_env, "operators", "add", "김관리", input="longpassword1\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "ASCII" in result.stderr and "A-Z" in result.stderr



def test_removing_a_reader_who_opted_out_says_their_opt_out_goes_too(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    # remove, then an import of an old list: the reader who had unsubscribed was added back
    # as active, silently, though the README says import never re-activates them.
    assert run(cli_env, "subscribers", "add", "kim@example.com").returncode == 0
    _mark(cli_env, "kim@example.com", "unsubscribed")
    removed = run(cli_env, "subscribers", "remove", "kim@example.com")
    assert removed.returncode == 0 and "removed kim@example.com" in removed.stdout
    assert "unsubscribed" in removed.stderr and "import" in removed.stderr
    # An active reader's removal needs no such warning.
    assert run(cli_env, "subscribers", "add", "lee@example.com").returncode == 0
    quiet = run(cli_env, "subscribers", "remove", "lee@example.com")
    assert quiet.returncode == 0 and "warning" not in quiet.stderr
