"""The readers' web endpoints, through a real uvicorn server on 127.0.0.1 and a real SQLite store.

Requests are written with http.client, header by header, so that each test sends exactly what a
mailbox provider or a browser sends (and nothing a friendlier client would add).
"""

from __future__ import annotations

import datetime as dt
import http.client
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsletter.errors import ConfigError
from newsletter.models import Region, SubscriberStatus
from newsletter.settings import Settings
from newsletter.store import Store
from newsletter.tokens import make_token
from newsletter.web import ISSUE_CSP, MAX_BODY_BYTES, create_app, csrf_token, listen

ONE_CLICK = b"List-Unsubscribe=One-Click"
FORM = "application/x-www-form-urlencoded"
ALL_REGIONS = frozenset(Region)


# ---- a real server ---------------------------------------------------------------------------


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(1000):  # bounded wait for startup, not a timing assertion
        if server.started or not thread.is_alive():
            break
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def call(
    base: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    *,
    chunked: bool = False,
) -> Reply:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        if chunked:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            assert body is not None
            try:
                for start in range(0, len(body), 1024):
                    piece = body[start : start + 1024]
                    conn.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                conn.send(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may refuse before reading it all; its reply still waits
        else:
            conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        conn.close()


def get(base: str, path: str, headers: dict[str, str] | None = None) -> Reply:
    return call(base, "GET", path, headers=headers)


@dataclass
class Served:
    """`newsletter serve` as a real process: its base URL, then its output and exit code."""

    base: str
    output: str = ""
    returncode: int | None = None


@contextmanager
def serving(env: dict[str, str]) -> Iterator[Served]:
    """Start `newsletter serve` on a free port, wait until /healthz answers, and stop it
    with SIGINT (as Ctrl-C would) when the block ends."""
    with socket.socket() as probe:  # a free port; the server binds it right after
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "newsletter.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = Served(f"http://127.0.0.1:{port}")
    try:
        for _ in range(600):  # bounded wait for startup
            try:
                if get(served.base, "/healthz").status == 200:
                    break
            except OSError:
                assert process.poll() is None, process.communicate()[0]
                time.sleep(0.05)
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        served.output = process.communicate(timeout=30)[0]
        served.returncode = process.returncode


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field in the page"
    return found.group(1)


# ---- fixtures --------------------------------------------------------------------------------


@dataclass
class Site:
    base: str
    store: Store
    settings: Settings
    alice: int
    bob: int

    def token(self, subscriber_id: int, keys: list[bytes] | None = None) -> str:
        salt = self.store.token_salt(subscriber_id)
        assert salt is not None
        return make_token(keys or self.settings.secret_keys(), subscriber_id, salt)

    def status(self, subscriber_id: int) -> SubscriberStatus:
        subscriber = self.store.get_subscriber(subscriber_id)
        assert subscriber is not None
        return subscriber.status

    def regions(self, subscriber_id: int) -> frozenset[Region]:
        subscriber = self.store.get_subscriber(subscriber_id)
        assert subscriber is not None
        return subscriber.regions

    def snapshot(self) -> list[tuple[Any, ...]]:
        out = []
        for sid in (self.alice, self.bob):
            sub = self.store.get_subscriber(sid)
            assert sub is not None
            out.append((sub.id, sub.email, sub.status, sub.regions, self.store.token_salt(sid)))
        return out


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'web.db'}")
    yield opened
    opened.close()


@pytest.fixture
def site_factory(
    store: Store, make_settings: Callable[..., Settings]
) -> Iterator[Callable[..., Site]]:
    alice, _ = store.add_subscriber("alice@example.com", "Alice")
    bob, _ = store.add_subscriber("bob@example.org", "Bob", frozenset({Region.JAPAN}))
    with ExitStack() as stack:

        def make(**overrides: object) -> Site:
            settings = make_settings(**overrides)
            base = stack.enter_context(running(create_app(settings, store)))
            return Site(base, store, settings, alice.id, bob.id)

        yield make


@pytest.fixture
def site(site_factory: Callable[..., Site]) -> Site:
    return site_factory()


# ---- one-click unsubscribe (RFC 8058) --------------------------------------------------------


def test_one_click_post_exactly_as_a_mailbox_provider_sends_it(site: Site) -> None:
    token = site.token(site.alice)
    # What Gmail's and Yahoo's servers send: a bare POST, form-encoded, no cookie, no Origin.
    reply = call(
        site.base, "POST", f"/u/{token}", ONE_CLICK, {"Content-Type": FORM, "User-Agent": "Mail"}
    )
    assert reply.status == 200
    assert reply.header("Set-Cookie") is None
    assert reply.header("Location") is None
    assert len(reply.body) < 200
    assert site.status(site.alice) is SubscriberStatus.UNSUBSCRIBED
    assert site.status(site.bob) is SubscriberStatus.ACTIVE  # only the token's reader

    again = call(site.base, "POST", f"/u/{token}", ONE_CLICK, {"Content-Type": FORM})
    assert again.status == 200
    assert "이미" in again.text  # "already unsubscribed", still a success
    assert site.status(site.alice) is SubscriberStatus.UNSUBSCRIBED


def test_one_click_post_as_multipart_form_data(site: Site) -> None:
    boundary = "----provider7MA4YWxkTrZu0gW"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
        "One-Click\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    reply = call(
        site.base,
        "POST",
        f"/u/{site.token(site.bob)}",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert reply.status == 200
    assert site.status(site.bob) is SubscriberStatus.UNSUBSCRIBED
    assert site.status(site.alice) is SubscriberStatus.ACTIVE


def test_a_post_without_the_one_click_field_or_csrf_changes_nothing(site: Site) -> None:
    token = site.token(site.alice)
    for body in (b"", b"List-Unsubscribe=Yes", b"csrf=forged"):
        reply = call(site.base, "POST", f"/u/{token}", body, {"Content-Type": FORM})
        assert reply.status == 400, body
    assert site.status(site.alice) is SubscriberStatus.ACTIVE


def test_get_shows_a_button_and_never_unsubscribes(site: Site) -> None:
    token = site.token(site.alice)
    for method in ("GET", "HEAD", "GET"):
        reply = call(site.base, method, f"/u/{token}", headers={"User-Agent": "LinkScanner/1.0"})
        assert reply.status == 200
    assert site.status(site.alice) is SubscriberStatus.ACTIVE

    page = get(site.base, f"/u/{token}").text
    assert '<form method="post">' in page
    assert 'name="List-Unsubscribe" value="One-Click"' in page
    assert "수신 거부" in page
    assert "a***@example.com" in page  # masked: a forwarded link does not hand out the address
    assert "alice@example.com" not in page
    assert f'href="../p/{token}"' in page


def test_the_button_form_unsubscribes_as_a_browser_posts_it(site: Site) -> None:
    token = site.token(site.alice)
    csrf = csrf_of(get(site.base, f"/u/{token}").text)
    # A browser posting our own form: same-origin, and Origin "null" because of no-referrer.
    reply = call(
        site.base,
        "POST",
        f"/u/{token}",
        f"List-Unsubscribe=One-Click&csrf={csrf}".encode(),
        {
            "Content-Type": FORM,
            "Accept": "text/html,application/xhtml+xml",
            "Origin": "null",
            "Sec-Fetch-Site": "same-origin",
            "Sec-Fetch-Mode": "navigate",
        },
    )
    assert reply.status == 200
    assert (reply.header("Content-Type") or "").startswith("text/html")
    assert "수신 거부되었습니다" in reply.text
    assert site.status(site.alice) is SubscriberStatus.UNSUBSCRIBED
    # The page afterwards says so, with no button.
    after = get(site.base, f"/u/{token}").text
    assert "이미 수신 거부된" in after
    assert "<form" not in after


# ---- tokens ----------------------------------------------------------------------------------


def _bad_tokens(site: Site) -> dict[str, str]:
    good = site.token(site.alice)
    id_part, salt, mac = good.split(".")
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    bob_id, bob_salt, bob_mac = site.token(site.bob).split(".")
    other_key = make_token([b"somebody-else's-key-0123456789"], site.alice, salt)
    return {
        "forged mac": f"{id_part}.{salt}.{flipped}",
        "truncated": good[:-3],
        "no mac": f"{id_part}.{salt}",
        "bob's id with alice's salt and mac": f"{bob_id}.{salt}.{mac}",
        "alice's id with bob's salt and mac": f"{id_part}.{bob_salt}.{bob_mac}",
        "bob's id, alice's mac": f"{bob_id}.{bob_salt}.{mac}",
        "signed with an unknown key": other_key,
        "unknown id": make_token(site.settings.secret_keys(), 999, salt),
        "stale salt": make_token(site.settings.secret_keys(), site.alice, "not-the-salt-1"),
        "garbage": "hello",
        "dots": "...",
        "percent-encoded nul": "%00",
        "unicode": "%ED%95%9C%EA%B8%80.abc.def",
        "long": "a" * 3000,
    }


@pytest.mark.parametrize("prefix", ["/u/", "/p/"])
def test_bad_tokens_get_404_and_change_nothing(site: Site, prefix: str) -> None:
    before = site.snapshot()
    for label, token in _bad_tokens(site).items():
        path = prefix + token
        assert get(site.base, path).status == 404, label
        body = (
            ONE_CLICK
            + b"&region=US&csrf="
            + csrf_token(site.settings.secret_keys(), token).encode()
        )
        reply = call(site.base, "POST", path, body, {"Content-Type": FORM})
        assert reply.status == 404, label
        assert "<form" not in reply.text
    assert site.snapshot() == before


def test_a_token_signed_with_an_older_key_still_works(site_factory: Callable[..., Site]) -> None:
    old, new = "old-key-0123456789abcdef", "new-key-fedcba9876543210"
    site = site_factory(secret_key=f"{new},{old}")
    old_token = site.token(site.alice, [old.encode()])
    assert get(site.base, f"/u/{old_token}").status == 200
    reply = call(site.base, "POST", f"/u/{old_token}", ONE_CLICK, {"Content-Type": FORM})
    assert reply.status == 200
    assert site.status(site.alice) is SubscriberStatus.UNSUBSCRIBED


def test_a_retired_key_no_longer_works(site_factory: Callable[..., Site]) -> None:
    site = site_factory(secret_key="new-key-fedcba9876543210")
    retired = site.token(site.alice, [b"old-key-0123456789abcdef"])
    reply = call(site.base, "POST", f"/u/{retired}", ONE_CLICK, {"Content-Type": FORM})
    assert reply.status == 404
    assert site.status(site.alice) is SubscriberStatus.ACTIVE


# ---- preferences -----------------------------------------------------------------------------


def _save(site: Site, token: str, body: str, **headers: str) -> Reply:
    return call(site.base, "POST", f"/p/{token}", body.encode(), {"Content-Type": FORM, **headers})


def test_preferences_page_shows_the_five_regions_and_a_way_out(site: Site) -> None:
    token = site.token(site.bob)
    reply = get(site.base, f"/p/{token}")
    assert reply.status == 200
    boxes = re.findall(
        r'<input type="checkbox" name="region" value="(\w+)"( checked)?>', reply.text
    )
    assert [value for value, _ in boxes] == ["US", "China", "Japan", "Europe", "Other"]
    assert [value for value, checked in boxes if checked] == ["Japan"]  # bob chose Japan
    assert f'href="../u/{token}"' in reply.text
    # A reader with no choice yet receives everything, and the boxes say so.
    alice_page = get(site.base, f"/p/{site.token(site.alice)}").text
    assert alice_page.count(" checked>") == 5


def test_preferences_save(site: Site) -> None:
    token = site.token(site.alice)
    csrf = csrf_of(get(site.base, f"/p/{token}").text)
    reply = _save(
        site,
        token,
        f"csrf={csrf}&region=US&region=Japan",
        **{"Sec-Fetch-Site": "same-origin", "Origin": "null"},
    )
    assert reply.status == 200
    assert "저장했습니다" in reply.text
    assert site.regions(site.alice) == {Region.US, Region.JAPAN}
    assert site.regions(site.bob) == {Region.JAPAN}
    page = get(site.base, f"/p/{token}").text
    assert re.findall(r'value="(\w+)" checked', page) == ["US", "Japan"]


def test_preferences_need_at_least_one_known_region(site: Site) -> None:
    token = site.token(site.bob)
    csrf = csrf_of(get(site.base, f"/p/{token}").text)
    empty = _save(site, token, f"csrf={csrf}")
    assert empty.status == 400
    assert "하나 이상" in empty.text
    assert "<form" in empty.text  # the reader can try again on the same page
    unknown = _save(site, token, f"csrf={csrf}&region=Mars")
    assert unknown.status == 400
    assert site.regions(site.bob) == {Region.JAPAN}


def test_preferences_refuse_a_missing_or_wrong_csrf_field(site: Site) -> None:
    token = site.token(site.bob)
    assert _save(site, token, "region=US").status == 403
    assert _save(site, token, "region=US&csrf=AAAAAAAAAAAAAAAAAAAAAA").status == 403
    alices_csrf = csrf_token(site.settings.secret_keys(), site.token(site.alice))
    assert _save(site, token, f"region=US&csrf={alices_csrf}").status == 403
    assert site.regions(site.bob) == {Region.JAPAN}


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"},
        {"Referer": "https://evil.example/page"},
    ],
)
def test_cross_site_post_to_preferences_is_refused(site: Site, headers: dict[str, str]) -> None:
    token = site.token(site.bob)
    csrf = csrf_token(site.settings.secret_keys(), token)  # even with a valid field
    reply = _save(site, token, f"csrf={csrf}&region=US", **headers)
    assert reply.status == 403
    assert site.regions(site.bob) == {Region.JAPAN}


def test_same_origin_posts_are_accepted(site: Site) -> None:
    token = site.token(site.bob)
    csrf = csrf_token(site.settings.secret_keys(), token)
    for headers in (
        {"Origin": site.base},
        {"Origin": "https://news.example.com"},  # the public URL, behind a proxy
        {"Referer": f"{site.base}/p/{token}"},
    ):
        assert _save(site, token, f"csrf={csrf}&region=China", **headers).status == 200
    assert site.regions(site.bob) == {Region.CHINA}


def test_an_unsubscribed_reader_sees_no_preferences_form(site: Site) -> None:
    token = site.token(site.alice)
    site.store.unsubscribe(site.alice)
    page = get(site.base, f"/p/{token}")
    assert page.status == 200
    assert "<form" not in page.text
    csrf = csrf_token(site.settings.secret_keys(), token)
    assert _save(site, token, f"csrf={csrf}&region=US").status == 409
    assert site.status(site.alice) is SubscriberStatus.UNSUBSCRIBED


# ---- archive ---------------------------------------------------------------------------------


ISSUE_HTML = (
    "<!doctype html><html><head><meta charset='utf-8'><title>x</title></head>"
    "<body><h1>아침 소식</h1><p>본문</p></body></html>"
)


def test_archive_lists_issues_newest_first_and_shows_one_as_sent(site: Site) -> None:
    site.store.save_archive(dt.date(2024, 5, 1), "5월 1일 소식", ISSUE_HTML, "text")
    site.store.save_archive(dt.date(2024, 5, 3), "Markets <b>&</b> more", ISSUE_HTML, "text")
    index = get(site.base, "/archive/")
    assert index.status == 200
    page = index.text
    assert page.index("2024-05-03") < page.index("2024-05-01")
    assert "Markets &lt;b&gt;&amp;&lt;/b&gt; more" in page  # autoescaped
    assert 'href="2024-05-01"' in page
    assert "2024-05-01 (수)" in page

    issue = get(site.base, "/archive/2024-05-01")
    assert issue.status == 200
    assert issue.text == ISSUE_HTML
    assert issue.header("Content-Type") == "text/html; charset=utf-8"
    assert issue.header("Content-Security-Policy") == ISSUE_CSP
    assert issue.header("X-Content-Type-Options") == "nosniff"
    assert issue.header("Referrer-Policy") == "no-referrer"


@pytest.mark.parametrize(
    "day",
    ["2024-05-02", "2024-13-01", "2024-02-30", "2024-5-1", "latest", "2024-05-01x", "0000-00-00"],
)
def test_archive_bad_or_missing_days_are_404(site: Site, day: str) -> None:
    site.store.save_archive(dt.date(2024, 5, 1), "s", ISSUE_HTML, "t")
    assert get(site.base, f"/archive/{day}").status == 404


def test_archive_when_empty(site: Site) -> None:
    reply = get(site.base, "/archive/")
    assert reply.status == 200
    assert "아직" in reply.text


def test_bare_unsubscribe_and_preferences_links_explain_themselves(site: Site) -> None:
    for path in ("/u/", "/p/"):
        reply = get(site.base, path)
        assert reply.status == 200
        assert "<form" not in reply.text
        assert "메일" in reply.text


# ---- every page ------------------------------------------------------------------------------


def test_pages_are_korean_phone_ready_script_free_and_self_contained(site: Site) -> None:
    site.store.save_archive(dt.date(2024, 5, 1), "s", ISSUE_HTML, "t")
    for path in (
        f"/u/{site.token(site.alice)}",
        f"/p/{site.token(site.alice)}",
        "/archive/",
        "/nope",
    ):
        page = get(site.base, path).text
        assert '<html lang="ko">' in page, path
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        assert "<style>" in page
        assert "<script" not in page.lower()
        assert "<link" not in page.lower()
        assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", page), path


def test_security_headers_on_every_response(site: Site) -> None:
    token = site.token(site.alice)
    replies = {
        "token page": get(site.base, f"/u/{token}"),
        "preferences": get(site.base, f"/p/{token}"),
        "archive": get(site.base, "/archive/"),
        "404": get(site.base, "/wp-login.php"),
        "405": call(site.base, "DELETE", f"/u/{token}"),
        "413": call(
            site.base, "POST", f"/u/{token}", b"x" * (MAX_BODY_BYTES + 1), {"Content-Type": FORM}
        ),
        "healthz": get(site.base, "/healthz"),
    }
    for label, reply in replies.items():
        csp = reply.header("Content-Security-Policy") or ""
        assert "default-src 'none'" in csp, label
        assert "style-src 'unsafe-inline'" in csp, label
        assert "form-action 'self'" in csp, label
        assert reply.header("X-Frame-Options") == "DENY", label
        assert reply.header("X-Content-Type-Options") == "nosniff", label
        assert reply.header("Referrer-Policy") == "no-referrer", label
        assert reply.header("Set-Cookie") is None, label
    for label in ("token page", "preferences", "404"):
        assert replies[label].header("Cache-Control") == "no-store", label


def test_english_locale(site_factory: Callable[..., Site]) -> None:
    site = site_factory(locale="en")
    token = site.token(site.alice)
    page = get(site.base, f"/u/{token}").text
    assert '<html lang="en">' in page
    assert "Unsubscribe" in page
    assert "수신" not in page
    prefs = get(site.base, f"/p/{token}").text
    assert "United States" in prefs
    assert "Past issues" in get(site.base, "/archive/").text
    reply = call(site.base, "POST", f"/u/{token}", ONE_CLICK, {"Content-Type": FORM})
    assert reply.text == "Unsubscribed.\n"


# ---- bad input -------------------------------------------------------------------------------


def test_oversized_bodies_are_refused(site: Site) -> None:
    token = site.token(site.alice)
    big = ONE_CLICK + b"&pad=" + b"x" * MAX_BODY_BYTES
    declared = call(site.base, "POST", f"/u/{token}", big, {"Content-Type": FORM})
    assert declared.status == 413
    streamed = call(site.base, "POST", f"/u/{token}", big, {"Content-Type": FORM}, chunked=True)
    assert streamed.status == 413
    prefs = call(site.base, "POST", f"/p/{token}", big, {"Content-Type": FORM}, chunked=True)
    assert prefs.status == 413
    assert site.status(site.alice) is SubscriberStatus.ACTIVE
    # A body just under the cap is read normally.
    fits = ONE_CLICK + b"&pad=" + b"x" * (MAX_BODY_BYTES - len(ONE_CLICK) - 10)
    assert (
        call(site.base, "POST", f"/u/{token}", fits, {"Content-Type": FORM}, chunked=True).status
        == 200
    )


def test_unknown_paths_wrong_methods_and_junk(site: Site) -> None:
    token = site.token(site.alice)
    for path in ("/nope", "/u", "/u/a/b", "/archive/2024/05/01", "/.env", "/%2e%2e/etc/passwd"):
        status = get(site.base, path).status
        assert status in (404, 307), path  # "/u" redirects to "/u/", the rest is unknown
    assert get(site.base, "/nope").status == 404
    for method, path in (("PUT", f"/u/{token}"), ("DELETE", f"/p/{token}"), ("POST", "/archive/")):
        reply = call(site.base, method, path, b"", {"Content-Type": FORM})
        assert reply.status == 405, (method, path)
        assert reply.header("Allow")
    assert (
        call(
            site.base, "POST", f"/u/{token}", b"\xff\xfe=\x00", {"Content-Type": "text/plain"}
        ).status
        == 400
    )
    bad_length = call(site.base, "POST", f"/u/{token}", b"", {"Content-Length": "-5"})
    assert 400 <= bad_length.status < 500
    assert site.status(site.alice) is SubscriberStatus.ACTIVE
    assert get(site.base, "/healthz").text == "ok\n"  # and it is still serving


class _BrokenArchive:
    """A store whose archive fails, as a database that went away mid-request would."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def archive_list(self, limit: int) -> list[Any]:
        raise RuntimeError("secret internals: /var/lib/db password=hunter2")

    def ping(self) -> None:
        raise RuntimeError("database is gone")


def test_an_exception_becomes_a_plain_500_and_the_server_keeps_serving(
    store: Store, make_settings: Callable[..., Settings]
) -> None:
    subscriber, _ = store.add_subscriber("carol@example.com")
    app = create_app(make_settings(), _BrokenArchive(store))  # type: ignore[arg-type]
    with running(app) as base:
        reply = get(base, "/archive/")
        assert reply.status == 500
        assert "hunter2" not in reply.text and "Traceback" not in reply.text
        assert reply.header("X-Frame-Options") == "DENY"
        assert get(base, "/healthz").status == 503
        # Everything else still answers.
        token = make_token(
            make_settings().secret_keys(), subscriber.id, store.token_salt(subscriber.id) or ""
        )
        assert get(base, f"/u/{token}").status == 200


def test_healthz(site: Site) -> None:
    reply = get(site.base, "/healthz")
    assert (reply.status, reply.text) == (200, "ok\n")


def test_app_opens_its_own_store_from_settings(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_settings(database_url=f"sqlite:///{tmp_path / 'own.db'}")
    seeded = Store.open(settings.db_url)
    seeded.save_archive(dt.date(2024, 6, 1), "own store", ISSUE_HTML, "t")
    seeded.close()
    with running(create_app(settings)) as base:
        assert "own store" in get(base, "/archive/").text
        assert get(base, "/healthz").status == 200


def test_a_revoked_link_no_longer_works(site: Site) -> None:
    token = site.token(site.alice)
    site.store.set_token_salt(site.alice, "fresh-salt-0001")
    reply = call(site.base, "POST", f"/u/{token}", ONE_CLICK, {"Content-Type": FORM})
    assert reply.status == 404
    assert site.status(site.alice) is SubscriberStatus.ACTIVE
    assert get(site.base, f"/u/{site.token(site.alice)}").status == 200  # the new link works


# ---- from a sent message to the next issue ---------------------------------------------------


def _outbox(settings: Settings) -> dict[Path, Any]:
    from email import message_from_bytes, policy

    return {
        path: message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in settings.outbox_path.rglob("*.eml")
    }


def test_click_through_from_a_sent_message_and_the_next_issue_skips_the_reader(
    store: Store, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """Send an issue (outbox), follow the reader's own List-Unsubscribe link as a mailbox
    provider would, open the issue's "view in browser" link, then send the next issue."""
    from urllib.parse import urlsplit

    from newsletter.job import run_issue

    settings = make_settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", transport="outbox")
    store.add_subscriber("alice@example.com", "Alice")
    store.add_subscriber("bob@example.org", "Bob")
    day = dt.date(2025, 2, 11)
    assert run_issue(day, settings, store=store).sent == 2
    first = _outbox(settings)
    to_alice = next(m for m in first.values() if m["To"].addresses[0].addr_spec.startswith("alice"))
    assert to_alice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_link = re.search(r"<(https://[^>]+)>", str(to_alice["List-Unsubscribe"]))
    assert https_link, to_alice["List-Unsubscribe"]
    html_part = to_alice.get_body(("html",))
    assert html_part is not None
    archive_link = f"{settings.public_url}/archive/{day.isoformat()}"
    assert archive_link in html_part.get_content()

    with running(create_app(settings, store)) as base:
        path = urlsplit(https_link.group(1)).path
        assert get(base, path).status == 200  # a scanner's GET changes nothing
        reply = call(base, "POST", path, ONE_CLICK, {"Content-Type": FORM})
        assert reply.status == 200
        archived = get(base, urlsplit(archive_link).path)
        assert archived.status == 200
        assert "alice" not in archived.text  # the generic copy: no reader in it
        assert "/u/" + path.rsplit("/", 1)[1] not in archived.text

    assert run_issue(day + dt.timedelta(days=1), settings, store=store).sent == 1
    second = {p: m for p, m in _outbox(settings).items() if p not in first}
    assert [m["To"].addresses[0].addr_spec for m in second.values()] == ["bob@example.org"]


# ---- `newsletter serve` ----------------------------------------------------------------------


def test_newsletter_serve_answers_and_keeps_tokens_out_of_its_log(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    seeded = Store.open(f"sqlite:///{(data / 'newsletter.db').resolve()}")
    subscriber, _ = seeded.add_subscriber("dora@example.com")
    salt = seeded.token_salt(subscriber.id) or ""
    seeded.close()
    token = make_token([cli_env["NEWSLETTER_SECRET_KEY"].encode()], subscriber.id, salt)

    with serving(cli_env) as server:
        reply = call(server.base, "POST", f"/u/{token}", ONE_CLICK, {"Content-Type": FORM})
        assert reply.status == 200
    output = server.output
    assert server.returncode == 0, output
    assert "POST /u/<token> 200" in output
    assert token not in output
    assert "dora@example.com" not in output
    reopened = Store.open(f"sqlite:///{(data / 'newsletter.db').resolve()}")
    assert reopened.get_subscriber(subscriber.id).status is SubscriberStatus.UNSUBSCRIBED  # type: ignore[union-attr]
    reopened.close()


def test_listen_refuses_a_port_in_use_with_one_error() -> None:
    # uvicorn would log it and sys.exit(3), which the CLI reads as "issue locked".
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=rf"127\.0\.0\.1:{port}: address already in use"):
            listen("127.0.0.1", port)


@pytest.mark.parametrize(
    ("host", "port", "match"),
    [
        ("127.0.0.1", 99999, r"--port 99999 is not a TCP port"),
        ("127.0.0.1", 0, r"--port 0 is not a TCP port"),
        ("nosuch.invalid", 8000, r"cannot listen on nosuch\.invalid:8000: .*check --host"),
    ],
)
def test_listen_refuses_an_impossible_address(host: str, port: int, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        listen(host, port)


def test_listen_binds_what_the_server_will_accept_on() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sockets = listen("127.0.0.1", port)
    try:
        assert [s.getsockname() for s in sockets] == [("127.0.0.1", port)]
    finally:
        for sock in sockets:
            sock.close()


def test_both_locales_carry_every_sentence_and_region() -> None:
    from newsletter.web_pages import REGION_LABELS, STRINGS

    assert STRINGS["ko"].keys() == STRINGS["en"].keys()
    assert all(labels.keys() == set(Region) for labels in REGION_LABELS.values())


def _form_post_from(base: str, source: str, forwarded_for: str, address: str) -> int:
    """One sign-up, from the local address `source` (the proxy), for the client it names."""
    host, port = base.removeprefix("http://").split(":")
    headers = {"X-Forwarded-For": forwarded_for}

    def request(method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
        try:
            extra = {"Content-Type": FORM, "Sec-Fetch-Site": "same-origin"} if body else {}
            conn.request(method, path, body=body, headers=headers | extra)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            conn.close()

    status, page = request("GET", "/subscribe")
    assert status == 200, page
    fields = {"csrf": csrf_of(page), "email": address, "name": "", "region": "US"}
    body = urllib.parse.urlencode(fields).encode()
    return request("POST", "/subscribe", body)[0]


def test_a_proxy_on_another_address_is_trusted_once_configured(
    cli_env: dict[str, str],
) -> None:
    """Behind a reverse proxy (here 127.0.0.2; in compose another container) every reader
    arrives from the proxy's address. With NEWSLETTER_WEB__FORWARDED_ALLOW_IPS naming it, the
    per-client sign-up limit counts each reader by X-Forwarded-For, not everyone as one."""

    from newsletter.signup import CLIENT_LIMIT

    env = dict(cli_env, NEWSLETTER_WEB__FORWARDED_ALLOW_IPS="127.0.0.2, 10.0.0.0/8")
    with serving(env) as server:
        base = server.base
        first = [
            _form_post_from(base, "127.0.0.2", "203.0.113.1", f"a{i}@example.com")
            for i in range(CLIENT_LIMIT + 1)
        ]
        other = _form_post_from(base, "127.0.0.2", "203.0.113.2", "b@example.com")
    output = server.output
    assert first == [200] * CLIENT_LIMIT + [429], output
    assert other == 200, "a second reader behind the proxy was limited as the first one"
    assert "not a setting" not in output and "NEWSLETTER_WEB" not in output, output


@pytest.mark.parametrize("value", ["10.0.0.300", "proxy.example.com", "10.0.0.0/33", ""])
def test_forwarded_allow_ips_must_be_addresses_or_networks(
    make_settings: Callable[..., Settings], value: str
) -> None:
    # uvicorn would quietly take a typo as a literal that never matches: the limits would
    # then count every reader as the proxy again, without a word.
    with pytest.raises(ConfigError, match="NEWSLETTER_WEB__FORWARDED_ALLOW_IPS"):
        make_settings(web={"forwarded_allow_ips": value})
