"""What newsletter.web and its route modules (web_admin, web_signup, web_webhooks) share:
security headers, CSRF and same-site checks, small parsers, and the app context `WebContext`.

Kept apart from newsletter.web so that the route modules need not import the app that mounts them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from newsletter.models import Region
from newsletter.web_pages import Pages

if TYPE_CHECKING:
    from newsletter.settings import Settings
    from newsletter.store import Store

PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# An archived issue is mail HTML we did not write line by line (summaries come from outside):
# no scripts, no forms, no frames; pictures only over https.
ISSUE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": PAGE_CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # token URLs must not leak to the links an issue holds
    "cross-origin-opener-policy": "same-origin",
}
NO_STORE = {"cache-control": "no-store"}

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CSRF_PURPOSE = b"newsletter.web.csrf.v1|"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

# ---- pure helpers ---------------------------------------------------------------------------


def csrf_token(keys: list[bytes], token: str) -> str:
    """The preferences form's CSRF field: an HMAC of the reader's token under the newest key.

    Cookie-less pages cannot use a double-submit cookie; binding the field to the token means a
    page on another site cannot produce it without already holding the reader's link."""
    return _csrf_mac(keys[0], token)


def csrf_valid(keys: list[bytes], token: str, given: str | None) -> bool:
    if not given or not given.isascii():
        return False
    return any(hmac.compare_digest(_csrf_mac(key, token), given) for key in keys)


def _csrf_mac(key: bytes, token: str) -> str:
    digest = hmac.new(key, _CSRF_PURPOSE + token.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_cross_site(headers: Headers, allowed_origins: set[str]) -> bool:
    """True when any header the browser set says the request came from another site.

    Our pages send Referrer-Policy: no-referrer, so browsers post our own forms with
    ``Origin: null``; Sec-Fetch-Site (sent by every current browser) is the signal that matters.
    Requests with none of these headers are not from a browser page, and the CSRF field
    decides."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    origin = headers.get("origin")
    if origin is not None and origin != "null" and origin.lower() not in allowed_origins:
        return True
    referer = headers.get("referer")
    return bool(referer) and origin_of(referer) not in allowed_origins


def up_to_root(path: str) -> str:
    """The relative prefix from `path` back to the app's root ("/u/x" -> "../").

    Links between pages are relative, so they work whatever host or path prefix a proxy
    serves the app under."""
    return "../" * max(path.count("/") - 1, 0)


def parse_day(raw: str) -> dt.date | None:
    if not _DAY.fullmatch(raw):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def form_regions(values: list[Any]) -> frozenset[Region] | None:
    """The picked regions, or None if a value is not one of ours (a tampered form)."""
    picked: set[Region] = set()
    for value in values:
        if not isinstance(value, str):
            return None
        try:
            picked.add(Region(value))
        except ValueError:
            return None
    return frozenset(picked)


class WebContext:
    """What every route module of the app shares: settings, keys, the store, the pages, and the
    plumbing to answer with them. newsletter.web builds one; the route modules take it."""

    def __init__(self, settings: Settings, store: Store | None) -> None:
        self.settings = settings
        self.keys = settings.secret_keys()  # fail at start, not on the first reader's click
        self.store: Store | None = store
        self.pages = Pages(settings.locale, settings.title, settings.templates_dir)
        public = origin_of(settings.public_url)
        self.public_origins = {public} if public else set()
        # Run at shutdown, before the store closes (the console's sends stop cleanly there).
        self.shutdown_hooks: list[Callable[[], None]] = []

    # -- plumbing

    @property
    def db(self) -> Store:
        if self.store is None:  # only when the app is driven without its lifespan
            raise RuntimeError("the store is not open: run the app with its lifespan")
        return self.store

    async def call(self, function: Callable[..., Any], *args: Any) -> Any:
        # The store is synchronous SQLAlchemy; keep it off the event loop.
        return await run_in_threadpool(function, *args)

    def page(self, html: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        return HTMLResponse(html, status_code=status, headers={**NO_STORE, **(headers or {})})

    def error_response(
        self, path: str, status: int, headers: dict[str, str] | None = None
    ) -> Response:
        html = self.pages.error(status, up_to_root(path) + "archive/")
        merged = {**SECURITY_HEADERS, **NO_STORE, **(headers or {})}
        return HTMLResponse(html, status_code=status, headers=merged)

    async def form(self, request: Request) -> FormData:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type in _FORM_TYPES:
            return await request.form(max_files=0, max_fields=50)
        # Some senders post the one-click body with another or no content type; read it as
        # urlencoded rather than turn a reader's unsubscribe away.
        body = await request.body()
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=50)
        except (UnicodeDecodeError, ValueError):
            raise HTTPException(400) from None
        return FormData(pairs)

    def allowed_origins(self, request: Request) -> set[str]:
        own = origin_of(str(request.base_url))
        return self.public_origins | ({own} if own else set())
