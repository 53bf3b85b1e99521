"""Stage 4: the HTML e-mail and its plain-text twin.

Golden files pin the whole output for a fixed issue; regenerate them after an intended change
with ``UPDATE_GOLDEN=1 pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsletter.assemble import assemble
from newsletter.errors import ConfigError, TemplateError
from newsletter.message import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER
from newsletter.models import REGION_ORDER, Classified, Issue, Region, Summary
from newsletter.render import (
    Renderer,
    bundled_templates_dir,
    display_width,
    first_sentence,
    format_date,
    headline_and_body,
    inline_css,
    safe_url,
    wrap,
)
from newsletter.settings import Settings

GOLDEN = Path(__file__).parent / "golden"
DAY = dt.date(2025, 2, 11)  # a Tuesday
GMAIL_CLIP_BYTES = 102 * 1000  # Gmail clips at "102 KB"; stay clear of either reading of it

SettingsFactory = Callable[..., Settings]

# ---- made-up content (our own sentences, not the shared data) -------------------------------

KO_ITEMS = [
    (
        Region.EUROPE,
        Summary(
            text="독일 정부가 내년 국방 예산을 역대 최대 규모로 편성했다. 재정 준칙 완화를 "
            "둘러싼 연정 내 논쟁은 당분간 이어질 전망이다.",
            url="https://news.example.com/de-budget?id=7&lang=ko",
            source="예시통신",
        ),
    ),
    (
        Region.US,
        Summary(
            text="미국 연방준비제도가 기준금리를 연 4.25~4.50%로 동결했다. 위원들은 물가 둔화 "
            "속도가 예상보다 느리다고 평가했으며, 시장은 첫 인하 시점을 하반기로 늦춰 잡는 "
            "분위기다.",
            url="https://news.example.com/fed",
            source="예시경제",
        ),
    ),
    (
        Region.CHINA,
        Summary(
            text="중국 상무부가 희토류 수출 허가 절차를 간소화한다고 발표했다. 업계는 공급망 "
            "불안이 다소 누그러질 것으로 보면서도 실제 물량 변화는 지켜봐야 한다는 입장이다.",
        ),
    ),
    (
        Region.US,
        Summary(
            title="실리콘밸리 채용 다시 늘어",
            text="실리콘밸리 기술 기업들의 채용 공고가 1년 만에 증가세로 돌아섰다. "
            "인공지능(AI) 엔지니어 수요가 회복을 이끈 것으로 분석된다.",
            url="https://news.example.com/hiring",
        ),
    ),
    (
        Region.CHINA,
        Summary(
            text="중국 전기차 업체들의 1월 해외 판매가 작년보다 40% 가까이 늘었다. 동남아시아와 "
            "중남미 시장이 성장을 견인했다.",
            url="javascript:alert(1)",
        ),
    ),
    (
        Region.OTHER,
        Summary(
            text="인도 중앙은행이 5년 만에 기준금리를 0.25%포인트 내렸다. 성장 둔화에 대응하기 "
            "위한 조치로, 추가 인하 가능성도 열어 뒀다.",
            url="http://news.example.com/india",
        ),
    ),
]

EN_ITEMS = [
    (
        Region.JAPAN,
        Summary(
            text="The Bank of Japan held its policy rate at 0.5%. The governor said wage "
            "growth would decide the timing of the next move.",
            url="https://news.example.com/boj",
            source="Example Wire",
        ),
    ),
    (
        Region.US,
        Summary(
            text="U.S. retail sales fell 0.9% in January as cold weather kept shoppers at home. "
            "Economists expect a rebound in February.",
            url="https://news.example.com/retail",
        ),
    ),
    (
        Region.US,
        Summary(
            title="Chip stocks rally",
            text="Semiconductor shares rose for a third day on strong data-centre orders.",
        ),
    ),
    (
        Region.EUROPE,
        Summary(
            text="France announced a large investment plan for AI data centres! Officials said "
            "private partners would fund most of it.",
            url="https://news.example.com/fr-ai",
        ),
    ),
]


def make_issue(items: list[tuple[Region, Summary]], day: dt.date = DAY) -> Issue:
    return assemble(day, [Classified(s, r, "test") for r, s in items])


def settings_for(make_settings: SettingsFactory, locale: str = "ko", **more: object) -> Settings:
    sender = (
        "모닝 브리프 <brief@example.com>" if locale == "ko" else "Morning Brief <brief@example.com>"
    )
    return make_settings(locale=locale, **{"from": sender}, **more)


_SYLLABLES = [chr(0xAC00 + i) for i in range(0, 11172, 7)]
_ASCII_WORDS = ["AI", "(CEO)", "2025년", "3.5%", "GPU", "EU", "10억", "K-칩스", "OpenAI"]


def korean_summary(rng: random.Random, length: int) -> str:
    """Korean-looking prose of about `length` characters: words of two to five syllables,
    some Latin and digits, sentences ending in 다."""
    out: list[str] = []
    size = 0
    while size < length:
        words = []
        for _ in range(rng.randint(6, 14)):
            if rng.random() < 0.12:
                words.append(rng.choice(_ASCII_WORDS))
            else:
                words.append("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 5))))
        sentence = " ".join(words) + "다."
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)


# ---- helpers ---------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def hrefs(html: str) -> list[str]:
    return [a["href"] or "" for tag, a in parse(html).tags if tag == "a" and "href" in a]


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; rerun with UPDATE_GOLDEN=1 and review the diff"


# ---- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "items"), [("ko", KO_ITEMS), ("en", EN_ITEMS)])
def test_golden(make_settings: SettingsFactory, locale: str, items: list) -> None:
    rendered = Renderer(settings_for(make_settings, locale)).render(make_issue(items))
    check_golden(f"issue-{locale}.html", rendered.html)
    check_golden(f"issue-{locale}.txt", rendered.text)


# ---- structure and content -------------------------------------------------------------------


def test_html_is_a_phone_friendly_email_document(make_settings: SettingsFactory) -> None:
    html = Renderer(settings_for(make_settings)).render(make_issue(KO_ITEMS)).html
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="ko">' in html
    assert '<meta charset="utf-8">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "word-break:keep-all" in html.replace(" ", "")
    assert "overflow-wrap:break-word" in html.replace(" ", "")
    for font in ("Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR"):
        assert font in html
    # The phone rules survive inlining, in a <style> tag, with the !important they need.
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and "@media only screen and (max-width: 600px)" in style.group(1)
    assert "!important" in style.group(1)
    assert "max-width:600px" in html.replace(" ", "")
    # Inlined: items carry their own style attributes.
    assert re.search(r'<td class="item" style="[^"]*padding', html)


def test_no_external_resources(make_settings: SettingsFactory) -> None:
    html = Renderer(settings_for(make_settings)).render(make_issue(KO_ITEMS)).html
    tags = parse(html).tags
    assert not [t for t, _ in tags if t in ("img", "link", "script", "iframe", "object")]
    assert not [a for _, a in tags if "src" in a or "background" in a]
    assert "@import" not in html and "url(" not in html


def test_sections_with_locale_names_counts_and_date(make_settings: SettingsFactory) -> None:
    ko = Renderer(settings_for(make_settings, "ko")).render(make_issue(KO_ITEMS))
    text = "".join(parse(ko.html).text)
    assert "2025년 2월 11일 (화)" in text
    assert "미국 2 · 중국 2 · 유럽 1 · 기타 1" in text
    assert text.index("미국") < text.index("중국") < text.index("유럽") < text.index("기타")
    assert "일본" not in text  # no Japanese news today: no empty section
    assert ko.subject == "[모닝 브리프] 2월 11일 — 미국 2 · 중국 2 · 유럽 1 · 기타 1"

    en = Renderer(settings_for(make_settings, "en")).render(make_issue(EN_ITEMS))
    text = "".join(parse(en.html).text)
    assert '<html lang="en">' in en.html
    assert "Tuesday, 11 February 2025" in text
    assert "US 2 · Japan 1 · Europe 1" in text
    assert "China" not in text
    assert en.subject == "[Morning Brief] 11 February — US 2 · Japan 1 · Europe 1"


def test_title_setting_and_test_subject(make_settings: SettingsFactory) -> None:
    settings = settings_for(make_settings, title="아침 경제")
    rendered = Renderer(settings).render(make_issue(KO_ITEMS), test=True)
    assert rendered.subject.startswith("[TEST] [아침 경제] 2월 11일 — ")
    assert "아침 경제" in rendered.html and "테스트 발송" in rendered.html
    assert "테스트 발송" in rendered.text


def test_preheader_is_hidden_and_built_from_top_headlines(make_settings: SettingsFactory) -> None:
    rendered = Renderer(settings_for(make_settings)).render(make_issue(KO_ITEMS))
    # One headline per section first: the reader sees the breadth of the issue.
    assert rendered.preheader.startswith(
        "미국 연방준비제도가 기준금리를 연 4.25~4.50%로 동결했다 · 중국 상무부가"
    )
    assert 40 <= len(rendered.preheader) <= 110
    hidden = re.search(r'<div class="preheader" style="([^"]*)">([^<]*)</div>', rendered.html)
    assert hidden and "display:none" in hidden.group(1).replace(" ", "")
    assert hidden.group(2).startswith(rendered.preheader)
    assert len(hidden.group(2)) > len(rendered.preheader) + 100  # the filler


def test_headline_is_not_repeated_in_the_body(make_settings: SettingsFactory) -> None:
    html = Renderer(settings_for(make_settings)).render(make_issue(KO_ITEMS)).html
    body = html.partition('class="masthead"')[2]  # after the preheader, which quotes headlines
    assert body.count("독일 정부가 내년 국방 예산을 역대 최대 규모로 편성했다") == 1
    assert "<h3" in html and "실리콘밸리 채용 다시 늘어</a></h3>" in html


def test_footer_links_and_why(make_settings: SettingsFactory) -> None:
    rendered = Renderer(settings_for(make_settings)).render(make_issue(KO_ITEMS))
    links = hrefs(rendered.html)
    assert "https://news.example.com/archive/2025-02-11" in links
    assert UNSUBSCRIBE_PLACEHOLDER in links and PREFERENCES_PLACEHOLDER in links
    assert "구독하셔서 받으시는 메일입니다" in rendered.html
    assert "보낸 곳: 모닝 브리프" in rendered.html
    for needle in (UNSUBSCRIBE_PLACEHOLDER, PREFERENCES_PLACEHOLDER, "/archive/2025-02-11"):
        assert needle in rendered.text


def test_plain_text_twin(make_settings: SettingsFactory) -> None:
    text = Renderer(settings_for(make_settings)).render(make_issue(KO_ITEMS)).text
    assert "미국 (2건)" in text and "기타 (1건)" in text
    assert "https://news.example.com/de-budget?id=7&lang=ko" in text  # in full, not escaped
    assert "javascript:" not in text
    for line in text.splitlines():
        if "://" not in line:
            assert display_width(line) <= 76, line


# ---- untrusted summaries ---------------------------------------------------------------------


def test_markup_in_summaries_shows_as_text(make_settings: SettingsFactory) -> None:
    items = [
        (Region.US, Summary(text="<script>alert('x')</script> 경고 & 주의 <b>굵게</b>다.")),
        (Region.US, Summary(title='<img src=x onerror="alert(1)">', text="본문이다.")),
    ]
    rendered = Renderer(settings_for(make_settings)).render(make_issue(items))
    tags = [t for t, _ in parse(rendered.html).tags]
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;" in rendered.html and "&lt;b&gt;굵게&lt;/b&gt;" in rendered.html
    assert "<script>alert('x')</script>" in rendered.text  # plain text is not HTML-escaped
    assert "경고 & 주의" in rendered.text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example.com/x",
        "ftp://files.example.com/x",
        "http://",
        "https:evil.example.com",
        "mailto:a@example.com",
        "https://exa mple.com/",
        "https:\\\\evil.example.com",
        f"https://x.example.com/{UNSUBSCRIBE_PLACEHOLDER}",
    ],
)
def test_only_http_links_become_links(make_settings: SettingsFactory, url: str) -> None:
    assert safe_url(url) is None
    items = [(Region.US, Summary(text="링크가 수상한 소식이다.", url=url))]
    rendered = Renderer(settings_for(make_settings)).render(make_issue(items))
    for href in hrefs(rendered.html):
        assert href.startswith("https://news.example.com/") or href in (
            UNSUBSCRIBE_PLACEHOLDER,
            PREFERENCES_PLACEHOLDER,
        )
    assert "원문 보기" not in rendered.html


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://news.example.com/a?b=1&c=2", "https://news.example.com/a?b=1&c=2"),
        ("https://news.example.com/기사 1", "https://news.example.com/%EA%B8%B0%EC%82%AC%201"),
        (" http://news.example.com/a%20b ", "http://news.example.com/a%20b"),
        ("https://예시.kr/a", "https://" + "예시".encode("idna").decode() + ".kr/a"),
    ],
)
def test_http_links_are_kept_and_made_ascii(url: str, link: str) -> None:
    assert safe_url(url) == link


def test_placeholder_text_in_a_summary_cannot_become_a_personal_link(
    make_settings: SettingsFactory,
) -> None:
    items = [(Region.US, Summary(text=f"수상한 {UNSUBSCRIBE_PLACEHOLDER} 문구다."))]
    rendered = Renderer(settings_for(make_settings)).render(make_issue(items))
    assert rendered.html.count(UNSUBSCRIBE_PLACEHOLDER) == 1  # the footer's own
    assert rendered.text.count(UNSUBSCRIBE_PLACEHOLDER) == 1


def test_control_characters_in_summaries_do_not_break_rendering(
    make_settings: SettingsFactory,
) -> None:
    items = [
        (Region.US, Summary(text="제어\x00문자\x0b와 \ud800 대리쌍\x85이다.", title="제\r\n목"))
    ]
    rendered = Renderer(settings_for(make_settings)).render(make_issue(items))
    assert "제 목</h3>" in rendered.html
    assert "\x00" not in rendered.html and "\x0b" not in rendered.text


# ---- headlines and wrapping ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("첫 문장이다. 둘째 문장이다.", "첫 문장이다."),
        ("정말 그럴까? 아니다.", "정말 그럴까?"),
        ("수익률은 3.5%다. 다음 문장.", "수익률은 3.5%다."),
        ("U.S. officials met. Then left.", "U.S. officials met."),
        ("그는 “끝났다.”라고 말했다. 다음.", "그는 “끝났다.”라고 말했다."),  # a quote goes on
        ("마침표 없는 한 문장", "마침표 없는 한 문장"),
    ],
)
def test_first_sentence(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence


def test_headline_and_body_rules() -> None:
    assert headline_and_body(Summary(text="첫 문장이다. 둘째 문장이다.")) == (
        "첫 문장이다",
        "둘째 문장이다.",
    )
    assert headline_and_body(Summary(text="한 문장뿐이다.")) == ("한 문장뿐이다", "")
    assert headline_and_body(Summary(text="제목 그대로. 본문.", title="제목 그대로")) == (
        "제목 그대로",
        "본문.",
    )
    long_sentence = " ".join(["아주긴"] * 40) + "문장이다. 끝."
    headline, body = headline_and_body(Summary(text=long_sentence))
    assert headline.endswith("…") and len(headline) <= 90
    assert body.startswith("…") and body.endswith("끝.")
    assert (headline[:-1] + " " + body[1:]).split() == long_sentence.split()  # nothing lost
    clauses = (
        "첫 번째 절은 충분히 길게 이어지는 설명을 담고 있으며 독자가 읽기 쉬운 길이로, "
        + ("두 번째 절이 " * 12)
        + "이어진다."
    )
    headline, body = headline_and_body(Summary(text=clauses))
    assert (
        headline == "첫 번째 절은 충분히 길게 이어지는 설명을 담고 있으며 독자가 읽기 쉬운 길이로…"
    )
    assert body.startswith("…두 번째 절이")


def test_wrap_keeps_korean_words_and_urls_whole() -> None:
    rng = random.Random(3)
    text = korean_summary(rng, 400) + " https://news.example.com/" + "x" * 90
    wrapped = wrap(text, indent="   ")
    assert wrapped.split() == text.split()
    for line in wrapped.splitlines():
        assert line.startswith("   ")
        assert display_width(line) <= 76 or len(line.split()) == 1


def test_dates_per_locale() -> None:
    assert format_date(DAY, "ko") == "2025년 2월 11일 (화)"
    assert format_date(DAY, "en") == "Tuesday, 11 February 2025"
    assert format_date(dt.date(2025, 3, 2), "ko") == "2025년 3월 2일 (일)"


# ---- size, cache, templates ------------------------------------------------------------------


def test_sixty_item_issue_stays_under_gmail_clipping(make_settings: SettingsFactory) -> None:
    rng = random.Random(60)
    items = [
        (
            REGION_ORDER[i % 5],
            Summary(
                text=korean_summary(rng, rng.randint(300, 500)),
                url=f"https://www.example-news.co.kr/article/2025/02/11/{i:06d}?from=brief",
                source="예시일보",
            ),
        )
        for i in range(60)
    ]
    rendered = Renderer(settings_for(make_settings)).render(make_issue(items))
    assert make_issue(items).item_count == 60
    personal_url = "https://news.example.com/u/" + "t" * 60
    html = rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, personal_url)
    size = len(html.replace(PREFERENCES_PLACEHOLDER, personal_url).encode("utf-8"))
    assert size < GMAIL_CLIP_BYTES, f"{size} bytes: Gmail would clip this issue"


def test_an_issue_gmail_would_clip_is_logged(
    make_settings: SettingsFactory, caplog: pytest.LogCaptureFixture
) -> None:
    rng = random.Random(1)
    items = [(Region.US, Summary(text=korean_summary(rng, 900))) for _ in range(60)]
    with caplog.at_level("WARNING", logger="newsletter.render"):
        Renderer(settings_for(make_settings)).render(make_issue(items))
    assert "Gmail shows only the first 102 KB" in caplog.text


def test_rendering_happens_once_per_section_set(make_settings: SettingsFactory) -> None:
    calls: list[int] = []

    def counting_inliner(html: str) -> str:
        calls.append(1)
        return inline_css(html)

    renderer = Renderer(settings_for(make_settings), inliner=counting_inliner)
    issue = make_issue(KO_ITEMS)
    first = renderer.render(issue)
    again = renderer.render(make_issue(KO_ITEMS))  # equal content, a new object
    assert again is first
    assert len(calls) == 1

    us_only = renderer.render(issue.only(frozenset({Region.US})))
    assert renderer.render(issue.only(frozenset({Region.US}))) is us_only
    assert us_only.regions == frozenset({Region.US})
    assert "중국" not in us_only.subject
    assert renderer.render(issue, test=True) is not first
    assert len(calls) == 3


def test_operator_templates_override_file_by_file(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    custom = tmp_path / "brand"
    custom.mkdir()
    css = (bundled_templates_dir() / "issue.css").read_text(encoding="utf-8")
    (custom / "issue.css").write_text(css.replace("#2c5282", "#8a1538"), encoding="utf-8")
    rendered = Renderer(settings_for(make_settings, templates_dir=custom)).render(
        make_issue(KO_ITEMS)
    )
    assert "#8a1538" in rendered.html and "#2c5282" not in rendered.html
    assert "미국" in rendered.html  # the rest came from the bundled templates


def test_broken_operator_template_names_file_and_line(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    custom = tmp_path / "brand"
    (custom / "partials").mkdir(parents=True)
    (custom / "partials" / "footer.html.j2").write_text(
        "<tr><td>\n{{ no_such_value }}</td></tr>\n", encoding="utf-8"
    )
    renderer = Renderer(settings_for(make_settings, templates_dir=custom))
    with pytest.raises(TemplateError, match=r"footer\.html\.j2:2.*no_such_value"):
        renderer.render(make_issue(KO_ITEMS))

    (custom / "issue.txt.j2").write_text("{% for x in %}\n", encoding="utf-8")
    (custom / "partials" / "footer.html.j2").unlink()
    with pytest.raises(TemplateError, match=r"issue\.txt\.j2:1"):
        Renderer(settings_for(make_settings, templates_dir=custom)).render(make_issue(KO_ITEMS))


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("{{ 1 // 0 }}", "by zero"),
        ("{{ 2.0 ** 10000 }}", ""),  # OverflowError; its wording varies by platform
        ("{{ {}['missing'] }}", "missing"),
    ],
)
def test_any_error_an_operator_template_raises_names_file_and_line(
    make_settings: SettingsFactory, tmp_path: Path, expression: str, reason: str
) -> None:
    custom = tmp_path / "brand"
    custom.mkdir()
    bundled = (bundled_templates_dir() / "issue.txt.j2").read_text(encoding="utf-8")
    line = bundled.count("\n") + 1
    (custom / "issue.txt.j2").write_text(bundled + expression + "\n", encoding="utf-8")
    renderer = Renderer(settings_for(make_settings, templates_dir=custom))
    with pytest.raises(TemplateError, match=rf"issue\.txt\.j2:{line}: .*{re.escape(reason)}"):
        renderer.render(make_issue(KO_ITEMS))


def test_an_operator_template_not_in_utf8_is_named(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "issue.txt.j2").write_bytes("구독 해지\n".encode("cp949"))
    with pytest.raises(TemplateError, match=r"issue\.txt\.j2.*UTF-8"):
        Renderer(settings_for(make_settings, templates_dir=custom)).render(make_issue(KO_ITEMS))


def test_a_templates_dir_that_is_not_a_folder_is_refused(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    # The loader would fall back to the bundled templates: unbranded mail would go out.
    missing = tmp_path / "brnad"
    with pytest.raises(ConfigError, match=r"NEWSLETTER_TEMPLATES_DIR: .*brnad does not exist"):
        Renderer(settings_for(make_settings, templates_dir=missing))
    a_file = tmp_path / "brand.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"NEWSLETTER_TEMPLATES_DIR: .*brand\.txt is a file"):
        Renderer(settings_for(make_settings, templates_dir=a_file))


def test_bundled_templates_are_found() -> None:
    folder = bundled_templates_dir()
    for name in ("issue.html.j2", "issue.txt.j2", "issue.css"):
        assert (folder / name).is_file()
