"""Bounces and complaints that act (issue 14): VERP senders on a real SMTP server, and
`newsletter bounces process` over a real Maildir, a real mbox and .eml files."""

from __future__ import annotations

import datetime as dt
import json
import mailbox
import re
from pathlib import Path

import pytest

from newsletter.bounces import AUTO_REPLY, COMPLAINT, HARD, SOFT, UNRECOGNISED, classify
from newsletter.job import run_issue
from newsletter.models import SubscriberStatus
from newsletter.store import Store
from newsletter.store.tables import deliveries
from newsletter.verp import read_message_id, read_verp, verp_address
from tests.cli_process import run_cli
from tests.conftest import TEST_KEY
from tests.smtp_server import SmtpServer

DAY = dt.date(2025, 2, 11)
BOUNCES = "bounces@news.example.com"
KEYS = [TEST_KEY.encode()]


def dsn(to: str, recipient: str, status: str, *, message_id: str, action: str = "failed") -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        f"To: {to}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <{message_id}@mx.example.org>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n'
        "\r\n"
        "--B1\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "I'm sorry to have to inform you that your message could not be delivered.\r\n"
        "--B1\r\n"
        "Content-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n"
        "Arrival-Date: Tue, 11 Feb 2025 07:00:05 +0900\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        f"Diagnostic-Code: smtp; {status[0]}50 {status} mailbox says no\r\n"
        "\r\n"
        "--B1\r\n"
        "Content-Type: text/rfc822-headers\r\n\r\n"
        "From: Morning Brief <news@example.com>\r\n"
        f"To: {recipient}\r\n"
        "Subject: the issue\r\n"
        "\r\n"
        "--B1--\r\n"
    ).encode()


def arf(original: bytes, *, message_id: str, feedback_type: str = "abuse") -> bytes:
    return (
        (
            "From: Feedback Loop <fbl@isp.example>\r\n"
            "To: abuse@news.example.com\r\n"
            "Subject: FW: complaint\r\n"
            f"Message-ID: <{message_id}@isp.example>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=feedback-report; boundary="B2"\r\n'
            "\r\n"
            "--B2\r\n"
            "Content-Type: text/plain\r\n\r\n"
            "This is an email abuse report.\r\n"
            "--B2\r\n"
            "Content-Type: message/feedback-report\r\n\r\n"
            f"Feedback-Type: {feedback_type}\r\n"
            "User-Agent: ISP-FBL/1.0\r\n"
            "Version: 1\r\n"
            "\r\n"
            "--B2\r\n"
            "Content-Type: message/rfc822\r\n"
            "Content-Disposition: inline\r\n\r\n"
        ).encode()
        + original
        + b"\r\n--B2--\r\n"
    )


VACATION = (
    b"From: kim@example.com\r\nTo: bounces@news.example.com\r\nSubject: Out of office\r\n"
    b"Message-ID: <ooo-1@example.com>\r\nAuto-Submitted: auto-replied\r\n\r\nAway until Monday.\r\n"
)
PERSONAL = (
    b"From: someone@example.net\r\nTo: bounces@news.example.com\r\nSubject: hello?\r\n"
    b"Message-ID: <hello-1@example.net>\r\n\r\nIs this the newsletter?\r\n"
)


@pytest.fixture
def sent(make_settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Three readers who got the DAY issue through aiosmtpd with VERP senders."""
    store = Store.open(make_settings().db_url)
    ids = {}
    for address in ("kim@example.com", "lee@example.org", "park@example.net"):
        ids[address] = store.add_subscriber(address)[0].id
    with SmtpServer() as server:
        settings = make_settings(
            smtp={"host": server.host, "port": server.port, "security": "none"},
            bounce_address=BOUNCES,
        )
        report = run_issue(DAY, settings, store=store)
        assert report.sent == 3
        messages = {m.rcpt_tos[0]: m for m in server.messages}
    yield store, ids, messages
    store.close()


def test_each_message_has_its_own_signed_return_path(sent) -> None:  # type: ignore[no-untyped-def]
    _store, ids, messages = sent
    senders = set()
    for address, received in messages.items():
        assert received.mail_from.startswith("bounces+") and received.mail_from.endswith(
            "@news.example.com"
        )
        claims = read_verp(BOUNCES, KEYS, received.mail_from)
        assert claims is not None and claims.day == DAY and claims.subscriber_id == ids[address]
        # Relays may fold the local part's case; the token survives it.
        assert read_verp(BOUNCES, KEYS, received.mail_from.upper()) == claims
        senders.add(received.mail_from)
    assert len(senders) == 3


def test_forged_verp_addresses_name_nobody() -> None:
    good = verp_address(BOUNCES, KEYS, DAY, 42)
    assert read_verp(BOUNCES, KEYS, good).subscriber_id == 42  # type: ignore[union-attr]
    local, _, domain = good.partition("@")
    assert read_verp(BOUNCES, KEYS, good.replace("-16-", "-17-")) is None
    assert read_verp(BOUNCES, [b"another-key-0123456789"], good) is None
    assert read_verp(BOUNCES, KEYS, f"{local}@elsewhere.example") is None
    flipped = local[:-1] + ("1" if local[-1] == "0" else "0")
    assert read_verp(BOUNCES, KEYS, f"{flipped}@{domain}") is None
    assert read_verp(BOUNCES, KEYS, "bounces@news.example.com") is None
    # A new key still reads links signed with the old one (rotation).
    assert read_verp(BOUNCES, [b"newer-key-0123456789ab", *KEYS], good) is not None


def test_signed_message_ids_name_the_delivery_and_only_ours() -> None:
    from newsletter.verp import DeliveryMessageIds, delivery_message_id

    unique = "<0123456789abcdef0123456789abcdef@example.com>"
    fast = DeliveryMessageIds(KEYS, DAY)
    for reader in (1, 16, 42, 1295, 10**9):
        given = fast(reader, unique)
        assert given == delivery_message_id(KEYS, DAY, reader, unique)
        verp = verp_address(BOUNCES, KEYS, DAY, reader)
        assert read_message_id(KEYS, f"In-Reply-To: {given}") == read_verp(BOUNCES, KEYS, verp)
        # The issue's precomputed VERP states give verp_address's bytes (the sender's path).
        assert verp == f"bounces+{fast.verp.token(reader)}@news.example.com"
    long_key = [b"k" * 100]  # longer than SHA-256's block: hashed first, as hmac does
    assert DeliveryMessageIds(long_key, DAY)(7, unique) == delivery_message_id(
        long_key, DAY, 7, unique
    )
    assert read_message_id([b"another-key-0123456789"], fast(42, unique)) is None
    assert read_message_id(KEYS, unique) is None


def test_a_forwarded_message_id_gives_no_verp_address(sent) -> None:  # type: ignore[no-untyped-def]
    """A reader who forwards a message shows its Message-ID. Its MAC is made under another label
    than the VERP address's, so its token is not the one a report sent to
    bounces+TOKEN@ is believed by, and neither token can be read as the other."""
    _store, ids, messages = sent
    for address, received in messages.items():
        found = re.search(rb"Message-ID: <(\d{8}-[0-9a-z]+-[0-9a-f]{20})\.", received.data)
        assert found is not None
        mid_token = found[1].decode()
        verp_token = received.mail_from.partition("+")[2].partition("@")[0]
        # The same day and reader, different MACs.
        assert mid_token.rsplit("-", 1)[0] == verp_token.rsplit("-", 1)[0]
        assert mid_token != verp_token
        assert read_verp(BOUNCES, KEYS, f"bounces+{mid_token}@news.example.com") is None
        # A Message-ID made before the label split carried the VERP MAC: a bounce quoting
        # one of that mail still names its delivery (the reviewer's case: it came out
        # unrecognised), which grants nothing a VERP address does not.
        unique = "0123456789abcdef0123456789abcdef@news.example.com"
        old_form = read_message_id(KEYS, f"<{verp_token}.{unique}>")
        assert old_form is not None
        assert (old_form.day, old_form.subscriber_id) == (DAY, ids[address])
        # Each still names the delivery it was made for.
        by_id = read_message_id(KEYS, received.data.decode("ascii"))
        by_verp = read_verp(BOUNCES, KEYS, received.mail_from)
        assert by_id == by_verp and by_id is not None
        assert (by_id.day, by_id.subscriber_id) == (DAY, ids[address])


def test_without_bounce_address_the_sender_stays(make_settings) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(make_settings().db_url)
    try:
        store.add_subscriber("kim@example.com")
        with SmtpServer() as server:
            settings = make_settings(
                smtp={"host": server.host, "port": server.port, "security": "none"}
            )
            run_issue(DAY, settings, store=store)
            assert [m.mail_from for m in server.messages] == ["news@example.com"]
    finally:
        store.close()


def test_classify_recognises_each_kind(sent) -> None:  # type: ignore[no-untyped-def]
    store, ids, messages = sent
    kim = messages["kim@example.com"].mail_from

    def judge(raw: bytes):  # type: ignore[no-untyped-def]
        return classify(raw, keys=KEYS, bounce_address=BOUNCES, salts=store.token_salt)

    hard = judge(dsn(kim, "kim@example.com", "5.1.1", message_id="a"))
    assert (hard.kind, hard.status_code, hard.subscriber_id, hard.day) == (
        HARD,
        "5.1.1",
        ids["kim@example.com"],
        DAY,
    )
    assert (
        judge(dsn(kim, "kim@example.com", "4.2.2", message_id="b", action="delayed")).kind == SOFT
    )
    assert judge(dsn(kim, "kim@example.com", "4.4.7", message_id="c")).kind == SOFT
    complaint = judge(arf(messages["lee@example.org"].data, message_id="d"))
    assert (complaint.kind, complaint.subscriber_id) == (COMPLAINT, ids["lee@example.org"])
    assert complaint.day == DAY  # our signed Message-ID, quoted, names the issue
    # Without our Message-ID only the unsubscribe token names the reader, not the day.
    no_id = messages["lee@example.org"].data.replace(b"Message-ID:", b"X-Was-Message-ID:")
    by_token = judge(arf(no_id, message_id="d1"))
    assert (by_token.kind, by_token.subscriber_id) == (COMPLAINT, ids["lee@example.org"])
    assert by_token.day is None and by_token.sent_at is not None
    # Receivers usually quote the Return-Path they saw: the VERP address names the day too.
    quoted = b"Return-Path: <" + messages["lee@example.org"].mail_from.encode() + b">\r\n"
    with_path = judge(arf(quoted + messages["lee@example.org"].data, message_id="d2"))
    assert (with_path.kind, with_path.subscriber_id, with_path.day) == (
        COMPLAINT,
        ids["lee@example.org"],
        DAY,
    )
    assert judge(VACATION).kind == AUTO_REPLY
    assert judge(PERSONAL).kind == UNRECOGNISED
    # A forged DSN: the right shape, a VERP address with a bad MAC.
    forged_to = kim[:-30] + "0" * 20 + "@news.example.com"
    assert judge(dsn(forged_to, "kim@example.com", "5.1.1", message_id="e")).kind == UNRECOGNISED
    # A forged complaint: the reader's token with another key.
    forged = messages["park@example.net"].data.replace(b"/u/", b"/u/x")
    forged = forged.replace(b"Message-ID: <", b"Message-ID: <x")  # and not our Message-ID
    assert judge(arf(forged, message_id="f")).kind == UNRECOGNISED
    # A forged Message-ID: our shape, a bad MAC.
    mid = re.search(rb"Message-ID: <(\d{8}-\w+-)([0-9a-f]{20})", messages["park@example.net"].data)
    assert mid is not None
    forged = messages["park@example.net"].data.replace(b"/u/", b"/u/x")
    forged = forged.replace(mid[1] + mid[2], mid[1] + b"0" * 20)
    assert judge(arf(forged, message_id="f")).kind == UNRECOGNISED


def test_bounces_process_acts_and_never_deletes(sent, cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, ids, messages = sent
    env = {**cli_env, "NEWSLETTER_BOUNCE_ADDRESS": BOUNCES, "NEWSLETTER_BOUNCE_LIMIT": "2"}
    kim, lee = messages["kim@example.com"].mail_from, messages["lee@example.org"].mail_from

    maildir_path = tmp_path / "Maildir"
    box = mailbox.Maildir(maildir_path, create=True)
    box.add(dsn(kim, "kim@example.com", "5.1.1", message_id="hard-1"))
    box.add(dsn(lee, "lee@example.org", "4.2.2", message_id="soft-1", action="delayed"))
    box.add(VACATION)
    box.add(PERSONAL)
    box.close()

    mbox_path = tmp_path / "bounces.mbox"
    mb = mailbox.mbox(mbox_path, create=True)
    mb.add(arf(messages["park@example.net"].data, message_id="arf-1"))
    mb.add(dsn(kim, "kim@example.com", "5.2.1", message_id="hard-2"))
    mb.add(PERSONAL.replace(b"hello-1", b"hello-2"))
    mb.flush()
    mb.close()

    eml = tmp_path / "again.eml"
    eml.write_bytes(dsn(kim, "kim@example.com", "5.1.1", message_id="hard-1"))  # a replay

    done = run_cli(env, "bounces", "process", str(maildir_path), str(mbox_path), str(eml))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "hard 5.1.1 reader" in out and "soft 4.2.2" in out and "complaint abuse" in out
    assert "auto-reply" in out and "unrecognised" in out
    assert "applied before: nothing changed" in out
    assert out.strip().splitlines()[-1] == (
        "8 messages: 3 hard, 1 soft, 1 complaint, 0 feedback, 1 auto-reply, 2 unrecognised;"
        " 1 already applied before"
    )
    assert "kim@example.com" not in out  # addresses are masked

    kim_now = store.get_subscriber(ids["kim@example.com"])
    # Two distinct hard-bounce reports, but of one delivery: one bounce, under the limit of 2.
    assert kim_now.status is SubscriberStatus.ACTIVE
    assert _bounce_count(store, kim_now.id) == 1
    assert store.get_subscriber(ids["lee@example.org"]).status is SubscriberStatus.ACTIVE
    assert store.get_subscriber(ids["park@example.net"]).status is SubscriberStatus.COMPLAINED

    with store.engine.connect() as connection:
        rows = {
            r.subscriber_id: r
            for r in connection.execute(deliveries.select().where(deliveries.c.day == DAY))
        }
    assert rows[ids["kim@example.com"]].bounce.startswith("bounce 5.")
    assert rows[ids["park@example.net"]].bounce == "complaint"
    assert rows[ids["lee@example.org"]].bounce is None  # soft: logged, not counted
    assert rows[ids["kim@example.com"]].status == "sent"  # what the relay said stays

    # Nothing deleted: recognised mail moved to "processed", the rest stayed.
    box = mailbox.Maildir(maildir_path, create=False)
    assert len(box) == 1 and b"hello-1" in box.get_bytes(next(iter(box.keys())))
    assert len(box.get_folder("processed")) == 3
    assert len(mailbox.mbox(mbox_path)) == 1
    assert len(mailbox.mbox(tmp_path / "bounces.mbox.processed")) == 2
    assert not eml.exists() and (tmp_path / "processed" / "again.eml").exists()

    status = json.loads(run_cli(env, "status", "--date", DAY.isoformat(), "--json").stdout)
    assert (status["bounces"], status["soft_bounces"], status["complaints"]) == (2, 1, 1)
    text = run_cli(env, "status", "--date", DAY.isoformat()).stdout
    assert "reports received later: 2 hard bounces, 1 soft bounces, 1 complaints" in text
    bounced = run_cli(env, "subscribers", "list", "--status", "bounced").stdout
    complained = run_cli(env, "subscribers", "list", "--status", "complained").stdout
    assert bounced == "" and complained.startswith("park@example.net")  # kim bounced once

    # A second run over the same places: what stayed is still unrecognised, nothing changes.
    again = run_cli(env, "bounces", "process", str(maildir_path), str(mbox_path))
    assert again.stdout.strip().splitlines()[-1].startswith("2 messages: 0 hard")


def test_mail_already_in_a_processed_folder_stays_there(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Running over `processed/*.eml` (or the .processed mbox or Maildir++ folder) once moved
    the files on into processed/processed/: a processed folder is where mail ends."""
    (tmp_path / "one.eml").write_bytes(VACATION)
    mbox_path = tmp_path / "bounces.mbox"
    mb = mailbox.mbox(mbox_path, create=True)
    mb.add(VACATION)
    mb.flush()
    mb.close()
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(VACATION)
    box.close()
    first = run_cli(
        cli_env,
        "bounces",
        "process",
        str(tmp_path / "one.eml"),
        str(mbox_path),
        str(tmp_path / "Maildir"),
    )
    assert first.returncode == 0, first.stderr
    eml = tmp_path / "processed" / "one.eml"
    done_mbox = tmp_path / "bounces.mbox.processed"
    done_maildir = tmp_path / "Maildir" / ".processed"
    assert eml.exists() and len(mailbox.mbox(done_mbox)) == 1
    assert len(mailbox.Maildir(done_maildir, create=False)) == 1

    again = run_cli(cli_env, "bounces", "process", str(eml), str(done_mbox), str(done_maildir))
    assert again.returncode == 0, again.stderr
    assert eml.exists() and not (tmp_path / "processed" / "processed").exists()
    assert len(mailbox.mbox(done_mbox)) == 1
    assert not (tmp_path / "bounces.mbox.processed.processed").exists()
    assert len(mailbox.Maildir(done_maildir, create=False)) == 1
    assert not (done_maildir / ".processed").exists()
    lines = again.stdout.strip().splitlines()
    assert lines[-1].startswith("3 messages: 0 hard, 0 soft, 0 complaint, 0 feedback, 3 auto")
    assert sum("already in a processed folder: left where it is" in x for x in lines) == 3


def test_bad_paths_are_one_line(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(cli_env, "bounces", "process", str(tmp_path / "nope"))
    assert done.returncode == 2 and done.stderr.strip().endswith("no such file or folder")
    assert "Traceback" not in done.stderr
    (tmp_path / "plain").mkdir()
    done = run_cli(cli_env, "bounces", "process", str(tmp_path / "plain"))
    assert done.returncode == 2 and "not a Maildir" in done.stderr
    done = run_cli(cli_env, "bounces", "process")
    assert done.returncode == 2 and "NEWSLETTER_BOUNCE_IMAP__HOST" in done.stderr


def test_a_locked_mbox_is_one_line_and_untouched(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path, create=True)
    box.add(VACATION)
    box.flush()
    box.close()
    before = path.read_bytes()
    (tmp_path / "bounces.mbox.lock").write_text("")  # a mail client's dot-lock
    done = run_cli(cli_env, "bounces", "process", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "locked by another program" in done.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("NEWSLETTER_BOUNCE_ADDRESS", "bounces+x@news.example.com", "NEWSLETTER_BOUNCE_ADDRESS:"),
        ("NEWSLETTER_BOUNCE_ADDRESS", "bounces@localhost", "is not a domain name"),
        ("NEWSLETTER_DKIM__DOMAIN", "example.com", "together"),
        ("NEWSLETTER_DKIM__PRIVATE_KEY_FILE", "/nonexistent.key", "NEWSLETTER_DKIM__"),
        ("NEWSLETTER_FEEDBACK_CAMPAIGN", "a:b", "NEWSLETTER_FEEDBACK_CAMPAIGN:"),
        ("NEWSLETTER_BOUNCE_IMAP__PORT", "imap", "NEWSLETTER_BOUNCE_IMAP__PORT:"),
    ],
)
def test_bad_deliverability_settings_are_one_line(cli_env, name, value, expected) -> None:  # type: ignore[no-untyped-def]
    done = run_cli({**cli_env, name: value}, "subscribers", "list")
    assert done.returncode == 2, done.stderr
    assert expected in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_bounce_limit_counts_issues_not_reports(db_store: Store) -> None:
    from newsletter.store.bounces import record_event

    reader, _ = db_store.add_subscriber("kim@example.com")

    def hard(key: str, day: dt.date) -> None:
        assert record_event(
            db_store,
            event_key=key,
            source="dsn",
            kind="hard",
            subscriber_id=reader.id,
            day=day,
            status_code="5.1.1",
            detail="user unknown",
            bounce_limit=2,
        )

    first, second = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    hard("report-a", first)
    hard("report-b", first)  # the same delivery reported twice
    again = db_store.get_subscriber(reader.id)
    assert again is not None
    assert again.status is SubscriberStatus.ACTIVE
    assert _bounce_count(db_store, reader.id) == 1
    hard("report-c", second)  # the next morning bounces too: the limit is reached
    last = db_store.get_subscriber(reader.id)
    assert last is not None
    assert last.status is SubscriberStatus.BOUNCED
    assert _bounce_count(db_store, reader.id) == 2


def _bounce_count(store: Store, subscriber_id: int) -> int:
    from sqlalchemy import select

    from newsletter.store.tables import subscribers

    with store.engine.connect() as connection:
        return connection.execute(
            select(subscribers.c.bounce_count).where(subscribers.c.id == subscriber_id)
        ).scalar_one()


def test_verp_bounces_without_the_bounce_address_name_the_setting(  # type: ignore[no-untyped-def]
    sent, cli_env, tmp_path: Path
) -> None:
    _, ids, messages = sent
    kim = messages["kim@example.com"].mail_from
    eml = tmp_path / "hard.eml"
    eml.write_bytes(dsn(kim, "kim@example.com", "5.1.1", message_id="hard-1"))
    plain = tmp_path / "personal.eml"
    plain.write_bytes(PERSONAL)

    unset = run_cli(cli_env, "bounces", "process", str(eml), str(plain))
    assert unset.returncode == 0, unset.stderr
    lines = unset.stdout.strip().splitlines()
    verp_line = next(line for line in lines if line.startswith(f"{eml}:"))
    assert "unrecognised" in verp_line and "set NEWSLETTER_BOUNCE_ADDRESS" in verp_line
    personal = next(line for line in lines if line.startswith(f"{plain}:"))
    assert "NEWSLETTER_BOUNCE_ADDRESS" not in personal  # not every stranger is about VERP
    assert lines[-1].startswith("note: 1 unrecognised messages are addressed to VERP senders")
    assert "NEWSLETTER_BOUNCE_ADDRESS is not set" in lines[-1]

    env = {**cli_env, "NEWSLETTER_BOUNCE_ADDRESS": BOUNCES}
    done = run_cli(env, "bounces", "process", str(eml))
    assert f"hard 5.1.1 reader {ids['kim@example.com']}" in done.stdout, done.stdout
    assert "NEWSLETTER_BOUNCE_ADDRESS" not in done.stdout


def test_reports_count_on_the_issue_they_quote_not_the_newest(  # type: ignore[no-untyped-def]
    make_settings, cli_env, tmp_path: Path
) -> None:
    """Two issues to one reader, no VERP: a DSN quoting only the first issue's Message-ID
    counts on that issue (it used to land on the newest). An ARF quoting only the
    List-Unsubscribe, without any Date, counts on the latest issue delivered to the reader
    before it arrived (both were, here), and its line says the issue was found that way."""
    first, newest = dt.date(2026, 12, 5), dt.date(2026, 12, 10)
    store = Store.open(make_settings().db_url)
    try:
        kim = store.add_subscriber("kim@example.com")[0].id
        with SmtpServer() as server:
            settings = make_settings(
                smtp={"host": server.host, "port": server.port, "security": "none"}
            )
            assert run_issue(first, settings, store=store).sent == 1
            original = server.messages[0].data
            assert run_issue(newest, settings, store=store).sent == 1
    finally:
        store.close()
    quoted_id = next(
        line for line in original.split(b"\r\n") if line.lower().startswith(b"message-id:")
    )
    only_id = dsn("bounces@news.example.com", "kim@example.com", "5.1.1", message_id="m1")
    subject = b"Subject: the issue\r\n"
    only_id = only_id.replace(subject, subject + quoted_id + b"\r\n")
    unsubscribe = b"\r\n".join(
        line
        for line in original.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        if not line.lower().startswith((b"date:", b"message-id:"))
    )
    complaint = arf(unsubscribe + b"\r\n\r\nbody\r\n", message_id="a1")
    (tmp_path / "dsn.eml").write_bytes(only_id)
    (tmp_path / "arf.eml").write_bytes(complaint)
    reports = (str(tmp_path / "dsn.eml"), str(tmp_path / "arf.eml"))
    done = run_cli(cli_env, "bounces", "process", *reports)
    assert done.returncode == 0, done.stderr
    assert f"hard 5.1.1 reader {kim} issue {first}" in done.stdout, done.stdout
    assert " 0 unrecognised" in done.stdout, done.stdout
    complained = next(line for line in done.stdout.splitlines() if "arf.eml" in line)
    assert f"issue {newest}" in complained, complained
    assert "latest issue delivered to the reader at or before the report's time" in complained
    counts = {}
    for day in (first, newest):
        status = run_cli(cli_env, "status", "--date", day.isoformat(), "--json")
        data = json.loads(status.stdout)
        counts[day] = (data["bounces"], data["complaints"])
    assert counts == {first: (1, 0), newest: (0, 1)}


def _quoting_only_the_unsubscribe_link(original: bytes, report_id: str) -> bytes:
    """A DSN for mail sent before signed Message-IDs: it quotes our headers without Date,
    Message-ID or Return-Path (the reviewer's /tmp/mt/mkdsn.py), so only the unsubscribe
    link names the reader; the report itself has no Date either."""
    head = original.split(b"\r\n\r\n", 1)[0]
    quoted = b"\r\n".join(
        line
        for line in re.split(rb"\r\n(?![ \t])", head)
        if not line.lower().startswith((b"date:", b"message-id:", b"return-path:"))
    )
    report = dsn("news@example.com", "kim@example.com", "5.1.1", message_id=report_id)
    plain = b"From: Morning Brief <news@example.com>\r\nTo: kim@example.com\r\n"
    plain += b"Subject: the issue\r\n"
    assert plain in report
    return report.replace(plain, quoted + b"\r\n")


def test_two_reports_of_one_morning_that_name_no_issue_count_once(  # type: ignore[no-untyped-def]
    make_settings, cli_env, tmp_path: Path
) -> None:
    """Reports naming the reader but no issue got day=None, so 'counted once per issue' did
    not dedupe them: two DSNs of one morning marked the reader bounced at BOUNCE_LIMIT=2.
    They count on the latest issue delivered to the reader, and the line says so."""
    day = dt.date(2026, 12, 5)
    store = Store.open(make_settings().db_url)
    try:
        kim = store.add_subscriber("kim@example.com")[0].id
        with SmtpServer() as server:
            settings = make_settings(
                smtp={"host": server.host, "port": server.port, "security": "none"}
            )
            assert run_issue(day, settings, store=store).sent == 1
            original = server.messages[0].data
    finally:
        store.close()
    paths = []
    for n in (1, 2):
        paths.append(tmp_path / f"dsn{n}.eml")
        paths[-1].write_bytes(_quoting_only_the_unsubscribe_link(original, f"r{n}"))
    env = {**cli_env, "NEWSLETTER_BOUNCE_LIMIT": "2"}
    done = run_cli(env, "bounces", "process", *map(str, paths))
    assert done.returncode == 0, done.stderr
    store = Store.open(make_settings().db_url)
    try:
        reader = store.get_subscriber(kim)
        assert reader is not None and reader.status is SubscriberStatus.ACTIVE
        assert _bounce_count(store, kim) == 1
    finally:
        store.close()
    lines = [line for line in done.stdout.splitlines() if "hard 5.1.1" in line]
    assert len(lines) == 2, done.stdout
    for line in lines:
        assert f"reader {kim} issue {day}" in line, line
        assert "latest issue delivered to the reader" in line, line


def test_a_report_for_a_reader_never_sent_to_counts_on_no_issue(db_store: Store) -> None:
    from newsletter.store.bounces import record_event

    reader, _ = db_store.add_subscriber("kim@example.com")
    recorded = record_event(
        db_store,
        event_key="no-delivery",
        source="dsn",
        kind="hard",
        subscriber_id=reader.id,
        day=None,
        status_code="5.1.1",
        detail="user unknown",
        bounce_limit=1,
    )
    assert recorded
    assert recorded.day is None and "not counted" in recorded.found  # type: ignore[attr-defined]
    again = db_store.get_subscriber(reader.id)
    assert again is not None and again.status is SubscriberStatus.ACTIVE
    assert _bounce_count(db_store, reader.id) == 0
