"""Double opt-in sign-up: the pure parts (tokens, limits, the confirmation message).

A confirmation token is ``<id>.<nonce>.<mac>``: the id of a row in ``signups``, that row's
random nonce and an HMAC-SHA256 over both under a purpose label of its own, so a reader's
unsubscribe token can never confirm a sign-up and the other way round. The row holds the
expiry (48 h) and ``used_at`` (single use); the MAC makes ids unguessable.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from newsletter.message import check_address, format_address, format_unstructured
from newsletter.tokens import b64url as _b64
from newsletter.tokens import base36, hmac_sha256

_PURPOSE = b"newsletter.signup.v1"
_FORM_PURPOSE = b"newsletter.subscribe-form.v1"
_SHAPE = re.compile(r"^[0-9a-z]{1,13}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$")

CONFIRM_TTL = dt.timedelta(hours=48)
FORM_TTL = dt.timedelta(hours=12)  # a form page left open longer than this is re-shown
# Per target address: no more than this many confirmation mails in the window, and none
# sooner than MIN_GAP after the last (a form must not become a way to mail-bomb someone).
ADDRESS_LIMIT = 3
ADDRESS_WINDOW = dt.timedelta(hours=24)
ADDRESS_MIN_GAP = dt.timedelta(minutes=5)
# Per client address: sign-up posts in a sliding window, counted in the serving process.
CLIENT_LIMIT = 10
CLIENT_WINDOW = 600.0  # seconds


@dataclass(frozen=True, slots=True)
class ConfirmClaims:
    signup_id: int
    nonce: str


def _mac(key: bytes, signup_id: int, nonce: str) -> str:
    return _b64(hmac_sha256(key, _PURPOSE, str(signup_id), nonce)[:16])


def new_nonce() -> str:
    return secrets.token_urlsafe(12)  # 16 URL-safe characters


def make_confirm_token(keys: list[bytes], signup_id: int, nonce: str) -> str:
    return f"{base36(signup_id)}.{nonce}.{_mac(keys[0], signup_id, nonce)}"


def read_confirm_token(keys: list[bytes], token: str) -> ConfirmClaims | None:
    if not isinstance(token, str) or not _SHAPE.match(token):
        return None
    id_part, nonce, mac = token.split(".")
    signup_id = int(id_part, 36)
    for key in keys:
        if hmac.compare_digest(_mac(key, signup_id, nonce), mac):
            return ConfirmClaims(signup_id, nonce)
    return None


def form_token(keys: list[bytes], now: dt.datetime) -> str:
    """The sign-up form's CSRF field: the issue time and an HMAC of it. Together with the
    Sec-Fetch-Site/Origin check it keeps other sites from posting the form in a visitor's name
    (there is no session to bind to: the page sets no cookies)."""
    stamp = str(int(now.timestamp()))
    mac = _b64(hmac.new(keys[0], _FORM_PURPOSE + b"|" + stamp.encode(), hashlib.sha256).digest())
    return f"{stamp}.{mac[:22]}"


def form_token_valid(keys: list[bytes], given: str | None, now: dt.datetime) -> bool:
    if not given or not given.isascii() or given.count(".") != 1:
        return False
    stamp, mac = given.split(".")
    if not stamp.isdigit():
        return False
    issued = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    if not (now - FORM_TTL <= issued <= now + dt.timedelta(minutes=5)):
        return False
    for key in keys:
        digest = hmac.new(key, _FORM_PURPOSE + b"|" + stamp.encode(), hashlib.sha256).digest()
        if hmac.compare_digest(_b64(digest)[:22], mac):
            return True
    return False


class ClientLimiter:
    """A sliding window of sign-up posts per client address, in this process's memory.

    The per-address limit (what protects a victim's mailbox) is kept in the database and holds
    across processes; this one only slows down one client hammering the form."""

    def __init__(self, limit: int = CLIENT_LIMIT, window: float = CLIENT_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, list[float]] = {}

    def allow(self, client: str, now: float) -> bool:
        if len(self._hits) > 10_000:  # forget idle clients rather than grow without bound
            cutoff = now - self.window
            self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > cutoff}
        hits = [t for t in self._hits.get(client, []) if t > now - self.window]
        if len(hits) >= self.limit:
            self._hits[client] = hits
            return False
        hits.append(now)
        self._hits[client] = hits
        return True


# ---- the confirmation message ---------------------------------------------------------------

CONFIRM_MAIL: dict[str, dict[str, str]] = {
    "ko": {
        "subject": "{title} 구독 확인",
        "body": (
            "{title} 구독 신청을 받았습니다.\n\n"
            "아래 링크를 열고 '구독 확인' 버튼을 누르면 다음 호부터 메일을 보내 드립니다.\n"
            "{url}\n\n"
            "이 링크는 48시간 동안 한 번만 쓸 수 있습니다.\n"
            "직접 신청하지 않으셨다면 이 메일을 무시해 주세요. 확인하지 않으면 아무것도 "
            "보내지 않습니다.\n"
        ),
    },
    "en": {
        "subject": "Confirm your subscription to {title}",
        "body": (
            "We received a request to subscribe this address to {title}.\n\n"
            "Open the link below and press 'Confirm' to start receiving it:\n"
            "{url}\n\n"
            "The link works once, for 48 hours.\n"
            "If you did not ask for this, ignore this message: without confirmation nothing "
            "more is sent.\n"
        ),
    },
}


def confirmation_message(
    *,
    locale: str,
    title: str,
    sender: str,
    to_address: str,
    url: str,
    domain: str,
    now: dt.datetime,
) -> bytes:
    """A short text/plain message, CRLF line endings, every header checked for injection."""
    words = CONFIRM_MAIL[locale]
    sender_name, sender_address = email.utils.parseaddr(sender)
    body = words["body"].format(title=title, url=url).replace("\n", "\r\n")
    headers = [
        format_address("From", sender_name, sender_address),
        format_address("To", None, check_address("To", to_address)),
        format_unstructured("Subject", words["subject"].format(title=title)),
        f"Date: {email.utils.format_datetime(now)}",
        f"Message-ID: <{secrets.token_hex(16)}@{domain}>",
        # A transactional message: auto-responders must not answer it (RFC 3834).
        "Auto-Submitted: auto-generated",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
    ]
    encoded = base64.encodebytes(body.encode("utf-8")).replace(b"\n", b"\r\n")
    return ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + encoded
