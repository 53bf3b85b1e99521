"""The operator console over real HTTP (uvicorn on 127.0.0.1, a real SQLite file): every refusal,
and each thing an operator does, checked in the database and the outbox afterwards."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from newsletter.operators import hash_password
from newsletter.settings import Settings
from newsletter.store import Store
from newsletter.store import console as db
from newsletter.store.tables import subscribers
from newsletter.web import create_app
from tests.test_web import Reply, call, running

DAY = dt.date(2026, 11, 26)
PASSWORD = "correct horse battery staple"
FORM = "application/x-www-form-urlencoded"
PASSWORDS = {"kim": PASSWORD, "lee": PASSWORD + " 2"}


@dataclass
class Client:
    """A browser, as far as the server can tell: keeps cookies, says where a form came from."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    origin: str | None = None

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str) -> Reply:
        sent = dict(headers)
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        reply = call(self.base, method, path, body, sent)
        for raw in reply.headers.get_all("set-cookie") or []:
            name, _, rest = raw.partition("=")
            value = rest.split(";", 1)[0].strip('"')
            if "max-age=0" in raw.lower() or "expires=thu, 01 jan 1970" in raw.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return reply

    def get(self, path: str, **headers: str) -> Reply:
        return self.request("GET", path, **headers)

    def post(self, path: str, fields: dict[str, Any] | list[tuple[str, str]], **headers: str):  # type: ignore[no-untyped-def]
        body = urllib.parse.urlencode(fields).encode()
        extra = {"Content-Type": FORM, "Origin": self.origin or self.base, **headers}
        return self.request("POST", path, body, **extra)

    def csrf(self, path: str = "/admin/today") -> str:
        page = self.get(path)
        assert page.status == 200, page.status
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, "no CSRF field"
        return found.group(1)

    def login(self, username: str = "kim", password: str = PASSWORD) -> Reply:
        form = self.get("/admin/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token
        return self.post(
            "/admin/login",
            {"csrf": token.group(1), "username": username, "password": password, "next": ""},
        )


@dataclass
class Console:
    base: str
    store: Store
    settings: Settings

    def client(self) -> Client:
        return Client(self.base)

    def logged_in(self, name: str = "kim") -> Client:
        client = self.client()
        reply = client.login(name, PASSWORDS[name])
        assert reply.status == 303, reply.text
        return client


@pytest.fixture
def console_factory(
    db_url: str, make_settings: Callable[..., Settings]
) -> Iterator[Callable[..., Console]]:
    """A console on SQLite, and on PostgreSQL when NEWSLETTER_TEST_DATABASE_URL is set."""
    url = db_url
    store = Store.open(url)
    db.add_operator(store, "kim", hash_password(PASSWORD))
    db.add_operator(store, "lee", hash_password(PASSWORD + " 2"))
    store.add_subscriber("alice@example.com", "Alice")
    store.add_subscriber("bob@example.org", "Bob")
    with ExitStack() as stack:

        def make(**overrides: object) -> Console:
            settings = make_settings(database_url=url, **overrides)
            base = stack.enter_context(running(create_app(settings, store)))
            return Console(base, store, settings)

        yield make
    store.close()


@pytest.fixture
def console(console_factory: Callable[..., Console]) -> Console:
    return console_factory(metrics_token="scrape-token-0123456789")


PAGES = [
    "/admin/",
    "/admin/today",
    f"/admin/today?date={DAY}",
    f"/admin/preview/{DAY}",
    f"/admin/send/{DAY}",
    f"/admin/progress/{DAY}",
    f"/admin/progress/{DAY}.json",
    "/admin/issues",
    f"/admin/issues/{DAY}",
    "/admin/subscribers",
    "/admin/subscribers/export.csv",
    "/admin/archive",
    "/admin/audit",
    "/admin/no-such-page",
]


# ---- who may enter -------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_without_a_session_every_admin_page_redirects_to_the_login(
    console: Console, path: str
) -> None:
    reply = console.client().get(path)
    assert reply.status in (303, 307), reply.status
    assert reply.header("location").startswith("/admin/login") or path == "/admin/"
    assert b"alice@example.com" not in reply.body and b"<table" not in reply.body


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        (f"/admin/review/{DAY}", {"action": "drop", "number": "1"}),
        (f"/admin/send/{DAY}", {}),
        (f"/admin/test-send/{DAY}", {"to": "me@example.com"}),
        ("/admin/subscribers/change", {"action": "remove", "email": "alice@example.com"}),
        (f"/admin/issues/{DAY}/resend-failed", {}),
        ("/admin/logout", {}),
    ],
)
def test_without_a_session_no_post_changes_anything(
    console: Console, path: str, fields: dict[str, str]
) -> None:
    reply = console.client().post(path, {**fields, "csrf": "guess"})
    assert reply.status == 303 and reply.header("location") == "/admin/login"
    assert db.overrides_for(console.store, DAY) == {}
    assert console.store.issue_state(DAY) is None
    assert console.store.find_subscriber("alice@example.com") is not None
    assert db.audit_entries(console.store) == []


def test_login_sets_a_strict_http_only_secure_cookie_and_a_new_id_each_time(
    console: Console,
) -> None:
    client = console.client()
    reply = client.login()
    assert reply.status == 303 and reply.header("location") == "/admin/today"
    cookie = next(c for c in reply.headers.get_all("set-cookie") if c.startswith("nl_admin="))
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "secure", "path=/admin"} <= attributes
    first = client.cookies["nl_admin"]
    assert client.get("/admin/today").status == 200
    client.login()
    second = client.cookies["nl_admin"]
    assert second != first
    stale = Client(console.base, {"nl_admin": first})
    assert stale.get("/admin/today").status == 303  # the old id died at the new login
    assert [e.action for e in db.audit_entries(console.store)] == ["login", "login"]


def test_cookie_is_not_secure_when_the_public_url_is_plain_http(
    console_factory: Callable[..., Console],
) -> None:
    site = console_factory(public_url="http://localhost:8000")
    reply = site.client().login()
    cookie = next(c for c in reply.headers.get_all("set-cookie") if c.startswith("nl_admin="))
    assert "secure" not in cookie.lower()


def test_wrong_password_or_unknown_name_is_401_and_no_session(console: Console) -> None:
    for name, password in (("kim", "wrong password!"), ("nobody", PASSWORD), ("kim", "")):
        client = console.client()
        reply = client.login(name, password)
        assert reply.status == 401
        assert "Wrong name or password." in reply.text
        assert "nl_admin" not in client.cookies
        assert client.get("/admin/today").status == 303


def test_a_forged_cookie_is_refused(console: Console) -> None:
    real = console.logged_in().cookies["nl_admin"]
    session_id, _, mac = real.partition(".")
    for forged in (f"{session_id}.{mac[:-2]}xx", f"x{session_id}.{mac}", session_id, "junk"):
        assert Client(console.base, {"nl_admin": forged}).get("/admin/today").status == 303


def test_five_failures_for_a_name_then_429_even_with_the_right_password(
    console: Console, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="newsletter.web_admin")
    for _ in range(5):
        assert console.client().login("kim", "not the password").status == 401
    refused = console.client().login("kim", PASSWORD)
    assert refused.status == 429
    assert refused.header("retry-after") == "900"
    assert "Too many failed logins" in refused.text
    assert any("login refused for 'kim'" in r.getMessage() for r in caplog.records)
    # Another operator is not locked out by kim's attacker... from another address; this
    # test's requests all come from 127.0.0.1, which is itself over the limit now.
    assert console.client().login("lee", PASSWORD + " 2").status == 429
    # The window passes: the failures age out and the right password works again.
    with console.store.engine.begin() as connection:
        from sqlalchemy import update

        from newsletter.store.tables import login_failures

        connection.execute(
            update(login_failures).values(at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
        )
    assert console.client().login("kim", PASSWORD).status == 303


def test_five_failures_from_one_address_over_many_names_then_429(console: Console) -> None:
    for n in range(5):
        assert console.client().login(f"guess{n}", "not the password").status == 401
    assert console.client().login("kim", PASSWORD).status == 429


def test_a_post_without_or_with_a_wrong_csrf_field_is_403_and_changes_nothing(
    console: Console,
) -> None:
    client = console.logged_in()
    good = client.csrf()
    other = console.logged_in("lee").csrf()  # a real token, but of another session
    for fields in (
        {"action": "drop", "number": "1"},
        {"action": "drop", "number": "1", "csrf": ""},
        {"action": "drop", "number": "1", "csrf": good[:-1]},
        {"action": "drop", "number": "1", "csrf": other},
    ):
        assert client.post(f"/admin/review/{DAY}", fields).status == 403
    assert db.overrides_for(console.store, DAY) == {}
    assert client.post("/admin/logout", {}).status == 403
    assert client.get("/admin/today").status == 200  # still logged in
    # The login form has its own CSRF field, tied to a cookie of the login page.
    bare = console.client()
    reply = bare.post("/admin/login", {"username": "kim", "password": PASSWORD})
    assert reply.status == 403 and "nl_admin" not in bare.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Referer": "https://evil.example/page"},
    ],
)
def test_cross_site_posts_are_refused_even_with_a_valid_csrf_field(
    console: Console, headers: dict[str, str]
) -> None:
    client = console.logged_in()
    token = client.csrf()
    reply = client.post(
        f"/admin/review/{DAY}", {"csrf": token, "action": "drop", "number": "1"}, **headers
    )
    assert reply.status == 403
    assert db.overrides_for(console.store, DAY) == {}
    assert console.client().login().status == 303  # (a login from our own origin still works)
    login_page = console.client()
    login_page.get("/admin/login")
    assert (
        login_page.post("/admin/login", {"username": "kim", "password": PASSWORD}, **headers).status
        == 403
    )


def test_a_session_after_logout_is_dead_and_another_operators_lives_on(console: Console) -> None:
    kim, lee = console.logged_in("kim"), console.logged_in("lee")
    kept = dict(kim.cookies)
    reply = kim.post("/admin/logout", {"csrf": kim.csrf()})
    assert reply.status == 303 and reply.header("location") == "/admin/login"
    assert "nl_admin" not in kim.cookies
    replayed = Client(console.base, kept)
    assert replayed.get("/admin/today").status == 303
    assert replayed.post(f"/admin/review/{DAY}", {"action": "drop", "number": "1"}).status == 303
    assert lee.get("/admin/today").status == 200
    assert db.overrides_for(console.store, DAY) == {}


def test_passwd_and_remove_end_sessions_at_once(console: Console) -> None:
    kim, lee = console.logged_in("kim"), console.logged_in("lee")
    db.set_password_hash(console.store, "kim", hash_password("a brand new password"))
    assert kim.get("/admin/today").status == 303
    db.remove_operator(console.store, "lee")
    assert lee.get("/admin/today").status == 303
    assert console.client().login("lee", PASSWORD + " 2").status == 401


def test_an_idle_session_expires(console: Console) -> None:
    client = console.logged_in()
    from sqlalchemy import update

    from newsletter.store.tables import operator_sessions

    idle = dt.timedelta(minutes=console.settings.admin_idle_minutes, seconds=5)
    with console.store.engine.begin() as connection:
        connection.execute(update(operator_sessions).values(seen_at=dt.datetime.now(dt.UTC) - idle))
    assert client.get("/admin/today").status == 303


def test_login_only_redirects_to_our_own_pages(console: Console) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/admin/\\\\evil", "/archive/"):
        client = console.client()
        form = client.get(f"/admin/login?next={urllib.parse.quote(target)}")
        assert 'name="next" value="/admin/today"' in form.text
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token
        reply = client.post(
            "/admin/login",
            {"csrf": token.group(1), "username": "kim", "password": PASSWORD, "next": target},
        )
        assert reply.header("location") == "/admin/today"


# ---- what operators do ---------------------------------------------------------------------


def test_review_move_drop_reset_are_stored_shown_audited_and_sent(console: Console) -> None:
    from newsletter.job import build_issue

    client = console.logged_in()
    page = client.get(f"/admin/today?date={DAY}")
    assert page.status == 200
    assert 'data-region="US"' in page.text and "Reason: lead subject" in page.text
    assert "sample-day.jsonl:2" in page.text  # the source line
    token = client.csrf()
    reply = client.post(
        f"/admin/review/{DAY}", {"csrf": token, "action": "move", "number": "2", "region": "Japan"}
    )
    assert reply.status == 303
    client.post(f"/admin/review/{DAY}", {"csrf": token, "action": "drop", "number": "3"})
    page = client.get(f"/admin/today?date={DAY}")
    assert "Item 2 moved to Japan." in page.text
    row2 = re.search(r'<tr id="item-2"[^>]*data-region="(\w+)"', page.text)
    row3 = re.search(r'<tr id="item-3"[^>]*data-region="(\w+)"', page.text)
    assert row2 and row2.group(1) == "Japan" and row3 and row3.group(1) == "dropped"
    assert "override by kim" in page.text
    issue = build_issue(DAY, console.settings).issue
    japan = next(s for s in issue.sections if s.region.value == "Japan")
    assert any("마이크로소프트" in (i.summary.title or "") for i in japan.items)
    assert all("상무부" not in i.reason for s in issue.sections for i in s.items)
    client.post(f"/admin/review/{DAY}", {"csrf": token, "action": "reset", "number": "2"})
    assert [o.action for o in db.overrides_for(console.store, DAY).values()] == ["drop"]
    client.post(f"/admin/review/{DAY}", {"csrf": token, "action": "reset-all"})
    assert db.overrides_for(console.store, DAY) == {}
    actions = [e.action for e in db.audit_entries(console.store, day=DAY)]
    assert actions == ["review.reset", "review.reset", "review.drop", "review.move"]
    assert all(
        e.actor == "kim" and e.via == "console" for e in db.audit_entries(console.store, day=DAY)
    )


def test_preview_frame_is_the_issue_with_the_archive_policy(console: Console) -> None:
    client = console.logged_in()
    reply = client.get(f"/admin/preview/{DAY}")
    assert reply.status == 200
    assert "미 연준" in reply.text
    assert "frame-ancestors 'self'" in reply.header("content-security-policy")
    assert "script-src" not in reply.header("content-security-policy")
    assert reply.header("x-frame-options") == "SAMEORIGIN"
    page = client.get("/admin/today")
    assert "frame-ancestors 'none'" in page.header("content-security-policy")
    assert page.header("cache-control") == "no-store"


def _outbox_messages(settings: Settings) -> list[Any]:
    root = settings.outbox_path
    return [
        message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in sorted(root.rglob("*.eml"))
    ]


def test_test_send_marks_the_copy_and_leaves_the_ledger_alone(console: Console) -> None:
    client = console.logged_in()
    reply = client.post(
        f"/admin/test-send/{DAY}", {"csrf": client.csrf(), "to": "me@example.com, ed@example.com"}
    )
    assert reply.status == 303
    page = client.get(f"/admin/today?date={DAY}")
    assert "Test copy ([TEST]) sent to 2 of 2 addresses" in page.text
    messages = _outbox_messages(console.settings)
    assert sorted(m["To"] for m in messages) == ["ed@example.com", "me@example.com"]
    assert all("[TEST]" in m["Subject"] for m in messages)
    assert sum(console.store.counts(DAY).values()) == 0
    assert console.store.issue_state(DAY) is None
    assert db.audit_entries(console.store)[0].action == "test-send"


def _wait_finished(client: Client, day: dt.date) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        data = json.loads(client.get(f"/admin/progress/{day}.json").text)
        if data["finished"]:
            return data
        time.sleep(0.1)
    raise AssertionError("the send did not finish")


def test_send_now_confirms_the_count_sends_once_and_reports_progress(console: Console) -> None:
    client = console.logged_in()
    page = client.get(f"/admin/send/{DAY}")
    assert re.search(r'id="reader-count">2<', page.text)
    reply = client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
    assert reply.status == 303 and reply.header("location") == f"/admin/progress/{DAY}"
    data = _wait_finished(client, DAY)
    assert data["counts"]["sent"] == 2 and data["state"] == "done"
    assert data["settled"] == data["total"] == 2
    assert "send finished: sent 2" in data["message"]
    page = client.get(f"/admin/progress/{DAY}")
    assert 'id="count-sent">2<' in page.text and "<script nonce=" in page.text
    # A second click sends nothing more.
    client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
    data = _wait_finished(client, DAY)
    assert "already sent" in data["message"]
    assert console.store.counts(DAY)["sent"] == 2
    assert len(_outbox_messages(console.settings)) == 2
    assert [e.action for e in db.audit_entries(console.store, day=DAY)] == ["send", "send"]


def test_send_now_respects_the_lock_of_another_run(console: Console) -> None:
    from newsletter.job import issue_lock_name

    # A live run (the scheduler, say) holds the issue: its OS/advisory lock and the row naming it.
    held = console.store.hold(issue_lock_name(DAY))
    assert held is not None
    console.store.take_lock_row(issue_lock_name(DAY), "scheduler:1", 60, None)
    try:
        client = console.logged_in()
        client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
        data = _wait_finished(client, DAY)
        assert "is being sent right now by scheduler:1" in data["message"]
        page = client.get(f"/admin/progress/{DAY}")
        assert "notice bad" in page.text
        assert sum(console.store.counts(DAY).values()) == 0
    finally:
        held.release()


def test_issues_pages_show_counts_failures_and_resend_failed(console: Console) -> None:
    client = console.logged_in()
    client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
    _wait_finished(client, DAY)
    from sqlalchemy import update

    from newsletter.store.tables import deliveries

    with console.store.engine.begin() as connection:
        connection.execute(
            update(deliveries)
            .where(deliveries.c.email == "bob@example.org")
            .values(status="failed", code=550, detail="5.1.1 <bob@example.org>: no such user")
        )
    listing = client.get("/admin/issues")
    assert f'href="/admin/issues/{DAY}"' in listing.text
    page = client.get(f"/admin/issues/{DAY}")
    assert "550 5.1.1 &lt;bob@example.org&gt;: no such user" in page.text
    assert 'id="resend-failed"' in page.text
    client.post(f"/admin/issues/{DAY}/resend-failed", {"csrf": client.csrf()})
    data = _wait_finished(client, DAY)
    assert data["counts"]["sent"] == 2 and data["counts"]["failed"] == 0
    actions = [e.action for e in db.audit_entries(console.store, day=DAY)]
    assert "resend failed" in actions and "resend.replies" in actions


def test_the_issue_page_and_status_count_refusals_and_later_reports_alike(
    console: Console, cli_env: dict[str, str]
) -> None:
    """Two different things: deliveries the relay refused at send time (a 5xx reply, in the
    ledger) and bounce reports that arrived afterwards (DSN, ARF, webhooks). The console once
    said "bounces (5xx) 1" where `status` said "returned 0 bounces" for the same issue."""
    from newsletter.store.bounces import record_event
    from newsletter.store.tables import deliveries
    from tests.cli_process import run_cli

    client = console.logged_in()
    client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
    _wait_finished(client, DAY)
    with console.store.engine.begin() as connection:
        connection.execute(
            update(deliveries)
            .where(deliveries.c.email == "bob@example.org")
            .values(status="failed", code=550, detail="5.1.1 <bob@example.org>: no such user")
        )
    alice = console.store.find_subscriber("alice@example.com")
    assert alice is not None
    record_event(
        console.store,
        event_key="dsn-later",
        source="dsn",
        kind="soft",
        subscriber_id=alice.id,
        day=DAY,
        status_code="4.2.2",
        detail="mailbox full",
        bounce_limit=3,
    )
    page = client.get(f"/admin/issues/{DAY}").text
    assert 'refused at send (5xx, among failed)</th><td class="num">1<' in page
    assert "reports received later</th><td>0 hard bounces, 1 soft bounces, 0 complaints<" in page
    env = {**cli_env, "NEWSLETTER_DATABASE_URL": console.settings.db_url}
    status = run_cli(env, "status", "--date", str(DAY))
    assert "  refused at send (5xx, among failed) 1\n" in status.stdout, status.stderr
    assert "  reports received later: 0 hard bounces, 1 soft bounces, 0 complaints" in status.stdout
    record = json.loads(run_cli(env, "status", "--date", str(DAY), "--json").stdout)
    assert (record["refused_5xx"], record["bounces"], record["soft_bounces"]) == (1, 0, 1)


def test_subscribers_search_add_regions_remove_import_export(console: Console) -> None:
    client = console.logged_in()
    token = client.csrf()
    page = client.get("/admin/subscribers?q=ALICE")
    assert "alice@example.com" in page.text and "bob@example.org" not in page.text
    client.post(
        "/admin/subscribers/change",
        [
            ("csrf", token),
            ("action", "add"),
            ("email", "kim@example.net"),
            ("name", "김"),
            ("region", "Japan"),
            ("region", "US"),
        ],
    )
    added = console.store.find_subscriber("kim@example.net")
    assert added is not None and {r.value for r in added.regions} == {"Japan", "US"}
    client.post(
        "/admin/subscribers/change",
        [
            ("csrf", token),
            ("action", "regions"),
            ("email", "kim@example.net"),
            ("region", "Europe"),
        ],
    )
    changed = console.store.find_subscriber("kim@example.net")
    assert changed is not None and {r.value for r in changed.regions} == {"Europe"}
    client.post(
        "/admin/subscribers/change",
        {"csrf": token, "action": "add", "email": "not an address"},
    )
    assert "not an address" in client.get("/admin/subscribers").text  # the error, shown
    client.post(
        "/admin/subscribers/change", {"csrf": token, "action": "remove", "email": "bob@example.org"}
    )
    assert console.store.find_subscriber("bob@example.org") is None
    # Import: multipart, as a browser sends it; the bad row is named by file and line.
    boundary = "----console-test"
    csv_text = (
        "email,name,regions\nnew@example.com,New,US\nbroken-address,X,\nz@example.com,,Mars\n"
    )
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="readers.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{csv_text}\r\n--{boundary}--\r\n"
    ).encode()
    reply = client.request(
        "POST",
        "/admin/subscribers/import",
        body,
        **{"Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": console.base},
    )
    assert reply.status == 200
    assert "1 added" in reply.text and "2 rows with problems" in reply.text
    assert "readers.csv:3" in reply.text and "readers.csv:4" in reply.text
    assert "newsletter-upload" not in reply.text  # no temporary path leaks
    assert console.store.find_subscriber("new@example.com") is not None
    export = client.get("/admin/subscribers/export.csv")
    assert export.header("content-type").startswith("text/csv")
    lines = export.text.splitlines()
    assert lines[0].startswith("email,name,status,regions,consent_method,")  # as the CLI's
    assert any(line.startswith("new@example.com,New,active,US,") for line in lines)
    actions = {e.action for e in db.audit_entries(console.store)}
    assert {
        "subscriber.add",
        "subscriber.regions",
        "subscriber.remove",
        "subscriber.import",
        "subscriber.export",
    } <= actions
    audit_page = client.get("/admin/audit")
    assert "subscriber.remove" in audit_page.text and "address erased" in audit_page.text
    # The erased reader's address is nowhere in the audit log.
    assert not any(
        "bob@example.org" in e.detail
        for e in db.audit_entries(console.store)
        if e.action == "subscriber.remove"
    )


def _set_alices_status(console: Console, status: str) -> None:
    """Alice opted out (as an unsubscribe link or a complaint would record it)."""
    alice = console.store.find_subscriber("alice@example.com")
    assert alice is not None
    with console.store.engine.begin() as connection:
        connection.execute(
            update(subscribers).where(subscribers.c.id == alice.id).values(status=status)
        )


@pytest.mark.parametrize("status", ["unsubscribed", "complained"])
def test_console_add_does_not_bring_back_a_reader_who_opted_out(
    console: Console, status: str
) -> None:
    # The console's "add" re-activated an unsubscribed or complained reader and flashed
    # "updated": consent undone by a click, where the CLI demands --resubscribe.
    _set_alices_status(console, status)
    client = console.logged_in()
    token = client.csrf()
    client.post(
        "/admin/subscribers/change",
        {"csrf": token, "action": "add", "email": "alice@example.com", "name": "Alice B"},
    )
    after = console.store.find_subscriber("alice@example.com")
    assert after is not None and after.status.value == status and after.name == "Alice"
    page = client.get("/admin/subscribers?q=alice").text
    assert "nothing was changed" in page and "--resubscribe" in page


@pytest.mark.parametrize("status", ["unsubscribed", "complained"])
def test_console_remove_of_a_reader_who_opted_out_asks_first(console: Console, status: str) -> None:
    # The row is the only record of their opt-out: removing it lets a later import or add
    # mail them again (the CLI warns). One click used to delete it without a word.
    _set_alices_status(console, status)
    client = console.logged_in()
    token = client.csrf()
    asked = client.post(
        "/admin/subscribers/change",
        {"csrf": token, "action": "remove", "email": "alice@example.com"},
    )
    assert console.store.find_subscriber("alice@example.com") is not None
    page = asked.text if asked.status == 200 else client.get(asked.header("location")).text
    assert 'id="confirm-remove"' in page and status in page and "mail them again" in page
    assert 'name="confirm" value="yes"' in page
    assert "subscriber.remove" not in {e.action for e in db.audit_entries(console.store)}
    client.post(
        "/admin/subscribers/change",
        {"csrf": token, "action": "remove", "email": "alice@example.com", "confirm": "yes"},
    )
    assert console.store.find_subscriber("alice@example.com") is None
    assert "subscriber.remove" in {e.action for e in db.audit_entries(console.store)}


def test_export_defuses_spreadsheet_formulas(console: Console) -> None:
    console.store.add_subscriber("f@example.com", '=HYPERLINK("https://evil")')
    export = console.logged_in().get("/admin/subscribers/export.csv")
    assert "'=HYPERLINK" in export.text


# ---- /metrics ------------------------------------------------------------------------------


def test_a_blank_metrics_token_is_metrics_off_not_open(
    console_factory: Callable[..., Console],
) -> None:
    """A blank NEWSLETTER_METRICS_TOKEN is unset (404), never a token an empty bearer matches."""
    for blank in ("", "   "):
        console = console_factory(metrics_token=blank)
        assert console.settings.metrics_token is None
        for given in ("Bearer ", "Bearer    ", ""):
            reply = console.client().get("/metrics", Authorization=given)
            assert reply.status == 404, (blank, given, reply.status)


def test_metrics_need_the_bearer_token_not_a_session(console: Console) -> None:
    client = console.logged_in()
    assert client.get("/metrics").status == 401  # an operator's cookie is not enough
    assert console.client().get("/metrics", Authorization="Bearer wrong").status == 401
    client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
    _wait_finished(client, DAY)
    console.store.beat("scheduler")
    from newsletter.store.bounces import record_event

    reader = console.store.find_subscriber("bob@example.org")
    assert reader is not None
    record_event(
        console.store,
        event_key="arf-metrics-test",
        source="arf",
        kind="complaint",
        subscriber_id=reader.id,
        day=DAY,
        status_code=None,
        detail="abuse report",
        bounce_limit=3,
    )
    reply = console.client().get("/metrics", Authorization="Bearer scrape-token-0123456789")
    assert reply.status == 200
    assert reply.header("content-type").startswith("text/plain; version=0.0.4")
    text = reply.text
    assert 'newsletter_last_issue_deliveries{state="sent"} 2.0' in text
    assert "newsletter_last_issue_duration_seconds " in text
    assert "newsletter_last_issue_rate " in text
    assert "newsletter_last_issue_bounces 0.0" in text
    assert 'newsletter_last_issue_reports{kind="complaints"} 1.0' in text
    assert 'newsletter_last_issue_reports{kind="bounces"} 0.0' in text
    # The complaint unsubscribed Bob at once and marked him.
    assert 'newsletter_subscribers{status="active"} 1.0' in text
    assert 'newsletter_subscribers{status="complained"} 1.0' in text
    age = re.search(r"newsletter_scheduler_heartbeat_age_seconds ([0-9.e+-]+)", text)
    assert age and 0 <= float(age.group(1)) < 60
    # docs/console.md lists every metric and label value a scrape returns (it left out
    # newsletter_last_issue_reports and status="complained").
    doc = (Path(__file__).resolve().parents[1] / "docs" / "console.md").read_text("utf-8")
    rows = {line.split("`")[1]: line for line in doc.splitlines() if line.startswith("| `news")}
    for name, labels in re.findall(r"^(newsletter_\w+)(?:\{\w+=\"(\w+)\"\})? ", text, re.M):
        row = next((r for r in rows.values() if f"`{name}`" in r or f"`{name}{{" in r), "")
        assert row, f"{name} is not in docs/console.md"
        assert not labels or labels in row, f"{name}: {labels} is not in docs/console.md"


def test_metrics_are_off_without_a_token(console_factory: Callable[..., Console]) -> None:
    site = console_factory()
    assert site.client().get("/metrics", Authorization="Bearer anything").status == 404


def test_a_send_started_in_the_console_stops_cleanly_when_the_server_stops(
    tmp_path: Path, make_settings: Callable[..., Settings]
) -> None:
    from tests.smtp_server import SmtpServer

    url = f"sqlite:///{tmp_path / 'stop.db'}"
    store = Store.open(url)
    try:
        db.add_operator(store, "kim", hash_password(PASSWORD))
        for i in range(40):
            store.add_subscriber(f"reader{i}@example.com")
        with SmtpServer() as relay:
            smtp = {"host": relay.host, "port": relay.port, "security": "none", "rate": 5}
            settings = make_settings(database_url=url, smtp={**smtp, "concurrency": 1})
            with running(create_app(settings, store)) as base:
                client = Console(base, store, settings).logged_in()
                client.post(f"/admin/send/{DAY}", {"csrf": client.csrf()})
                relay.wait_for(2)
            # The server has stopped: the send stopped with it, and nothing is left in flight.
            counts = store.counts(DAY)
            assert counts["sending"] == 0
            owed = counts["pending"] + counts["deferred"] + counts["unknown"]
            assert 0 < counts["sent"] < 40 and counts["sent"] + owed == 40
            assert counts["sent"] == len(relay.messages)
            assert store.issue_state(DAY) == "sending"  # unfinished: the next run resumes it
    finally:
        store.close()


def test_a_day_without_summaries_says_why_instead_of_failing(
    console_factory: Callable[..., Console], tmp_path: Path
) -> None:
    site = console_factory(source=str(tmp_path / "summaries-{date}.jsonl"))
    client = site.logged_in()
    page = client.get("/admin/today?date=2026-11-27")
    assert page.status == 200
    assert "summaries-2026-11-27.jsonl" in page.text and 'class="notice bad"' in page.text
    frame = client.get("/admin/preview/2026-11-27")
    assert frame.status == 200 and "summaries-2026-11-27.jsonl" in frame.text


def _post_csv(console: Console, client: Any, name: str, csv_text: str) -> Any:
    """Upload a CSV to the console's import, multipart as a browser sends it."""
    boundary = "----console-test"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{client.csrf()}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: text/csv\r\n\r\n{csv_text}\r\n--{boundary}--\r\n"
    ).encode()
    return client.request(
        "POST",
        "/admin/subscribers/import",
        body,
        **{"Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": console.base},
    )


def test_console_import_an_unclosed_quote_loses_no_row_after_it(console: Console) -> None:
    client = console.logged_in()
    csv_text = (
        'email,name,regions\na@example.com,"Kim, A,US\nb@example.com,B,US\n'
        'c@example.com,"C",Japan\n'
    )
    reply = _post_csv(console, client, "q.csv", csv_text)
    assert reply.status == 200
    assert "q.csv:2: a quote opened on this line closes only on line 4" in reply.text
    assert "2 added" in reply.text
    assert console.store.find_subscriber("a@example.com") is None
    assert console.store.find_subscriber("c@example.com").name == "C"


def test_console_import_keeps_who_left_out(console: Console) -> None:
    # The console's own export carries a status column; importing it made everyone active.
    client = console.logged_in()
    csv_text = "email,name,regions,status,source\nleft@example.net,Left,,unsubscribed,web\n"
    reply = _post_csv(console, client, "export.csv", csv_text)
    assert reply.status == 200
    assert "1 stored as left" in reply.text and "0 rows with problems" in reply.text
    assert "export.csv: columns ignored: source" in reply.text
    left = console.store.find_subscriber("left@example.net")
    assert left is not None and left.status.value == "unsubscribed"


def test_a_date_that_is_not_a_date_is_a_console_error_not_the_readers_404(
    console: Console,
) -> None:
    """/admin/today?date=2026-02-30 showed the readers' Korean "link truncated" page."""
    client = console.logged_in()
    for path, given in [
        ("/admin/today?date=2026-02-30", "2026-02-30"),
        ("/admin/today?date=yesterday", "yesterday"),
        ("/admin/send/2026-13-01", "2026-13-01"),
        ("/admin/issues/2026-02-30", "2026-02-30"),
    ]:
        page = client.get(path)
        assert page.status == 400, path
        assert f"{given} is not a date" in page.text and "YYYY-MM-DD" in page.text, path
        assert 'href="/admin/audit"' in page.text  # the console's own frame, its navigation
        assert 'href="/admin/today"' in page.text
    # Without a session it is still the login redirect, not a hint about the console.
    assert console.client().get("/admin/today?date=2026-02-30").status == 303


def test_send_now_says_when_mail_only_reaches_the_outbox(
    console_factory: Callable[..., Console],
) -> None:
    outbox_only = console_factory()  # no NEWSLETTER_SMTP__HOST: the outbox transport
    page = outbox_only.logged_in().get(f"/admin/send/{DAY}")
    folder = outbox_only.settings.outbox_path.absolute() / DAY.isoformat()
    assert 'id="outbox-only"' in page.text and str(folder) in page.text
    assert "leave no machine" in page.text and "NEWSLETTER_SMTP__HOST" in page.text
    assert "Write to the outbox for 2 readers" in page.text and "Send to 2" not in page.text
    relayed = console_factory(smtp={"host": "127.0.0.1"})
    page = relayed.logged_in().get(f"/admin/send/{DAY}")
    assert 'id="outbox-only"' not in page.text and "Send to 2 readers" in page.text
