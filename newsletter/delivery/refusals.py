"""Reading the relay's replies: about one reader, about our pace, or about us.

Pure functions over `Outcome`: a refusal about the message or the sender must stop the run
(no reader is bounced for it); a throttling reply slows the run down without charging the
reader an attempt.
"""

from __future__ import annotations

import re

from newsletter.errors import SystemicRefusalError, TransportError
from newsletter.logs import mask_addresses_in
from newsletter.models import DeliveryStatus, Outcome
from newsletter.settings import Settings

# Refusals about the message or about us, never about one reader: the size limit, the
# relay's content or sender policy. The enhanced codes (RFC 3463) say which.
_MESSAGE_LEVEL = re.compile(r"\b5\.(?:3\.4|2\.3|7\.\d{1,3})\b")
# A refusal that names the reader's mailbox is about that reader, however many in a row.
_READER_LEVEL = re.compile(r"\b5\.(?:1\.\d{1,3}|2\.[12])\b")
_ENHANCED = re.compile(r"\b[245]\.\d{1,3}\.\d{1,3}\b")
# Throttling: the relay asks the whole sender to slow down.
_THROTTLE = re.compile(r"\b4\.7\.\d{1,3}\b|throttl|rate|too many|slow down", re.IGNORECASE)


def is_throttle(outcome: Outcome) -> bool:
    code = outcome.code or 0
    if code == 454:
        return True
    return code in (421, 450, 451) and bool(_THROTTLE.search(outcome.detail or ""))


def refusal_key(outcome: Outcome) -> str | None:
    """What makes two permanent refusals "the same" (code + enhanced code), or None when
    this outcome cannot be part of a systemic streak."""
    if outcome.status is not DeliveryStatus.FAILED or not outcome.code:
        return None
    detail = outcome.detail or ""
    if _READER_LEVEL.search(detail):
        return None
    enhanced = _ENHANCED.search(detail)
    return f"{outcome.code} {enhanced.group(0) if enhanced else ''}".strip()


def message_level(outcome: Outcome) -> bool:
    return (
        outcome.status is DeliveryStatus.FAILED
        and (outcome.code or 0) in (552, 554, 550, 553)
        and bool(_MESSAGE_LEVEL.search(outcome.detail or ""))
    )


def given_back(outcome: Outcome) -> Outcome:
    return Outcome(DeliveryStatus.PENDING, None, outcome.detail)


def not_handed_over(outcome: Outcome) -> bool:
    return (
        outcome.status is DeliveryStatus.DEFERRED
        and outcome.code is None
        and (outcome.detail or "").startswith("not attempted")
    )


def systemic_error(outcome: Outcome, in_a_row: int) -> SystemicRefusalError:
    reply = f"{outcome.code} {mask_addresses_in(outcome.detail)}"
    why = (
        "refuses the message itself"
        if message_level(outcome)
        else f"gave {in_a_row} readers in a row the same permanent refusal"
    )
    return SystemicRefusalError(
        f"the SMTP relay {why}: {reply}; the run stopped, those readers stay deferred and "
        "no bounce was counted",
        hint=f"{refusal_hint(outcome)}, then `newsletter send` resumes; "
        "NEWSLETTER_SMTP__SYSTEMIC_REFUSALS sets how many in a row",
    )


_RELAY_DENIED = re.compile(
    r"relay(?:ing)?\b.{0,30}\b(?:denied|not\s+permitted|prohibited)"
    r"|not\s+(?:allowed|permitted)\s+to\s+relay|unable\s+to\s+relay",
    re.IGNORECASE,
)
_AUTH_REQUIRED = re.compile(
    r"\b5\.7\.0\b.*\bauth|authenticat\w*\s+required|must\s+auth", re.IGNORECASE
)
_SENDER_AUTH = re.compile(
    r"\b5\.7\.(?:2[3-7])\b|\b(?:SPF|DKIM|DMARC)\b|unauthenticated", re.IGNORECASE
)
_STARTTLS_FIRST = re.compile(r"\bSTARTTLS\b|\b5\.7\.10\b|encryption\s+required", re.IGNORECASE)
# 5.2.2 is a full mailbox (its text often says "quota size"): the reader's, not our size.
_MAILBOX_FULL = re.compile(r"\b5\.2\.2\b|mailbox\s+(?:is\s+)?full|over\s+quota", re.IGNORECASE)
_TOO_BIG = re.compile(
    r"\b5\.(?:3\.4|2\.3)\b|too\s+(?:big|large)|size\s+(?:limit|exceeds)|exceeds\b.{0,30}\bsize",
    re.IGNORECASE,
)


def refusal_hint(outcome: Outcome) -> str:
    """What to fix, read from the reply's enhanced code and text (RFC 3463, RFC 7372): a
    relaying refusal is about our permission to use the relay, not about the message."""
    detail = f"{outcome.code or ''} {outcome.detail or ''}"
    if _RELAY_DENIED.search(detail):
        return (
            "the relay will not pass our mail on to other domains: log in to it (set "
            "NEWSLETTER_SMTP__USERNAME and NEWSLETTER_SMTP__PASSWORD, on its submission port, "
            "usually 587), or have its operator allow this machine's address to relay; check "
            "NEWSLETTER_SMTP__HOST is the relay meant for sending, not a domain's inbound MX"
        )
    if _STARTTLS_FIRST.search(detail):
        return (
            "the relay wants an encrypted connection first (STARTTLS): set "
            "NEWSLETTER_SMTP__SECURITY=starttls (port 587) or tls (port 465), not none"
        )
    if outcome.code == 530 or _AUTH_REQUIRED.search(detail):
        return (
            "the relay wants a login first: set NEWSLETTER_SMTP__USERNAME and "
            "NEWSLETTER_SMTP__PASSWORD (or NEWSLETTER_SMTP__PASSWORD_FILE)"
        )
    if _SENDER_AUTH.search(detail):
        return (
            "the receiving side cannot authenticate our sender: check SPF, DKIM "
            "(NEWSLETTER_DKIM__*) and DMARC for NEWSLETTER_FROM's domain"
        )
    if _MAILBOX_FULL.search(detail):
        return (
            "the readers' mailboxes are full (5.2.2, their quota, not our message's size): "
            "nothing to fix in the message; check these readers are not all on one full server"
        )
    if _TOO_BIG.search(detail):
        return "the message is too large for the relay: fewer or smaller items or images"
    if re.search(r"\b5\.7\.\d{1,3}\b", detail):
        return (
            "the relay's policy refuses the message or the sender (content, reputation, the "
            "From domain): its reply says which; ask its operator if it does not"
        )
    return "fix the message or the sender (size, content, reputation)"


def deferred_not_bounced(outcome: Outcome) -> Outcome:
    return Outcome(
        DeliveryStatus.DEFERRED, outcome.code, f"held (systemic refusal): {outcome.detail}"
    )


def sender_refused_error(settings: Settings, sender: str, outcome: Outcome) -> TransportError:
    """Name the setting the envelope sender came from: with NEWSLETTER_BOUNCE_ADDRESS set, MAIL
    FROM is a VERP address on the bounce domain, not NEWSLETTER_FROM."""
    reply = f"{outcome.code} {mask_addresses_in(outcome.detail)}"
    if settings.bounce_address:
        return TransportError(
            f"the SMTP relay refused the envelope sender on {settings.bounce_address}'s domain "
            f"(VERP): {reply}",
            hint="check NEWSLETTER_BOUNCE_ADDRESS: the relay must be allowed to send with "
            "envelope senders on its domain",
        )
    return TransportError(
        f"the SMTP relay refused the sender {sender}: {reply}",
        hint="check NEWSLETTER_FROM: the relay must be allowed to send for its domain",
    )


def sender_refused(outcome: Outcome) -> bool:
    """A permanent refusal that still left the row deferred: the relay refused MAIL FROM."""
    return (
        outcome.status is DeliveryStatus.DEFERRED
        and (outcome.code or 0) >= 500
        and not (outcome.detail or "").startswith("held (systemic refusal)")
    )
