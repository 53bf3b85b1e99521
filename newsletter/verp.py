"""VERP envelope senders (issue 14): one return path per delivery.

With NEWSLETTER_BOUNCE_ADDRESS=bounces@news.example.com, the message for reader 42 of the
2026-12-03 issue goes out with MAIL FROM ``bounces+20261203-16-<mac>@news.example.com``. A
bounce comes back to that address (it becomes the Return-Path), so it names one delivery
without anyone parsing free text, and the MAC (HMAC-SHA256 under the newsletter's secret key,
80 bits, lower-case hex because some relays fold the local part's case) means a forged bounce
names nobody.
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

_PURPOSE = b"newsletter.verp.v1"
_MAC_HEX = 20  # 80 bits
_TOKEN = re.compile(r"^(\d{8})-([0-9a-z]{1,13})-([0-9a-f]{20})$")


@dataclass(frozen=True, slots=True)
class VerpClaims:
    day: dt.date
    subscriber_id: int


def _mac(key: bytes, day: dt.date, subscriber_id: int) -> str:
    return hmac_sha256(key, _PURPOSE, day.isoformat(), str(subscriber_id)).hex()[:_MAC_HEX]


def verp_address(bounce_address: str, keys: list[bytes], day: dt.date, subscriber_id: int) -> str:
    local, _, domain = bounce_address.rpartition("@")
    token = f"{day:%Y%m%d}-{base36(subscriber_id)}-{_mac(keys[0], day, subscriber_id)}"
    return f"{local}+{token}@{domain}"


def delivery_message_id(keys: list[bytes], day: dt.date, subscriber_id: int, unique: str) -> str:
    """A reader's Message-ID that names their delivery, signed like a VERP address:
    ``<20261203-16-<mac>.<unique>@domain>`` from `unique` (MessageIds' ``<hex@domain>``).
    A report that quotes only our Message-ID (many DSNs do) then names the reader and the
    issue it answers; a forged one names nobody."""
    token = f"{day:%Y%m%d}-{base36(subscriber_id)}-{_mac(keys[0], day, subscriber_id)}"
    return f"<{token}.{unique[1:]}"


class DeliveryMessageIds:
    """delivery_message_id for one issue's readers: the two keyed SHA-256 states of the HMAC,
    the inner one already fed the purpose and the day, made once and copied per reader (as
    tokens.TokenMaker; 11.6 us a Message-ID through hmac.new on this host, a test checks the
    bytes are delivery_message_id's)."""

    def __init__(self, keys: list[bytes], day: dt.date) -> None:
        key = keys[0]
        block = hashlib.sha256().block_size
        if len(key) > block:
            key = hashlib.sha256(key).digest()
        key = key.ljust(block, b"\0")
        prefix = b"|".join((_PURPOSE, day.isoformat().encode(), b""))
        self._inner = hashlib.sha256(key.translate(_IPAD) + prefix)
        self._outer = hashlib.sha256(key.translate(_OPAD))
        self._day = f"{day:%Y%m%d}"

    def token(self, subscriber_id: int) -> str:
        """The delivery's signed token, the part a VERP address and a Message-ID share."""
        inner = self._inner.copy()
        inner.update(b"%d" % subscriber_id)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return f"{self._day}-{base36(subscriber_id)}-{outer.hexdigest()[:_MAC_HEX]}"

    def __call__(self, subscriber_id: int, unique: str) -> str:
        return f"<{self.token(subscriber_id)}.{unique[1:]}"


_MESSAGE_ID_TOKEN = re.compile(r"<(\d{8}-[0-9a-z]{1,13}-[0-9a-f]{20})\.[0-9a-f]{8,64}@[^\s<>@]+>")


def read_message_id(keys: list[bytes], text: str) -> VerpClaims | None:
    """The delivery the first of our signed Message-IDs in `text` names, if its MAC verifies."""
    for token in _MESSAGE_ID_TOKEN.findall(text.lower()):
        claims = _read_token(keys, token)
        if claims is not None:
            return claims
    return None


def _read_token(keys: list[bytes], token: str) -> VerpClaims | None:
    match = _TOKEN.match(token)
    if match is None:
        return None
    try:
        day = dt.datetime.strptime(match[1], "%Y%m%d").date()
    except ValueError:
        return None
    subscriber_id = int(match[2], 36)
    for key in keys:
        if hmac.compare_digest(_mac(key, day, subscriber_id), match[3]):
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
    # The keyed HMAC states, as its Message-IDs use (the same token, without
    # re-deriving the key per reader through hmac.new).
    local, _, domain = settings.bounce_address.rpartition("@")
    return f"{local}+{personalizer._delivery_ids.token(subscriber_id)}@{domain}"
