"""Relay webhooks (issue 14): Amazon SES through SNS (signature checked with a local
certificate given through the app's seam) and Mailgun (HMAC), over real HTTP to uvicorn."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from newsletter.models import SubscriberStatus
from newsletter.store.bounces import bounce_counts
from newsletter.store.tables import deliveries
from newsletter.web import create_app
from newsletter.web_webhooks import sns_cert_url_ok, sns_string_to_sign
from tests.test_bounces import BOUNCES, DAY, sent  # noqa: F401
from tests.test_web import call, running

TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-bounces"
CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem"
MAILGUN_KEY = "key-mailgun-webhook-signing-0123"
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def signing() -> tuple[Any, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def hooks(sent, signing, make_settings) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]  # noqa: F811
    store, ids, messages = sent
    settings = make_settings(
        bounce_address=BOUNCES,
        bounce_limit=3,
        ses_topic_arns=f"arn:aws:sns:eu-west-1:1:other,{TOPIC}",
        mailgun_webhook_key=MAILGUN_KEY,
    )
    app = create_app(settings, store)
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        return signing[1]

    app.state.sns_fetch = fetch
    with running(app) as base:
        yield {"base": base, "store": store, "ids": ids, "messages": messages, "fetched": fetched}


def sns(signing, message: dict[str, Any], *, kind: str = "Notification", version: str = "2",
        **overrides: Any) -> dict[str, Any]:  # fmt: skip
    body = {
        "Type": kind,
        "MessageId": overrides.pop("MessageId", "msg-" + str(time.monotonic_ns())),
        "TopicArn": TOPIC,
        "Message": json.dumps(message),
        "Timestamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "SignatureVersion": version,
        "SigningCertURL": CERT_URL,
        **overrides,
    }
    if kind == "SubscriptionConfirmation":
        body["SubscribeURL"] = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription"
        body["Token"] = "tok"
    data = sns_string_to_sign(body)
    assert data is not None
    digest = hashes.SHA1() if version == "1" else hashes.SHA256()
    body["Signature"] = base64.b64encode(signing[0].sign(data, padding.PKCS1v15(), digest)).decode()
    return body


def ses_bounce(source: str, address: str, bounce_type: str = "Permanent") -> dict[str, Any]:
    return {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": bounce_type,
            "bouncedRecipients": [
                {"emailAddress": address, "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1"}
            ],
        },
        "mail": {"source": source, "destination": [address]},
    }


def post(base: str, path: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
    return call(base, "POST", path, json.dumps(body).encode(), JSON)


def test_ses_bounce_and_complaint(hooks, signing) -> None:  # type: ignore[no-untyped-def]
    base, store, ids, messages = hooks["base"], hooks["store"], hooks["ids"], hooks["messages"]
    kim = ids["kim@example.com"]
    notice = sns(signing, ses_bounce(messages["kim@example.com"].mail_from, "kim@example.com"))
    reply = post(base, "/webhooks/ses", notice)
    assert reply.status == 200, reply.text
    assert hooks["fetched"] == [CERT_URL]
    with store.engine.connect() as connection:
        row = connection.execute(
            deliveries.select().where(deliveries.c.day == DAY, deliveries.c.subscriber_id == kim)
        ).first()
    assert row.bounce.startswith("bounce 5.1.1")
    # A replay (the same MessageId) changes nothing.
    assert post(base, "/webhooks/ses", notice).status == 200
    assert bounce_counts(store, DAY)["bounces"] == 1

    complaint = {
        "notificationType": "Complaint",
        "complaint": {"complainedRecipients": [{"emailAddress": "lee@example.org"}]},
        "mail": {"source": "news@example.com"},  # no VERP: the verified recipient names them
    }
    assert post(base, "/webhooks/ses", sns(signing, complaint, version="1")).status == 200
    assert store.get_subscriber(ids["lee@example.org"]).status is SubscriberStatus.COMPLAINED


def test_ses_refuses_what_it_cannot_trust(hooks, signing) -> None:  # type: ignore[no-untyped-def]
    base, store, ids, messages = hooks["base"], hooks["store"], hooks["ids"], hooks["messages"]
    bounce = ses_bounce(messages["kim@example.com"].mail_from, "kim@example.com")
    good = sns(signing, bounce)
    tampered = {**good, "Message": good["Message"].replace("Permanent", "Permanent ")}
    assert post(base, "/webhooks/ses", tampered).status == 401
    for url in (
        "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
        "http://sns.us-east-1.amazonaws.com/cert.pem",
        "https://evil.example/sns.us-east-1.amazonaws.com.pem",
        "https://sns.us-east-1.amazonaws.com/cert.txt",
    ):
        assert not sns_cert_url_ok(url)
        assert post(base, "/webhooks/ses", {**good, "SigningCertURL": url}).status == 401
    assert hooks["fetched"] == [CERT_URL]  # only the good URL was ever fetched
    other_topic = sns(signing, bounce, TopicArn="arn:aws:sns:us-east-1:999:attacker")
    assert post(base, "/webhooks/ses", other_topic).status == 403
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert post(base, "/webhooks/ses", sns(signing, bounce, Timestamp=old)).status == 200
    assert call(base, "POST", "/webhooks/ses", b"{not json", JSON).status == 400
    assert bounce_counts(store, DAY) == {"bounces": 0, "soft_bounces": 0, "complaints": 0}
    assert store.get_subscriber(ids["kim@example.com"]).status is SubscriberStatus.ACTIVE


def test_ses_subscription_is_confirmed(hooks, signing) -> None:  # type: ignore[no-untyped-def]
    reply = post(hooks["base"], "/webhooks/ses", sns(signing, {}, kind="SubscriptionConfirmation"))
    assert reply.status == 200
    assert hooks["fetched"][-1].startswith("https://sns.us-east-1.amazonaws.com/?Action=Confirm")


def mailgun(event: dict[str, Any], *, key: str = MAILGUN_KEY, token: str | None = None,
            timestamp: int | None = None) -> dict[str, Any]:  # fmt: skip
    stamp = str(timestamp or int(time.time()))
    token = token or hashlib.sha256(str(time.monotonic_ns()).encode()).hexdigest()[:50]
    signature = hmac.new(key.encode(), f"{stamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": stamp, "token": token, "signature": signature},
        "event-data": event,
    }


def test_mailgun_events(hooks) -> None:  # type: ignore[no-untyped-def]
    base, store, ids, messages = hooks["base"], hooks["store"], hooks["ids"], hooks["messages"]
    failed = {
        "event": "failed",
        "severity": "permanent",
        "recipient": "kim@example.com",
        "envelope": {"sender": messages["kim@example.com"].mail_from},
        "delivery-status": {"code": 550, "message": "No such user"},
    }
    body = mailgun(failed, token="t" * 50)
    assert post(base, "/webhooks/mailgun", body).status == 200
    assert post(base, "/webhooks/mailgun", body).status == 200  # replayed: ignored
    assert bounce_counts(store, DAY)["bounces"] == 1
    complained = {"event": "complained", "recipient": "park@example.net"}
    assert post(base, "/webhooks/mailgun", mailgun(complained)).status == 200
    assert store.get_subscriber(ids["park@example.net"]).status is SubscriberStatus.COMPLAINED

    forged = mailgun(complained | {"recipient": "lee@example.org"}, key="not-the-key-00000")
    assert post(base, "/webhooks/mailgun", forged).status == 401
    moved = mailgun(complained | {"recipient": "lee@example.org"})
    moved["signature"]["timestamp"] = str(int(moved["signature"]["timestamp"]) + 1)
    assert post(base, "/webhooks/mailgun", moved).status == 401
    stale = mailgun(
        complained | {"recipient": "lee@example.org"}, timestamp=int(time.time()) - 3 * 86400
    )
    assert post(base, "/webhooks/mailgun", stale).status == 200
    assert store.get_subscriber(ids["lee@example.org"]).status is SubscriberStatus.ACTIVE


def test_webhooks_are_off_until_configured(sent, make_settings) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    store = sent[0]
    with running(create_app(make_settings(), store)) as base:
        assert post(base, "/webhooks/ses", {}).status == 404
        assert post(base, "/webhooks/mailgun", mailgun({"event": "complained"})).status == 404


def _one_more_issue_since(store, ids: dict[str, int]) -> dt.date:  # type: ignore[no-untyped-def]
    """DAY went out three hours ago, a later issue half an hour ago, to every reader."""
    later = DAY + dt.timedelta(days=1)
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as connection:
        connection.execute(
            deliveries.update()
            .where(deliveries.c.day == DAY)
            .values(sent_at=now - dt.timedelta(hours=3))
        )
        for address, sid in ids.items():
            connection.execute(
                deliveries.insert().values(
                    day=later,
                    subscriber_id=sid,
                    email=address,
                    status="sent",
                    created_at=now,
                    updated_at=now,
                    sent_at=now - dt.timedelta(minutes=30),
                )
            )
    return later


def _our_message_id(raw: bytes) -> str:
    line = next(x for x in raw.split(b"\r\n") if x.lower().startswith(b"message-id:"))
    return line.split(b":", 1)[1].strip().decode()


def test_events_without_verp_find_their_issue(hooks, signing) -> None:  # type: ignore[no-untyped-def]
    """No VERP sender, and the relay's own Message-ID in the usual field: the event named no
    issue. Our Message-ID where the payload keeps the original headers (SES mail.headers,
    Mailgun message-headers) names it; else the event's own time finds the latest issue
    delivered to the reader before it (not the one sent after the bounce)."""
    base, store, ids, messages = hooks["base"], hooks["store"], hooks["ids"], hooks["messages"]
    later = _one_more_issue_since(store, ids)
    hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    ses_id = "<0100018c0123abcd-0000@email.amazonses.com>"

    by_time = ses_bounce("news@example.com", "kim@example.com")
    by_time["bounce"]["timestamp"] = hour_ago.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    by_time["mail"]["commonHeaders"] = {"messageId": ses_id}
    by_header = ses_bounce("news@example.com", "lee@example.org")
    by_header["mail"]["commonHeaders"] = {"messageId": ses_id}
    by_header["mail"]["headers"] = [
        {"name": "Message-ID", "value": _our_message_id(messages["lee@example.org"].data)}
    ]
    for notice in (by_time, by_header):
        assert post(base, "/webhooks/ses", sns(signing, notice)).status == 200

    failed = {
        "event": "failed",
        "severity": "permanent",
        "recipient": "park@example.net",
        "envelope": {"sender": "news@example.com"},
        "message": {"headers": {"message-id": "20261205.1@mg.example.com"}},
        "delivery-status": {"code": 550, "message": "No such user"},
    }
    legacy = failed | {
        "message-headers": [["Message-Id", _our_message_id(messages["park@example.net"].data)]]
    }
    timed = failed | {"timestamp": hour_ago.timestamp()}
    for event in (legacy, timed):
        assert post(base, "/webhooks/mailgun", mailgun(event)).status == 200

    assert bounce_counts(store, later)["bounces"] == 0
    assert bounce_counts(store, DAY)["bounces"] == 4
    with store.engine.connect() as connection:
        marked = connection.execute(
            deliveries.select().where(deliveries.c.bounce.is_not(None))
        ).all()
    assert sorted((row.day, row.email) for row in marked) == [
        (DAY, "kim@example.com"), (DAY, "lee@example.org"), (DAY, "park@example.net")
    ]  # fmt: skip
