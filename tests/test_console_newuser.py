# ruff: noqa: F811  (the console fixtures, imported from tests.test_console)
"""What a new operator who never read the code ran into (the new-user report of 2026-12-05),
over real HTTP, a real SQLite file, a real SMTP relay (aiosmtpd) and the real `newsletter`
command, checked in the database, the outbox folder and the pages afterwards."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsletter.job import SendOptions, run_issue
from newsletter.store import console as db
from tests.cli_process import run_cli
from tests.smtp_server import Fault, FaultPlan, SmtpServer
from tests.test_console import (  # noqa: F401  (fixtures)
    DAY,
    Console,
    _outbox_messages,
    _wait_finished,
    console,
    console_factory,
)

NEVER_SENT = dt.date(2026, 12, 12)


# ---- item 1: "Resend the N failed" ---------------------------------------------------------


def _send_through_a_relay_that_refuses_one(console: Console, make_settings: Any) -> None:
    console.store.add_subscriber("gone@example.com", "Gone")
    plan = FaultPlan().on_recipient("gone@example.com", Fault.reject(550))
    with SmtpServer(faults=plan) as server:
        relayed = make_settings(
            database_url=console.settings.db_url,
            smtp={"host": server.host, "port": server.port, "security": "none", "timeout": 5},
        )
        report = run_issue(DAY, relayed, SendOptions(), store=console.store)
    assert (report.sent, report.failed) == (2, 1)


def test_resend_failed_asks_first_says_outbox_and_keeps_the_relays_replies(
    console_factory: Callable[..., Console], make_settings: Any
) -> None:
    console = console_factory()  # the console runs without NEWSLETTER_SMTP__HOST: outbox only
    _send_through_a_relay_that_refuses_one(console, make_settings)
    failures = console.store.failures(DAY)
    assert [(f.email, f.code) for f in failures] == [("gone@example.com", 550)]
    reply = failures[0].detail
    client = console.logged_in()

    page = client.get(f"/admin/issues/{DAY}")
    assert "outbox" in page.text  # the issue page warns before anyone clicks
    # The button leads to a confirmation, like "Send now"; it does not resend by itself.
    assert re.search(rf'href="/admin/issues/{DAY}/resend-failed"[^>]*id="resend-failed"', page.text)
    confirm = client.get(f"/admin/issues/{DAY}/resend-failed")
    assert confirm.status == 200
    assert 'id="outbox-only"' in confirm.text and "leave no machine" in confirm.text
    assert "Write the 1 failed to the outbox" in confirm.text
    assert console.store.counts(DAY)["failed"] == 1  # looking asked nothing of the ledger

    client.post(f"/admin/issues/{DAY}/resend-failed", {"csrf": client.csrf()})
    data = _wait_finished(client, DAY)
    assert data["counts"]["failed"] == 0
    # The relay's 550 is evidence: it stays in the issue's history, on the issue page.
    entries = db.audit_entries(console.store, day=DAY)
    kept = [e for e in entries if e.action == "resend.replies"]
    # ... by reply and count: an audit log kept for ever keeps no reader's address.
    assert len(kept) == 1 and "gone@example.com" not in kept[0].detail
    assert "550 5.1.1" in kept[0].detail and reply in kept[0].detail
    page = client.get(f"/admin/issues/{DAY}")
    assert "gone@example.com" not in page.text and "550" in page.text


def test_resend_failed_from_the_cli_keeps_the_replies_too(
    console_factory: Callable[..., Console], make_settings: Any
) -> None:
    console = console_factory()
    _send_through_a_relay_that_refuses_one(console, make_settings)
    run_issue(DAY, console.settings, SendOptions(resend_failed=True), store=console.store)
    kept = [e for e in db.audit_entries(console.store, day=DAY) if e.action == "resend.replies"]
    assert len(kept) == 1 and "550" in kept[0].detail and "gone@example.com" not in kept[0].detail


# ---- item 4: the console's test send -------------------------------------------------------


def test_console_test_send_reaches_every_address_given(console: Console) -> None:
    client = console.logged_in()
    addresses = [f"t{i}@example.com" for i in range(25)]
    client.post(f"/admin/test-send/{DAY}", {"csrf": client.csrf(), "to": "\n".join(addresses)})
    page = client.get(f"/admin/today?date={DAY}")
    assert "sent to 25 of 25 addresses" in page.text
    assert sorted(m["To"] for m in _outbox_messages(console.settings)) == sorted(addresses)


def test_console_test_send_over_the_limit_is_refused_and_says_so(console: Console) -> None:
    client = console.logged_in()
    addresses = [f"t{i}@example.com" for i in range(500)]
    client.post(f"/admin/test-send/{DAY}", {"csrf": client.csrf(), "to": " ".join(addresses)})
    page = client.get(f"/admin/today?date={DAY}")
    assert "500 addresses given" in page.text and "at most 50" in page.text
    assert "nothing was sent" in page.text
    assert _outbox_messages(console.settings) == []


def test_cli_test_send_over_the_limit_exits_2_and_sends_nothing(cli_env: dict[str, str]) -> None:
    to = [arg for i in range(51) for arg in ("--to", f"t{i}@example.com")]
    result = run_cli(cli_env, "send", "--date", str(DAY), *to)
    assert result.returncode == 2, result.stderr
    assert "51 addresses given for a test copy, which goes to at most 50" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((Path(cli_env["NEWSLETTER_DATA_DIR"])).rglob("*.eml"))


# ---- item 9: no Python internals or server paths --------------------------------------------


def test_review_with_an_item_number_that_is_not_a_number_says_so(console: Console) -> None:
    client = console.logged_in()
    client.post(
        f"/admin/review/{DAY}",
        {"csrf": client.csrf(), "action": "drop", "number": "abc"},
    )
    page = client.get(f"/admin/today?date={DAY}")
    assert "invalid literal" not in page.text and "base 10" not in page.text
    assert "item number &#39;abc&#39; is not a number" in page.text.lower()


def test_console_import_of_a_cp949_file_names_no_server_path(console: Console) -> None:
    client = console.logged_in()
    boundary = "----console-test"
    data = "email,name\nkim@example.com,김철수\n".encode("cp949")
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
            f"{client.csrf('/admin/subscribers')}\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cp.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    page = client.request(
        "POST",
        "/admin/subscribers/import",
        body,
        **{"Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": console.base},
    )
    assert "CP949" in page.text and "iconv" in page.text
    assert "newsletter-upload-" not in page.text and "/tmp" not in page.text
    assert "cp.csv &gt; cp.utf8.csv" in page.text


# ---- item 10: counts and labels ------------------------------------------------------------


def test_status_does_not_count_test_copies_as_the_issue(cli_env: dict[str, str]) -> None:
    ok = run_cli(cli_env, "subscribers", "add", "a@example.com")
    assert ok.returncode == 0, ok.stderr
    day = "2026-11-26"
    for args in (("--to", "me@example.com"), ("--to", "ed@example.com"), ()):
        sent = run_cli(cli_env, "send", "--date", day, *args)
        assert sent.returncode == 0, sent.stderr
    status = run_cli(cli_env, "status", "--date", day)
    assert "  outbox: 1 message written" in status.stdout, status.stdout
    assert "2 [TEST] copies" in status.stdout
    record = json.loads(run_cli(cli_env, "status", "--date", day, "--json").stdout)
    assert (record["outbox"], record["outbox_test_copies"]) == (1, 2)


def test_progress_of_an_issue_never_started_does_not_say_finished(console: Console) -> None:
    client = console.logged_in()
    page = client.get(f"/admin/progress/{NEVER_SENT}")
    assert re.search(r'<p id="done" hidden', page.text), page.text
    assert "was never sent" in page.text
    data = json.loads(client.get(f"/admin/progress/{NEVER_SENT}.json").text)
    assert data["finished"] is False and data["started"] is False


# ---- the review of the fixes (fix-a2) --------------------------------------------------------


def test_send_help_names_the_test_send_limit(cli_env: dict[str, str]) -> None:
    result = run_cli(cli_env, "send", "--help")
    assert result.returncode == 0
    from newsletter.job_content import TEST_SEND_LIMIT

    assert f"at most {TEST_SEND_LIMIT} addresses" in " ".join(result.stdout.split())


def test_review_item_number_takes_ascii_digits_of_a_bounded_length(console: Console) -> None:
    client = console.logged_in()
    for number in ("9" * 5000, "\u0663"):  # 5,000 digits; ARABIC-INDIC DIGIT THREE
        client.post(
            f"/admin/review/{DAY}",
            {"csrf": client.csrf(), "action": "drop", "number": number},
        )
        page = client.get(f"/admin/today?date={DAY}")
        assert "Exceeds the limit" not in page.text and "4300" not in page.text
        assert "is not a number" in page.text, number[:10]
        assert "dropped from the issue" not in page.text  # item 3 stays


def _send_through_a_relay_that_refuses_one_and_defers_one(
    console: Console, make_settings: Any
) -> None:
    console.store.add_subscriber("gone@example.com", "Gone")
    console.store.add_subscriber("later@example.com", "Later")
    plan = (
        FaultPlan()
        .on_recipient("gone@example.com", Fault.reject(550))
        .on_recipient("later@example.com", Fault.tempfail(times=None))
    )
    with SmtpServer(faults=plan) as server:
        relayed = make_settings(
            database_url=console.settings.db_url,
            smtp={
                "host": server.host,
                "port": server.port,
                "security": "none",
                "timeout": 5,
                "max_attempts": 1,
                "retry_backoff": 0,
            },
        )
        report = run_issue(DAY, relayed, SendOptions(), store=console.store)
    assert (report.sent, report.failed, report.deferred) == (2, 1, 1)


def test_resend_confirm_says_what_really_goes_and_keeps_the_deferred_replies_too(
    console_factory: Callable[..., Console], make_settings: Any
) -> None:
    """The review of fixa: "Resend the 111 failed" wrote 222 files, the 111 deferred going with
    them, and their 451 replies were lost: the page counts what goes as Send now does."""
    console = console_factory()
    _send_through_a_relay_that_refuses_one_and_defers_one(console, make_settings)
    client = console.logged_in()
    confirm = client.get(f"/admin/issues/{DAY}/resend-failed")
    text = " ".join(re.sub(r"<[^>]+>", "", confirm.text).split())
    assert "2 messages" in text, text
    assert "1 failed" in text and "1 still owed" in text and "1 deferred" in text, text
    assert "Write the 2 messages to the outbox" in text, text

    client.post(f"/admin/issues/{DAY}/resend-failed", {"csrf": client.csrf()})
    data = _wait_finished(client, DAY)
    assert data["counts"]["deferred"] == 0 and data["counts"]["failed"] == 0
    assert len(_outbox_messages(console.settings)) == 2  # what the page said
    kept = [e for e in db.audit_entries(console.store, day=DAY) if e.action == "resend.replies"]
    assert len(kept) == 1
    assert "550" in kept[0].detail and "451" in kept[0].detail, kept[0].detail


def _words(html: str, element_id: str) -> str:
    found = re.search(rf'<(a|button)\b[^>]*id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert found is not None, element_id
    return " ".join(re.sub(r"<[^>]+>", "", found[2]).split())


def test_the_issue_pages_resend_button_counts_what_the_resend_sends(
    console_factory: Callable[..., Console], make_settings: Any
) -> None:
    """The issue page's button read "Resend the 1 failed…" while the resend sends the failed
    and the still owed (its confirm page says 2): the button says what the confirm page says."""
    console = console_factory()  # no NEWSLETTER_SMTP__HOST: outbox only
    _send_through_a_relay_that_refuses_one_and_defers_one(console, make_settings)
    client = console.logged_in()
    button = _words(client.get(f"/admin/issues/{DAY}").text, "resend-failed")
    confirm = _words(client.get(f"/admin/issues/{DAY}/resend-failed").text, "confirm-resend")
    assert button == "Write the 2 messages to the outbox…", button
    assert button.rstrip("…") == confirm
    with SmtpServer() as server:  # a console that mails: the words name both counts
        relayed = console_factory(
            smtp={"host": server.host, "port": server.port, "security": "none"}
        )
        client = relayed.logged_in()
        button = _words(client.get(f"/admin/issues/{DAY}").text, "resend-failed")
        confirm = _words(client.get(f"/admin/issues/{DAY}/resend-failed").text, "confirm-resend")
    assert button == "Resend the 1 failed and the 1 still owed…", button
    assert button.rstrip("…") == confirm


def test_resend_replies_keep_no_address_and_stay_bounded() -> None:
    """The review of fixa: the note named up to 1,000 readers in an audit log kept for ever
    (against the erasure rule) and grouped by full reply text: 111,000 distinct replies made
    a 55 MB issue page. Now: groups by reply code and enhanced status code, with counts and
    one example reply each, addresses redacted, and a bounded size."""
    from newsletter.store.ledger_reads import replies_note

    rows = [
        (f"reader{i}@example.com", "failed", 550, f"5.1.1 <reader{i}@example.com>: unknown {i}")
        for i in range(111_000)
    ] + [
        (f"x{i}@example.org", "deferred", 451, f"4.{i % 8}.{i} try later, x{i}@example.org")
        for i in range(300)
    ]
    note = replies_note(rows)
    assert "@" not in note, note[:300]
    assert "reader7" not in note and "x12" not in note
    assert "111000" in note.replace(",", "") and "550 5.1.1" in note and "451 4.0." in note
    assert len(note) <= 4000, len(note)
