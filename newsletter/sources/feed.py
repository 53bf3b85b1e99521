"""RSS 2.0 and Atom feeds, through feedparser.

A feed holds many days; an issue wants one. An entry belongs to the issue of the calendar day
on which it was published *in the issue's time zone*: at 2025-02-10T23:30Z it is already the
morning of 2025-02-11 in Seoul, and that is the issue it goes into.

Entries without any date cannot be placed on a day. They are included (a feed that never
dates its entries would otherwise never deliver anything) and each is reported as a problem,
so an operator who sees the same story every morning knows why.

Descriptions are HTML more often than not; they are turned into plain text with the standard
library's HTML parser (entities unescaped, scripts and styles dropped), because the renderer
escapes everything it is given and a summary must not carry markup into the e-mail.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html.parser
import io
import zoneinfo
from typing import Any

from newsletter.errors import SourceError
from newsletter.models import LoadResult, Problem, Summary
from newsletter.sources.base import no_summaries
from newsletter.sources.jsonl import is_web_url
from newsletter.sources.text import normalize_space

# Elements whose text is never prose, and elements that end a run of text: without a space
# at </p> or <br>, "first.</p><p>Second" would read "first.Second".
_INVISIBLE = frozenset({"script", "style", "head", "title", "noscript", "template"})
_BREAKING = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip


class _TextExtractor(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self._hidden_depth += 1
        elif tag in _BREAKING:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKING:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BREAKING:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags gone, entities decoded, whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return normalize_space("".join(extractor.parts))


def parse_feed(
    data: bytes,
    where: str,
    day: dt.date,
    tz: zoneinfo.ZoneInfo,
    *,
    content_type: str | None = None,
) -> LoadResult:
    """The entries of an RSS/Atom document published on `day` in `tz`, as summaries.

    `content_type` (from an HTTP response) lets feedparser honour the declared charset.
    Raises SourceError when the document is not a feed, or when no entry falls on `day`
    (the message says which days the feed does cover).
    """
    import feedparser  # heavy; only feeds need it

    headers = {"content-type": content_type} if content_type else {}
    # A stream, never a str: given a str, feedparser would try it as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    problems: list[Problem] = []
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception") or "unknown error"
        hint = " (the server sent an HTML page)" if _is_html(content_type) else ""
        raise SourceError(f"{where} is not a valid RSS or Atom feed{hint}: {reason}")
    if parsed.bozo:
        problems.append(
            Problem(
                where,
                f"feed is not well-formed ({parsed.bozo_exception}); read it anyway",
                kept=True,
            )
        )
    if not parsed.entries:
        if not parsed.get("version"):
            raise SourceError(f"{where} is not an RSS or Atom feed")
        raise SourceError(f"{where} is a feed with no entries")

    feed_title = normalize_space(parsed.feed.get("title", "")) or None
    summaries: list[Summary] = []
    other_days: list[dt.date] = []
    for index, entry in enumerate(parsed.entries, start=1):
        origin = entry.get("id") or entry.get("link") or f"{where}#entry-{index}"
        published = _published(entry, tz)
        if published is None:
            problems.append(
                Problem(origin, f"entry has no date; included in the {day} issue", kept=True)
            )
        elif published.date() != day:
            other_days.append(published.date())
            continue
        summary = _summary(entry, origin, published, feed_title, problems)
        if summary is not None:
            summaries.append(summary)

    if not summaries:
        raise _nothing_on(day, tz, where, parsed, problems, other_days)
    return LoadResult(summaries=summaries, problems=problems, location=where)


def _nothing_on(
    day: dt.date,
    tz: zoneinfo.ZoneInfo,
    where: str,
    parsed: Any,
    problems: list[Problem],
    other_days: list[dt.date],
) -> SourceError:
    if parsed.bozo:
        # A cut-off document can still yield fragments of entries; the cause is the document.
        return SourceError(f"{where} is not a valid RSS or Atom feed: {parsed.bozo_exception}")
    skipped = len(parsed.entries) - len(other_days)
    if other_days and not skipped:
        return SourceError(
            f"{where} has no entries published on {day} ({tz.key}): its {len(other_days)}"
            f" dated entries run from {min(other_days)} to {max(other_days)}"
        )
    return no_summaries(where, problems, skipped, "entries")


def _published(entry: Any, tz: zoneinfo.ZoneInfo) -> dt.datetime | None:
    # feedparser normalizes every date it understands to a UTC struct_time.
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).astimezone(tz)


def _summary(
    entry: Any,
    origin: str,
    published: dt.datetime | None,
    feed_title: str | None,
    problems: list[Problem],
) -> Summary | None:
    text = _entry_text(entry)
    if not text:
        problems.append(Problem(origin, "entry has no summary, description or content; skipped"))
        return None
    title = _detail_text(entry.get("title_detail"), entry.get("title")) or None
    link = entry.get("link") or None
    if link is not None and not is_web_url(link):
        problems.append(
            Problem(origin, f"link {link!r} dropped: only http and https links are kept", kept=True)
        )
        link = None
    source_element = entry.get("source") or {}
    source = normalize_space(source_element.get("title", "")) or feed_title
    return Summary(
        text=text,
        title=title,
        url=link,
        source=source,
        published=published,
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    text = _detail_text(entry.get("summary_detail"), entry.get("summary"))
    if text:
        return text
    for content in entry.get("content") or ():
        text = _detail_text(content, content.get("value"))
        if text:
            return text
    return ""


def _detail_text(detail: Any, value: str | None) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html")
    if kind == "text/plain":
        return normalize_space(value)
    return html_to_text(value)


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() == "text/html"
