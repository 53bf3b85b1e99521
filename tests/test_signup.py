"""Sign-up with double opt-in (issue 14): real uvicorn, real SQLite, real aiosmtpd.

Every answer to POST /subscribe must be the same page whatever the address's state; the
confirmation link must change nothing on GET, work once on POST, and expire after 48 h.
"""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import update

from newsletter.models import Region, SubscriberStatus
from newsletter.settings import Settings
from newsletter.signup import ADDRESS_LIMIT, form_token, make_confirm_token, read_confirm_token
from newsletter.store import Store
from newsletter.store.tables import signups, subscribers
from newsletter.tokens import make_token
from newsletter.web import create_app, csrf_token
from tests.smtp_server import SmtpServer
from tests.test_web import FORM, call, csrf_of, get, running

SAME_SITE = {"Content-Type": FORM, "Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'signup.db'}")
    yield opened
    opened.close()


@pytest.fixture
def site(
    store: Store, smtp: SmtpServer, make_settings: Callable[..., Settings]
) -> Iterator[tuple[str, Settings]]:
    settings = make_settings(
        smtp={"host": smtp.host, "port": smtp.port, "security": "none", "timeout": 5},
        bounce_address="bounces@news.example.com",
    )
    with running(create_app(settings, store)) as base:
        yield base, settings


def post_form(base: str, fields: list[tuple[str, str]], headers: dict | None = None):
    return call(base, "POST", "/subscribe", urlencode(fields).encode(), headers or SAME_SITE)


def sign_up(base: str, address: str, regions=("US", "Japan"), name: str = "", **extra: str):
    page = get(base, "/subscribe")
    assert page.status == 200
    fields = [("csrf", csrf_of(page.text)), ("email", address), ("name", name)]
    fields += [("region", r) for r in regions]
    fields += list(extra.items())
    return post_form(base, fields)


def confirm_link(server: SmtpServer, address: str) -> str:
    mails = server.received_for(address)
    assert mails, f"no confirmation mail to {address}"
    message = email.message_from_bytes(mails[-1].data, policy=email.policy.default)
    body = message.get_content()
    found = re.search(r"https://news\.example\.com(/confirm/\S+)", body)
    assert found, body
    return found.group(1)


def row(store: Store, address: str):
    with store.engine.connect() as connection:
        return connection.execute(
            subscribers.select().where(subscribers.c.email_key == address.lower())
        ).first()


# ---- the form ----------------------------------------------------------------------------------


def test_form_page_korean_by_default_with_five_regions_and_security_headers(site) -> None:
    base, _ = site
    page = get(base, "/subscribe")
    assert page.status == 200
    assert '<html lang="ko">' in page.text and "구독 신청" in page.text
    assert page.text.count('type="checkbox" name="region"') == 5
    assert "<script" not in page.text
    assert "default-src 'none'" in (page.header("content-security-policy") or "")
    assert page.header("x-frame-options") == "DENY"
    assert page.header("cache-control") == "no-store"
    assert page.header("set-cookie") is None


def test_english_with_locale_en(store: Store, smtp: SmtpServer, make_settings) -> None:
    settings = make_settings(locale="en")
    with running(create_app(settings, store)) as base:
        page = get(base, "/subscribe")
    assert '<html lang="en">' in page.text and "Subscribe" in page.text


def test_double_opt_in_end_to_end(site, store: Store, smtp: SmtpServer) -> None:
    base, _ = site
    reply = sign_up(base, "New.Reader@Example.com", ("US", "Japan"), name="김독자")
    assert reply.status == 200 and "메일함을 확인해 주세요" in reply.text
    assert row(store, "new.reader@example.com") is None  # nothing until confirmed

    smtp.wait_for(1)
    mail = smtp.messages[0]
    # The confirmation goes from the bounce address, so a bad address bounces to us.
    assert mail.mail_from == "bounces@news.example.com"
    assert mail.rcpt_tos == ["New.Reader@example.com"]
    assert b"Auto-Submitted: auto-generated" in mail.data
    path = confirm_link(smtp, "New.Reader@example.com")

    # GET (a mail scanner) changes nothing and shows a button.
    page = get(base, path)
    assert page.status == 200 and "<button" in page.text
    assert row(store, "new.reader@example.com") is None

    done = call(base, "POST", path, urlencode({"csrf": csrf_of(page.text)}).encode(), SAME_SITE)
    assert done.status == 200 and "구독이 시작되었습니다" in done.text
    found = row(store, "new.reader@example.com")
    assert found.status == "active" and found.regions == "US,Japan" and found.name == "김독자"
    assert found.consent_method == "form" and found.consent_ip == "127.0.0.1"
    assert found.confirmed_at is not None and found.consent_at <= found.confirmed_at

    # Single use.
    again = call(base, "POST", path, urlencode({"csrf": csrf_of(page.text)}).encode(), SAME_SITE)
    assert again.status == 200 and "이미 확인된 링크" in again.text
    assert "이미 확인된 링크" in get(base, path).text


def test_same_answer_whatever_the_state(site, store: Store, smtp: SmtpServer) -> None:
    base, _ = site
    store.add_subscriber("active@example.com")
    gone, _ = store.add_subscriber("gone@example.com")
    store.unsubscribe(gone.id)
    bounced, _ = store.add_subscriber("bounced@example.com")
    complained, _ = store.add_subscriber("complained@example.com")
    with store.engine.begin() as connection:
        connection.execute(
            update(subscribers).where(subscribers.c.id == bounced.id).values(status="bounced")
        )
        connection.execute(
            update(subscribers).where(subscribers.c.id == complained.id).values(status="complained")
        )
    bodies = set()
    for address in (
        "fresh@example.com",
        "active@example.com",
        "gone@example.com",
        "bounced@example.com",
        "complained@example.com",
    ):
        reply = sign_up(base, address)
        assert reply.status == 200
        bodies.add(reply.body)
    assert len(bodies) == 1  # byte for byte the same page
    smtp.wait_for(3)
    mailed = sorted(rcpt for m in smtp.messages for rcpt in m.rcpt_tos)
    # Bounced and complained addresses get no mail: only an operator can restore them.
    assert mailed == ["active@example.com", "fresh@example.com", "gone@example.com"]


def test_unsubscribed_reader_comes_back_and_bounced_cannot(site, store, smtp) -> None:
    base, _ = site
    reader, _ = store.add_subscriber("back@example.com", regions=frozenset({Region.CHINA}))
    store.unsubscribe(reader.id)
    sign_up(base, "back@example.com", ("Europe",))
    smtp.wait_for(1)
    path = confirm_link(smtp, "back@example.com")
    csrf = csrf_of(get(base, path).text)
    # The address bounced between the request and the click: the link no longer restores it.
    with store.engine.begin() as connection:
        connection.execute(
            update(subscribers).where(subscribers.c.id == reader.id).values(status="bounced")
        )
    blocked = call(base, "POST", path, urlencode({"csrf": csrf}).encode(), SAME_SITE)
    assert blocked.status == 409
    assert store.get_subscriber(reader.id).status is SubscriberStatus.BOUNCED
    with store.engine.begin() as connection:
        connection.execute(
            update(subscribers).where(subscribers.c.id == reader.id).values(status="unsubscribed")
        )
    done = call(base, "POST", path, urlencode({"csrf": csrf}).encode(), SAME_SITE)
    assert done.status == 200
    back = store.get_subscriber(reader.id)
    assert back.status is SubscriberStatus.ACTIVE and back.regions == {Region.EUROPE}


def test_link_expires_after_48_hours(site, store: Store, smtp: SmtpServer) -> None:
    base, _ = site
    sign_up(base, "late@example.com")
    smtp.wait_for(1)
    path = confirm_link(smtp, "late@example.com")
    csrf = csrf_of(get(base, path).text)
    with store.engine.begin() as connection:
        connection.execute(
            update(signups).values(
                created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=49),
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
            )
        )
    reply = call(base, "POST", path, urlencode({"csrf": csrf}).encode(), SAME_SITE)
    assert reply.status == 410 and "만료" in reply.text
    assert row(store, "late@example.com") is None


def test_forged_and_cross_signed_tokens_are_404(site, store, smtp, make_settings) -> None:
    base, settings = site
    sign_up(base, "who@example.com")
    smtp.wait_for(1)
    path = confirm_link(smtp, "who@example.com")
    token = path.rsplit("/", 1)[1]
    claims = read_confirm_token(settings.secret_keys(), token)
    assert claims is not None
    other = make_confirm_token([b"another-key-0123456789abcdef"], claims.signup_id, claims.nonce)
    wrong_nonce = make_confirm_token(settings.secret_keys(), claims.signup_id, "A" * 16)
    for bad in (other, wrong_nonce, token[:-1] + ("A" if token[-1] != "A" else "B"), "x"):
        assert get(base, f"/confirm/{bad}").status == 404
        csrf = csrf_token(settings.secret_keys(), bad)  # even with the right form field
        reply = call(base, "POST", f"/confirm/{bad}", f"csrf={csrf}".encode(), SAME_SITE)
        assert reply.status == 404
    assert row(store, "who@example.com") is None


def test_csrf_cross_site_and_stale_form(site, store: Store, smtp: SmtpServer) -> None:
    base, settings = site
    page = get(base, "/subscribe")
    fields = [("csrf", csrf_of(page.text)), ("email", "x@example.com"), ("region", "US")]
    cross = {"Content-Type": FORM, "Sec-Fetch-Site": "cross-site"}
    assert post_form(base, fields, cross).status == 403
    evil = {"Content-Type": FORM, "Origin": "https://evil.example"}
    assert post_form(base, fields, evil).status == 403
    no_token = [f for f in fields if f[0] != "csrf"]
    assert post_form(base, no_token).status == 400
    old = form_token(settings.secret_keys(), dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    assert post_form(base, [("csrf", old), *fields[1:]]).status == 400
    # The confirm POST checks its own field and the browser's signal too.
    sign_up(base, "c@example.com")
    smtp.wait_for(1)
    path = confirm_link(smtp, "c@example.com")
    csrf = csrf_of(get(base, path).text)
    assert call(base, "POST", path, urlencode({"csrf": csrf}).encode(), cross).status == 403
    assert call(base, "POST", path, b"csrf=wrong", SAME_SITE).status == 403
    assert row(store, "c@example.com") is None
    assert [m.rcpt_tos for m in smtp.messages] == [["c@example.com"]]


def test_bad_input_shows_the_form_again(site, smtp: SmtpServer) -> None:
    base, _ = site
    reply = sign_up(base, "not-an-address")
    assert reply.status == 400 and "이메일 주소를 다시 확인" in reply.text
    assert 'value="not-an-address"' in reply.text
    assert sign_up(base, "a@example.com", regions=()).status == 400
    assert sign_up(base, "a@example.com", regions=("Mars",)).status == 400
    assert sign_up(base, "a@example.com", name="x" * 300).status == 400
    # A bot filling the off-screen field gets the usual answer and no mail.
    assert sign_up(base, "bot@example.com", website="http://spam.example").status == 200
    assert smtp.messages == []
    big = call(base, "POST", "/subscribe", b"email=" + b"a" * 20000, SAME_SITE)
    assert big.status == 413


def test_per_address_limit_protects_a_victims_mailbox(site, store, smtp) -> None:
    base, _ = site
    for _ in range(3):
        assert sign_up(base, "victim@example.com").status == 200
    smtp.wait_for(1)
    assert len(smtp.received_for("victim@example.com")) == 1  # none within 5 minutes
    # Move the earlier requests back in time: at most ADDRESS_LIMIT a day.
    for _ in range(ADDRESS_LIMIT + 2):
        with store.engine.begin() as connection:
            rows = connection.execute(signups.select()).all()
            for found in rows:
                connection.execute(
                    update(signups)
                    .where(signups.c.id == found.id)
                    .values(created_at=found.created_at - dt.timedelta(minutes=30))
                )
        assert sign_up(base, "victim@example.com").status == 200
    assert len(smtp.received_for("victim@example.com")) == ADDRESS_LIMIT


def test_per_client_limit(site, smtp: SmtpServer) -> None:
    base, _ = site
    statuses = [sign_up(base, f"r{i}@example.com").status for i in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]


def test_consent_in_list_json_and_export(tmp_path: Path, cli_env: dict[str, str]) -> None:
    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "newsletter.cli", *args],
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if ok:
            assert done.returncode == 0, done.stderr
        return done

    run("subscribers", "add", "op@example.com")
    csv_in = tmp_path / "in.csv"
    csv_in.write_text("email,name,regions\nimp@example.com,Imp,US\n", encoding="utf-8")
    run("subscribers", "import", str(csv_in))
    listed = run("subscribers", "list", "--json").stdout.splitlines()
    records = [json.loads(line) for line in listed]
    by_email = {r["email"]: r for r in records}
    assert by_email["op@example.com"]["consent"]["method"] == "operator"
    assert by_email["imp@example.com"]["consent"]["method"] == "import"
    assert by_email["imp@example.com"]["consent"]["at"]
    out = tmp_path / "export.csv"
    run("subscribers", "export", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    assert header[:4] == ["email", "name", "status", "regions"]
    assert "consent_method" in header and "confirmed_at" in header
    assert "imp@example.com,Imp,active,US,import," in text
    # To stdout too.
    assert "op@example.com" in run("subscribers", "export").stdout


def test_confirmation_body_is_base64_utf8(site, smtp: SmtpServer) -> None:
    base, _ = site
    sign_up(base, "b64@example.com")
    smtp.wait_for(1)
    raw = smtp.messages[0].data
    head, _, body = raw.partition(b"\r\n\r\n")
    assert "구독 확인".encode() in base64.b64decode(body)
    assert b"Subject: =?utf-8?b?" in head


def test_unsubscribe_link_keeps_the_complained_mark(site, store: Store) -> None:
    """A reader who complained and then presses unsubscribe stays 'complained': otherwise the
    sign-up form could bring back an address only an operator may restore."""
    base, settings = site
    reader, _ = store.add_subscriber("angry@example.com")
    with store.engine.begin() as connection:
        connection.execute(
            update(subscribers).where(subscribers.c.id == reader.id).values(status="complained")
        )
    token = make_token(settings.secret_keys(), reader.id, store.token_salt(reader.id))
    reply = call(base, "POST", f"/u/{token}", b"List-Unsubscribe=One-Click", {"Content-Type": FORM})
    assert reply.status == 200
    assert store.get_subscriber(reader.id).status is SubscriberStatus.COMPLAINED
    assert "이미 수신 거부된" in get(base, f"/u/{token}").text


def test_the_answer_does_not_wait_for_the_relay(store: Store, make_settings) -> None:
    """The mail goes after the answer: a slow relay must not let a prober time the difference
    between an address that gets a mail and one that does not."""
    from tests.smtp_server import Fault, FaultPlan

    plan = FaultPlan().on_every_message(Fault.slow(3.0, stage="MAIL"))
    with SmtpServer(faults=plan) as server:
        settings = make_settings(
            smtp={"host": server.host, "port": server.port, "security": "none", "timeout": 10}
        )
        with running(create_app(settings, store)) as base:
            reply = sign_up(base, "slow@example.com")
            assert reply.status == 200
            assert server.messages == []  # answered while the relay still holds MAIL FROM
            server.wait_for(1, timeout=30)
    assert server.messages[0].rcpt_tos == ["slow@example.com"]
