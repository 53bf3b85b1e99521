"""Signed, per-subscriber tokens for the unsubscribe and preferences links.

A token is ``<id>.<salt>.<mac>`` in URL-safe base64, where ``mac`` is HMAC-SHA256 over a purpose
label, the subscriber id and the subscriber's random salt. It carries no address; without the
key nobody can make one for another id (not enumerable), and changing the salt in the database
revokes every link a reader was ever sent. Keys rotate: we sign with the newest and accept any.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass

_PURPOSE = b"newsletter.subscriber.v1"
_MAC_BYTES = 16  # 128 bits: unguessable, and keeps the URL short
_IPAD = bytes(x ^ 0x36 for x in range(256))  # HMAC's key pads (RFC 2104), as translate tables
_OPAD = bytes(x ^ 0x5C for x in range(256))
_URLSAFE = bytes.maketrans(b"+/", b"-_")
_SHAPE = re.compile(r"^[0-9a-z]{1,13}\.[A-Za-z0-9_-]{8,32}\.[A-Za-z0-9_-]{22}$")


@dataclass(frozen=True, slots=True)
class TokenClaims:
    subscriber_id: int
    salt: str


def b64url(data: bytes) -> str:
    """URL-safe base64 without padding: the text form of every MAC in our links."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def hmac_sha256(key: bytes, purpose: bytes, *parts: str) -> bytes:
    """HMAC-SHA256 over `purpose|part|part…`. The purpose keeps a MAC made for one kind of
    token (unsubscribe link, sign-up confirmation, VERP address) from verifying as another."""
    message = b"|".join((purpose, *(part.encode() for part in parts)))
    return hmac.new(key, message, hashlib.sha256).digest()


def _mac(key: bytes, subscriber_id: int, salt: str) -> str:
    return b64url(hmac_sha256(key, _PURPOSE, str(subscriber_id), salt)[:_MAC_BYTES])


_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_PAIRS36 = [high + low for high in _DIGITS36 for low in _DIGITS36]  # 0..1295, two digits each


def base36(number: int) -> str:
    """Lower-case base 36 of a non-negative integer, two digits a step (every token and VERP
    address writes one: a reader id below 1,679,616 takes at most one turn of the loop)."""
    if number < 1296:
        return _PAIRS36[number] if number >= 36 else _DIGITS36[number]
    out = ""
    while number >= 1296:
        number, rest = divmod(number, 1296)
        out = _PAIRS36[rest] + out
    return (_PAIRS36[number] if number >= 36 else _DIGITS36[number]) + out


def make_token(keys: list[bytes], subscriber_id: int, salt: str) -> str:
    """Sign with the newest key (keys[0])."""
    if subscriber_id < 0:
        raise ValueError("subscriber ids are non-negative")
    return f"{base36(subscriber_id)}.{salt}.{_mac(keys[0], subscriber_id, salt)}"


class TokenMaker:
    """make_token for many readers under one key. HMAC(K, m) is H((K ^ opad) || H((K ^ ipad)
    || m)) (RFC 2104): the two keyed SHA-256 states, the inner one already fed the purpose
    label, are made once and copied per reader. Copying hashlib objects directly is a third
    of the cost of hmac.new, and half that of copying an hmac object (whose copy() is Python
    that copies both states and builds a new object); the bytes are make_token's (a test
    checks them against it)."""

    def __init__(self, keys: list[bytes]) -> None:
        key = keys[0]
        block = hashlib.sha256().block_size
        if len(key) > block:
            key = hashlib.sha256(key).digest()
        key = key.ljust(block, b"\0")
        self._inner = hashlib.sha256(key.translate(_IPAD) + _PURPOSE + b"|")
        self._outer = hashlib.sha256(key.translate(_OPAD))

    def __call__(self, subscriber_id: int, salt: str) -> str:
        if subscriber_id < 0:
            raise ValueError("subscriber ids are non-negative")
        inner = self._inner.copy()
        inner.update(b"%d|%s" % (subscriber_id, salt.encode()))
        outer = self._outer.copy()
        outer.update(inner.digest())
        mac = binascii.b2a_base64(outer.digest()[:_MAC_BYTES], newline=False)
        # 16 bytes: 24 characters, the last two "=" padding; URL-safe alphabet as b64url's.
        return f"{base36(subscriber_id)}.{salt}.{mac[:22].translate(_URLSAFE).decode('ascii')}"


def read_token(keys: list[bytes], token: str) -> TokenClaims | None:
    """The claims of a well-formed token whose MAC matches one of the keys, else None.

    The caller must still check that ``salt`` equals the subscriber's current salt."""
    if not isinstance(token, str) or not _SHAPE.match(token):
        return None
    id_part, salt, mac = token.split(".")
    subscriber_id = int(id_part, 36)
    for key in keys:
        if hmac.compare_digest(_mac(key, subscriber_id, salt), mac):
            return TokenClaims(subscriber_id, salt)
    return None


# The copies made for no reader, `newsletter preview`'s .eml and the [TEST] copies of
# `send --to` and the console, are signed for subscriber 0 (no reader has that id: ids start
# at 1) with these salts. Their links lead to a page that says so (newsletter.web), not a 404.
PREVIEW_SALT, TEST_SALT = "preview", "test-send"


def read_sample_token(keys: list[bytes], token: str) -> str | None:
    """PREVIEW_SALT or TEST_SALT when `token` is such a copy's, signed by one of the keys."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3 or parts[0] != "0" or parts[1] not in (PREVIEW_SALT, TEST_SALT):
        return None
    for key in keys:
        if hmac.compare_digest(_mac(key, 0, parts[1]), parts[2]):
            return parts[1]
    return None


def new_salt() -> str:
    import secrets

    return secrets.token_urlsafe(9)  # 12 URL-safe characters
