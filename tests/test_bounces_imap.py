"""The bounce mailbox over IMAP (issue 14), against a real dovecot the test starts itself on
127.0.0.1 with a trustme certificate: `bounces process` with no PATH, and the scheduler
running it every few seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsletter.models import SubscriberStatus
from tests import imap_server
from tests.imap_server import PASSWORD, USER, DovecotServer
from tests.test_bounces import BOUNCES, PERSONAL, VACATION, arf, dsn, run_cli, sent  # noqa: F401

pytestmark = pytest.mark.skipif(not imap_server.available(), reason="needs Debian's dovecot-imapd")


@pytest.fixture
def imap(tmp_path: Path):  # type: ignore[no-untyped-def]
    with DovecotServer(tmp_path) as server:
        yield server


def imap_env(cli_env: dict[str, str], imap: DovecotServer, tmp_path: Path) -> dict[str, str]:
    secret = tmp_path / "imap_password"
    secret.write_text(PASSWORD + "\n")
    return {
        **cli_env,
        "NEWSLETTER_BOUNCE_ADDRESS": BOUNCES,
        "NEWSLETTER_BOUNCE_LIMIT": "1",
        "NEWSLETTER_BOUNCE_IMAP__HOST": "127.0.0.1",
        "NEWSLETTER_BOUNCE_IMAP__PORT": str(imap.port),
        "NEWSLETTER_BOUNCE_IMAP__USERNAME": USER,
        "NEWSLETTER_BOUNCE_IMAP__PASSWORD_FILE": str(secret),
        "NEWSLETTER_BOUNCE_IMAP__CA_FILE": str(imap.ca_file),
        "NEWSLETTER_BOUNCE_IMAP__FOLDER": "INBOX",
    }


def test_imap_folder_is_processed_and_nothing_deleted(sent, imap, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    store, ids, messages = sent
    kim = messages["kim@example.com"].mail_from
    imap.append("INBOX", dsn(kim, "kim@example.com", "5.1.1", message_id="imap-hard"))
    imap.append("INBOX", arf(messages["park@example.net"].data, message_id="imap-arf"))
    imap.append("INBOX", VACATION)
    imap.append("INBOX", PERSONAL)
    env = imap_env(cli_env, imap, tmp_path)

    done = run_cli(env, "bounces", "process")
    assert done.returncode == 0, done.stderr
    assert "imap:INBOX/1: hard 5.1.1" in done.stdout
    assert (
        done.stdout.strip()
        .splitlines()[-1]
        .startswith(
            "4 messages: 1 hard, 0 soft, 1 complaint, 0 feedback, 1 auto-reply, 1 unrecognised"
        )
    )
    assert PASSWORD not in done.stdout + done.stderr
    assert store.get_subscriber(ids["kim@example.com"]).status is SubscriberStatus.BOUNCED
    assert store.get_subscriber(ids["park@example.net"]).status is SubscriberStatus.COMPLAINED
    assert imap.count("INBOX") == 1 and b"hello-1" in imap.fetch_all("INBOX")[0]
    assert imap.count("INBOX.processed") == 3

    again = run_cli(env, "bounces", "process")
    assert again.stdout.strip().splitlines()[-1].startswith("1 messages: 0 hard")
    assert imap.count("INBOX") == 1 and imap.count("INBOX.processed") == 3


def test_imap_tls_is_verified_and_login_checked(imap, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = imap_env(cli_env, imap, tmp_path)
    untrusted = {k: v for k, v in env.items() if k != "NEWSLETTER_BOUNCE_IMAP__CA_FILE"}
    done = run_cli(untrusted, "bounces", "process")
    assert done.returncode == 4 and "certificate is not trusted" in done.stderr
    assert "Traceback" not in done.stderr
    wrong = tmp_path / "wrong"
    wrong.write_text("nope")
    done = run_cli(
        {**env, "NEWSLETTER_BOUNCE_IMAP__PASSWORD_FILE": str(wrong)}, "bounces", "process"
    )
    assert done.returncode == 4 and "login refused for bounces" in done.stderr
    assert "nope" not in done.stderr


def test_the_scheduler_reads_the_bounce_folder(sent, imap, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    store, ids, messages = sent
    env = {
        **imap_env(cli_env, imap, tmp_path),
        "NEWSLETTER_BOUNCE_IMAP__INTERVAL": "1",
        "NEWSLETTER_SCHEDULE": "0 7 1 1 *",  # nothing to send during the test
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "newsletter.cli", "schedule"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(1.5)  # the first pass runs at start-up on an empty folder
        kim = messages["kim@example.com"].mail_from
        imap.append("INBOX", dsn(kim, "kim@example.com", "5.1.1", message_id="sched-hard"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and imap.count("INBOX.processed") < 1:
            time.sleep(0.2)
        assert imap.count("INBOX.processed") == 1 and imap.count("INBOX") == 0
        assert store.get_subscriber(ids["kim@example.com"]).status is SubscriberStatus.BOUNCED
    finally:
        os.kill(process.pid, signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, out.decode()
    assert b"bounce mailbox: 1 messages: 1 hard" in out


def test_unsubscribe_requests_by_mail_are_read_from_the_imap_folder(  # type: ignore[no-untyped-def]
    sent,  # noqa: F811
    imap,
    cli_env,
    tmp_path,
) -> None:
    from tests.test_bounces_unsubscribe import forgeries, mailto_of, request

    store, ids, messages = sent
    to, subject = mailto_of(messages["park@example.net"].data)
    imap.append("INBOX", request(to, subject, sender="park@example.net", message_id="imap-u"))
    imap.append("INBOX", forgeries(to, subject, ids["kim@example.com"])["other-reader"])
    env = imap_env(cli_env, imap, tmp_path)

    done = run_cli(env, "bounces", "process")
    assert done.returncode == 0, done.stderr
    assert f"imap:INBOX/1: unsubscribe reader {ids['park@example.net']}" in done.stdout
    assert "imap:INBOX/2: refused" in done.stdout
    assert done.stdout.strip().splitlines()[-1].endswith("1 unsubscribed by mail, 1 refused")
    assert store.get_subscriber(ids["park@example.net"]).status is SubscriberStatus.UNSUBSCRIBED
    assert store.get_subscriber(ids["kim@example.com"]).status is SubscriberStatus.ACTIVE
    # The request moved to processed; the refused one stays for the operator.
    assert imap.count("INBOX.processed") == 1 and imap.count("INBOX") == 1
