"""End to end: run_issue over a real SMTP server and a real database file.

Each reader gets the issue exactly once, with nobody else's address in it; faults at the relay
are classified and retried; a killed run resumes without losing or doubling a mail."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from newsletter.errors import AlreadySentError, IssueLockedError, TransportError
from newsletter.job import SendOptions, issue_lock_name, run_issue
from newsletter.models import Region, SubscriberStatus
from newsletter.store import Store
from tests.smtp_server import Fault, FaultPlan, SmtpServer, make_certificates

DAY = dt.date(2025, 2, 11)


@pytest.fixture
def store(make_settings):  # type: ignore[no-untyped-def]
    s = Store.open(make_settings().db_url)
    yield s
    s.close()


def smtp_settings(make_settings, server: SmtpServer, **smtp):  # type: ignore[no-untyped-def]
    values = {"host": server.host, "port": server.port, "security": "none", "retry_backoff": 0.05}
    values.update(smtp)
    return make_settings(smtp=values)


def add_readers(store: Store, n: int, domain: str = "example.com") -> list[str]:
    addresses = [f"reader{i}@{domain}" for i in range(n)]
    for address in addresses:
        store.add_subscriber(address, None)
    return addresses


def parse(data: bytes):  # type: ignore[no-untyped-def]
    return message_from_bytes(data, policy=policy.default)


def test_each_reader_gets_one_personal_copy(make_settings, store: Store) -> None:
    store.add_subscriber("kim@example.com", "김지수")
    store.add_subscriber("lee@example.org", "Lee", frozenset({Region.US}))
    store.add_subscriber("park@example.net")
    with SmtpServer() as server:
        report = run_issue(DAY, smtp_settings(make_settings, server), store=store)
        assert report.sent == 3 and report.exit_code == 0
        assert sorted(r for m in server.messages for r in m.rcpt_tos) == [
            "kim@example.com",
            "lee@example.org",
            "park@example.net",
        ]
        unsubscribe_links = set()
        for received in server.messages:
            message = parse(received.data)
            assert [a.addr_spec for a in message["To"].addresses] == received.rcpt_tos
            assert message["Cc"] is None and message["Bcc"] is None
            others = {"kim@example.com", "lee@example.org", "park@example.net"} - set(
                received.rcpt_tos
            )
            assert not any(o.encode() in received.data for o in others)
            link = message["List-Unsubscribe"]
            assert "https://news.example.com/u/" in link and "mailto:" in link
            assert received.rcpt_tos[0].encode() not in link.encode()
            unsubscribe_links.add(link)
            body = message.get_body(("plain",)).get_content()
            assert "https://news.example.com/u/" in body
        assert len(unsubscribe_links) == 3
        lee = parse(server.received_for("lee@example.org")[0].data)
        kim = parse(server.received_for("kim@example.com")[0].data)
        # Lee chose US only: a shorter issue rendered once for that choice.
        assert len(lee.get_body(("html",)).get_content()) < len(
            kim.get_body(("html",)).get_content()
        )
    counts = store.counts(DAY)
    assert counts["sent"] == 3 and counts["pending"] == 0


def test_a_second_send_sends_nothing_and_says_so(make_settings, store: Store) -> None:
    add_readers(store, 2)
    with SmtpServer() as server:
        settings = smtp_settings(make_settings, server)
        run_issue(DAY, settings, store=store)
        with pytest.raises(AlreadySentError, match="already sent"):
            run_issue(DAY, settings, store=store)
        assert len(server.messages) == 2
        forced = run_issue(DAY, settings, SendOptions(force=True), store=store)
        assert forced.sent == 2 and len(server.messages) == 4


def test_test_send_goes_only_to_the_given_addresses(make_settings, store: Store) -> None:
    add_readers(store, 3)
    with SmtpServer() as server:
        report = run_issue(
            DAY,
            smtp_settings(make_settings, server),
            SendOptions(to=("editor@example.net",)),
            store=store,
        )
        assert report.test_send and report.sent == 1
        assert [m.rcpt_tos for m in server.messages] == [["editor@example.net"]]
        assert "[TEST]" in parse(server.messages[0].data)["Subject"]
    assert store.counts(DAY)["sent"] == 0


def test_hard_bounce_fails_one_reader_and_the_run_goes_on(make_settings, store: Store) -> None:
    add_readers(store, 4)
    plan = FaultPlan().on_recipient("reader1@example.com", Fault.reject(550))
    with SmtpServer(faults=plan) as server:
        report = run_issue(DAY, smtp_settings(make_settings, server), store=store)
        assert report.sent == 3 and report.failed == 1
        assert report.exit_code == 1
    failures = store.failures(DAY)
    assert [(f.email, f.status, f.code) for f in failures] == [
        ("reader1@example.com", "failed", 550)
    ]


def test_repeated_hard_bounces_mark_the_address_bounced(make_settings, store: Store) -> None:
    add_readers(store, 1)
    plan = FaultPlan().on_recipient("reader0@example.com", Fault.reject(550))
    with SmtpServer(faults=plan) as server:
        settings = smtp_settings(make_settings, server)
        settings = settings.model_copy(update={"bounce_limit": 2})
        for day in (DAY, DAY + dt.timedelta(days=1)):
            run_issue(day, settings, store=store)
    assert store.find_subscriber("reader0@example.com").status is SubscriberStatus.BOUNCED


def test_a_temporary_failure_is_retried_within_the_run(make_settings, store: Store) -> None:
    add_readers(store, 3)
    plan = FaultPlan().on_recipient("reader2@example.com", Fault.tempfail("RCPT", 451))
    with SmtpServer(faults=plan) as server:
        report = run_issue(DAY, smtp_settings(make_settings, server), store=store)
        assert report.sent == 3 and report.exit_code == 0
        assert len(server.received_for("reader2@example.com")) == 1


def test_persistent_4xx_is_left_deferred_for_the_next_run(make_settings, store: Store) -> None:
    add_readers(store, 2)
    plan = FaultPlan().on_recipient("reader0@example.com", Fault.tempfail("RCPT", 452, times=None))
    with SmtpServer(faults=plan) as server:
        report = run_issue(DAY, smtp_settings(make_settings, server, max_attempts=2), store=store)
        assert report.exit_code == 1
    assert store.counts(DAY)["deferred"] == 1
    with SmtpServer() as server:
        report = run_issue(DAY, smtp_settings(make_settings, server), store=store)
        assert [m.rcpt_tos for m in server.messages] == [["reader0@example.com"]]
    assert store.counts(DAY)["sent"] == 2 and report.exit_code == 0


def test_421_and_dropped_connections_lose_no_recipient(make_settings, store: Store) -> None:
    addresses = add_readers(store, 30)
    plan = (
        FaultPlan()
        .on_message(5, Fault.shutdown("MAIL"))
        .on_message(12, Fault.drop("DATA"))
        .on_message(20, Fault.drop("354"))
    )
    with SmtpServer(faults=plan) as server:
        report = run_issue(DAY, smtp_settings(make_settings, server, concurrency=2), store=store)
        got = Counter(r for m in server.messages for r in m.rcpt_tos)
    assert set(got) == set(addresses)
    assert max(got.values()) == 1
    assert report.exit_code == 0 and store.counts(DAY)["sent"] == 30


def test_a_lost_final_reply_is_unknown_and_sent_again_once(make_settings, store: Store) -> None:
    add_readers(store, 5)
    plan = FaultPlan().on_message(3, Fault.drop("DOT"))
    with SmtpServer(faults=plan) as server:
        report = run_issue(DAY, smtp_settings(make_settings, server, concurrency=1), store=store)
        got = Counter(r for m in server.messages for r in m.rcpt_tos)
    # Sent again once and delivered: nothing is left unknown, and the report says it resent.
    assert report.unknown == 0 and report.resent_unknown == 1
    assert sorted(got.values()) == [1, 1, 1, 1, 2]  # the one duplicate is the unknown one
    assert store.counts(DAY)["sent"] == 5


def test_resend_unknown_off_leaves_it_unknown(make_settings, store: Store) -> None:
    add_readers(store, 3)
    plan = FaultPlan().on_message(2, Fault.drop("DOT"))
    with SmtpServer(faults=plan) as server:
        settings = smtp_settings(make_settings, server, concurrency=1).model_copy(
            update={"resend_unknown": False}
        )
        report = run_issue(DAY, settings, store=store)
        assert len(server.messages) == 3
    assert report.exit_code == 1
    assert store.counts(DAY)["unknown"] == 1


def test_a_refused_relay_stops_at_once_and_marks_nothing(make_settings, store: Store) -> None:
    add_readers(store, 5)
    with SmtpServer() as server:
        port = server.port
    settings = make_settings(
        smtp={"host": "127.0.0.1", "port": port, "security": "none", "timeout": 2}
    )
    with pytest.raises(TransportError):
        run_issue(DAY, settings, store=store)
    counts = store.counts(DAY)
    assert counts["sent"] == 0 and counts["sending"] == 0 and counts["pending"] == 5


def test_starttls_with_a_verified_certificate(make_settings, store: Store, tmp_path: Path) -> None:
    add_readers(store, 2)
    certs = make_certificates(tmp_path / "certs")
    with SmtpServer(
        tls_context=certs.server_context, require_starttls=True, auth=("news", "s3cret-pw")
    ) as server:
        settings = make_settings(
            smtp={
                "host": "127.0.0.1",
                "port": server.port,
                "security": "starttls",
                "ca_file": str(certs.ca_file),
                "username": "news",
                "password": "s3cret-pw",
            }
        )
        report = run_issue(DAY, settings, store=store)
        assert report.sent == 2


def test_a_second_run_of_the_same_issue_is_refused(make_settings, store: Store) -> None:
    add_readers(store, 1)
    # A live run holds the issue: its OS/advisory lock, and the row that names it.
    held = store.hold(issue_lock_name(DAY))
    assert held is not None
    store.take_lock_row(issue_lock_name(DAY), "someone-else", 60, None)
    try:
        with (
            SmtpServer() as server,
            pytest.raises(IssueLockedError, match="being sent right now by someone-else"),
        ):
            run_issue(DAY, smtp_settings(make_settings, server), store=store)
    finally:
        held.release()


def test_a_dead_runs_lock_row_does_not_hold_the_issue(make_settings, store: Store) -> None:
    """A row naming a holder that no longer holds the OS lock (it was killed) is stale: the
    next run starts at once instead of waiting LEASE_SECONDS."""
    add_readers(store, 2)
    assert store.acquire_lock(issue_lock_name(DAY), "killed-run", 600)
    with SmtpServer() as server:
        report = run_issue(DAY, smtp_settings(make_settings, server), store=store)
    assert report.sent == 2


def test_unsubscribed_before_their_turn_is_skipped(make_settings, store: Store) -> None:
    add_readers(store, 3)
    with SmtpServer() as server:
        settings = smtp_settings(make_settings, server)
        store.enqueue(DAY)  # the audience was fixed earlier...
        subscriber = store.find_subscriber("reader1@example.com")
        store.unsubscribe(subscriber.id)  # ...then one left
        run_issue(DAY, settings, store=store)
        assert "reader1@example.com" not in {r for m in server.messages for r in m.rcpt_tos}


@pytest.mark.slow
def test_sigkill_halfway_then_resume_delivers_to_everyone(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """Kill -9 the sending process mid-run; the next run completes the issue. Only rows whose
    fate was unknown may be delivered twice."""
    n = 60
    csv = tmp_path / "readers.csv"
    csv.write_text("email,name,regions\n" + "".join(f"r{i}@example.com,,\n" for i in range(n)))
    env = dict(cli_env, NEWSLETTER_LEASE_SECONDS="1")  # the relay settings come with its host
    subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "subscribers", "import", str(csv)],
        env=env,
        check=True,
    )
    with SmtpServer(faults=FaultPlan().on_every_message(Fault.slow(0.05, "DOT"))) as server:
        env.update(NEWSLETTER_SMTP__HOST=server.host, NEWSLETTER_SMTP__PORT=str(server.port))
        env["NEWSLETTER_SMTP__SECURITY"] = "none"
        env["NEWSLETTER_SMTP__CONCURRENCY"] = "2"
        process = subprocess.Popen(
            [sys.executable, "-m", "newsletter.cli", "send", "--date", DAY.isoformat()],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while len(server.messages) < n // 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        before = len(server.messages)
        assert 0 < before < n
        time.sleep(1.2)  # the dead run's lock and leases lapse
        resumed = subprocess.run(
            [sys.executable, "-m", "newsletter.cli", "send", "--date", DAY.isoformat()],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        got = Counter(r for m in server.messages for r in m.rcpt_tos)
    assert set(got) == {f"r{i}@example.com" for i in range(n)}
    duplicates = [a for a, k in got.items() if k > 1]
    status = subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "status", "--date", DAY.isoformat(), "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    counts = json.loads(status.stdout)
    assert counts["sent"] == n and counts["pending"] == 0 and counts["unknown"] == 0
    # Duplicates only among rows that were in flight at the kill: at most one chunk per connection.
    assert len(duplicates) <= 2 * 16
