"""The operator console under /admin/ in `newsletter serve`, and /metrics for monitoring.

    GET  /admin/login                 the login form (sets a login-CSRF cookie)
    POST /admin/login                 username + password -> a new session; 429 after 5 failures
    POST /admin/logout                ends the session
    GET  /admin/today?date=D          the issue as readers see it, every item with region,
                                      reason and source line; move / drop / reset; test send
    GET  /admin/preview/D             the issue's HTML (framed by the Today page)
    POST /admin/review/D              move, drop or reset an item (an override for that date)
    POST /admin/test-send/D           the [TEST] copy to up to 50 addresses; the ledger untouched
    GET  /admin/send/D                "send to N readers?"; POST starts job.run_issue in a thread
    GET  /admin/progress/D[.json]     counts from the ledger, polled by a few lines of JS
    GET  /admin/issues[/D]            every date with counts; one issue's failures
    GET  /admin/issues/D/resend-failed "resend the N failed?" (says when outbox only); POST does
    GET  /admin/subscribers           search, add, remove, regions, import CSV, export CSV
    GET  /admin/archive, /admin/audit the archive and the audit log
    GET  /metrics                     Prometheus text, with "Bearer NEWSLETTER_METRICS_TOKEN"

Security: a session is a random id in a signed cookie (HttpOnly, SameSite=Strict, Secure when
PUBLIC_URL is https, Path=/admin); the database keeps only its SHA-256, so logout, `operators
remove` and `operators passwd` end it for good, and an idle one expires. Every POST needs a CSRF
field (an HMAC of the session id; at login, of a cookie nonce) and a same-site request. Failed
logins are counted per username and per client address in the database; the sixth within 15
minutes, and every one after until the window passes, gets 429. Without a session every /admin
path answers a redirect to the login form, never content.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from newsletter.errors import InputError, NewsletterError
from newsletter.models import DeliveryReport, Region
from newsletter.web_admin_base import (
    ADMIN_UPLOAD_PATHS as ADMIN_UPLOAD_PATHS,  # newsletter.web's BodyLimit lets this upload in
)
from newsletter.web_admin_base import (
    CROSS_SITE,
    SESSION_COOKIE,
    RefusedForm,
    _id_hash,
    _mac,
    _mac_ok,
    _now,
    guarded,
)
from newsletter.web_admin_subscribers import SubscriberPages
from newsletter.web_common import ISSUE_CSP, NO_STORE, WebContext, is_cross_site

log = logging.getLogger(__name__)

LOGIN_COOKIE = "nl_admin_login"
FAIL_WINDOW = dt.timedelta(minutes=15)
FAIL_LIMIT = 5
STATES = ("sent", "failed", "deferred", "unknown", "pending", "sending", "skipped")


# What a resend of the failed sends besides them: every row the issue still owes (job.py).
OWED = ("deferred", "unknown", "pending")


def resend_words(counts: dict[str, int], outbox_only: str | None) -> str:
    """The resend button's words, on the issue page and its confirm page alike: what a resend
    sends (the failed and the still owed), and where (the outbox, when no relay is set)."""
    failed = counts.get("failed", 0)
    still = sum(counts.get(k, 0) for k in OWED)
    if outbox_only:
        what = f"{failed + still} messages" if still else f"{failed} failed"
        return f"Write the {what} to the outbox"
    return f"Resend the {failed} failed" + (f" and the {still} still owed" if still else "")


def safe_next(target: str | None) -> str:
    """Where to go after login: only a path of ours, never another site (open redirect)."""
    if target and target.startswith("/admin/") and "//" not in target and "\\" not in target:
        return target
    return "/admin/today"


def split_addresses(text: str) -> list[str]:
    return [a for a in re.split(r"[\s,;]+", text) if a]


# ---- sends running in this process -----------------------------------------------------------


@dataclass
class SendJob:
    day: dt.date
    kind: str  # "send" | "resend failed"
    operator: str
    started: dt.datetime
    done: int = 0
    total: int = 0
    finished: bool = False
    report: DeliveryReport | None = None
    error: str | None = None
    thread: threading.Thread | None = field(default=None, repr=False)


class Jobs:
    """At most one console-started send per issue in this process. The issue lock (shared with
    the CLI and the scheduler) is what really keeps two runs apart; this only turns a second
    click into "already running" instead of a lock error."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[dt.date, SendJob] = {}
        # Set when the server shuts down: a send stops claiming, lets the messages in flight
        # land and be recorded, and the next run resumes it (as after SIGTERM in the CLI).
        self.stop = threading.Event()

    def stop_all(self, wait: float = 60.0) -> None:
        self.stop.set()
        with self._lock:
            threads = [j.thread for j in self._jobs.values() if j.thread is not None]
        for thread in threads:
            thread.join(wait)

    def get(self, day: dt.date) -> SendJob | None:
        with self._lock:
            return self._jobs.get(day)

    def start(self, job: SendJob, work: Callable[[SendJob], None]) -> tuple[SendJob, bool]:
        with self._lock:
            running = self._jobs.get(job.day)
            if running is not None and not running.finished:
                return running, False
            self._jobs[job.day] = job

        def run() -> None:
            try:
                work(job)
            except NewsletterError as exc:
                job.error = str(exc)
            except Exception as exc:  # shown to the operator; the traceback goes to the log
                log.exception("console send of issue %s failed", job.day)
                job.error = f"{type(exc).__name__}: {exc}"
            finally:
                job.finished = True

        job.thread = threading.Thread(target=run, name=f"console-send-{job.day}", daemon=True)
        job.thread.start()
        return job, True


# ---- the console ------------------------------------------------------------------------------


class Console(SubscriberPages):
    """The console's pages; the shared plumbing is ConsoleBase's (newsletter.web_admin_base)."""

    def __init__(self, web: WebContext) -> None:
        super().__init__(web)
        self.jobs = Jobs()

    # -- login and logout

    async def login(self, request: Request) -> Response:
        if request.method == "GET":
            # Shown even to someone logged in: that is how another operator takes the browser.
            return self._login_form(request, safe_next(request.query_params.get("next")))
        if is_cross_site(request.headers, self.web.allowed_origins(request)):
            log.warning("refused a cross-site login POST")
            return self.render(request, "error.html.j2", status=403, problem=CROSS_SITE)
        try:
            form = await self.form(request)
        except RefusedForm as exc:
            return self.render(request, "error.html.j2", status=403, problem=str(exc))
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not _mac_ok(self.keys, "login", nonce, form.get("csrf")):
            log.warning("refused a login POST without a valid CSRF field")
            # A fresh form at once, saying why: the operator only has to log in again.
            return self._login_form(
                request,
                safe_next(str(form.get("next") or "")),
                error="The login form had expired, so you were not logged in. Try again.",
                status=403,
                username=str(form.get("username") or "").strip()[:100],
            )
        username = str(form.get("username") or "").strip()[:100]
        password = str(form.get("password") or "")
        target = safe_next(str(form.get("next") or ""))
        address = (request.client.host if request.client else "unknown")[:64]
        now = _now()
        from newsletter.store.console import recent_failures

        by_name, by_address = await self.call(
            recent_failures, self.db, username, address, now - FAIL_WINDOW
        )
        if by_name >= FAIL_LIMIT or by_address >= FAIL_LIMIT:
            log.warning(
                "login refused for %r from %s: %d failures for the name, %d from the address in"
                " the last 15 minutes",
                username,
                address,
                by_name,
                by_address,
            )
            response = self._login_form(
                request,
                target,
                error="Too many failed logins. Try again in 15 minutes.",
                status=429,
                username=username,
            )
            response.headers["retry-after"] = str(int(FAIL_WINDOW.total_seconds()))
            return response
        from newsletter.operators import verify

        operator = await self.call(verify, self.db, username, password)
        if operator is None:
            from newsletter.store.console import record_failure

            await self.call(record_failure, self.db, username, address, now)
            log.warning("failed login for %r from %s", username, address)
            return self._login_form(
                request, target, error="Wrong name or password.", status=401, username=username
            )
        from newsletter.store.console import audit, create_session, end_session

        old = await self.session(request)
        if old is not None:  # a fresh id at every login; the old one is gone
            await self.call(end_session, self.db, _id_hash(old[1]))
        session_id = secrets.token_urlsafe(32)
        await self.call(create_session, self.db, _id_hash(session_id), operator, now)
        await self.call(audit, self.db, operator, "console", "login", f"from {address}")
        log.info("operator %s logged in from %s", operator, address)
        response = RedirectResponse(target, status_code=303, headers=NO_STORE)
        response.set_cookie(
            SESSION_COOKIE,
            f"{session_id}.{_mac(self.keys[0], 'session', session_id)}",
            path="/admin",
            secure=self.secure,
            httponly=True,
            samesite="strict",
        )
        response.delete_cookie(LOGIN_COOKIE, path="/admin/login")
        return response

    def _login_form(
        self,
        request: Request,
        target: str,
        *,
        error: str | None = None,
        status: int = 200,
        username: str = "",
    ) -> HTMLResponse:
        nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        response = self.render(
            request,
            "login.html.j2",
            status=status,
            login_csrf=_mac(self.keys[0], "login", nonce),
            next=target,
            error=error,
            username=username,
        )
        response.set_cookie(
            LOGIN_COOKIE,
            nonce,
            path="/admin/login",
            secure=self.secure,
            httponly=True,
            samesite="strict",
        )
        return response

    @guarded
    async def logout(self, request: Request) -> Response:
        from newsletter.store.console import audit, end_session

        await self.call(end_session, self.db, _id_hash(request.state.session_id))
        await self.call(audit, self.db, request.state.operator, "console", "logout")
        self.flashes.pop(request.state.session_id, None)
        response = RedirectResponse("/admin/login", status_code=303, headers=NO_STORE)
        response.delete_cookie(SESSION_COOKIE, path="/admin")
        return response

    async def root(self, request: Request) -> Response:
        return RedirectResponse("/admin/today", status_code=303)

    # -- today: review, preview, test send

    @guarded
    async def today(self, request: Request) -> Response:
        from newsletter.job_content import TEST_SEND_LIMIT
        from newsletter.review import load_review

        day = self.day_of(request)
        review, error = None, None
        try:
            review = await self.call(load_review, day, self.settings, self.db)
        except NewsletterError as exc:
            error = str(exc)
        counts = await self.call(self.db.counts, day)
        active = (await self.call(self.db.count_subscribers)).get("active", 0)
        return self.render(
            request,
            "today.html.j2",
            day=day,
            review=review,
            error=error,
            counts=counts,
            active=active,
            test_result=None,
            test_limit=TEST_SEND_LIMIT,
        )

    @guarded
    async def preview(self, request: Request) -> Response:
        day = self.day_of(request)
        try:
            html = await self.call(_issue_html, day, self.settings, self.db)
        except NewsletterError as exc:
            html = f"<!doctype html><meta charset=utf-8><p>{_escape(str(exc))}</p>"
        # Framed by the Today page only; the issue's own HTML gets the archive's strict policy.
        csp = ISSUE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
        headers = {**NO_STORE, "content-security-policy": csp, "x-frame-options": "SAMEORIGIN"}
        return HTMLResponse(html, headers=headers)

    @guarded
    async def review_change(self, request: Request) -> Response:
        from newsletter import review as reviewing

        day = self.day_of(request)
        form = request.state.form
        action = str(form.get("action") or "")
        who = request.state.operator
        try:
            current = await self.call(reviewing.load_review, day, self.settings, self.db)
            if action == "reset-all":
                n = await self.call(reviewing.reset, self.db, current, None, who, "console")
                self.flash(request, "ok", f"Every item is back as the classifier filed it ({n}).")
            else:
                number = _item_number(str(form.get("number") or ""))
                if action == "move":
                    region = Region.parse(str(form.get("region") or ""))
                    if await self.call(
                        reviewing.move, self.db, current, number, region, who, "console"
                    ):
                        self.flash(request, "ok", f"Item {number} moved to {region.value}.")
                    else:
                        note = reviewing.already_there(number, region)
                        self.flash(request, "ok", f"{note[:1].upper()}{note[1:]}.")
                elif action == "drop":
                    await self.call(reviewing.drop, self.db, current, number, who, "console")
                    self.flash(request, "ok", f"Item {number} dropped from the issue.")
                elif action == "reset":
                    await self.call(reviewing.reset, self.db, current, number, who, "console")
                    self.flash(request, "ok", f"Item {number} is back as the classifier filed it.")
                else:
                    raise HTTPException(400)
        except (NewsletterError, ValueError) as exc:
            self.flash(request, "bad", str(exc))
        return RedirectResponse(f"/admin/today?date={day}#items", status_code=303)

    @guarded
    async def test_send(self, request: Request) -> Response:
        from newsletter.job import SendOptions, run_issue

        day = self.day_of(request)
        addresses = split_addresses(str(request.state.form.get("to") or ""))
        if not addresses:
            self.flash(request, "bad", "Give one or more addresses for the test copy.")
            return RedirectResponse(f"/admin/today?date={day}#test", status_code=303)
        try:
            report = await self.call(
                run_issue, day, self.settings, SendOptions(to=tuple(addresses)), store=self.db
            )
        except NewsletterError as exc:
            self.flash(request, "bad", f"Test send failed: {exc}")
        else:
            problems = "; ".join(str(p) for p in report.problems if p.where in addresses)
            notice = self.settings.outbox_notice(self.settings.outbox_path / day.isoformat())
            outbox = f" Note: {notice}." if notice else ""
            kind = "bad" if report.failed or report.deferred or report.unknown else "ok"
            self.flash(
                request,
                kind,
                f"Test copy ([TEST]) sent to {report.sent} of {len(addresses)} addresses; the "
                "ledger is untouched." + (f" {problems}" if problems else "") + outbox,
            )
            await self.audit(request, "test-send", ", ".join(addresses), day)
        return RedirectResponse(f"/admin/today?date={day}#test", status_code=303)

    # -- send now and progress

    @guarded
    async def send(self, request: Request) -> Response:
        day = self.day_of(request)
        if request.method == "POST":
            return await self._start(request, day, resend_failed=False)
        state = await self.call(self.db.issue_state, day)
        counts = await self.call(self.db.counts, day)
        active = (await self.call(self.db.count_subscribers)).get("active", 0)
        owed = sum(counts.get(k, 0) for k in ("pending", "deferred", "unknown"))
        readers = active if state is None else owed
        job = self.jobs.get(day)
        return self.render(
            request,
            "send.html.j2",
            day=day,
            state=state,
            readers=readers,
            counts=counts,
            running=job is not None and not job.finished,
            outbox_only=self.settings.outbox_notice(self.settings.outbox_path / day.isoformat()),
        )

    @guarded
    async def resend(self, request: Request) -> Response:
        day = self.day_of(request)
        if request.method == "POST":
            return await self._start(request, day, resend_failed=True)
        counts = await self.call(self.db.counts, day)
        job = self.jobs.get(day)
        outbox_only = self.settings.outbox_notice(self.settings.outbox_path / day.isoformat())
        return self.render(
            request,
            "resend.html.j2",
            day=day,
            failed=counts.get("failed", 0),
            # The run sends every row still owed with the failed, as Send now counts them.
            owed={k: counts.get(k, 0) for k in OWED},
            running=job is not None and not job.finished,
            outbox_only=outbox_only,
            resend_words=resend_words(counts, outbox_only),
        )

    async def _start(self, request: Request, day: dt.date, *, resend_failed: bool) -> Response:
        from newsletter.job import SendOptions, run_issue

        kind = "resend failed" if resend_failed else "send"
        job = SendJob(day, kind, request.state.operator, _now())
        settings, store = self.settings, self.db

        def work(job: SendJob) -> None:
            def progress(done: int, total: int) -> None:
                job.done, job.total = done, total

            job.report = run_issue(
                day,
                settings,
                SendOptions(resend_failed=resend_failed),
                store=store,
                progress=progress,
                stop=self.jobs.stop,
            )

        job, started = self.jobs.start(job, work)
        if started:
            await self.audit(request, kind, f"started from the console by {job.operator}", day)
            log.info("operator %s started %s of issue %s", job.operator, kind, day)
        else:
            self.flash(request, "bad", f"A {job.kind} of issue {day} is already running.")
        return RedirectResponse(f"/admin/progress/{day}", status_code=303)

    async def _progress(self, day: dt.date) -> dict[str, Any]:
        counts = await self.call(self.db.counts, day)
        state = await self.call(self.db.issue_state, day)
        job = self.jobs.get(day)
        total = sum(counts.get(k, 0) for k in STATES)
        settled = sum(counts.get(k, 0) for k in ("sent", "failed", "skipped"))
        running = job is not None and not job.finished
        # Never queued and no send asked for here: nothing ran, so nothing "finished".
        started = state is not None or job is not None
        message = ""
        if not started:
            message = f"Issue {day} was never sent: there is nothing to follow yet."
        elif job is not None and job.error:
            message = job.error
        elif job is not None and job.report is not None:
            r = job.report
            message = r.message or (
                f"{job.kind} finished: sent {r.sent}, failed {r.failed}, deferred {r.deferred},"
                f" unknown {r.unknown}, skipped {r.skipped} in {r.duration:.1f}s"
            )
        return {
            "date": day.isoformat(),
            "state": state or "not started",
            "counts": {k: counts.get(k, 0) for k in STATES},
            "total": total,
            "settled": settled,
            "running": running,
            "started": started,
            "finished": started and not running and state != "sending",
            "message": message,
            "error": bool(job is not None and job.error),
        }

    @guarded
    async def progress(self, request: Request) -> Response:
        day = self.day_of(request)
        data = await self._progress(day)
        return self.render(request, "progress.html.j2", day=day, p=data, states=STATES)

    @guarded
    async def progress_json(self, request: Request) -> Response:
        return JSONResponse(await self._progress(self.day_of(request)), headers=NO_STORE)

    # -- issues

    @guarded
    async def issues(self, request: Request) -> Response:
        days = (await self.call(self.db.days))[:400]
        rows = []
        for day in days:
            rows.append(
                {
                    "day": day,
                    "state": await self.call(self.db.issue_state, day),
                    "counts": await self.call(self.db.counts, day),
                }
            )
        return self.render(request, "issues.html.j2", rows=rows, states=STATES)

    @guarded
    async def issue(self, request: Request) -> Response:
        from newsletter.store.bounces import bounce_counts
        from newsletter.store.console import audit_entries, bounces, issue_times

        day = self.day_of(request)
        counts = await self.call(self.db.counts, day)
        failures = await self.call(self.db.failures, day, 500)
        times = await self.call(issue_times, self.db, day)
        subject = await self.call(self.db.issue_subject, day)
        archived = await self.call(self.db.archive_get, day) is not None
        outbox_only = self.settings.outbox_notice(self.settings.outbox_path / day.isoformat())
        return self.render(
            request,
            "issue.html.j2",
            day=day,
            counts=counts,
            states=STATES,
            failures=failures,
            times=times,
            subject=subject,
            archived=archived,
            outbox_only=outbox_only,
            resend_words=resend_words(counts, outbox_only),
            # The relay's 5xx at send time (the ledger), and the reports that came back later
            # (bounce mailbox, webhooks): not the same thing, so not one word for both.
            refused=await self.call(bounces, self.db, day),
            reports=await self.call(bounce_counts, self.db, day),
            bounced_readers=(await self.call(self.db.count_subscribers)).get("bounced", 0),
            entries=await self.call(audit_entries, self.db, 50, day),
        )

    # -- archive and audit

    @guarded
    async def archive(self, request: Request) -> Response:
        rows = await self.call(self.db.archive_list, 400)
        return self.render(request, "archive.html.j2", rows=rows)

    @guarded
    async def audit_log(self, request: Request) -> Response:
        from newsletter.store.console import audit_entries

        entries = await self.call(audit_entries, self.db, 500)
        return self.render(request, "audit.html.j2", entries=entries)

    @guarded
    async def not_found(self, request: Request) -> Response:
        raise HTTPException(404)

    # -- /metrics

    async def metrics(self, request: Request) -> Response:
        token = self.settings.metrics_token
        if token is None or self.settings.metrics_token_problem():
            raise HTTPException(404)  # not configured (or too short to guard it): nothing
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        expected = token.get_secret_value().encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), expected):
            return Response(
                "a bearer token is needed (NEWSLETTER_METRICS_TOKEN)\n",
                status_code=401,
                headers={**NO_STORE, "www-authenticate": 'Bearer realm="metrics"'},
                media_type="text/plain",
            )
        from newsletter.metrics import CONTENT_TYPE, render_metrics

        body = await self.call(render_metrics, self.db, _now())
        return Response(body, headers=NO_STORE, media_type=CONTENT_TYPE)


# ---- helpers that run in the thread pool ------------------------------------------------------


def _issue_html(day: dt.date, settings: Any, store: Any) -> str:
    """The issue as readers will see it: the stored content once it is queued (what is being
    or was sent), else built now from the source with the day's overrides."""
    from newsletter.assemble import issue_from_dict
    from newsletter.job import build_issue
    from newsletter.message import generic_html
    from newsletter.render import Renderer

    payload = store.load_issue(day)
    issue = issue_from_dict(payload) if payload else build_issue(day, settings).issue
    return generic_html(Renderer(settings).render(issue), settings)


def _item_number(text: str) -> int:
    """The review form's item number; anything else is the operator's to fix, in their words."""
    # ASCII digits only ('٣'.isdecimal() is true, and int() takes it), and few of them: int()
    # of 4,301 digits raises Python's own "Exceeds the limit" wording.
    given = text.strip()
    if not (given.isascii() and given.isdecimal() and len(given) <= 9):
        raise InputError(
            f"item number {given[:40]!r} is not a number",
            hint="give the number the Today page shows before the item",
        )
    return int(given)


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def admin_routes(web: WebContext) -> list[Route]:
    """The console's routes, for newsletter.web.create_app to add to the readers' app."""
    console = Console(web)
    web.shutdown_hooks.append(console.jobs.stop_all)

    return [
        Route("/admin", console.root, methods=["GET"]),
        Route("/admin/", console.root, methods=["GET"]),
        Route("/admin/login", console.login, methods=["GET", "POST"]),
        Route("/admin/logout", console.logout, methods=["POST"]),
        Route("/admin/today", console.today, methods=["GET"]),
        Route("/admin/preview/{day}", console.preview, methods=["GET"]),
        Route("/admin/review/{day}", console.review_change, methods=["POST"]),
        Route("/admin/test-send/{day}", console.test_send, methods=["POST"]),
        Route("/admin/send/{day}", console.send, methods=["GET", "POST"]),
        Route("/admin/progress/{day}.json", console.progress_json, methods=["GET"]),
        Route("/admin/progress/{day}", console.progress, methods=["GET"]),
        Route("/admin/issues", console.issues, methods=["GET"]),
        Route("/admin/issues/{day}", console.issue, methods=["GET"]),
        Route("/admin/issues/{day}/resend-failed", console.resend, methods=["GET", "POST"]),
        Route("/admin/subscribers", console.subscribers, methods=["GET"]),
        Route("/admin/subscribers/change", console.subscriber_change, methods=["POST"]),
        Route("/admin/subscribers/import", console.subscribers_import, methods=["POST"]),
        Route("/admin/subscribers/export.csv", console.subscribers_export, methods=["GET"]),
        Route("/admin/archive", console.archive, methods=["GET"]),
        Route("/admin/audit", console.audit_log, methods=["GET"]),
        # Anything else under /admin/: the login form without a session, 404 with one.
        Route("/admin/{rest:path}", console.not_found, methods=["GET", "POST"]),
        Route("/metrics", console.metrics, methods=["GET"]),
    ]
