"""Bounces and complaints that act (issue 14): read reports, decide, record.

    verdict = classify(raw_bytes, keys=..., bounce_address=..., salts=store.token_salt)
    apply_verdict(store, verdict, bounce_limit=3)

What is recognised, and what it does:

* RFC 3464 delivery-status notifications (``multipart/report; report-type=delivery-status``):
  a permanent failure (``Status: 5.x.x``, Action failed) is a hard bounce and counts toward
  NEWSLETTER_BOUNCE_LIMIT, after which the reader is ``bounced``; a 4.x.x (Action delayed, or
  failed with a transient status) is soft: logged and recorded, never counted.
* RFC 5965 ARF reports (``report-type=feedback-report``) with ``Feedback-Type: abuse``: the
  reader is unsubscribed at once and marked ``complained``; other feedback types are recorded.
* RFC 3834 auto-replies (``Auto-Submitted`` other than ``no``, or the usual vacation headers)
  are recognised and ignored.
* Unsubscribe requests by mail: the mailto: half of every message's List-Unsubscribe is
  ``<NEWSLETTER_UNSUBSCRIBE_MAILTO>?subject=unsubscribe <token>``, and a mail program answers
  it with that Subject. When the token verifies (our HMAC and the reader's current salt, as
  the web link's) the reader is unsubscribed, as by the web page; a Subject of that shape
  whose token does not verify (forged, altered, revoked, or none) is ``refused`` and changes
  nothing. The address alone never names anyone: the token must verify.

A report names the reader only through something we signed: the VERP address it was sent to
(newsletter.verp), our Message-ID it quotes (signed the same way, it names reader and issue),
or, for a report that quotes our message, the reader's unsubscribe token in the quoted
List-Unsubscribe header (that names the reader, not the issue: it is the latest issue actually
delivered to that reader at or before the quoted Date, else the report's own Date, else its
arrival; a reader with no delivery gets the event alone, not counted toward the limit; the
output line says which way the issue was found).
A forged or unsigned report is ``unrecognised`` and changes nothing. Each report is applied
once: its Message-ID (or a digest of its bytes) is the event key.
"""

from __future__ import annotations

import datetime as dt
import email
import email.errors
import email.header
import email.policy
import email.utils
import hashlib
import hmac
import logging
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING

from newsletter.logs import mask_email
from newsletter.verp import read_message_id, read_verp

if TYPE_CHECKING:
    from newsletter.store import Store
    from newsletter.store.bounces import Recorded

log = logging.getLogger(__name__)

HARD, SOFT, COMPLAINT, FEEDBACK, AUTO_REPLY, UNRECOGNISED = (
    "hard",
    "soft",
    "complaint",
    "feedback",
    "auto-reply",
    "unrecognised",
)
UNSUBSCRIBE, REFUSED = "unsubscribe", "refused"  # a mailto: unsubscribe request, and a forged one
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_UNSUBSCRIBE_TOKEN = re.compile(r"/u/([0-9a-z]{1,13}\.[A-Za-z0-9_-]{8,32}\.[A-Za-z0-9_-]{22})")
# The Subject newsletter.message writes into the mailto: ("unsubscribe%20<token>"), as mail
# programs send it back: decoded or still escaped, any case, with stray spaces.
_UNSUBSCRIBE_SUBJECT = re.compile(r"\s*unsubscribe(?:(?:\s|%20)+(\S*))?\s*", re.IGNORECASE)
_ADDRESS_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To", "Return-Path")


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # hard, soft, complaint, feedback, auto-reply, unsubscribe, refused, unrecognised
    event_key: str
    subscriber_id: int | None = None
    day: dt.date | None = None
    status_code: str | None = None  # 5.1.1, or the ARF Feedback-Type
    detail: str = ""
    recipient: str | None = None  # as the report names it (for the operator's output)
    sent_at: dt.datetime | None = None  # the quoted message's Date, when the day is not known
    reported_at: dt.datetime | None = None  # the report's own Date, when it has one

    @property
    def acts(self) -> bool:
        return self.subscriber_id is not None and self.kind in (
            HARD, SOFT, COMPLAINT, FEEDBACK, UNSUBSCRIBE
        )  # fmt: skip

    def describe(self, recorded: Recorded | None = None) -> str:
        """One line; `recorded` (what apply_verdict did) adds the issue found for a report
        that named none, and how it was found."""
        found_day = recorded.day if recorded is not None else None
        who = f" reader {self.subscriber_id}" if self.subscriber_id is not None else ""
        day = f" issue {self.day or found_day}" if self.day or found_day else ""
        code = f" {self.status_code}" if self.status_code else ""
        rcpt = f" ({mask_email(self.recipient)})" if self.recipient else ""
        why = f": {self.detail}" if self.detail else ""
        if recorded is not None and recorded.found:
            why += f" ({recorded.found})"
        return f"{self.kind}{code}{who}{day}{rcpt}{why}"


# ---- parsing ------------------------------------------------------------------------------------


def _event_key(message: Message, raw: bytes) -> str:
    message_id = (message.get("Message-ID") or "").strip()
    if message_id and len(message_id) <= 180:
        return "mid:" + message_id
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _report_parts(message: Message, wanted: tuple[str, ...]) -> list[Message]:
    return [part for part in message.walk() if part.get_content_type() in wanted]


def _fields(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or message/feedback-report part.

    Python's parser gives a message/delivery-status part one sub-message per block; a
    message/feedback-report part (or a text/* fallback) arrives as text and is parsed here."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    raw = part.get_payload(decode=True) or b""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    return [email.message_from_string(block + "\n") for block in blocks if block.strip()]


def _quoted_headers(message: Message) -> list[Message]:
    """The original message a report quotes (message/rfc822 or text/rfc822-headers)."""
    found: list[Message] = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                found.append(payload[0])
        elif kind in ("text/rfc822-headers", "message/rfc822-headers", "text/global-headers"):
            raw = part.get_payload(decode=True) or b""
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            found.append(email.message_from_string(text))
    return found


def _first_status(blocks: list[Message]) -> tuple[str | None, str, str | None, str]:
    """(status, action, recipient, diagnostic) of the first per-recipient block that has a
    Status (blocks[0] is the per-message block)."""
    for block in blocks:
        status = block.get("Status")
        if not status:
            continue
        match = _STATUS.search(status)
        recipient = block.get("Final-Recipient") or block.get("Original-Recipient") or ""
        recipient = recipient.split(";", 1)[-1].strip() or None
        diagnostic = " ".join((block.get("Diagnostic-Code") or "").split(";", 1)[-1].split())
        action = (block.get("Action") or "").strip().lower()
        return (match.group(0) if match else None), action, recipient, diagnostic[:300]
    return None, "", None, ""


def _is_auto_reply(message: Message) -> bool:
    auto = (message.get("Auto-Submitted") or "").strip().lower()
    if auto and not auto.startswith("no"):
        return True
    if (message.get("Precedence") or "").strip().lower() in ("auto_reply", "bulk", "junk"):
        return True
    return any(message.get(h) for h in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"))


def classify(
    raw: bytes,
    *,
    keys: list[bytes],
    bounce_address: str | None,
    salts: Callable[[int], str | None] | None = None,
) -> Verdict:
    """The verdict on one message: pure except for `salts`, which looks up a reader's current
    token salt (to verify an unsubscribe token quoted in a report)."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    key = _event_key(message, raw)
    content_type = message.get_content_type()
    report_type = (message.get_param("report-type") or "").lower()
    if content_type == "multipart/report" and report_type == "delivery-status":
        parts = _report_parts(
            message, ("message/delivery-status", "message/global-delivery-status")
        )
        if not parts:
            return Verdict(UNRECOGNISED, key, detail="delivery report without a status part")
        status, action, recipient, diagnostic = _first_status(_fields(parts[0]))
        if status is None:
            return Verdict(UNRECOGNISED, key, detail="delivery report without a Status field")
        if status.startswith("2") or action in ("delivered", "relayed", "expanded"):
            kind = AUTO_REPLY  # a success notice: nothing to do
        elif status.startswith("5") and action in ("failed", ""):
            kind = HARD
        else:
            kind = SOFT
        who = _whose(message, keys, bounce_address, salts)
        if who is None:
            return Verdict(
                UNRECOGNISED, key, None, None, status, "names none of our deliveries", recipient
            )
        return Verdict(
            kind, key, who[0], who[1], status, diagnostic, recipient, who[2],
            reported_at=_quoted_date(message),
        )  # fmt: skip
    if content_type == "multipart/report" and report_type == "feedback-report":
        parts = _report_parts(message, ("message/feedback-report",))
        if not parts:
            return Verdict(UNRECOGNISED, key, detail="feedback report without its report part")
        fields = _fields(parts[0])
        feedback_type = ((fields[0].get("Feedback-Type") if fields else "") or "").strip().lower()
        who = _whose(message, keys, bounce_address, salts)
        recipient = (fields[0].get("Original-Rcpt-To") if fields else None) or None
        if who is None:
            return Verdict(
                UNRECOGNISED,
                key,
                None,
                None,
                feedback_type or None,
                "names none of our deliveries",
                recipient,
            )
        kind = COMPLAINT if feedback_type == "abuse" else FEEDBACK
        return Verdict(
            kind, key, who[0], who[1], feedback_type or None, "", recipient, who[2],
            reported_at=_quoted_date(message),
        )  # fmt: skip
    request = _unsubscribe_request(message, key, keys, salts)
    if request is not None:
        return request
    if _is_auto_reply(message):
        return Verdict(AUTO_REPLY, key, detail=(message.get("Subject") or "")[:100])
    return Verdict(UNRECOGNISED, key, detail="not a delivery or feedback report")


def _unsubscribe_request(
    message: Message,
    key: str,
    keys: list[bytes],
    salts: Callable[[int], str | None] | None,
) -> Verdict | None:
    """A List-Unsubscribe mailto: request (Subject "unsubscribe <token>"), else None."""
    subject = _decoded_subject(message)
    match = _UNSUBSCRIBE_SUBJECT.fullmatch(subject)
    if match is None:
        return None
    sender = email.utils.parseaddr(str(message.get("From") or ""))[1] or None
    token = urllib.parse.unquote(match.group(1) or "")
    if not token:
        return Verdict(
            REFUSED, key, detail="an unsubscribe request without the token the link carries",
            recipient=sender,
        )  # fmt: skip
    from newsletter.tokens import read_sample_token, read_token

    if read_sample_token(keys, token):
        return Verdict(
            REFUSED, key,
            detail="an unsubscribe request from a preview or [TEST] copy: it names no reader",
            recipient=sender,
        )  # fmt: skip
    claims = read_token(keys, token)
    salt = salts(claims.subscriber_id) if claims is not None and salts is not None else None
    if (
        claims is None
        or salt is None
        or not hmac.compare_digest(salt.encode(), claims.salt.encode())
    ):
        return Verdict(
            REFUSED, key,
            detail="an unsubscribe request whose token does not verify (forged, altered or"
            " revoked): nobody unsubscribed",
            recipient=sender,
        )  # fmt: skip
    return Verdict(
        UNSUBSCRIBE, key, claims.subscriber_id, detail="asked by mail (List-Unsubscribe mailto:)",
        recipient=sender, reported_at=_quoted_date(message),
    )  # fmt: skip


def _decoded_subject(message: Message) -> str:
    """The Subject as text: RFC 2047 encoded words decoded, folding undone."""
    raw = str(message.get("Subject") or "")
    try:
        pieces = email.header.decode_header(raw)
    except email.errors.HeaderParseError:
        return " ".join(raw.split())
    text = ""
    for part, charset in pieces:
        if isinstance(part, bytes):
            try:
                part = part.decode(charset or "ascii", "replace")
            except LookupError:  # a charset Python does not know
                part = part.decode("latin-1")
        text += part
    return " ".join(text.split())


def _whose(
    message: Message,
    keys: list[bytes],
    bounce_address: str | None,
    salts: Callable[[int], str | None] | None,
) -> tuple[int, dt.date | None, dt.datetime | None] | None:
    """(subscriber id, issue day, sent at) from a signed VERP address or our signed
    Message-ID, quoted (both name the day), or a quoted unsubscribe token (which does not:
    the quoted Date, if any, finds the issue; without it no issue is guessed)."""
    if bounce_address:
        candidates: list[str] = []
        for header in _ADDRESS_HEADERS:
            candidates += [v for v in message.get_all(header) or []]
        for quoted in _quoted_headers(message):
            candidates += [v for v in quoted.get_all("Return-Path") or []]
        for value in candidates:
            for address in re.findall(r"[^\s<>,;\"]+@[^\s<>,;\"]+", str(value)):
                claims = read_verp(bounce_address, keys, address)
                if claims is not None:
                    return claims.subscriber_id, claims.day, None
    # Our Message-ID is signed and names the delivery (newsletter.verp.delivery_message_id):
    # a DSN quotes it in its headers part, or in In-Reply-To / References.
    quoted_ids = [str(v) for q in _quoted_headers(message) for v in q.get_all("Message-ID") or []]
    quoted_ids += [str(v) for h in ("In-Reply-To", "References") for v in message.get_all(h) or []]
    found = read_message_id(keys, " ".join(quoted_ids))
    if found is not None:
        return found.subscriber_id, found.day, None
    if salts is None:
        return None
    from newsletter.tokens import read_token

    for quoted in _quoted_headers(message):
        header = " ".join(str(v) for v in quoted.get_all("List-Unsubscribe") or [])
        for token in _UNSUBSCRIBE_TOKEN.findall(header):
            claims = read_token(keys, token)
            if claims is None:
                continue
            salt = salts(claims.subscriber_id)
            if salt is not None and hmac.compare_digest(salt.encode(), claims.salt.encode()):
                return claims.subscriber_id, None, _quoted_date(quoted)
    return None


def _quoted_date(quoted: Message) -> dt.datetime | None:
    try:
        sent = email.utils.parsedate_to_datetime(quoted.get("Date") or "")
    except (TypeError, ValueError):
        return None
    if sent is None or sent.tzinfo is None:
        return None
    return sent


# ---- acting ---------------------------------------------------------------------------------


_SOURCES = {COMPLAINT: "arf", FEEDBACK: "arf", UNSUBSCRIBE: "mailto"}


def apply_verdict(
    store: Store, verdict: Verdict, *, bounce_limit: int, now: dt.datetime | None = None
) -> Recorded:
    """Record and act on one verdict; falsy when its event was applied before (a replay)."""
    from newsletter.store.bounces import Recorded, record_event

    if not verdict.acts:
        return Recorded(True)
    return record_event(
        store,
        # Per report and reader: two different reports that reuse one Message-ID (broken
        # MTAs do) still count once each, and the same report read twice counts once.
        event_key=f"{verdict.event_key}|{verdict.subscriber_id}",
        source=_SOURCES.get(verdict.kind, "dsn"),
        kind=verdict.kind,
        subscriber_id=verdict.subscriber_id,  # type: ignore[arg-type]
        day=verdict.day,
        sent_at=verdict.sent_at,
        reported_at=verdict.reported_at,
        status_code=verdict.status_code,
        detail=verdict.detail,
        bounce_limit=bounce_limit,
        now=now,
    )
