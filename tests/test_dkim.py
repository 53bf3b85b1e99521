"""DKIM signing (issue 14): every message that reaches a real SMTP server verifies with
dkimpy's verifier against the published key, RSA-2048 and Ed25519 (RFC 8463)."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import dkim
import pytest

from newsletter.errors import ConfigError
from newsletter.job import run_issue
from newsletter.store import Store
from tests.smtp_server import SmtpServer

DAY = dt.date(2025, 2, 11)
REQUIRED = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
]


def keygen(cli_env: dict[str, str], tmp_path: Path, algorithm: str) -> tuple[Path, str]:
    out = tmp_path / f"{algorithm}.key"
    done = subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "dkim", "keygen", "--selector", "nl2026",
         "--domain", "example.com", "--algorithm", algorithm, "--out", str(out)],
        env=cli_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    name, _, record = done.stdout.strip().partition(" IN TXT ")
    assert name == "nl2026._domainkey.example.com."
    # The zone-file form: one or more quoted strings of at most 255 characters.
    strings = re.findall(r'"([^"]*)"', record)
    assert strings and all(len(s) <= 255 for s in strings)
    return out, "".join(strings)


def dns_for(record: str):  # type: ignore[no-untyped-def]
    def dnsfunc(name: bytes, timeout: int = 5) -> bytes:
        return record.encode() if name == b"nl2026._domainkey.example.com." else b""

    return dnsfunc


def signature_tags(message: bytes) -> dict[str, str]:
    head = message.split(b"\r\n\r\n", 1)[0].decode()
    found = re.search(r"^DKIM-Signature:(.*?)\r\n(?! |\t)", head + "\r\n", re.S | re.M)
    assert found, "no DKIM-Signature"
    value = re.sub(r"\s+", "", found.group(1))
    return dict(tag.split("=", 1) for tag in value.split(";") if tag)


@pytest.mark.parametrize("algorithm", ["rsa", "ed25519"])
def test_every_message_verifies(algorithm, make_settings, cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key, record = keygen(cli_env, tmp_path, algorithm)
    assert (f"k={algorithm}") in record
    store = Store.open(make_settings().db_url)
    try:
        for address in ("kim@example.com", "lee@example.org", "park@example.net"):
            store.add_subscriber(address, "김지수" if address.startswith("kim") else None)
        with SmtpServer() as server:
            settings = make_settings(
                smtp={"host": server.host, "port": server.port, "security": "none"},
                dkim={"domain": "example.com", "selector": "nl2026", "private_key_file": key},
                feedback_campaign="morning",
            )
            assert run_issue(DAY, settings, store=store).sent == 3
            messages = [m.data for m in server.messages]
    finally:
        store.close()
    assert len(messages) == 3
    for message in messages:
        assert dkim.verify(message, dnsfunc=dns_for(record)), "signature does not verify"
        tags = signature_tags(message)
        assert tags["a"] == f"{algorithm}-sha256" and tags["c"] == "relaxed/relaxed"
        assert tags["d"] == "example.com" and tags["s"] == "nl2026"
        signed = tags["h"].split(":")
        assert signed[: len(REQUIRED)] == REQUIRED and "feedback-id" in signed
        assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in message
        assert b"\r\nFeedback-ID: 20250211:morning:newsletter:example.com\r\n" in message

        # Anything signed that changes on the way breaks the signature.
        for old, new in (
            (b"List-Unsubscribe-Post: List-Unsubscribe=One-Click", b"List-Unsubscribe-Post: x"),
            (b"\r\nTo: ", b"\r\nTo: eve@example.com, "),
            (b"/u/", b"/u/x"),  # the reader's link, in a header and in the body
        ):
            assert old in message
            assert not dkim.verify(message.replace(old, new, 1), dnsfunc=dns_for(record))
        # A second List-Unsubscribe-Post added in transit is caught too (h= names it).
        added = message.replace(b"\r\n\r\n", b"\r\nList-Unsubscribe-Post: x\r\n\r\n", 1)
        assert not dkim.verify(added, dnsfunc=dns_for(record))
        # The wrong key does not verify.
        other = re.sub(r"p=[A-Za-z0-9+/=]+", "p=" + "A" * 43 + "=", record)
        assert not dkim.verify(message, dnsfunc=dns_for(other))


def test_without_dkim_settings_nothing_is_signed(make_settings) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(make_settings().db_url)
    try:
        store.add_subscriber("kim@example.com")
        with SmtpServer() as server:
            settings = make_settings(
                smtp={"host": server.host, "port": server.port, "security": "none"}
            )
            run_issue(DAY, settings, store=store)
            data = server.messages[0].data
    finally:
        store.close()
    assert b"DKIM-Signature" not in data and b"Feedback-ID" not in data


def test_key_problems_are_one_line(make_settings, tmp_path: Path, cli_env) -> None:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from newsletter.dkim import signer_for

    weak = tmp_path / "weak.key"
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    weak.write_bytes(
        small.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings = make_settings(
        dkim={"domain": "example.com", "selector": "s", "private_key_file": weak}
    )
    with pytest.raises(ConfigError, match="1024-bit RSA key"):
        signer_for(settings)
    junk = tmp_path / "junk.key"
    junk.write_text("not a key")
    settings = make_settings(
        dkim={"domain": "example.com", "selector": "s", "private_key_file": junk}
    )
    with pytest.raises(ConfigError, match="NEWSLETTER_DKIM__PRIVATE_KEY_FILE"):
        signer_for(settings)
    with pytest.raises(ConfigError, match="together"):
        make_settings(dkim={"domain": "example.com"})
    # keygen never overwrites a key.
    key, _ = keygen(cli_env, tmp_path, "ed25519")
    again = subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "dkim", "keygen", "--selector", "nl2026",
         "--domain", "example.com", "--algorithm", "ed25519", "--out", str(key)],
        env=cli_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert again.returncode == 2 and "never overwritten" in again.stderr


def test_message_bodies_are_already_relaxed_canonical(make_settings) -> None:  # type: ignore[no-untyped-def]
    """MessageTemplate signs with canonical_body=True; that is only right if relaxed body
    canonicalisation would change nothing in what it builds."""
    from newsletter.deliver import Personalizer
    from newsletter.dkim import relaxed_body
    from newsletter.job import build_issue
    from newsletter.models import Region
    from newsletter.render import Renderer

    settings = make_settings(reply_to="Desk <desk@example.com>", feedback_campaign="m")
    built = build_issue(DAY, settings, None)
    personalizer = Personalizer(built.issue, settings, Renderer(settings))
    for chosen in (frozenset(), frozenset({Region.US}), frozenset({Region.JAPAN, Region.OTHER})):
        template = personalizer.template_for(chosen)
        if template is None:
            continue
        for name in (None, "김지수", "A  very   spaced    name"):
            message = personalizer.message(
                template, subscriber_id=7, salt="salt00000000", email="a@example.com", name=name
            )
            body = message.split(b"\r\n\r\n", 1)[1]
            assert relaxed_body(body) == body


@pytest.mark.parametrize("algorithm", ["rsa", "ed25519"])
def test_any_message_canonicalises_as_dkimpy_expects(algorithm, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The general path (not our own canonical bodies): folded headers, tabs, runs of
    blanks, trailing blanks and trailing empty lines, signed here and verified by dkimpy."""
    from newsletter.dkim import Signer, load_key

    key_path, record = keygen(cli_env, tmp_path, algorithm)
    key, name = load_key(key_path)
    signer = Signer("example.com", "nl2026", name, key)
    message = (
        b"From:   Desk  <desk@example.com>\r\n"
        b"To: reader@example.org\r\n"
        b"Subject: a  folded\r\n\t subject \r\n"
        b"Date: Tue, 11 Feb 2025 07:00:00 +0900\r\n"
        b"Message-ID: <x@example.com>\r\n"
        b"List-Unsubscribe: <https://news.example.com/u/t>\r\n"
        b"\r\n"
        b"line with  two spaces \t \r\n\tindented\r\n\r\n\r\n"
    )
    signed = signer.sign(message)
    assert dkim.verify(signed, dnsfunc=dns_for(record))
    assert not dkim.verify(signed.replace(b"indented", b"Indented"), dnsfunc=dns_for(record))


def test_the_confirmation_mail_is_signed_too(make_settings, cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import urllib.parse

    from newsletter.web import create_app
    from tests.test_web import FORM, call, csrf_of, get, running

    key, record = keygen(cli_env, tmp_path, "rsa")
    store = Store.open(make_settings().db_url)
    try:
        with SmtpServer() as server:
            settings = make_settings(
                smtp={"host": server.host, "port": server.port, "security": "none"},
                dkim={"domain": "example.com", "selector": "nl2026", "private_key_file": key},
            )
            with running(create_app(settings, store)) as base:
                csrf = csrf_of(get(base, "/subscribe").text)
                body = urllib.parse.urlencode(
                    {"csrf": csrf, "email": "new@example.org", "region": "US"}
                ).encode()
                reply = call(base, "POST", "/subscribe", body, {"Content-Type": FORM})
                assert reply.status == 200
                server.wait_for(1)
            assert dkim.verify(server.messages[0].data, dnsfunc=dns_for(record))
    finally:
        store.close()


# ---- alignment and keygen's domain --------------------------------------------------------


@pytest.mark.parametrize(
    ("signing", "sender", "aligned"),
    [
        ("example.com", "example.com", True),
        ("example.com", "news.example.com", True),  # relaxed: the organisational domain
        ("news.example.com", "example.com", True),
        ("mail.example.co.kr", "news.example.co.kr", True),  # co.kr is a public suffix
        ("example.co.kr", "other.co.kr", False),
        ("mailer.example.net", "example.com", False),
        ("esp.example", "example.com", False),
    ],
)
def test_dkim_alignment_follows_dmarc_relaxed(signing: str, sender: str, aligned: bool) -> None:
    from newsletter.dkim import alignment_problem

    problem = alignment_problem(signing, sender)
    if aligned:
        assert problem is None
    else:
        assert problem is not None and signing in problem and sender in problem


def _dry_run(cli_env: dict[str, str], tmp_path: Path, signing: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    key, _ = keygen(cli_env, tmp_path, "ed25519")
    env = dict(
        cli_env,
        NEWSLETTER_DKIM__DOMAIN=signing,
        NEWSLETTER_DKIM__SELECTOR="nl2026",
        NEWSLETTER_DKIM__PRIVATE_KEY_FILE=str(key),
    )
    return subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "send", "--dry-run", "--date", DAY.isoformat()],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_misaligned_dkim_domain_is_one_warning_at_start_up(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Signed for another organisation's domain, every message fails DMARC's DKIM check.
    done = _dry_run(cli_env, tmp_path, "mailer.example.net")  # From: news@example.com
    both = done.stdout + done.stderr
    warned = [line for line in both.splitlines() if "mailer.example.net" in line]
    assert len(warned) == 1, both
    assert "example.com" in warned[0].replace("mailer.example.net", "") and "DMARC" in warned[0]
    assert "Traceback" not in both


def test_an_aligned_dkim_domain_gets_no_warning(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = _dry_run(cli_env, tmp_path, "example.com")
    assert "DMARC" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    "domain",
    [
        "news..example.com",
        "news.-example.com",
        "news-.example.com",
        "1.2.3.4",
        "example.123",
        "news_letter.example.com",
        "a" * 64 + ".example.com",
        "localhost",
    ],
)
def test_keygen_wants_a_domain_name(cli_env, tmp_path: Path, domain: str) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "dkim", "keygen", "--selector", "nl2026",
         "--domain", domain, "--out", str(tmp_path / "k.key")],
        env=cli_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--domain" in done.stderr and "not a domain name" in done.stderr, done.stderr
    assert not (tmp_path / "k.key").exists()


def test_keygen_takes_an_internationalised_domain_as_its_dns_form(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "dkim", "keygen", "--selector", "nl2026",
         "--domain", "뉴스.한국", "--algorithm", "ed25519", "--out", str(tmp_path / "k.key")],
        env=cli_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("nl2026._domainkey.xn--"), done.stdout
