"""Stage 1: loading summaries from text, JSON/JSONL and RSS/Atom, from files and over HTTP."""

from __future__ import annotations

import csv
import datetime as dt
import http.server
import json
import re
import threading
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsletter.errors import SourceError
from newsletter.models import Region
from newsletter.sources import (
    EmptySourceError,
    expand_location,
    load_summaries,
    sample_location,
)
from newsletter.sources.feed import html_to_text
from newsletter.sources.fetch import USER_AGENT, fetch_url
from newsletter.sources.text import chrome_reason, parse_text

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
UTC = zoneinfo.ZoneInfo("UTC")
DAY = dt.date(2025, 2, 11)

KOREAN = (
    "국내 반도체 업계가 하반기 설비 투자를 늘리기로 했다."
    " 인공지능 서버 수요가 예상보다 빠르게 늘고 있다는 판단이다."
)
ENGLISH = "Shipping rates between Asia and Europe rose for a third week as carriers cut capacity."


def load(location: str | Path, day: dt.date = DAY, tz: zoneinfo.ZoneInfo = SEOUL):
    return load_summaries(str(location), day, tz)


def lines_of(problems) -> list[int]:
    return [int(p.where.rsplit(":", 1)[1]) for p in problems]


# --- plain text ---------------------------------------------------------------------------


def test_text_skips_chrome_and_reports_each_line(tmp_path: Path) -> None:
    lines = [
        "Skip to main content",  # 1
        "",  # 2: blank, skipped silently
        ENGLISH,  # 3
        "Advertisement",  # 4
        "Home | World | Business | Technology | Markets | Opinion | Video",  # 5
        KOREAN,  # 6
        "Share",  # 7
        "© 2025 Example News. All rights reserved.",  # 8
        "삼성전자 2분기 영업이익 시장 예상 크게 웃돌아…반도체 회복 뚜렷",  # 9: a headline
        "   ",  # 10: whitespace only, skipped silently
        "[속보] 한국은행이 기준금리를 동결했다. 물가와 환율을 함께 고려했다는 설명이다.",  # 11
    ]
    # A BOM and Windows line ends, as Notepad saves a file.
    path = tmp_path / "day.txt"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))

    result = load(path)

    assert [s.text for s in result.summaries] == [ENGLISH, KOREAN, lines[10]]
    assert [s.origin for s in result.summaries] == [f"{path}:3", f"{path}:6", f"{path}:11"]
    assert lines_of(result.problems) == [1, 4, 5, 7, 8, 9]
    reasons = {int(p.where.rsplit(":", 1)[1]): p.reason for p in result.problems}
    assert "too short" in reasons[1]
    assert "navigation menu" in reasons[5]
    assert "copyright" in reasons[8]
    assert "no sentence-ending punctuation" in reasons[9]
    assert result.location == str(path)


def test_shared_seed_file_yields_twenty_summaries_and_one_problem() -> None:
    seed = SHARED / "seed-summaries-ko.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is not laid out beside the repository")

    result = load(seed)

    assert len(result.summaries) == 20
    assert [p.where for p in result.problems] == [f"{seed}:1"]
    assert "Skip to main content" in result.problems[0].reason
    # The origins line up with the labels file, which counts lines the same way.
    labels = [json.loads(line) for line in (SHARED / "seed-labels.jsonl").read_text().splitlines()]
    for summary, label in zip(result.summaries, labels, strict=True):
        assert summary.origin == f"{seed}:{label['line']}"
        assert summary.text.startswith(label["starts_with"])


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "본문 바로가기",
        "Advertisement",
        "Sign in to continue reading",
        "Markets › Asia › Technology › Semiconductors",
        "ⓒ 샘플뉴스, 무단 전재 및 재배포 금지. 기사 제보는 이메일로 보내 주세요.",
        "Samsung second-quarter profit beats forecasts as chip demand recovers",
    ],
)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert chrome_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        KOREAN,
        ENGLISH,
        "Markets fell sharply on Monday.",
        "일본 정부가 반도체 보조금을 내년에 두 배로 늘린다.",
        "The minister said: “Exports will recover next quarter.”",
        # A summary that lost only its final full stop is still long prose.
        "The central bank held its policy rate steady and signalled that two cuts may follow later",
    ],
)
def test_prose_lines_are_kept(line: str) -> None:
    assert chrome_reason(line) is None


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\n"), max_size=80)
    )
)
def test_every_non_blank_line_is_either_a_summary_or_a_problem(lines: list[str]) -> None:
    result = parse_text("\n".join(lines), "f")
    accounted = sorted(
        [int(s.origin.rsplit(":", 1)[1]) for s in result.summaries] + lines_of(result.problems)
    )
    expected = [n for n, line in enumerate(lines, start=1) if line.replace("\r", "").split()]
    assert accounted == expected


def test_text_in_another_encoding_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "euc-kr.txt"
    path.write_bytes(("Skip to main content\n" + KOREAN + "\n").encode("cp949"))

    with pytest.raises(SourceError) as caught:
        load(path)

    assert str(path) in str(caught.value)
    assert "not valid UTF-8" in str(caught.value)
    assert "line 2" in str(caught.value)
    assert caught.value.hint and "cp949" in caught.value.hint


# --- JSON and JSON Lines -------------------------------------------------------------------


def test_jsonl_bad_records_are_reported_by_line_and_good_ones_kept() -> None:
    path = DATA / "source_records.jsonl"

    result = load(path)

    by_line = {int(s.origin.rsplit(":", 1)[1]): s for s in result.summaries}
    assert sorted(by_line) == [1, 2, 8, 9, 10, 12]
    first = by_line[1]
    assert first.title == "Good record"
    assert first.url == "https://example.com/a"
    assert first.region is Region.EUROPE
    assert first.source == "Example News"
    assert first.published == dt.datetime(2025, 2, 11, 8, 30, tzinfo=SEOUL)
    # One bad optional field costs only that field.
    assert by_line[2].region is None
    assert by_line[8].url is None
    assert by_line[9].published is None
    assert by_line[12].url is None and by_line[12].title is None
    # A date without an offset is read in the zone; the region is case-insensitive.
    assert by_line[10].published == dt.datetime(2025, 2, 11, 8, 30, tzinfo=SEOUL)
    assert by_line[10].region is Region.CHINA

    problems = [(int(p.where.rsplit(":", 1)[1]), p.reason) for p in result.problems]
    assert all(p.where.startswith(f"{path}:") for p in result.problems)
    expected = [
        (2, "unknown region 'Mars'"),
        (4, "invalid JSON"),
        (5, "expected an object, found a list"),
        (6, 'missing "text"'),
        (7, '"text" is empty'),
        (8, "'javascript:alert(1)' dropped: only http and https"),
        (9, "'yesterday morning' is not an ISO 8601"),
        (11, '"text" must be a string, found a number'),
        (12, '"title" must be a string'),
        (12, "'ftp://example.com/file' dropped"),
    ]
    assert len(problems) == len(expected)
    for (line, reason), (want_line, want_reason) in zip(problems, expected, strict=True):
        assert line == want_line
        assert want_reason in reason


def test_json_document_records_point_at_the_line_they_start_on() -> None:
    path = DATA / "source_records.json"

    result = load(path)

    assert [(s.origin, s.title) for s in result.summaries] == [
        (f"{path}:4", "First"),
        (f"{path}:11", None),
    ]
    assert result.summaries[0].url == "http://example.org/first"
    assert [(p.where, p.reason.split(":")[0]) for p in result.problems] == [
        (f"{path}:9", '"text" is empty'),
        (f"{path}:10", "expected an object, found a string"),
        (f"{path}:11", "unknown region 'Atlantis' (expected one of"),
    ]


def test_json_list_document_and_jsonl_named_json(tmp_path: Path) -> None:
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"text": ENGLISH}, {"text": KOREAN, "region": "other"}]))
    lines = tmp_path / "lines.json"  # JSON Lines under a .json name is common enough
    lines.write_text(f'{{"text": "{ENGLISH}"}}\n{{"text": "{KOREAN}"}}\n')

    assert [s.region for s in load(listed).summaries] == [None, Region.OTHER]
    assert [s.origin for s in load(lines).summaries] == [f"{lines}:1", f"{lines}:2"]


def test_broken_json_document_is_one_error_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "fine"},\n  {"text": "missing quote}\n]\n')

    with pytest.raises(SourceError, match=r"broken\.json is not valid JSON: .* line 3"):
        load(path)


def test_json_that_holds_no_records_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"name": "not a list of summaries"}')

    with pytest.raises(SourceError, match="expected a list of objects"):
        load(path)


def test_jsonl_where_every_record_is_bad_raises_with_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "x"}\nnot json\n[1, 2]\n')

    with pytest.raises(EmptySourceError) as caught:
        load(path)

    assert str(caught.value) == f"{path} contains no summaries (3 records skipped: see above)"
    assert lines_of(caught.value.problems) == [1, 2, 3]


# --- RSS and Atom --------------------------------------------------------------------------


def test_rss_keeps_the_items_of_the_day_in_seoul() -> None:
    result = load(DATA / "source_feed.rss")

    assert [s.title for s in result.summaries] == [
        "Midnight in Seoul",  # 15:00Z on the 10th
        "Morning in Seoul & evening in London",  # 23:30Z on the 10th
        "Written with a Seoul offset",
        "Undated",
    ]
    midnight, morning, offset, undated = result.summaries
    assert midnight.published == dt.datetime(2025, 2, 11, 0, 0, tzinfo=SEOUL)
    assert midnight.origin == "https://example.com/rss/2"
    assert midnight.url == "https://example.com/rss/2"
    assert midnight.source == "Example Tech Wire"
    # HTML turned into plain text: entities decoded, the script dropped, paragraphs spaced.
    assert morning.text == (
        'Samsung & SK hynix shares rose in early trading. Analysts expect "strong" demand for'
        " AI memory."
    )
    assert morning.origin == "rss-item-3"
    assert morning.url is None
    assert offset.text.startswith("Bold claims")
    assert undated.published is None
    assert [(p.where, p.reason.split(" ")[0]) for p in result.problems] == [
        ("rss-item-3", "link"),
        ("https://example.com/rss/6", "entry"),
    ]
    assert "no date" in result.problems[1].reason


def test_the_same_rss_seen_from_utc_is_a_different_day() -> None:
    result = load(DATA / "source_feed.rss", tz=UTC)

    assert [s.title for s in result.summaries] == [
        "Written with a Seoul offset",
        "Midnight of the 12th in Seoul",
        "Undated",
    ]


def test_atom_entries_of_the_day_with_plain_and_html_content() -> None:
    result = load(DATA / "source_feed.atom")

    assert [s.origin for s in result.summaries] == ["urn:example:atom:2", "urn:example:atom:3"]
    plain, content_only = result.summaries
    assert plain.title == "Chips & tariffs"
    assert plain.text == "Plain text keeps its symbols: a < b & c, and <p> is not a tag here."
    assert plain.published == dt.datetime(2025, 2, 11, 8, 30, tzinfo=SEOUL)
    assert plain.source == "Example Atom News"
    assert plain.url == "https://example.org/atom/2"
    assert content_only.text == "Only a content element. Two paragraphs of it."
    assert result.problems == []


def test_a_feed_with_nothing_on_the_day_says_which_days_it_covers() -> None:
    with pytest.raises(SourceError) as caught:
        load(DATA / "source_feed.atom", day=dt.date(2025, 3, 1))

    message = str(caught.value)
    assert "no entries published on 2025-03-01 (Asia/Seoul)" in message
    assert "from 2025-02-10 to 2025-02-12" in message


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"<rss version='2.0'><channel><item><title>cut off", "not a valid RSS or Atom feed"),
        (b"<not really xml", "not a valid RSS or Atom feed"),
        (b"<html><body><p>a web page</p></body></html>", "not an RSS or Atom feed"),
        (b"<rss version='2.0'><channel><title>quiet</title></channel></rss>", "no entries"),
    ],
)
def test_malformed_or_empty_feeds_raise(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(content)

    with pytest.raises(SourceError, match=match):
        load(path)


def test_feed_whose_entries_of_the_day_have_no_text(tmp_path: Path) -> None:
    path = tmp_path / "titles.rss"
    items = [("a", "Tue, 11 Feb 2025 01:00 GMT"), ("b", "Tue, 11 Feb 2025 02:00 GMT")]
    items.append(("c", "Sat, 01 Feb 2025 02:00 GMT"))  # another day: not counted as skipped
    path.write_text(
        "<rss version='2.0'><channel><title>Titles only</title>"
        + "".join(f"<item><guid>{g}</guid><pubDate>{d}</pubDate></item>" for g, d in items)
        + "</channel></rss>"
    )

    with pytest.raises(EmptySourceError) as caught:
        load(path)

    assert str(caught.value) == f"{path} contains no summaries (2 entries skipped: see above)"
    assert [p.where for p in caught.value.problems] == ["a", "b"]
    assert "no summary, description or content" in caught.value.problems[0].reason


def test_html_to_text() -> None:
    assert html_to_text("<p>One&nbsp;&amp; two</p><p>three<br>four</p>") == "One & two three four"
    assert html_to_text("<style>p{}</style><b>bold</b>, <i>it</i>") == "bold, it"
    assert html_to_text("&lt;tag&gt; &#xAC00;") == "<tag> 가"


# --- locations, sniffing, failures ---------------------------------------------------------


def test_expand_location() -> None:
    assert expand_location("/srv/news/{date}.jsonl", DAY) == "/srv/news/2025-02-11.jsonl"
    assert expand_location("https://x.example/{date}?q={x}", DAY) == (
        "https://x.example/2025-02-11?q={x}"
    )
    assert expand_location("plain.txt", DAY) == "plain.txt"


def test_load_expands_the_date(tmp_path: Path) -> None:
    (tmp_path / "2025-02-11.txt").write_text(KOREAN + "\n")

    result = load(tmp_path / "{date}.txt")

    assert result.location == str(tmp_path / "2025-02-11.txt")
    assert result.summaries[0].origin == f"{tmp_path / '2025-02-11.txt'}:1"
    with pytest.raises(SourceError, match=r"2025-02-12\.txt"):
        load(tmp_path / "{date}.txt", day=dt.date(2025, 2, 12))


@pytest.mark.parametrize(
    ("content", "first_text"),
    [
        ((DATA / "source_feed.rss").read_bytes(), "Published at exactly midnight"),
        (b'{"text": "' + ENGLISH.encode() + b'"}\n{"text": "x y z"}\n', ENGLISH),
        # A text line may start with a bracket without being JSON.
        ("[속보] 한국은행이 기준금리를 동결했다. 물가를 고려했다는 설명이다.".encode(), "[속보]"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, content: bytes, first_text: str) -> None:
    path = tmp_path / "today.dat"
    path.write_bytes(content)

    assert load(path).summaries[0].text.startswith(first_text)


def test_file_url(tmp_path: Path) -> None:
    path = tmp_path / "day.txt"
    path.write_text(ENGLISH)

    assert load(path.as_uri()).summaries[0].text == ENGLISH


def test_missing_empty_and_directory_sources(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=re.escape(f"no such file: {tmp_path}/nope.txt")):
        load(tmp_path / "nope.txt")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n")
    with pytest.raises(SourceError, match=re.escape(f"{empty} is empty")):
        load(empty)
    with pytest.raises(SourceError, match="is a directory"):
        load(tmp_path)
    with pytest.raises(SourceError, match="only files and http"):
        load("ftp://example.com/day.txt")


def test_only_chrome_raises_with_the_skipped_lines(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Skip to main content\n\nAdvertisement\nShare\n")

    with pytest.raises(EmptySourceError) as caught:
        load(path)

    assert str(caught.value) == f"{path} contains no summaries (3 lines skipped: see above)"
    assert lines_of(caught.value.problems) == [1, 3, 4]


# --- over HTTP -----------------------------------------------------------------------------


class _Site:
    """A real HTTP server on 127.0.0.1 with canned routes; records the requests it saw."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.user_agents: list[str] = []
        self.unsized: set[str] = set()  # routes sent without Content-Length, as a stream
        self.release = threading.Event()  # lets a deliberately slow route finish
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.user_agents.append(self.headers.get("User-Agent", ""))
                if self.path == "/slow":
                    site.release.wait(30)
                status, content_type, body = site.routes.get(
                    self.path, (404, "text/html", b"<h1>Not Found</h1>")
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if self.path in site.unsized:
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def site() -> Iterator[_Site]:
    running = _Site()
    running.thread.start()
    try:
        yield running
    finally:
        running.release.set()
        running.server.shutdown()
        running.server.server_close()


def test_feed_over_http_without_an_extension(site: _Site) -> None:
    rss = (DATA / "source_feed.rss").read_bytes()
    site.routes["/feed"] = (200, "application/rss+xml; charset=utf-8", rss)

    result = load_summaries(f"{site.base}/feed", DAY, SEOUL, timeout=5)

    assert len(result.summaries) == 4
    assert result.location == f"{site.base}/feed"
    assert site.user_agents == [USER_AGENT]


def test_jsonl_over_http_with_the_date_in_the_url(site: _Site) -> None:
    body = (DATA / "source_records.jsonl").read_bytes()
    site.routes["/days/2025-02-11.jsonl"] = (200, "application/octet-stream", body)

    result = load_summaries(f"{site.base}/days/{{date}}.jsonl", DAY, SEOUL, timeout=5)

    url = f"{site.base}/days/2025-02-11.jsonl"
    assert result.location == url
    assert [s.origin for s in result.summaries][:2] == [f"{url}:1", f"{url}:2"]
    assert f"{url}:4" in [p.where for p in result.problems]


def test_text_over_http_in_the_declared_charset(site: _Site) -> None:
    site.routes["/today"] = (200, "text/plain; charset=euc-kr", KOREAN.encode("euc-kr"))

    result = load_summaries(f"{site.base}/today", DAY, SEOUL, timeout=5)

    assert [s.text for s in result.summaries] == [KOREAN]


def test_http_404_is_a_source_error(site: _Site) -> None:
    with pytest.raises(SourceError, match=re.escape(f"HTTP 404 from {site.base}/missing.jsonl")):
        load_summaries(f"{site.base}/missing.jsonl", DAY, SEOUL, timeout=5)


def test_html_page_instead_of_a_feed(site: _Site) -> None:
    site.routes["/news"] = (200, "text/html", b"<html><body><p>a page")

    with pytest.raises(SourceError, match=r"not .*RSS or Atom feed"):
        load_summaries(f"{site.base}/news", DAY, SEOUL, timeout=5)


def test_http_timeout_is_a_source_error(site: _Site) -> None:
    site.routes["/slow"] = (200, "text/plain", ENGLISH.encode())

    with pytest.raises(SourceError, match=r"timed out after 0\.5s"):
        load_summaries(f"{site.base}/slow", DAY, SEOUL, timeout=0.5)


def test_http_size_cap(site: _Site) -> None:
    site.routes["/big.txt"] = (200, "text/plain", b"x" * 2000)

    with pytest.raises(SourceError, match=r"2000 bytes, more than the 1000 bytes cap"):
        fetch_url(f"{site.base}/big.txt", timeout=5, max_bytes=1000)
    assert len(fetch_url(f"{site.base}/big.txt", timeout=5, max_bytes=2000).data) == 2000


def test_http_size_cap_without_content_length(site: _Site) -> None:
    site.routes["/stream.txt"] = (200, "text/plain", b"x" * 2000)
    site.unsized.add("/stream.txt")

    with pytest.raises(SourceError, match=r"sent more than 1000 bytes"):
        fetch_url(f"{site.base}/stream.txt", timeout=5, max_bytes=1000)


def test_unreachable_server_is_a_source_error(site: _Site) -> None:
    base = site.base
    site.server.shutdown()
    site.server.server_close()

    with pytest.raises(SourceError, match=re.escape(f"cannot reach {base}/gone")):
        load_summaries(f"{base}/gone", DAY, SEOUL, timeout=5)


# --- the bundled sample --------------------------------------------------------------------


def test_sample_day_loads_cleanly() -> None:
    location = sample_location()

    result = load(location)

    assert Path(location).name == "sample-day.jsonl"
    assert len(result.summaries) >= 12
    assert result.problems == []
    # The classifier files them; the sample does not give the answer away.
    assert all(s.region is None for s in result.summaries)
    assert all(s.url is None or s.url.startswith("https://example.com/") for s in result.summaries)


def test_sample_text_twin_holds_the_same_summaries() -> None:
    jsonl = load(sample_location())
    text = load(Path(sample_location()).with_name("sample-day.txt"))

    assert [s.text for s in text.summaries] == [s.text for s in jsonl.summaries]
    assert lines_of(text.problems) == [1]  # the chrome line at the top


def test_sample_subscribers_csv() -> None:
    path = Path(sample_location()).with_name("subscribers.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    assert len(rows) == 5
    assert all(row["email"].endswith(("@example.com", "@example.org")) for row in rows)
    assert {Region.US, Region.CHINA} in [Region.parse_list(row["regions"]) for row in rows]


@pytest.mark.parametrize(
    "location",
    ["http://[::1/news.txt", "HTTPS://[x/feed.rss", "file://[::1/news.txt"],
)
def test_a_malformed_url_is_a_source_error_naming_it(location: str) -> None:
    # urllib raises ValueError while parsing, before any connection is tried.
    with pytest.raises(SourceError, match=re.escape(location)):
        load(location)


# --- one undecodable line, a BOM mid-file -----------------------------------------------------


def _jsonl(text: str) -> bytes:
    return (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode("utf-8")


@pytest.mark.parametrize("bad", [b"\xc3\x28", b"\xff", b"\xed\xa0\x80"])
def test_one_line_of_jsonl_with_bad_utf8_is_a_problem_and_the_others_go(
    tmp_path: Path, bad: bytes
) -> None:
    path = tmp_path / "day.jsonl"
    broken = b'{"text": "' + KOREAN.encode() + bad + b'"}\n'
    path.write_bytes(_jsonl(KOREAN) + _jsonl(ENGLISH) + b"\n" + broken + _jsonl(KOREAN + " 2"))

    result = load(path)

    assert [s.origin for s in result.summaries] == [f"{path}:1", f"{path}:2", f"{path}:5"]
    assert [p.where for p in result.problems] == [f"{path}:4"]
    reason = result.problems[0].reason
    assert "UTF-8" in reason and f"0x{bad[0]:02x}" in reason, reason
    assert result.problems[0].line.startswith("skipped"), result.problems[0].line


def test_one_text_line_with_bad_utf8_is_a_problem_and_the_others_go(tmp_path: Path) -> None:
    path = tmp_path / "day.txt"
    path.write_bytes(f"{KOREAN}\n{ENGLISH}\n".encode() + b"bad \xff " + ENGLISH.encode() + b"\n")

    result = load(path)

    assert [s.text for s in result.summaries] == [KOREAN, ENGLISH]
    assert [p.where for p in result.problems] == [f"{path}:3"]
    assert "0xff" in result.problems[0].reason


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_two_files_joined_with_cat_keep_the_record_after_the_second_bom(
    tmp_path: Path, suffix: str
) -> None:
    one = _jsonl(KOREAN) if suffix == ".jsonl" else f"{KOREAN}\n".encode()
    two = _jsonl(ENGLISH) if suffix == ".jsonl" else f"{ENGLISH}\n".encode()
    path = tmp_path / f"joined{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + one + b"\xef\xbb\xbf" + two)

    result = load(path)

    assert [s.text for s in result.summaries] == [KOREAN, ENGLISH]
    assert result.problems == []


def test_a_json_document_with_a_bad_byte_is_still_one_error_naming_the_line(
    tmp_path: Path,
) -> None:
    # A pretty-printed document cannot lose one line and stay JSON: the file is refused whole.
    path = tmp_path / "day.json"
    path.write_bytes(b'[\n  {"text": "' + KOREAN.encode() + b'"},\n  {"text": "x\xff"}\n]\n')
    with pytest.raises(SourceError, match=r"not valid UTF-8 text \(byte 0xff on line 3\)"):
        load(path)


def test_an_english_file_with_one_windows_1252_apostrophe_loses_that_line_only(
    tmp_path: Path,
) -> None:
    # An otherwise ASCII file with one curly apostrophe pasted from Word (0x92) happens to
    # decode as CP949 as a whole, but holds no Hangul: it is not a Korean file, so the bad
    # line is skipped by file:line and the other nine go.
    path = tmp_path / "en1252.txt"
    lines = [f"Story number {n} about the markets today.".encode() for n in range(1, 11)]
    lines[3] = b"Nintendo\x92s new console sells out in its first week."
    data = b"\n".join(lines) + b"\n"
    assert data.decode("cp949")  # the trap: the whole file reads as CP949
    path.write_bytes(data)

    result = load(path)

    assert len(result.summaries) == 9
    assert [p.where for p in result.problems] == [f"{path}:4"]
    assert "0x92" in result.problems[0].reason
