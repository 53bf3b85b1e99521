"""MIME messages: parse back, personal links, List-* headers, RFC 2047 and header injection."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from collections.abc import Callable
from email.header import decode_header, make_header
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsletter.errors import HeaderInjectionError
from newsletter.message import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    MessageTemplate,
    encode_words,
    generic_html,
    make_message_id,
)
from newsletter.models import Region, RenderedIssue, Summary
from newsletter.render import Renderer
from newsletter.settings import Settings
from tests.test_render import KO_ITEMS, make_issue, settings_for

SettingsFactory = Callable[..., Settings]
DAY = dt.date(2025, 2, 11)
UNSUB = "https://news.example.com/u/1a.c2FsdHNhbHQ.AAAAAAAAAAAAAAAAAAAAAA"
PREFS = "https://news.example.com/p/1a.c2FsdHNhbHQ.AAAAAAAAAAAAAAAAAAAAAA"
TOKEN = "1a.c2FsdHNhbHQ.AAAAAAAAAAAAAAAAAAAAAA"
SENT_AT = dt.datetime(2025, 2, 10, 22, 0, tzinfo=dt.UTC)


def rendered_with(subject: str, html: str = "", text: str = "") -> RenderedIssue:
    html = html or f'<p>안녕하세요</p><a href="{UNSUBSCRIBE_PLACEHOLDER}">x</a>'
    text = text or f"안녕하세요\n해지: {UNSUBSCRIBE_PLACEHOLDER}\n설정: {PREFERENCES_PLACEHOLDER}\n"
    return RenderedIssue(DAY, frozenset({Region.US}), subject, "", html, text)


def personalize(template: MessageTemplate, **overrides: object) -> bytes:
    values: dict[str, object] = {
        "to_address": "reader@example.org",
        "to_name": "김독자",
        "unsubscribe_url": UNSUB,
        "preferences_url": PREFS,
        "mailto_token": TOKEN,
        "date": SENT_AT,
    }
    values.update(overrides)
    return template.personalize(**values)  # type: ignore[arg-type]


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def raw_header(raw: bytes, name: str) -> str:
    """The header's value as on the wire, folding included."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    match = re.search(rf"^{name}: (.*?)\r\n(?! )", head + "\r\n", re.M | re.S)
    assert match, name
    return match.group(1)


@pytest.fixture
def ko_settings(make_settings: SettingsFactory) -> Settings:
    return settings_for(make_settings, reply_to="편집부 <desk@example.com>")


@pytest.fixture
def ko_rendered(ko_settings: Settings) -> RenderedIssue:
    return Renderer(ko_settings).render(make_issue(KO_ITEMS))


# ---- the whole message -----------------------------------------------------------------------


def test_message_parses_back_with_everything_in_place(
    ko_settings: Settings, ko_rendered: RenderedIssue
) -> None:
    raw = personalize(MessageTemplate.build(ko_rendered, ko_settings))
    message = parse(raw)

    assert message["Subject"] == ko_rendered.subject
    assert message["From"].addresses[0].display_name == "모닝 브리프"
    assert message["From"].addresses[0].addr_spec == "brief@example.com"
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("김독자", "reader@example.org")
    assert message["Reply-To"].addresses[0].addr_spec == "desk@example.com"
    assert message["Date"].datetime == SENT_AT
    assert re.fullmatch(r"<[0-9a-f]{32}@example\.com>", message["Message-ID"])
    assert message["MIME-Version"] == "1.0"
    assert message["List-Id"] == "모닝 브리프 <newsletter.example.com>"
    assert message["List-Unsubscribe"] == (
        f"<{UNSUB}>, <mailto:brief@example.com?subject=unsubscribe%20{TOKEN}>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.defects == []

    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    for part in (plain, html):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "base64"
    expected_text = ko_rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, UNSUB).replace(
        PREFERENCES_PLACEHOLDER, PREFS
    )
    assert plain.get_content().replace("\r\n", "\n") == expected_text
    expected_html = ko_rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, UNSUB).replace(
        PREFERENCES_PLACEHOLDER, PREFS
    )
    assert html.get_content().replace("\r\n", "\n") == expected_html
    assert UNSUBSCRIBE_PLACEHOLDER.encode() not in raw  # not even base64-visible: check decoded
    assert UNSUBSCRIBE_PLACEHOLDER not in plain.get_content() + html.get_content()


def test_wire_format_is_crlf_and_short_lines(
    ko_settings: Settings, ko_rendered: RenderedIssue
) -> None:
    raw = personalize(MessageTemplate.build(ko_rendered, ko_settings))
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert raw.count(b"\r") == raw.count(b"\r\n")
    assert all(byte < 128 for byte in raw)  # 7-bit clean
    for line in raw.split(b"\r\n"):
        # A URL in angle brackets cannot be folded; it may pass 78 (the hard limit is 998).
        # Folding right after "List-Unsubscribe:" would leave a leading space in the value.
        unfoldable = re.fullmatch(rb"(List-Unsubscribe:)? <[^ ]+>,?", line)
        assert len(line) <= 78 or (unfoldable and len(line) <= 998), line
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.startswith(b"From: ")


def test_urls_in_the_html_part_are_escaped(ko_settings: Settings) -> None:
    template = MessageTemplate.build(rendered_with("제목"), ko_settings)
    raw = personalize(template, unsubscribe_url="https://news.example.com/u/a?x=1&y=2")
    html = parse(raw).get_body(("html",))
    assert html is not None
    assert 'href="https://news.example.com/u/a?x=1&amp;y=2"' in html.get_content()
    plain = parse(raw).get_body(("plain",))
    assert plain is not None
    assert "https://news.example.com/u/a?x=1&y=2" in plain.get_content()


def test_each_message_gets_its_own_message_id(ko_settings: Settings) -> None:
    template = MessageTemplate.build(rendered_with("제목"), ko_settings)
    ids = {parse(personalize(template))["Message-ID"] for _ in range(20)}
    assert len(ids) == 20
    assert make_message_id("Example.COM").endswith("@example.com>")
    given_id = "<fixed.1@example.com>"
    assert parse(personalize(template, message_id=given_id))["Message-ID"] == given_id


def test_http_public_url_gets_no_one_click_header(make_settings: SettingsFactory) -> None:
    settings = settings_for(make_settings, public_url="http://localhost:8000")
    template = MessageTemplate.build(rendered_with("제목"), settings)
    message = parse(personalize(template, unsubscribe_url="http://localhost:8000/u/x"))
    assert message["List-Unsubscribe-Post"] is None  # RFC 8058 wants an https link
    assert message["List-Unsubscribe"].startswith("<http://localhost:8000/u/x>")


def test_mailto_address_setting_and_empty_token(make_settings: SettingsFactory) -> None:
    settings = settings_for(make_settings, unsubscribe_mailto="Leave <leave@example.com>")
    template = MessageTemplate.build(rendered_with("제목"), settings)
    message = parse(personalize(template, mailto_token=""))
    assert message["List-Unsubscribe"].endswith("<mailto:leave@example.com?subject=unsubscribe>")


def test_generic_html_has_no_personal_placeholder(
    ko_settings: Settings, ko_rendered: RenderedIssue
) -> None:
    html = generic_html(ko_rendered, ko_settings)
    assert UNSUBSCRIBE_PLACEHOLDER not in html and PREFERENCES_PLACEHOLDER not in html
    assert 'href="https://news.example.com/u/"' in html
    assert 'href="https://news.example.com/p/"' in html


# ---- subjects and names in RFC 2047 ----------------------------------------------------------

SUBJECTS = [
    "[모닝 브리프] 2월 11일 — 미국 3 · 중국 2 · 유럽 1 · 일본 4 · 기타 7 "
    "그리고 아주 긴 제목이 이어집니다",
    "두  칸  띄어쓰기가   그대로  남아야  합니다  ,  끝 ",
    " 앞뒤 공백 ",
    "[Morning Brief] 미국 GPU export rules 강화 — Nvidia, AMD 주가 하락 (2025-02-11) 및 추가 소식",
    "이모지 😀 와 한자 漢字 그리고 é",
    "=?utf-8?q?looks_encoded?= but is not",
    "Plain ASCII subject that is long enough to need folding at a space somewhere  in  it ok",
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_subject_round_trips_exactly(ko_settings: Settings, subject: str) -> None:
    raw = personalize(MessageTemplate.build(rendered_with(subject), ko_settings))
    assert parse(raw)["Subject"] == subject

    wire = raw_header(raw, "Subject")
    for line in ("Subject: " + wire).split("\r\n"):
        assert len(line) <= 76, line
    for word in re.findall(r"=\?utf-8\?b\?[^?]*\?=", wire):
        assert len(word) <= 75
    unfolded = wire.replace("\r\n", "")
    assert str(make_header(decode_header(unfolded))) == subject
    if "=?utf-8?b?" in wire:
        assert str(make_header(decode_header(wire))) == subject


def test_ascii_subject_stays_readable(ko_settings: Settings) -> None:
    raw = personalize(MessageTemplate.build(rendered_with("Morning Brief: US 3"), ko_settings))
    assert b"\r\nSubject: Morning Brief: US 3\r\n" in raw


def test_encoded_words_split_on_character_boundaries() -> None:
    text = "가" * 100 + " " + "😀" * 30
    folded = encode_words(text, len("Subject: "))
    for word in re.findall(r"=\?utf-8\?b\?([^?]*)\?=", folded):
        import base64

        base64.b64decode(word).decode("utf-8")  # each word is whole characters


@pytest.mark.parametrize(
    "name",
    [
        "김독자",
        "Kim, Reader",
        'Ann "The Reader" O\'Neil',
        "a@b.example, c@d.example",
        "=?utf-8?b?LA==?=",
        "Dr. Ünal <x>",
    ],
)
def test_display_names_never_add_recipients(ko_settings: Settings, name: str) -> None:
    raw = personalize(MessageTemplate.build(rendered_with("제목"), ko_settings), to_name=name)
    (to,) = parse(raw)["To"].addresses
    assert to.addr_spec == "reader@example.org"
    assert to.display_name == name


def test_no_name_means_a_bare_address(ko_settings: Settings) -> None:
    for name in (None, "", "   "):
        raw = personalize(MessageTemplate.build(rendered_with("제목"), ko_settings), to_name=name)
        assert raw_header(raw, "To") == "reader@example.org"


def test_idn_domain_is_encoded(ko_settings: Settings) -> None:
    template = MessageTemplate.build(rendered_with("제목"), ko_settings)
    raw = personalize(template, to_address="reader@예시.kr")
    assert parse(raw)["To"].addresses[0].domain == "예시".encode("idna").decode() + ".kr"


# ---- injection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "header"),
    [
        ("to_address", "reader@example.org\r\nBcc: victim@example.net", "To"),
        ("to_address", "reader@example.org\nBcc: victim@example.net", "To"),
        ("to_address", "reader@example.org\x00", "To"),
        ("to_address", "reader@example.org, other@example.net", "To"),
        ("to_address", "Reader <reader@example.org>", "To"),
        ("to_address", "reader@example.org other@example.net", "To"),
        ("to_address", "reader@@example.org", "To"),
        ("to_address", '"quoted local"@example.org', "To"),
        ("to_address", "", "To"),
        ("to_name", "김독자\r\nBcc: victim@example.net", "To"),
        ("to_name", "Reader\x7f", "To"),
        ("to_name", "Reader\tTab", "To"),
        ("unsubscribe_url", UNSUB + "\r\nBcc: victim@example.net", "List-Unsubscribe"),
        ("unsubscribe_url", UNSUB + ">, <https://evil.example", "List-Unsubscribe"),
        ("unsubscribe_url", "javascript:alert(1)", "List-Unsubscribe"),
        ("preferences_url", PREFS + "\n", "Preferences"),
        ("mailto_token", "x\r\nBcc: victim@example.net", "List-Unsubscribe"),
        ("message_id", "<a@b>\r\nBcc: victim@example.net", "Message-ID"),
    ],
)
def test_header_injection_is_refused(
    ko_settings: Settings, field: str, value: str, header: str
) -> None:
    template = MessageTemplate.build(rendered_with("제목"), ko_settings)
    with pytest.raises(HeaderInjectionError, match=f"^{header}"):
        personalize(template, **{field: value})


@pytest.mark.parametrize("subject", ["제목\r\nBcc: victim@example.net", "제목\x00", "a\x1bb"])
def test_subject_with_control_characters_is_refused(ko_settings: Settings, subject: str) -> None:
    with pytest.raises(HeaderInjectionError, match=r"^Subject"):
        MessageTemplate.build(rendered_with(subject), ko_settings)


EXPECTED_HEADERS = [
    "From",
    "Subject",
    "To",
    "Date",
    "Message-ID",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Reply-To",
    "List-Id",
    "MIME-Version",
    "Content-Type",
]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(subject=st.text(max_size=200), name=st.text(max_size=80))
@example(subject="", name="0 \x850")  # NEL: dropped from the name by the parser, once accepted
@example(subject="", name="김\u2028독자 \u3000\xa0님")  # Unicode white space: one space each
def test_no_subject_or_name_adds_a_header_or_recipient(
    ko_settings: Settings, subject: str, name: str
) -> None:
    try:
        template = MessageTemplate.build(rendered_with(subject), ko_settings)
        raw = personalize(template, to_name=name)
    except HeaderInjectionError:
        assert re.search(r"[\x00-\x1f\x7f-\x9f]", subject + name)
        return
    message = parse(raw)
    assert message.keys() == EXPECTED_HEADERS
    (to,) = message["To"].addresses
    assert to.addr_spec == "reader@example.org"
    shown = " ".join(name.split())  # parsers collapse white space in names; we do it first
    # CPython's address parser adds a space between two encoded-words of a long name (RFC 2047
    # says to drop it; clients do). So: exact through decode_header, spaces aside here.
    assert to.display_name.replace(" ", "") == shown.replace(" ", "")
    wire = raw_header(raw, "To")
    if "=?utf-8?b?" in wire:
        assert str(make_header(decode_header(wire))) == f"{shown} <reader@example.org>"
    assert message["Subject"] == subject
    assert len(message.get_all("To")) == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=300), title=st.none() | st.text(max_size=80))
def test_no_summary_text_adds_a_header_or_recipient(
    ko_settings: Settings, text: str, title: str | None
) -> None:
    issue = make_issue([(Region.US, Summary(text=text, title=title, url="https://x.example/"))])
    rendered = Renderer(ko_settings).render(issue)
    message = parse(personalize(MessageTemplate.build(rendered, ko_settings)))
    assert message.keys() == EXPECTED_HEADERS
    assert [a.addr_spec for a in message["To"].addresses] == ["reader@example.org"]
    assert message["Subject"] == rendered.subject
    assert len(list(message.iter_parts())) == 2


@pytest.mark.parametrize("public_url", ["https://news.example.com", "http://h.example/a&b"])
@pytest.mark.parametrize("name", [None, "김독자", 'Plain "Q" Name'])
def test_for_reader_writes_the_same_bytes_as_personalize(
    make_settings: SettingsFactory, public_url: str, name: str | None
) -> None:
    """The send's fast path (prefixes checked once, the token trusted by shape) must write
    exactly what the fully checked personalize() writes for the same reader."""
    from newsletter.message import MessageIds, ReaderLinks, date_now

    settings = settings_for(make_settings, public_url=public_url)
    template = MessageTemplate.build(rendered_with("제목"), settings)
    reader_links = ReaderLinks.for_public_url(settings.public_url)
    message_id = MessageIds("Example.com")()
    assert re.fullmatch(r"<[0-9a-f]{32}@example\.com>", message_id)
    for token in (TOKEN, "zz.bad+salt.AAAAAAAAAAAAAAAAAAAAAA"):  # the second: checked fully
        while True:
            second = date_now()
            fast = template.for_reader(
                to_address="reader@example.org",
                to_name=name,
                token=token,
                reader_links=reader_links,
                message_id=message_id,
            )
            slow = template.personalize(
                to_address="reader@example.org",
                to_name=name,
                unsubscribe_url=f"{settings.public_url}/u/{token}",
                preferences_url=f"{settings.public_url}/p/{token}",
                mailto_token=token,
                message_id=message_id,
            )
            if date_now() == second:  # both made within one second: the same Date
                break
        assert fast == slow


def test_message_ids_of_one_process_are_unique_and_checked() -> None:
    from newsletter.message import MessageIds

    ids = MessageIds("example.com")
    assert len({ids() for _ in range(1000)}) == 1000
    with pytest.raises(HeaderInjectionError):
        MessageIds("bad domain\r\nBcc: x@y")


def test_token_maker_signs_as_make_token() -> None:
    from newsletter.tokens import TokenMaker, make_token, read_token

    keys = [b"k" * 32, b"old" * 11]
    maker = TokenMaker(keys)
    for subscriber_id, salt in ((0, "salt0000"), (123456789, "Ab-_x9Zq1234"), (7, "한글salt")):
        token = maker(subscriber_id, salt)
        assert token == make_token(keys, subscriber_id, salt)
    # HMAC's key handling (RFC 2104), which TokenMaker does itself: padded up to SHA-256's
    # 64-byte block, hashed first when longer.
    for key in (b"", b"k", b"k" * 63, b"k" * 64, b"k" * 65, b"k" * 200):
        assert TokenMaker([key])(99, "salt0000") == make_token([key], 99, "salt0000")
    claims = read_token(keys, maker(42, "Ab-_x9Zq1234"))
    assert claims is not None and claims.subscriber_id == 42


def test_reader_pieces_are_the_message_with_the_template_s_bytes_shared(
    make_settings: SettingsFactory,
) -> None:
    """A delivery run hands sendmsg() the pieces, not a joined copy: together they are
    for_reader()'s bytes, and the bodies' encoded heads are the template's own objects."""
    from newsletter.message import MessageIds, ReaderLinks

    settings = settings_for(make_settings)
    template = MessageTemplate.build(rendered_with("제목"), settings)
    reader = {
        "to_address": "reader@example.org",
        "to_name": "김독자",
        "reader_links": ReaderLinks.for_public_url(settings.public_url),
        "message_id": MessageIds("example.com")(),
    }
    pieces = template.reader_pieces(token=TOKEN, **reader)  # type: ignore[arg-type]
    assert len(pieces) > 1
    assert any(piece is template.text.encoded_head for piece in pieces)
    assert any(piece is template.shared_top for piece in pieces)
    assert b"".join(pieces) == template.for_reader(token=TOKEN, **reader)  # type: ignore[arg-type]
    # A token not as make_token writes it takes personalize()'s checks: one piece.
    odd = template.reader_pieces(token="zz.bad+salt.AAAAAAAAAAAAAAAAAAAAAA", **reader)  # type: ignore[arg-type]
    assert len(odd) == 1


@given(
    unsubscribe=st.integers(min_value=0, max_value=130),
    preferences=st.integers(min_value=0, max_value=130),
    footer=st.integers(min_value=0, max_value=400),
)
@settings(max_examples=200, deadline=None)
def test_a_body_s_tail_is_the_base64_of_its_bytes_whatever_the_links_length(
    unsubscribe: int, preferences: int, footer: int
) -> None:
    """The last literal's lines are cached by where it starts; every start (links of every
    length, footers shorter and longer than a line) gives the lines of the whole tail."""
    from newsletter.message import _b64_lines, _Body

    tail_text = (
        f"head 100% {'x' * 70}\n{PREFERENCES_PLACEHOLDER} between 한글 %(u)s \0u %s\n"
        f"{UNSUBSCRIBE_PLACEHOLDER}{'f%' * (footer // 2)}"
    )
    body = _Body.split("h" * 200 + tail_text)
    unsub, prefs = b"u" * unsubscribe, b"p" * preferences
    whole = ("h" * 200 + tail_text).replace("\n", "\r\n").encode()
    whole = whole.replace(PREFERENCES_PLACEHOLDER.encode(), prefs)
    whole = whole.replace(UNSUBSCRIBE_PLACEHOLDER.encode(), unsub)
    for _ in range(2):  # the second time from the cache
        assert body.encoded_head + body.tail(unsub, prefs) == _b64_lines(whole)
