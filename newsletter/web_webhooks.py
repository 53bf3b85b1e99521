"""`newsletter serve`: relay webhooks for bounces and complaints (issue 14).

    POST /webhooks/ses       Amazon SES notifications through SNS (NEWSLETTER_SES_TOPIC_ARNS)
    POST /webhooks/mailgun   Mailgun webhooks (NEWSLETTER_MAILGUN_WEBHOOK_KEY)

Each maps to the same handling as a bounce in the mailbox (newsletter.store.bounces): a
permanent bounce counts toward NEWSLETTER_BOUNCE_LIMIT, a complaint unsubscribes at once and
marks the reader ``complained``, a transient bounce is recorded only.

Trust. SNS: the message's signature (SignatureVersion 1 = SHA1, 2 = SHA256, RSA PKCS#1 v1.5)
is checked with the certificate at SigningCertURL, and that URL must be https on an
``sns.<region>.amazonaws.com`` host and end in .pem before anything is fetched; the topic must
be one the operator listed (any AWS account can sign SNS messages for its own topics).
Mailgun: HMAC-SHA256 of timestamp+token under the webhook signing key. A bad signature gets
401 and changes nothing. Replays change nothing either: the SNS MessageId or the Mailgun token
is the event key (newsletter.store.bounces), and a notice older than a day is acknowledged
and ignored. The reader is found through the VERP envelope sender when there is one, else by
the recipient address the (verified) notice names.

Seam: ``app.state.sns_fetch`` (url -> bytes) fetches signing certificates and subscription
confirmation URLs; the default uses urllib with TLS verified. Tests give a local certificate.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from newsletter.logs import mask_email
from newsletter.verp import read_message_id, read_verp
from newsletter.web_common import WebContext

log = logging.getLogger(__name__)

SNS_HOST = re.compile(r"^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$")
MAX_AGE = dt.timedelta(days=1)
_CERT_MAX = 16 * 1024
_NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
_CONFIRMATION_KEYS = (
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
)


# ---- pure checks ----------------------------------------------------------------------------


def sns_cert_url_ok(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and parts.port in (None, 443)
        and not parts.username
        and SNS_HOST.match(parts.hostname or "") is not None
        and parts.path.endswith(".pem")
        and not parts.query
    )


def sns_string_to_sign(message: dict[str, Any]) -> bytes | None:
    kind = message.get("Type")
    keys = _NOTIFICATION_KEYS if kind == "Notification" else _CONFIRMATION_KEYS
    if kind not in ("Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"):
        return None
    out = []
    for key in keys:
        value = message.get(key)
        if value is None:
            if key == "Subject":
                continue
            return None
        if not isinstance(value, str):
            return None
        out.append(f"{key}\n{value}\n")
    return "".join(out).encode("utf-8")


def sns_signature_valid(message: dict[str, Any], certificate_pem: bytes) -> bool:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    data = sns_string_to_sign(message)
    version = message.get("SignatureVersion")
    if data is None or version not in ("1", "2"):
        return False
    try:
        signature = base64.b64decode(str(message.get("Signature", "")), validate=True)
        certificate = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError:
        return False
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    now = dt.datetime.now(dt.UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        return False
    algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()  # v1 is SHA1: SNS's own
    try:
        key.verify(signature, data, padding.PKCS1v15(), algorithm)
    except InvalidSignature:
        return False
    return True


def mailgun_signature_valid(key: bytes, signature: dict[str, Any]) -> bool:
    timestamp, token, given = (signature.get(k) for k in ("timestamp", "token", "signature"))
    if not all(isinstance(v, str | int) for v in (timestamp, token, given)):
        return False
    expected = hmac.new(key, f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, str(given))


def https_fetch(url: str) -> bytes:
    """The default seam: a small GET over verified TLS."""
    with urllib.request.urlopen(url, timeout=10) as response:  # https, checked above
        return response.read(_CERT_MAX + 1)[:_CERT_MAX]


# ---- the endpoints --------------------------------------------------------------------------


class Webhooks:
    def __init__(self, web: WebContext) -> None:
        self.web = web
        self.settings = web.settings
        self.topics = {
            t.strip() for t in (self.settings.ses_topic_arns or "").split(",") if t.strip()
        }
        self._certificates: dict[str, bytes] = {}

    def fetcher(self, request: Request) -> Callable[[str], bytes]:
        return getattr(request.app.state, "sns_fetch", None) or https_fetch

    async def body_json(self, request: Request) -> Any:
        try:
            return json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return None

    # -- SES through SNS

    async def ses(self, request: Request) -> Response:
        if not self.topics:
            return self.web.error_response(request.url.path, 404)
        message = await self.body_json(request)
        if not isinstance(message, dict):
            return _answer(400, "not an SNS message")
        url = message.get("SigningCertURL") or message.get("SigningCertUrl")
        if not isinstance(url, str) or not sns_cert_url_ok(url):
            log.warning("SES webhook: signing certificate URL refused: %.100r", url)
            return _answer(401, "bad signature")
        fetch = self.fetcher(request)
        try:
            certificate = self._certificates.get(url) or await self.web.call(fetch, url)
        except OSError as exc:
            log.error("SES webhook: cannot fetch the signing certificate: %s", exc)
            return _answer(503, "try again")
        if not await self.web.call(sns_signature_valid, message, certificate):
            log.warning("SES webhook: bad SNS signature")
            return _answer(401, "bad signature")
        self._certificates[url] = certificate
        if message.get("TopicArn") not in self.topics:
            log.warning("SES webhook: topic %.200s is not in NEWSLETTER_SES_TOPIC_ARNS",
                        message.get("TopicArn"))  # fmt: skip
            return _answer(403, "topic not accepted")
        kind = message["Type"]
        if kind == "SubscriptionConfirmation":
            subscribe = message.get("SubscribeURL", "")
            host = urlsplit(subscribe).hostname or ""
            if urlsplit(subscribe).scheme != "https" or not SNS_HOST.match(host):
                return _answer(400, "subscribe URL refused")
            try:
                await self.web.call(fetch, subscribe)
            except OSError as exc:
                log.error("SES webhook: confirming the subscription failed: %s", exc)
                return _answer(503, "try again")
            log.info("SES webhook: subscribed to %s", message["TopicArn"])
            return _answer(200, "subscribed")
        if kind != "Notification":
            return _answer(200, "ignored")
        if _stale(message.get("Timestamp")):
            return _answer(200, "ignored: stale")
        try:
            notice = json.loads(message["Message"])
        except (ValueError, TypeError):
            return _answer(200, "ignored: not an SES notification")
        return await self.web.call(
            self._ses_notice, f"ses:{message['MessageId']}", notice, _when(message["Timestamp"])
        )

    def _ses_notice(
        self, event_key: str, notice: Any, published: dt.datetime | None = None
    ) -> Response:
        if not isinstance(notice, dict):
            return _answer(200, "ignored")
        kind = notice.get("notificationType") or notice.get("eventType")
        mail = notice.get("mail") if isinstance(notice.get("mail"), dict) else {}
        feedback = None
        report: Any = {}
        if kind == "Bounce":
            bounce = report = notice.get("bounce") or {}
            permanent = bounce.get("bounceType") == "Permanent"
            recipients = bounce.get("bouncedRecipients") or []
            outcome = "hard" if permanent else "soft"
        elif kind == "Complaint":
            complaint = report = notice.get("complaint") or {}
            recipients = complaint.get("complainedRecipients") or []
            feedback = complaint.get("complaintFeedbackType")
            outcome = "feedback" if feedback == "not-spam" else "complaint"
        else:
            return _answer(200, "ignored")
        # SES may put its own Message-ID in commonHeaders; mail.headers (when the topic
        # includes them) keeps ours. The event's own time finds the issue when neither does.
        headers = mail.get("commonHeaders")
        headers = headers if isinstance(headers, dict) else {}
        message_ids = [str(headers.get("messageId") or "")] + [
            str(h.get("value") or "")
            for h in (mail.get("headers") if isinstance(mail.get("headers"), list) else [])
            if isinstance(h, dict) and str(h.get("name", "")).lower() == "message-id"
        ]
        when = _when(report.get("timestamp") if isinstance(report, dict) else None) or published
        applied = 0
        for index, recipient in enumerate(recipients if isinstance(recipients, list) else []):
            if not isinstance(recipient, dict):
                continue
            address = str(recipient.get("emailAddress", ""))
            status = recipient.get("status") or ("5.0.0" if outcome == "hard" else None)
            detail = str(recipient.get("diagnosticCode") or "")
            applied += self._apply(
                f"{event_key}:{index}", "ses", outcome, str(mail.get("source", "")), address,
                status if outcome in ("hard", "soft") else (feedback or "abuse"), detail,
                message_ids, when,
            )  # fmt: skip
        return _answer(200, f"applied {applied}")

    # -- Mailgun

    async def mailgun(self, request: Request) -> Response:
        key = self.settings.mailgun_webhook_key
        if key is None:
            return self.web.error_response(request.url.path, 404)
        body = await self.body_json(request)
        signature = body.get("signature") if isinstance(body, dict) else None
        if not isinstance(signature, dict) or not mailgun_signature_valid(
            key.get_secret_value().encode(), signature
        ):
            log.warning("Mailgun webhook: bad signature")
            return _answer(401, "bad signature")
        try:
            sent = dt.datetime.fromtimestamp(int(signature["timestamp"]), dt.UTC)
        except (ValueError, OverflowError, OSError):
            return _answer(401, "bad signature")
        if abs(dt.datetime.now(dt.UTC) - sent) > MAX_AGE:
            return _answer(200, "ignored: stale")
        event = body.get("event-data") if isinstance(body, dict) else None
        if not isinstance(event, dict):
            return _answer(200, "ignored")
        name = event.get("event")
        if name == "failed":
            outcome = "hard" if event.get("severity") == "permanent" else "soft"
        elif name == "complained":
            outcome = "complaint"
        else:
            return _answer(200, "ignored")
        status = (
            event.get("delivery-status") if isinstance(event.get("delivery-status"), dict) else {}
        )
        code = status.get("enhanced-code") or (
            f"{str(status.get('code'))[0]}.0.0" if status.get("code") else None
        )
        if outcome == "complaint":
            code = "abuse"
        detail = str(status.get("description") or status.get("message") or "")
        envelope = event.get("envelope") if isinstance(event.get("envelope"), dict) else {}
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        headers = message.get("headers") if isinstance(message.get("headers"), dict) else {}
        legacy = _mailgun_message_ids(event.get("message-headers"))
        message_ids = [str(headers.get("message-id") or ""), *legacy]
        applied = await self.web.call(
            self._apply, f"mailgun:{signature['token']}", "mailgun", outcome,
            str(envelope.get("sender", "")), str(event.get("recipient", "")), code, detail,
            message_ids, _when(event.get("timestamp")) or sent,
        )  # fmt: skip
        return _answer(200, "applied" if applied else "ignored: replay or unknown reader")

    # -- shared

    def _apply(
        self,
        event_key: str,
        source: str,
        outcome: str,
        envelope_sender: str,
        recipient: str,
        status_code: str | None,
        detail: str,
        message_ids: Sequence[str] = (),
        reported_at: dt.datetime | None = None,
    ) -> int:
        from newsletter.store.bounces import record_event

        keys = self.web.keys
        subscriber_id: int | None = None
        day = None
        claims = None
        if self.settings.bounce_address and envelope_sender:
            claims = read_verp(self.settings.bounce_address, keys, envelope_sender)
        for message_id in message_ids:  # our signed Message-ID names the delivery too
            if claims is None and message_id.strip():
                claims = read_message_id(keys, "<" + message_id.strip().strip("<>") + ">")
        if claims is not None:
            subscriber_id, day = claims.subscriber_id, claims.day
        if subscriber_id is None and recipient:
            found = self.web.db.find_subscriber(recipient)
            subscriber_id = found.id if found else None
        if subscriber_id is None:
            log.info("%s webhook: %s for %s names no reader", source, outcome,
                     mask_email(recipient))  # fmt: skip
            return 0
        applied = record_event(
            self.web.db,
            event_key=event_key,
            source=source,
            kind=outcome,
            subscriber_id=subscriber_id,
            day=day,
            status_code=status_code,
            detail=detail,
            bounce_limit=self.settings.bounce_limit,
            reported_at=reported_at,  # finds the issue when neither VERP nor Message-ID does
        )
        if applied:
            found = f" ({applied.found})" if applied.found else ""
            log.info("%s webhook: %s %s for reader %d issue %s%s", source, outcome,
                     status_code or "", subscriber_id, applied.day, found)  # fmt: skip
        return int(bool(applied))


def _when(value: Any) -> dt.datetime | None:
    """An event's time: ISO 8601 with a zone (SES, SNS) or seconds since the epoch (Mailgun)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, int | float):
            return dt.datetime.fromtimestamp(float(value), dt.UTC)
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    return when if when.tzinfo is not None else None


def _mailgun_message_ids(pairs: Any) -> list[str]:
    """Message-ID values from Mailgun's message-headers: [[name, value], ...] or that as JSON."""
    if isinstance(pairs, str):
        try:
            pairs = json.loads(pairs)
        except ValueError:
            return []
    if not isinstance(pairs, list):
        return []
    return [
        str(pair[1])
        for pair in pairs
        if isinstance(pair, list | tuple)
        and len(pair) == 2
        and str(pair[0]).lower() == "message-id"
    ]


def _stale(timestamp: Any) -> bool:
    try:
        sent = dt.datetime.fromisoformat(str(timestamp).replace("Z", "+00:00"))
    except ValueError:
        return True
    if sent.tzinfo is None:
        return True
    return abs(dt.datetime.now(dt.UTC) - sent) > MAX_AGE


def _answer(status: int, text: str) -> Response:
    return JSONResponse({"result": text}, status_code=status, headers={"cache-control": "no-store"})


def webhook_routes(web: WebContext) -> list[Route]:
    hooks = Webhooks(web)
    return [
        Route("/webhooks/ses", hooks.ses, methods=["POST"]),
        Route("/webhooks/mailgun", hooks.mailgun, methods=["POST"]),
    ]
