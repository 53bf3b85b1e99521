"""What the reader sees: wire headlines, language, headings, link text, plain-text URLs.

A Korean issue with wire copy (Korean and English agencies) and English stories in it; the
golden file issue-wire.* pins it (regenerate with UPDATE_GOLDEN=1 and review the diff).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

from newsletter.models import Region, Summary
from newsletter.render import Renderer
from newsletter.settings import Settings
from tests.test_render import check_golden, make_issue, settings_for

SettingsFactory = Callable[..., Settings]

LONG_URL = (
    "https://www.example-news.co.kr/world/economy/2025/02/11/"
    "semiconductor-export-controls-latest-round-analysis?utm_source=brief&utm_medium=email"
)

WIRE_ITEMS = [
    (
        Region.US,
        Summary(
            text="(워싱턴=연합뉴스) 홍길동 특파원 = 미국 상무부가 반도체 장비 수출 통제 대상을 "
            "넓혔다. 업계는 다음 달 세부 지침을 기다리고 있다.",
            url=LONG_URL,
        ),
    ),
    (
        Region.US,
        Summary(
            text="WASHINGTON (Reuters) - The U.S. Commerce Department said on Jan. 7 it would "
            "widen chip-tool export curbs. Shares of equipment makers fell 3.5%.",
            url="https://news.example.com/reuters-curbs",
        ),
    ),
    (
        Region.JAPAN,
        Summary(
            text="Tokyo, Feb. 13 (Jiji Press)--Honda Motor Co. and Nissan Motor Co. agreed to "
            "start merger talks. The two will set up a joint holding company.",
            url="https://news.example.com/jiji-merger",
            source="Jiji Press",
        ),
    ),
    (
        Region.CHINA,
        Summary(
            text="[베이징=뉴시스] 김철수 기자 = 중국 인민은행이 지급준비율을 0.5%포인트 "
            "내렸다. 시장은 추가 완화를 점치고 있다.",
        ),
    ),
    (
        Region.EUROPE,
        Summary(
            text="BERLIN, March 3 (AP) — Germany's jobless rate rose to 6.3%, the highest in "
            "four years. Economists had expected it.",
            url="https://news.example.com/ap-jobs",
        ),
    ),
]


class _Doc(HTMLParser):
    """Headings in order, links with their text, and the lang of each item cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.links: list[tuple[str, str]] = []
        self.items: list[tuple[str | None, str]] = []  # (lang, text)
        self._href: str | None = None
        self._text: list[str] = []
        self._item: list[str] | None = None
        self._item_lang: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self._href, self._text = attributes.get("href") or "", []
        if tag == "td" and "item" in (attributes.get("class") or "").split():
            self._item, self._item_lang = [], attributes.get("lang")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None
        if tag == "td" and self._item is not None:
            self.items.append((self._item_lang, "".join(self._item)))
            self._item = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if self._item is not None:
            self._item.append(data)


def parse(html: str) -> _Doc:
    doc = _Doc()
    doc.feed(html)
    return doc


def render(make_settings: SettingsFactory, locale: str = "ko") -> tuple[str, str]:
    rendered = Renderer(settings_for(make_settings, locale)).render(make_issue(WIRE_ITEMS))
    return rendered.html, rendered.text


def test_golden_wire_issue(make_settings: SettingsFactory) -> None:
    html, text = render(make_settings)
    check_golden("issue-wire.html", html)
    check_golden("issue-wire.txt", text)


def test_headlines_are_the_news_and_datelines_are_quieter(make_settings: SettingsFactory) -> None:
    html, text = render(make_settings)
    headlines = re.findall(r"<h3[^>]*>(?:<a [^>]*>)?([^<]*)", html)
    assert headlines == [
        "미국 상무부가 반도체 장비 수출 통제 대상을 넓혔다",
        "The U.S. Commerce Department said on Jan. 7 it would widen chip-tool export curbs",
        "중국 인민은행이 지급준비율을 0.5%포인트 내렸다",
        "Honda Motor Co. and Nissan Motor Co. agreed to start merger talks",
        "Germany's jobless rate rose to 6.3%, the highest in four years",
    ]
    meta = re.findall(r'<p class="meta"[^>]*>([^<]*)</p>', html)
    assert meta == [
        "(워싱턴=연합뉴스) 홍길동 특파원",  # the credit is the source: no host
        "WASHINGTON (Reuters)",  # the credit is the source; not said twice
        "[베이징=뉴시스] 김철수 기자",
        "Tokyo, Feb. 13 (Jiji Press)",  # publisher "Jiji Press" is in the dateline already
        "BERLIN, March 3 (AP)",
    ]
    # Every character of the reporter's text reaches the reader; only the punctuation joining
    # the dateline to the story and the headline's full stop are left out.
    shown = [item for _, item in parse(html).items]
    order = [0, 1, 3, 2, 4]  # the sections' order: US, US, China, Japan, Europe
    for index, (_, summary) in zip(order, WIRE_ITEMS, strict=True):
        missing = Counter(summary.text.replace(" ", "")) - Counter(shown[index].replace(" ", ""))
        assert set(missing) <= set("=-—.") and missing["."] <= 1, missing
    assert "(워싱턴=연합뉴스) 홍길동 특파원" in text and "Tokyo, Feb. 13 (Jiji Press)" in text


def test_the_source_is_said_once(make_settings: SettingsFactory) -> None:
    items = [
        (Region.JAPAN, Summary(text="JAPAN — Tokyo stocks rose. More.", source="AP")),
        (Region.US, Summary(text="NEW YORK (AP) — Stocks rose. More.", source="AP")),
    ]
    html = Renderer(settings_for(make_settings, "en")).render(make_issue(items)).html
    meta = re.findall(r'<p class="meta"[^>]*>([^<]*)</p>', html)
    assert meta == ["NEW YORK (AP)", "JAPAN · AP"]


def test_english_items_in_a_korean_issue_say_so(make_settings: SettingsFactory) -> None:
    html, _ = render(make_settings)
    assert '<html lang="ko">' in html
    langs = [lang for lang, _ in parse(html).items]
    assert langs == [None, "en", None, "en", "en"]  # order: US, US, China, Japan, Europe
    # In an English issue the English items need no lang; a Korean one gets lang="ko".
    html_en, _ = render(make_settings, "en")
    assert [lang for lang, _ in parse(html_en).items] == ["ko", None, "ko", None, None]


def test_headings_go_in_order(make_settings: SettingsFactory) -> None:
    html, _ = render(make_settings)
    levels = parse(html).headings
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"a heading skips a level: h{before} then h{after}"


GENERIC = {
    "원문 보기",
    "원문 보기 ›",
    "read more",
    "read more ›",
    "more",
    "click here",
    "here",
    "link",
    "여기",
    "바로가기",
    "자세히",
}


def test_link_text_makes_sense_alone(make_settings: SettingsFactory) -> None:
    for locale in ("ko", "en"):
        html, _ = render(make_settings, locale)
        links = parse(html).links
        assert len(links) == 4 + 3  # four items with a link, three footer links
        for href, text in links:
            assert text and text.lower() not in GENERIC, (href, text)
        by_text: dict[str, set[str]] = {}
        for href, text in links:
            by_text.setdefault(text, set()).add(href)
        assert all(len(hrefs) == 1 for hrefs in by_text.values()), "one text, two destinations"


def test_plain_text_keeps_urls_whole(make_settings: SettingsFactory) -> None:
    _, text = render(make_settings)
    found = set(re.findall(r"https?://\S+", text))
    expected = {s.url for _, s in WIRE_ITEMS if s.url}
    assert expected <= found  # every story link, whole on one line
    assert any(line.endswith(" " + LONG_URL) for line in text.splitlines())
    for url in found - expected:
        assert url.startswith("https://news.example.com/") or url.startswith("{{"), url
