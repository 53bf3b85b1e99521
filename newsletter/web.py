"""`newsletter serve`: the readers' side of the newsletter, as a small ASGI app.

    GET  /u/{token}          a page with one button; never unsubscribes by itself (scanners GET)
    POST /u/{token}          RFC 8058 one-click: body List-Unsubscribe=One-Click -> 200, done
    GET  /p/{token}          the regions a reader receives, as checkboxes
    POST /p/{token}          save them (same-origin only, with a CSRF field)
    GET  /u/, /p/            no token (the archive copy's links): points to the reader's e-mail
    /u/0.preview.…, …        a preview's or [TEST] copy's links (no reader's): says so, changes
                             nothing (newsletter.tokens.read_sample_token)
    GET  /archive/           past issues, newest first
    GET  /archive/YYYY-MM-DD the issue as it was sent (the generic copy, no reader's token)
    GET  /healthz            "ok" when the database answers
    /admin/..., /metrics     the operator console and Prometheus metrics (newsletter.web_admin)

Tokens come from newsletter.tokens and carry no address. A token that does not verify, or
whose salt is no longer the reader's, gets the same 404 as an unknown path: nothing tells a
prober which part was wrong, and nothing changes. The pages set no cookies, so the one-click
POST needs no CSRF defence (anyone holding the link may unsubscribe its reader, which is what
RFC 8058 asks for); the preferences form is defended twice, by an HMAC of the token in a form
field and by refusing requests the browser marks as cross-site.
"""

from __future__ import annotations

import contextlib
import errno
import hmac
import logging
import re
import signal
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsletter.errors import ConfigError
from newsletter.logs import mask_email
from newsletter.models import REGION_ORDER, Subscriber, SubscriberStatus
from newsletter.tokens import read_sample_token, read_token
from newsletter.web_admin import ADMIN_UPLOAD_PATHS, admin_routes
from newsletter.web_common import (
    ISSUE_CSP,
    NO_STORE,
    SECURITY_HEADERS,
    WebContext,
    csrf_token,
    csrf_valid,
    form_regions,
    is_cross_site,
    parse_day,
    up_to_root,
)
from newsletter.web_pages import format_day
from newsletter.web_signup import signup_routes  # issue 14: sign-up with double opt-in
from newsletter.web_webhooks import webhook_routes  # issue 14: relay bounce webhooks

if TYPE_CHECKING:
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger(__name__)

# A one-click POST is ~26 bytes and the preferences form well under 1 KB; anything near this
# cap is not a reader.
MAX_BODY_BYTES = 16 * 1024
ARCHIVE_LIMIT = 400  # a year of daily issues and then some

_TOKEN_PATH = re.compile(r"^/(u|p|confirm)/[^/]+")


def redact_path(path: str) -> str:
    return _TOKEN_PATH.sub(r"/\1/<token>", path)


# ---- ASGI middleware ------------------------------------------------------------------------


class SecurityHeaders:
    """Adds the security headers to every response that does not set its own, and writes one
    access-log line per request with tokens cut out of the path (uvicorn's own access log is
    off, because it would log them)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            log.info(
                "%s %s %s",
                scope["method"],
                redact_path(scope["path"]),
                status or 500,
                extra={"status": status or 500},
            )


class BodyLimit:
    """Refuses bodies over `limit` bytes with 413: up front by Content-Length, and by counting
    what arrives for chunked uploads that announce no length."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        reject: Callable[[Scope, int], Response],
        larger: dict[str, int] | None = None,  # path -> its own limit (the console's CSV upload)
    ) -> None:
        self.app = app
        self.limit = limit
        self.reject = reject
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.limit)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            status = 0
            if not declared.isdigit():
                status = 400
            elif int(declared) > limit:
                status = 413
            if status:
                await self.reject(scope, status)(scope, receive, send)
                return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, headers={"connection": "close"})
            return message

        await self.app(scope, counted_receive, send)


# ---- the app --------------------------------------------------------------------------------


class _Web(WebContext):
    """The readers' pages: unsubscribe, preferences, the archive, /healthz."""

    async def reader(self, token: str) -> Subscriber:
        """The subscriber a token names, or 404: a bad MAC, an unknown id and a stale salt
        (revoked link, or another reader's id with this reader's MAC) all look the same."""
        claims = read_token(self.keys, token)
        if claims is None:
            raise HTTPException(404)
        salt = await self.call(self.db.token_salt, claims.subscriber_id)
        if salt is None or not hmac.compare_digest(salt.encode(), claims.salt.encode()):
            raise HTTPException(404)
        subscriber = await self.call(self.db.get_subscriber, claims.subscriber_id)
        if subscriber is None:
            raise HTTPException(404)
        return subscriber

    # -- endpoints

    async def unsubscribe(self, request: Request) -> Response:
        token = request.path_params["token"]
        if read_sample_token(self.keys, token):
            return self.explain(request, "sample_copy_lead")
        subscriber = await self.reader(token)
        already = subscriber.status is not SubscriberStatus.ACTIVE  # bounced, complained too
        masked = mask_email(subscriber.email)
        root = up_to_root(request.url.path)
        if request.method == "POST":
            form = await self.form(request)
            one_click = form.get("List-Unsubscribe") == "One-Click"
            if not one_click and not csrf_valid(self.keys, token, _text(form.get("csrf"))):
                raise HTTPException(400)
            await self.call(self.db.unsubscribe, subscriber.id)
            if not already:
                log.info(
                    "subscriber %d unsubscribed", subscriber.id, extra={"subscriber": subscriber.id}
                )
            if "text/html" not in request.headers.get("accept", ""):
                # A mailbox provider's server: RFC 8058 wants a 2xx; a short body is plenty.
                key = "already_unsubscribed_plain" if already else "unsubscribed_plain"
                return PlainTextResponse(self.pages.strings[key] + "\n", headers=NO_STORE)
            html = self.pages.render(
                "unsubscribed.html.j2",
                email=masked,
                already=already,
                archive_href=root + "archive/",
            )
            return self.page(html)
        if already:
            html = self.pages.render(
                "unsubscribed.html.j2", email=masked, already=True, archive_href=root + "archive/"
            )
            return self.page(html)
        html = self.pages.render(
            "unsubscribe.html.j2",
            email=masked,
            csrf=csrf_token(self.keys, token),
            archive_href=root + "archive/",
            preferences_href=f"{root}p/{token}",
        )
        return self.page(html)

    async def preferences(self, request: Request) -> Response:
        token = request.path_params["token"]
        if read_sample_token(self.keys, token):
            return self.explain(request, "sample_copy_lead")
        subscriber = await self.reader(token)
        unsubscribed = subscriber.status is SubscriberStatus.UNSUBSCRIBED
        chosen = subscriber.regions or frozenset(REGION_ORDER)
        error: str | None = None
        saved = False
        status = 200
        if request.method == "POST":
            if is_cross_site(request.headers, self.allowed_origins(request)):
                raise HTTPException(403)
            form = await self.form(request)
            if not csrf_valid(self.keys, token, _text(form.get("csrf"))):
                raise HTTPException(403)
            if unsubscribed:
                status = 409
            else:
                picked = form_regions(form.getlist("region"))
                if picked is None:
                    error, status = self.pages.strings["preferences_unknown"], 400
                elif not picked:
                    error, status, chosen = self.pages.strings["preferences_none"], 400, picked
                else:
                    await self.call(self.db.set_regions, subscriber.id, picked)
                    log.info(
                        "subscriber %d chose regions %s",
                        subscriber.id,
                        ",".join(r.value for r in REGION_ORDER if r in picked),
                    )
                    chosen, saved = picked, True
        root = up_to_root(request.url.path)
        html = self.pages.render(
            "preferences.html.j2",
            email=mask_email(subscriber.email),
            csrf=csrf_token(self.keys, token),
            regions=REGION_ORDER,
            chosen=chosen,
            saved=saved,
            error=error,
            unsubscribed=unsubscribed,
            archive_href=root + "archive/",
            unsubscribe_href=f"{root}u/{token}",
        )
        return self.page(html, status)

    async def no_token(self, request: Request) -> Response:
        """/u/ and /p/ bare: where the public archive copy's links lead. Nobody can be named
        from here, so the page only points back to the reader's own e-mail."""
        return self.explain(request, "no_token_lead")

    def explain(self, request: Request, lead: str) -> Response:
        """A page for a link that names no reader (the archive's, a preview's, a [TEST]
        copy's): what it is, and where a reader's own link is. GET and POST alike; nothing
        changes."""
        key = "unsubscribe_title" if request.url.path.startswith("/u") else "preferences_title"
        html = self.pages.render(
            "no_token.html.j2",
            heading=self.pages.strings[key],
            lead=self.pages.strings[lead],
            archive_href=up_to_root(request.url.path) + "archive/",
        )
        return self.page(html)

    async def archive_index(self, request: Request) -> Response:
        rows = await self.call(self.db.archive_list, ARCHIVE_LIMIT)
        issues = [
            {
                "href": day.isoformat(),
                "day_label": format_day(day, self.pages.locale),
                "subject": subject,
            }
            for day, subject in rows
        ]
        html = self.pages.render("archive.html.j2", issues=issues, archive_href="./")
        return HTMLResponse(html, headers={"cache-control": "public, max-age=300"})

    async def archive_issue(self, request: Request) -> Response:
        day = parse_day(request.path_params["day"])
        if day is None:
            raise HTTPException(404)
        found = await self.call(self.db.archive_get, day)
        if found is None:
            raise HTTPException(404)
        _subject, html, _text_body = found
        return HTMLResponse(
            html,
            headers={
                "content-security-policy": ISSUE_CSP,
                "cache-control": "public, max-age=300",
            },
        )

    async def healthz(self, request: Request) -> Response:
        try:
            await self.call(self.db.ping)
        except Exception:
            log.warning("health check: the database does not answer", exc_info=True)
            return PlainTextResponse("database unavailable\n", status_code=503, headers=NO_STORE)
        return PlainTextResponse("ok\n", headers=NO_STORE)

    async def root(self, request: Request) -> Response:
        return RedirectResponse("archive/", status_code=302)

    # -- errors

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return self.error_response(request.url.path, exc.status_code, exc.headers)

    async def crash(self, request: Request, exc: Exception) -> Response:
        # Starlette logs the traceback after this returns; the reader sees no internals.
        return self.error_response(request.url.path, 500)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def create_app(settings: Settings, store: Store | None = None) -> Starlette:
    """The readers' app. Without `store`, it opens settings.db_url on startup and closes it on
    shutdown; a store passed in belongs to the caller."""
    web = _Web(settings, store)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = web.store is None
        if owned:
            from newsletter.store import Store

            web.store = await run_in_threadpool(Store.open, settings.db_url)
        try:
            yield
        finally:
            for hook in web.shutdown_hooks:
                await run_in_threadpool(hook)
            if owned and web.store is not None:
                close = getattr(web.store, "close", None)
                if callable(close):
                    await run_in_threadpool(close)
                web.store = None

    def reject(scope: Scope, status: int) -> Response:
        headers = {"connection": "close"} if status == 413 else None
        return web.error_response(scope["path"], status, headers)

    routes = [
        Route("/u/", web.no_token, methods=["GET"]),
        Route("/p/", web.no_token, methods=["GET"]),
        Route("/u/{token}", web.unsubscribe, methods=["GET", "POST"]),
        Route("/p/{token}", web.preferences, methods=["GET", "POST"]),
        Route("/archive/", web.archive_index, methods=["GET"]),
        Route("/archive/{day}", web.archive_issue, methods=["GET"]),
        Route("/healthz", web.healthz, methods=["GET"]),
        Route("/", web.root, methods=["GET"]),
        *admin_routes(web),  # the operator console and /metrics (newsletter.web_admin)
    ]
    routes += signup_routes(web)
    routes += webhook_routes(web)
    return Starlette(
        debug=False,
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=MAX_BODY_BYTES, reject=reject, larger=ADMIN_UPLOAD_PATHS),
        ],
        exception_handlers={HTTPException: web.http_error, Exception: web.crash},
        lifespan=lifespan,
    )


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def listen(host: str, port: int) -> list[socket.socket]:
    """Bind `host`:`port` the way asyncio's create_server would (every address the name
    resolves to), but here, so that a port in use or an unknown host is a ConfigError for the
    CLI. uvicorn would log the error and sys.exit(3), the code that means "issue locked"."""
    if not 1 <= port <= 65535:  # the CLI checks too; socket.bind would raise OverflowError
        raise ConfigError(f"--port {port} is not a TCP port (1-65535)")
    where = _host_port(host, port)
    try:
        addresses = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise ConfigError(f"cannot listen on {where}: {reason}", hint="check --host") from None
    bound: list[socket.socket] = []
    try:
        for family, kind, proto, _name, address in dict.fromkeys(addresses):
            sock = socket.socket(family, kind, proto)
            bound.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                # as asyncio does: "localhost" gives ::1 and 127.0.0.1, two sockets on one port
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
    except OSError as exc:
        for sock in bound:
            sock.close()
        reason = (exc.strerror or str(exc)).lower()
        hint = {
            errno.EADDRINUSE: "another program serves on it; pick another --port",
            errno.EACCES: "ports below 1024 need privileges; pick another --port",
            errno.EADDRNOTAVAIL: "this machine has no such address; check --host",
        }.get(exc.errno or 0)
        raise ConfigError(f"cannot listen on {where}: {reason}", hint=hint) from None
    return bound


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app in the foreground until SIGINT or SIGTERM, then return after a graceful
    shutdown. Binds the port and opens the database first, so a port in use or a bad
    NEWSLETTER_DATABASE_URL is one error for the CLI rather than a failed worker."""
    import uvicorn

    from newsletter.render import check_templates_dir

    class _QuietServer(uvicorn.Server):
        """uvicorn re-raises the stopping signal after its graceful shutdown, which would make
        every ordinary stop (Ctrl+C, `docker stop`) look like a crash to the CLI. Here the
        signal only asks for the shutdown; a second Ctrl+C still forces it."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            handled = (signal.SIGINT, signal.SIGTERM)
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    from newsletter.store import Store

    problem = settings.metrics_token_problem()
    if problem:
        raise ConfigError(problem)
    check_templates_dir(settings.templates_dir)
    sockets = listen(host, port)
    try:
        store = Store.open(settings.db_url, hint_setting=settings.db_url_setting)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    try:
        config = uvicorn.Config(
            create_app(settings, store),
            host=host,
            port=port,
            log_config=None,  # the CLI has configured logging (text or JSON) already
            access_log=False,  # it would log reader tokens; SecurityHeaders logs redacted paths
            server_header=False,
            proxy_headers=True,
            # Only these may say who the client is (NEWSLETTER_WEB__FORWARDED_ALLOW_IPS).
            forwarded_allow_ips=settings.web.forwarded_allow_ips,
            timeout_keep_alive=5,
        )
        log.info(
            "serving readers' pages on http://%s:%d (public URL %s)",
            host,
            port,
            settings.public_url,
        )
        try:
            _QuietServer(config).run(sockets=sockets)
        except SystemExit as exc:
            # uvicorn's way to report a failed startup; its exit code 3 would read as
            # "issue locked" to an operator's script.
            if exc.code in (0, None):
                raise
            raise ConfigError(
                f"the web server on {_host_port(host, port)} failed to start (see the log above)"
            ) from None
    finally:
        for sock in sockets:
            sock.close()
        close = getattr(store, "close", None)
        if callable(close):
            close()
