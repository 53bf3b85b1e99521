"""VERP envelope senders (issue 14): one return path per delivery.

With NEWSLETTER_BOUNCE_ADDRESS=bounces@news.example.com, the message for reader 42 of the
2026-12-03 issue goes out with MAIL FROM ``bounces+20261203-16-<mac>@news.example.com``. A
bounce comes back to that address (it becomes the Return-Path), so it names one delivery
without anyone parsing free text, and the MAC (HMAC-SHA256 under the newsletter's secret key,
80 bits, lower-case hex because some relays fold the local part's case) means a forged bounce
names nobody.

A reader's Message-ID is signed too (delivery_message_id), under another label: a reader who
forwards a message shows its Message-ID to whoever reads the forward, and its token must not
be the VERP address's, nor give it (one HMAC output says nothing of the other's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsletter.tokens import _IPAD, _OPAD, base36, hmac_sha256

if TYPE_CHECKING:
    from newsletter.settings import Settings

_PURPOSE = b"newsletter.verp.v1"  # the VERP address's MAC
_MESSAGE_ID_PURPOSE = b"newsletter.message-id.v1"  # the Message-ID's: never the same MAC
_MAC_HEX = 20  # 80 bits
_TOKEN = re.compile(r"^(\d{8})-([0-9a-z]{1,13})-([0-9a-f]{20})$")


@dataclass(frozen=True, slots=True)
class VerpClaims:
    day: dt.date
    subscriber_id: int


def _mac(key: bytes, day: dt.date, subscriber_id: int, purpose: bytes = _PURPOSE) -> str:
    return hmac_sha256(key, purpose, day.isoformat(), str(subscriber_id)).hex()[:_MAC_HEX]


def verp_address(bounce_address: str, keys: list[bytes], day: dt.date, subscriber_id: int) -> str:
    local, _, domain = bounce_address.rpartition("@")
    token = f"{day:%Y%m%d}-{base36(subscriber_id)}-{_mac(keys[0], day, subscriber_id)}"
    return f"{local}+{token}@{domain}"


def delivery_message_id(keys: list[bytes], day: dt.date, subscriber_id: int, unique: str) -> str:
    """A reader's Message-ID that names their delivery, signed as a VERP address is but under
    its own label: ``<20261203-16-<mac>.<unique>@domain>`` from `unique` (MessageIds'
    ``<hex@domain>``). A report that quotes only our Message-ID (many DSNs do) then names the
    reader and the issue it answers; a forged one names nobody."""
    mac = _mac(keys[0], day, subscriber_id, _MESSAGE_ID_PURPOSE)
    return f"<{day:%Y%m%d}-{base36(subscriber_id)}-{mac}.{unique[1:]}"


class IssueTokens:
    """One issue's signed delivery tokens under one label (`purpose`): the two keyed SHA-256
    states of the HMAC, the inner one already fed the purpose and the day, made once and
    copied per reader (as tokens.TokenMaker; 11.6 us a token through hmac.new on this host,
    a test checks the bytes are _mac's)."""

    def __init__(self, keys: list[bytes], day: dt.date, purpose: bytes) -> None:
        key = keys[0]
        block = hashlib.sha256().block_size
        if len(key) > block:
            key = hashlib.sha256(key).digest()
        key = key.ljust(block, b"\0")
        prefix = b"|".join((purpose, day.isoformat().encode(), b""))
        self._inner = hashlib.sha256(key.translate(_IPAD) + prefix)
        self._outer = hashlib.sha256(key.translate(_OPAD))
        self._day = f"{day:%Y%m%d}"

    def token(self, subscriber_id: int) -> str:
        """``20261203-16-<mac>``: the delivery's day, reader and MAC."""
        inner = self._inner.copy()
        inner.update(b"%d" % subscriber_id)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return f"{self._day}-{base36(subscriber_id)}-{outer.hexdigest()[:_MAC_HEX]}"


class DeliveryMessageIds(IssueTokens):
    """delivery_message_id for one issue's readers; `verp` signs their VERP addresses (the
    other label: a second HMAC a reader only when NEWSLETTER_BOUNCE_ADDRESS is set)."""

    def __init__(self, keys: list[bytes], day: dt.date) -> None:
        super().__init__(keys, day, _MESSAGE_ID_PURPOSE)
        self.verp = IssueTokens(keys, day, _PURPOSE)

    def __call__(self, subscriber_id: int, unique: str) -> str:
        return f"<{self.token(subscriber_id)}.{unique[1:]}"


_MESSAGE_ID_TOKEN = re.compile(r"<(\d{8}-[0-9a-z]{1,13}-[0-9a-f]{20})\.[0-9a-f]{8,64}@[^\s<>@]+>")


def read_message_id(keys: list[bytes], text: str) -> VerpClaims | None:
    """The delivery the first of our signed Message-IDs in `text` names, if its MAC verifies.
    A Message-ID of mail sent before it had a label of its own carries the VERP address's MAC
    and still names its delivery: whoever holds that MAC has the VERP address already, so
    reading it here grants nothing more, while a Message-ID of today never yields the VERP
    address's MAC."""
    for token in _MESSAGE_ID_TOKEN.findall(text.lower()):
        for purpose in (_MESSAGE_ID_PURPOSE, _PURPOSE):
            claims = _read_token(keys, token, purpose)
            if claims is not None:
                return claims
    return None


def _read_token(keys: list[bytes], token: str, purpose: bytes = _PURPOSE) -> VerpClaims | None:
    match = _TOKEN.match(token)
    if match is None:
        return None
    try:
        day = dt.datetime.strptime(match[1], "%Y%m%d").date()
    except ValueError:
        return None
    subscriber_id = int(match[2], 36)
    for key in keys:
        if hmac.compare_digest(_mac(key, day, subscriber_id, purpose), match[3]):
            return VerpClaims(day, subscriber_id)
    return None


def read_verp(bounce_address: str, keys: list[bytes], address: str) -> VerpClaims | None:
    """The delivery a VERP address names, if it is ours and its MAC verifies."""
    local, _, domain = bounce_address.lower().rpartition("@")
    address = address.strip().strip("<>").lower()
    given_local, at, given_domain = address.rpartition("@")
    if not at or given_domain != domain or not given_local.startswith(local + "+"):
        return None
    return _read_token(keys, given_local[len(local) + 1 :])


def sender_for(personalizer: Any, subscriber_id: int, default: str) -> str:
    """The envelope sender of one reader's message: VERP on NEWSLETTER_BOUNCE_ADDRESS when it
    is set, else `default` (the sender's address, as before). Reads the Personalizer's own
    settings, keys and issue so that deliver.py changes by one expression only."""
    settings: Settings = personalizer._settings
    if not settings.bounce_address or subscriber_id <= 0:
        return settings.bounce_address or default
    # The issue's keyed HMAC states for VERP (not the Message-ID's label), made once an issue:
    # no key re-derived per reader through hmac.new.
    local, _, domain = settings.bounce_address.rpartition("@")
    return f"{local}+{personalizer._delivery_ids.verp.token(subscriber_id)}@{domain}"
