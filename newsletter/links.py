"""The public URLs in every message; `newsletter serve` answers exactly these paths."""

from __future__ import annotations

import datetime as dt


def unsubscribe_url(public_url: str, token: str) -> str:
    return f"{public_url}/u/{token}"


def preferences_url(public_url: str, token: str) -> str:
    return f"{public_url}/p/{token}"


def archive_url(public_url: str, day: dt.date | None = None) -> str:
    return f"{public_url}/archive/{day.isoformat()}" if day else f"{public_url}/archive/"
