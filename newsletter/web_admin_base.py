"""The operator console's plumbing (see newsletter.web_admin for its pages and security):
the session and CSRF MACs, the `guarded` endpoint decorator and ConsoleBase, which renders,
audits and talks to the store for every page module of the console.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from newsletter.models import REGION_ORDER
from newsletter.web_common import NO_STORE, WebContext, is_cross_site, parse_day

# One logger for the whole console, whichever of its modules writes the line.
log = logging.getLogger("newsletter.web_admin")

SESSION_COOKIE = "nl_admin"
IMPORT_LIMIT = 50 * 1024 * 1024  # the one upload the console takes: a subscribers CSV
ADMIN_UPLOAD_PATHS = {"/admin/subscribers/import": IMPORT_LIMIT}


def _admin_csp(nonce: str) -> str:
    # The progress page's few lines of script carry this response's nonce; nothing else runs.
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; "
        "connect-src 'self'; frame-src 'self'; img-src 'self' https: data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def _mac(key: bytes, purpose: str, value: str) -> str:
    digest = hmac.new(key, f"newsletter.admin.{purpose}|{value}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:20]).rstrip(b"=").decode("ascii")


def _mac_ok(keys: list[bytes], purpose: str, value: str, given: object) -> bool:
    if not isinstance(given, str) or not given or not given.isascii():
        return False
    return any(hmac.compare_digest(_mac(key, purpose, value), given) for key in keys)


def _id_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _package_admin_dir() -> Path:
    return Path(str(resources.files("newsletter._templates"))) / "web" / "admin"


class NotADateError(ValueError):
    """A console URL's date (?date= or /D) that is no calendar date."""


class RefusedForm(Exception):
    """A console POST refused before it changed anything (403): answered with a console page
    that says what to do, not the readers' Korean error page about their e-mail's link."""


STALE_FORM = (
    "This form's security token is missing or no longer valid (the page was open across a"
    " login, a logout or a server restart, or was saved). Nothing was changed: reload the form"
    " and try again."
)
CROSS_SITE = (
    "This request came from another site, so nothing was changed. Open the console at its own"
    " address, reload the form and try again."
)
NO_FORM = "This request carried no form, so nothing was changed: reload the form and try again."


C = TypeVar("C", bound="ConsoleBase")
Handler = Callable[[C, Request], Awaitable[Response]]


def guarded(handler: Handler[C]) -> Handler[C]:
    """A console endpoint: same-site for POSTs, a live session, and a valid CSRF field on POSTs.
    Without a session the answer is a redirect to the login form, whatever the method."""

    @functools.wraps(handler)
    async def wrapped(self: C, request: Request) -> Response:
        try:
            if request.method == "POST" and is_cross_site(
                request.headers, self.web.allowed_origins(request)
            ):
                log.warning("refused a cross-site POST to %s", request.url.path)
                raise RefusedForm(CROSS_SITE)
            found = await self.session(request)
            if found is None:
                wanted = ""
                if request.method == "GET":
                    query = request.url.query
                    wanted = request.url.path + (f"?{query}" if query else "")
                target = "/admin/login" + (f"?next={quote(wanted)}" if wanted else "")
                return RedirectResponse(target, status_code=303, headers=NO_STORE)
            request.state.operator, request.state.session_id = found
            if request.method == "POST":
                form = await self.form(request)
                if not _mac_ok(self.keys, "csrf", request.state.session_id, form.get("csrf")):
                    log.warning("refused a POST to %s without a valid CSRF field", request.url.path)
                    raise RefusedForm(STALE_FORM)
                request.state.form = form
            return await handler(self, request)
        except RefusedForm as exc:
            return self.render(request, "error.html.j2", status=403, problem=str(exc))
        except NotADateError as exc:
            # The operator's own typing, answered in the console: the readers' 404 page
            # ("link truncated", in Korean) said nothing useful about it.
            return self.render(request, "error.html.j2", status=400, problem=str(exc))

    return wrapped


class ConsoleBase:
    """What every console page uses: settings, keys, templates, flashes, the store, audit."""

    def __init__(self, web: WebContext) -> None:
        self.web = web
        self.settings = web.settings
        self.keys = web.keys
        self.secure = self.settings.public_url.lower().startswith("https://")
        self.idle = dt.timedelta(minutes=self.settings.admin_idle_minutes)
        self.flashes: dict[str, list[tuple[str, str]]] = {}
        loaders = []
        own = self.settings.templates_dir
        if own is not None and (own / "web" / "admin").is_dir():
            loaders.append(FileSystemLoader(own / "web" / "admin"))
        loaders.append(FileSystemLoader(_package_admin_dir()))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # -- plumbing

    @property
    def db(self) -> Any:
        return self.web.db

    async def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await self.web.call(functools.partial(function, *args, **kwargs))

    async def form(self, request: Request) -> FormData:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise RefusedForm(NO_FORM)  # no form, so no CSRF field either
        max_files = 1 if request.url.path in ADMIN_UPLOAD_PATHS else 0
        return await request.form(max_files=max_files, max_fields=50)

    async def session(self, request: Request) -> tuple[str, str] | None:
        raw = request.cookies.get(SESSION_COOKIE, "")
        session_id, _, mac = raw.partition(".")
        if not session_id or not _mac_ok(self.keys, "session", session_id, mac):
            return None
        name = await self.call(_touch, self.db, _id_hash(session_id), self.idle, _now())
        return (name, session_id) if name else None

    def flash(self, request: Request, kind: str, text: str) -> None:
        self.flashes.setdefault(request.state.session_id, []).append((kind, text))

    def render(
        self, request: Request, name: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        session_id = getattr(request.state, "session_id", None)
        flashes = self.flashes.pop(session_id, []) if session_id else []
        html = self.env.get_template(name).render(
            operator=getattr(request.state, "operator", None),
            csrf=_mac(self.keys[0], "csrf", session_id) if session_id else "",
            nonce=nonce,
            flashes=flashes,
            regions=REGION_ORDER,
            today=self.settings.today(),
            **context,
        )
        headers = {**NO_STORE, "content-security-policy": _admin_csp(nonce)}
        return HTMLResponse(html, status_code=status, headers=headers)

    def audit(self, request: Request, action: str, detail: str = "", day: dt.date | None = None):  # type: ignore[no-untyped-def]
        from newsletter.store.console import audit

        return self.call(audit, self.db, request.state.operator, "console", action, detail, day)

    def day_of(self, request: Request) -> dt.date:
        raw = request.path_params.get("day") or request.query_params.get("date")
        if not raw:
            return self.settings.today()
        day = parse_day(raw)
        if day is None:
            raise NotADateError(
                f"{raw[:40]} is not a date: give one like {self.settings.today()} (YYYY-MM-DD)"
            )
        return day


def _touch(store: Any, id_hash: str, idle: dt.timedelta, now: dt.datetime) -> str | None:
    from newsletter.store.console import touch_session

    return touch_session(store, id_hash, idle, now)
