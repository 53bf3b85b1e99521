"""The outbox transport: .eml files, written whole, one per reader and key."""

from __future__ import annotations

import datetime as dt
import email
import shutil
import threading
from pathlib import Path

import pytest

from newsletter.errors import ConfigError, TransportError
from newsletter.mailers import make_transport
from newsletter.mailers.base import Envelope
from newsletter.mailers.outbox import OutboxTransport, eml_name
from newsletter.models import DeliveryStatus

DATA = b"From: news@example.com\r\nTo: alice@example.com\r\nSubject: Hi\r\n\r\nBody line\r\n"


def test_each_message_becomes_an_eml_file_in_the_day_folder(tmp_path: Path) -> None:
    transport = OutboxTransport(tmp_path / "outbox", day=dt.date(2024, 5, 17))
    with transport.connect() as connection:
        outcome = connection.send(Envelope("news@example.com", "alice@example.com", DATA, 42))
    path = tmp_path / "outbox" / "2024-05-17" / "42-alice@example.com.eml"
    assert outcome.status is DeliveryStatus.SENT
    assert outcome.detail == str(path)
    assert path.read_bytes() == DATA
    assert email.message_from_bytes(path.read_bytes())["Subject"] == "Hi"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_without_a_day_the_folder_is_messages(tmp_path: Path) -> None:
    connection = OutboxTransport(tmp_path).connect()
    outcomes = connection.send_many(
        [Envelope("n@example.com", f"r{i}@example.com", DATA, i) for i in range(3)]
    )
    assert [o.status for o in outcomes] == [DeliveryStatus.SENT] * 3
    assert sorted(p.name for p in (tmp_path / "messages").iterdir()) == [
        "0-r0@example.com.eml",
        "1-r1@example.com.eml",
        "2-r2@example.com.eml",
    ]


def test_a_hostile_recipient_cannot_escape_the_folder(tmp_path: Path) -> None:
    envelope = Envelope("n@example.com", "../../etc/passwd\r\n@example.com", DATA, 7)
    assert "/" not in eml_name(envelope) and not eml_name(envelope).startswith(".")
    outcome = OutboxTransport(tmp_path / "o").connect().send(envelope)
    assert Path(outcome.detail).parent == tmp_path / "o" / "messages"
    assert Path(outcome.detail).read_bytes() == DATA


def test_a_resend_replaces_the_file_whole(tmp_path: Path) -> None:
    connection = OutboxTransport(tmp_path).connect()
    first = connection.send(Envelope("n@example.com", "a@example.com", b"old\r\n", 1))
    second = connection.send(Envelope("n@example.com", "a@example.com", b"new\r\n", 1))
    assert first.detail == second.detail
    assert Path(second.detail).read_bytes() == b"new\r\n"


def test_threads_write_side_by_side(tmp_path: Path) -> None:
    transport = OutboxTransport(tmp_path)

    def work(offset: int) -> None:
        connection = transport.connect()
        connection.send_many(
            [Envelope("n@example.com", f"r{i}@x.org", DATA, i) for i in range(offset, offset + 50)]
        )

    threads = [threading.Thread(target=work, args=(n * 50,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    files = list((tmp_path / "messages").iterdir())
    assert len(files) == 200
    assert all(f.read_bytes() == DATA for f in files)


def test_an_unusable_folder_is_one_transport_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(TransportError, match="cannot create the outbox folder"):
        OutboxTransport(blocker).connect()


def test_a_failed_write_is_deferred_not_raised(tmp_path: Path) -> None:
    connection = OutboxTransport(tmp_path).connect()
    assert connection.send(Envelope("n@example.com", "a@example.com", DATA, 1)).status is (
        DeliveryStatus.SENT
    )
    shutil.rmtree(connection.folder)  # the folder vanished under us
    outcome = connection.send(Envelope("n@example.com", "b@example.com", DATA, 2))
    assert outcome.status is DeliveryStatus.DEFERRED and "cannot write" in outcome.detail


def test_the_day_folder_is_made_at_the_first_write_not_at_connect(tmp_path: Path) -> None:
    """A run that connects and then fails (on its source, say) leaves no empty day folder, so
    nothing has to remove one afterwards, under a concurrent run (a console test send) that
    connected to the same folder meanwhile and writes into it."""
    day = dt.date(2026, 12, 1)
    failing = OutboxTransport(tmp_path, day=day).connect()
    test_copy = OutboxTransport(tmp_path, day=day, test=True).connect()
    assert failing.folder == test_copy.folder
    assert not failing.folder.exists() and list(tmp_path.iterdir()) == []  # connecting made none
    for n, address in enumerate(("me@example.com", "you@example.com")):
        outcome = test_copy.send(Envelope("n@example.com", address, DATA, n))
        assert outcome.status is DeliveryStatus.SENT, outcome.detail
    assert sorted(p.name for p in test_copy.folder.iterdir()) == [
        "test-0-me@example.com.eml",
        "test-1-you@example.com.eml",
    ]
    # The other connection writes into the folder the first write made, too.
    assert failing.send(Envelope("n@example.com", "a@example.com", DATA, 7)).status is (
        DeliveryStatus.SENT
    )
    assert (failing.folder / "7-a@example.com.eml").read_bytes() == DATA


def test_make_transport_defaults_to_the_outbox_without_a_host(
    make_settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    transport = make_transport(settings, day=dt.date(2024, 1, 2))
    assert transport.name == "outbox"
    assert isinstance(transport, OutboxTransport)
    assert transport.folder == settings.outbox_path / "2024-01-02"
    with pytest.raises(ConfigError, match="NEWSLETTER_SMTP__HOST"):
        make_transport(make_settings(transport="smtp"))


@pytest.mark.parametrize(
    ("subject", "is_test"),
    [
        (b"[TEST] [Morning Brief] Feb 11", True),
        (b"=?utf-8?b?W1RFU1RdIFvrqqjri50g67iM66as7ZSEXQ==?=", True),  # '[TEST] [모닝 브리프]'
        (b"=?utf-8?q?=5BTEST=5D_Morning?=\r\n =?utf-8?q?_Brief?=", True),
        (b"[Morning Brief] A nuclear TEST in the news", False),
        (b"=?utf-8?b?W+uqqOuLnSDruIzrpqztlIRd?=", False),  # '[모닝 브리프]', a reader's
        (b"=?x-unknown?b?W1RFU1Rd?=", False),  # a charset Python cannot decode: no crash
    ],
)
def test_count_eml_tells_test_copies_named_before_test_prefix_by_subject(
    tmp_path: Path, subject: bytes, is_test: bool
) -> None:
    """[TEST] copies written before they were named test-*.eml are told by their Subject."""
    from newsletter.mailers.outbox import count_eml

    (tmp_path / "0-me@example.com.eml").write_bytes(
        b"From: news@example.com\r\nSubject: " + subject + b"\r\nTo: me@example.com\r\n\r\n"
        b"Subject: [TEST] in the body is no header\r\n"
    )
    (tmp_path / "test-0-ed@example.com.eml").write_bytes(DATA)
    (tmp_path / "7-kim@example.com.eml").write_bytes(DATA)
    assert count_eml(tmp_path) == ((1, 2) if is_test else (2, 1))
    assert count_eml(tmp_path, first_message=True)[0] == 1
    assert count_eml(tmp_path / "none") == (0, 0)
    # A file whose key only a ledger row has is a reader's: its Subject is not read.
    (tmp_path / "0-me@example.com.eml").rename(tmp_path / "1000-me@example.com.eml")
    assert count_eml(tmp_path) == (2, 1)
