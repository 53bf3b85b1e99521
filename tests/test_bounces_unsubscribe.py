"""Unsubscribe requests by mail: the mailto: half of List-Unsubscribe, sent back to the bounce
mailbox. A real issue goes out through aiosmtpd; the reader's mail program answers the mailto
with the Subject it names; `newsletter bounces process` reads it from .eml files (and, in
tests/test_bounces_imap.py, from dovecot) and acts only on a token that verifies."""

from __future__ import annotations

import email.header
import json
import re
import urllib.parse
from pathlib import Path

from newsletter.bounces import REFUSED, UNRECOGNISED, UNSUBSCRIBE, classify
from newsletter.models import SubscriberStatus
from newsletter.store.tables import bounce_events
from newsletter.tokens import base36
from tests.test_bounces import BOUNCES, KEYS, run_cli, sent  # noqa: F401


def mailto_of(raw: bytes) -> tuple[str, str]:
    """(address, subject) of the mailto: in a sent message's List-Unsubscribe."""
    message = email.message_from_bytes(raw)
    header = " ".join(str(message["List-Unsubscribe"]).split())
    found = re.search(r"<mailto:([^?>]+)\?subject=([^>]+)>", header)
    assert found, header
    return found.group(1), urllib.parse.unquote(found.group(2))


def request(to: str, subject: str, *, sender: str, message_id: str) -> bytes:
    """What a mail program sends for a List-Unsubscribe mailto: (Gmail's, Apple Mail's)."""
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Message-ID: <{message_id}@mail.example>\r\n"
        "Date: Tue, 11 Feb 2025 08:00:00 +0900\r\nMIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\n\r\n'
        "This message was automatically generated to unsubscribe.\r\n"
    ).encode()


def forgeries(to: str, subject: str, other_id: int) -> dict[str, bytes]:
    """The reader's own request with its token altered three ways."""
    token = subject.split()[1]
    id_part, salt, mac = token.split(".")
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    other = base36(other_id)
    return {
        "forged-mac": request(
            to, f"unsubscribe {id_part}.{salt}.{flipped}", sender="x@evil.example", message_id="f1"
        ),
        "other-reader": request(
            to, f"unsubscribe {other}.{salt}.{mac}", sender="x@evil.example", message_id="f2"
        ),
        "no-token": request(to, "unsubscribe", sender="x@evil.example", message_id="f3"),
    }


def consents(env: dict[str, str]) -> dict[str, object]:
    listed = run_cli(env, "subscribers", "list", "--json").stdout.splitlines()
    return {r["email"]: r["consent"] for r in map(json.loads, listed)}


def test_a_mailto_unsubscribe_is_acted_on_and_forgeries_are_refused(  # type: ignore[no-untyped-def]
    sent,  # noqa: F811
    cli_env,
    tmp_path: Path,
) -> None:
    store, ids, messages = sent
    kim, lee = ids["kim@example.com"], ids["lee@example.org"]
    env = {**cli_env, "NEWSLETTER_BOUNCE_ADDRESS": BOUNCES}
    before = consents(env)
    to, subject = mailto_of(messages["kim@example.com"].data)
    assert subject.startswith("unsubscribe ")

    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "unsub.eml").write_bytes(
        request(to, subject, sender="kim@example.com", message_id="u1")
    )
    for name, raw in forgeries(to, subject, lee).items():
        (mail / f"{name}.eml").write_bytes(raw)

    done = run_cli(env, "bounces", "process", *sorted(str(p) for p in mail.glob("*.eml")))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"unsub.eml: unsubscribe reader {kim}" in out, out
    for name in ("forged-mac", "other-reader", "no-token"):
        assert f"{name}.eml: refused" in out, out
    assert out.strip().splitlines()[-1] == (
        "4 messages: 0 hard, 0 soft, 0 complaint, 0 feedback, 0 auto-reply, 0 unrecognised,"
        " 1 unsubscribed by mail, 3 refused"
    )
    assert "kim@example.com" not in out  # masked, as every other line

    assert store.get_subscriber(kim).status is SubscriberStatus.UNSUBSCRIBED
    assert store.get_subscriber(lee).status is SubscriberStatus.ACTIVE
    assert store.get_subscriber(ids["park@example.net"]).status is SubscriberStatus.ACTIVE
    assert consents(env) == before  # the consent record is kept, not erased
    with store.engine.connect() as connection:
        events = connection.execute(bounce_events.select()).all()
    assert [(e.kind, e.source, e.subscriber_id) for e in events] == [("unsubscribe", "mailto", kim)]

    # Acted-on mail moves to processed/; refused mail stays for the operator to read.
    assert (mail / "processed" / "unsub.eml").exists() and not (mail / "unsub.eml").exists()
    assert sorted(p.name for p in mail.glob("*.eml")) == [
        "forged-mac.eml",
        "no-token.eml",
        "other-reader.eml",
    ]
    # Read again: applied once.
    again = run_cli(env, "bounces", "process", str(mail / "processed" / "unsub.eml"))
    assert "applied before: nothing changed" in again.stdout, again.stdout


def test_the_request_is_read_as_mail_programs_write_it(sent) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    store, ids, messages = sent
    to, subject = mailto_of(messages["lee@example.org"].data)
    token = subject.split()[1]
    salts = store.token_salt
    shapes = {
        "plain": subject,
        "still escaped": f"unsubscribe%20{token}",
        "case and spaces": f"  Unsubscribe   {token} ",
        "encoded word": email.header.Header(subject, "utf-8").encode(),
    }
    for what, written in shapes.items():
        raw = request(to, written, sender="lee@example.org", message_id=what.replace(" ", "-"))
        verdict = classify(raw, keys=KEYS, bounce_address=BOUNCES, salts=salts)
        assert verdict.kind == UNSUBSCRIBE, what
        assert verdict.subscriber_id == ids["lee@example.org"], what
    # A reply that only mentions the word, and a revoked link, are not requests we act on.
    reply = request(to, "Re: unsubscribe me please", sender="lee@example.org", message_id="r")
    assert classify(reply, keys=KEYS, bounce_address=BOUNCES, salts=salts).kind == UNRECOGNISED
    store.set_token_salt(ids["lee@example.org"], "a-new-salt-0")
    revoked = request(to, subject, sender="lee@example.org", message_id="revoked")
    assert classify(revoked, keys=KEYS, bounce_address=BOUNCES, salts=salts).kind == REFUSED


def test_a_request_from_a_test_copy_names_no_reader(sent) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from newsletter.tokens import TEST_SALT, make_token

    store, _ids, messages = sent
    to, _subject = mailto_of(messages["kim@example.com"].data)
    token = make_token(KEYS, 0, TEST_SALT)  # what a `send --to` copy carries
    raw = request(to, f"unsubscribe {token}", sender="me@example.com", message_id="t")
    verdict = classify(raw, keys=KEYS, bounce_address=BOUNCES, salts=store.token_salt)
    assert verdict.kind == REFUSED and "[TEST] copy" in verdict.detail
