"""Stage 1: load the day's summaries from a file or URL.

    load_summaries("news/{date}.jsonl", day, tz)       -> LoadResult(summaries, problems, location)

The location is a path or an http(s) URL; "{date}" in it becomes the issue's date
(YYYY-MM-DD). The format is chosen by the name's extension, then by the HTTP Content-Type,
then by the content itself:

    .txt .text              plain text, one summary per line        (sources.text)
    .json .jsonl .ndjson    JSON records                            (sources.jsonl)
    .xml .rss .atom         RSS 2.0 / Atom, entries of `day` in tz  (sources.feed)
    anything else           a feed if it starts with "<", JSON if it parses, else text

Lines and records that cannot be used come back as problems ("where:line: why") and never
stop the load. A source that cannot be read at all, or yields no summary, raises SourceError
(EmptySourceError, carrying the problems, when it was read but nothing in it was usable).
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import importlib.resources
import logging
import urllib.parse
import zoneinfo
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from newsletter.errors import SourceError
from newsletter.models import LoadResult, Problem
from newsletter.sources.base import EmptySourceError, no_summaries
from newsletter.text import looks_like_cp949

if TYPE_CHECKING:
    from newsletter.sources.fetch import Fetched

# urllib.request pulls in ssl and http.client, and the feed module feedparser: all are imported
# where they are used, so that importing this package (as the CLI does) stays cheap.

__all__ = [
    "EmptySourceError",
    "expand_location",
    "load_summaries",
    "sample_location",
]

log = logging.getLogger(__name__)

DATE_PLACEHOLDER = "{date}"
SAMPLE_FILE = "sample-day.jsonl"

Format = Literal["text", "json", "feed"]
_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_CONTENT_TYPES: dict[str, Format] = {
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "json",
    "application/jsonl": "json",
    "application/jsonlines": "json",
}
# What one unusable unit is called in each format, for "N lines skipped".
_UNIT = {"text": "lines", "json": "records"}


def expand_location(location: str, day: dt.date) -> str:
    """ "news/{date}.txt" -> "news/2025-02-11.txt". Only "{date}" is special: other braces
    (in a URL's query, say) are left as they are."""
    return location.replace(DATE_PLACEHOLDER, day.isoformat())


def load_summaries(
    location: str, day: dt.date, tz: zoneinfo.ZoneInfo, *, timeout: float = 30.0
) -> LoadResult:
    """Read the summaries for `day` from `location` (a path or http(s) URL, "{date}" expanded).

    `tz` decides which calendar day a feed entry belongs to, and is the zone of JSON
    `published` values written without an offset. `timeout` bounds each network operation.
    """
    expanded = expand_location(location.strip(), day)
    fetched = _fetch(expanded, timeout)
    if not fetched.data.strip():
        raise SourceError(f"{expanded} is empty")
    kind = detect_format(fetched)
    result = _parse(kind, fetched, day, tz)
    if not result.summaries:
        # Feeds raise their own, more telling, error; in text and JSON every problem of an
        # empty result is one line or record skipped.
        raise no_summaries(expanded, result.problems, len(result.problems), _UNIT[kind])
    log.info(
        "loaded %d summaries from %s (%s, %d problems)",
        len(result.summaries),
        expanded,
        kind,
        len(result.problems),
    )
    return LoadResult(summaries=result.summaries, problems=result.problems, location=expanded)


def sample_location() -> str:
    """Path of the bundled sample day, in the source tree or an installed wheel."""
    resource = importlib.resources.files("newsletter.sample").joinpath(SAMPLE_FILE)
    if isinstance(resource, Path):
        return str(resource)
    # Imported from a zip: the file needs a real path for as long as the process lives.
    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    return str(stack.enter_context(importlib.resources.as_file(resource)))


def detect_format(fetched: Fetched) -> Format:
    suffix = PurePosixPath(fetched.name).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    declared = _CONTENT_TYPES.get(_mime_type(fetched.content_type))
    if declared:
        return declared
    head = fetched.data[:4096].decode("utf-8", errors="replace").removeprefix("\ufeff").lstrip()
    if head.startswith("<"):
        return "feed"
    from newsletter.sources.jsonl import looks_like_json

    if head.startswith(("{", "[")) and looks_like_json(_decode_by_line(fetched)[0]):
        return "json"
    return "text"


def _fetch(location: str, timeout: float) -> Fetched:
    from newsletter.sources.fetch import Fetched, fetch_url, is_url, read_file

    if is_url(location):
        return fetch_url(location, timeout=timeout)
    try:
        parts = urllib.parse.urlsplit(location)
    except ValueError as error:  # "file://[::1/x": a bracket urllib reads as an IPv6 host
        raise SourceError(f"{location} is not a valid path or URL: {error}") from None
    if parts.scheme.lower() == "file":
        from urllib.request import url2pathname

        path = url2pathname(parts.path)
        fetched = read_file(path)
        return Fetched(data=fetched.data, location=location, name=fetched.name)
    if "://" in location:
        raise SourceError(f"cannot read {location}: only files and http(s) URLs are supported")
    return read_file(location)


def _parse(kind: Format, fetched: Fetched, day: dt.date, tz: zoneinfo.ZoneInfo) -> LoadResult:
    if kind == "feed":
        from newsletter.sources.feed import parse_feed

        return parse_feed(
            fetched.data, fetched.location, day, tz, content_type=fetched.content_type
        )
    text, undecodable = _decode_by_line(fetched)
    if kind == "json":
        from newsletter.sources.jsonl import is_json_lines, parse_json

        if undecodable and not is_json_lines(text):
            _decode(fetched)  # a document cannot lose a line and stay JSON: refused whole
        result = parse_json(text, fetched.location, tz)
    else:
        from newsletter.sources.text import parse_text

        result = parse_text(text, fetched.location)
    if not undecodable:
        return result
    problems = sorted([*undecodable, *result.problems], key=_line_of)
    return LoadResult(summaries=result.summaries, problems=problems, location=result.location)


def _line_of(problem: Problem) -> int:
    tail = problem.where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _decode_by_line(fetched: Fetched) -> tuple[str, list[Problem]]:
    """Text and JSON Lines hold one record a line, so one line of bad UTF-8 (a corrupted story)
    costs that line only: it is blanked and reported by line, and the others still go. A file
    that is not UTF-8 at all (CP949 from Windows, most lines bad) is refused whole, with the
    hint. A BOM starting a later line (two files joined with `cat`) is dropped like the first."""
    try:
        return _decode(fetched), []
    except SourceError:
        charset = _charset(fetched.content_type) or "utf-8"
        if charset.replace("_", "-").lower() not in ("utf-8", "utf8"):
            raise
        if looks_like_cp949(fetched.data):
            raise
    lines: list[str] = []
    problems: list[Problem] = []
    for number, raw in enumerate(fetched.data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError as error:
            lines.append("")
            problems.append(
                Problem(
                    f"{fetched.location}:{number}",
                    f"not UTF-8 text (byte 0x{raw[error.start]:02x} at column"
                    f" {error.start + 1}): fix the line or save the file as UTF-8",
                )
            )
    if len(problems) * 2 > sum(1 for raw in fetched.data.split(b"\n") if raw.strip()):
        _decode(fetched)  # mostly undecodable: another encoding, refused whole with its hint
    return "\n".join(lines), problems


def _decode(fetched: Fetched) -> str:
    """UTF-8 (a BOM is fine, also at the start of a later line), or the charset an HTTP
    server declared."""
    charset = _charset(fetched.content_type) or "utf-8"
    if charset.replace("_", "-").lower() in ("utf-8", "utf8"):
        charset = "utf-8-sig"
    try:
        text = fetched.data.decode(charset)
    except LookupError:
        raise SourceError(f"{fetched.location} declares an unknown charset {charset!r}") from None
    except UnicodeDecodeError as error:
        line = fetched.data.count(b"\n", 0, error.start) + 1
        hint = None
        if charset == "utf-8-sig" and looks_like_cp949(fetched.data):
            hint = "it looks like EUC-KR/CP949: convert it with `iconv -f cp949 -t utf-8`"
        raise SourceError(
            f"{fetched.location} is not valid {charset.removesuffix('-sig').upper()} text"
            f" (byte 0x{fetched.data[error.start]:02x} on line {line})",
            hint=hint,
        ) from None
    return text.replace("\n\ufeff", "\n")


def _mime_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    import email.message

    message = email.message.Message()
    message["content-type"] = content_type
    charset = message.get_content_charset()
    return charset or None
