"""JSON and JSON Lines: one record per summary.

A record is an object with `text` (required) and `title`, `url`, `region`, `source`,
`published` (optional; other keys are ignored). The same parser reads three shapes:

    [{"text": ...}, ...]                  a JSON document holding a list
    {"items": [{"text": ...}, ...]}       ... or an object with an "items" list
    {"text": ...}\\n{"text": ...}\\n       JSON Lines (one object per line; .jsonl/.ndjson)

Problems point at the line where the record starts, in either shape, so an operator can jump
straight to it. A record without usable text is dropped; a record with one bad optional field
keeps its text and loses only that field, because one typo should not cost a reader a story:
a bad `url` (only http and https are linked from an e-mail), an unknown `region` (the
classifier files it instead), an unparseable `published`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import zoneinfo
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from newsletter.errors import SourceError, json_problem
from newsletter.models import LoadResult, Problem, Region, Summary
from newsletter.sources.text import normalize_space

_WHITESPACE = re.compile(r"[ \t\r\n]*")  # exactly the whitespace JSON allows between tokens
_DECODER = json.JSONDecoder()
OPTIONAL_STRING_FIELDS = ("title", "source")


def looks_like_json(text: str) -> bool:
    """True when `text` is a JSON document or JSON Lines (its first non-blank line parses).

    Used to sniff content whose name says nothing: a plain-text summary may well begin
    with "[" ("[속보] ..."), so the first character alone is not enough.
    """
    text = text.removeprefix("\ufeff").lstrip()
    if not text.startswith(("{", "[")):
        return False
    first_line = text.split("\n", 1)[0]
    return _parses(first_line) or _parses(text)


def is_json_lines(text: str) -> bool:
    """True when the first non-blank line is a JSON value of its own: one record a line, so a
    line can be left out without breaking the others (a document's first line is "[" or "{")."""
    first = next((line for line in text.removeprefix("\ufeff").split("\n") if line.strip()), "")
    return _parses(first)


def parse_json(text: str, where: str, tz: zoneinfo.ZoneInfo) -> LoadResult:
    """Parse a JSON document or JSON Lines into summaries and per-record problems.

    `tz` is given to a `published` value without an offset. Raises SourceError when the
    content is neither a usable document nor JSON Lines.
    """
    text = text.removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as whole_error:
        first = next((line for line in text.split("\n") if line.strip()), "")
        if not _parses(first):
            # Not JSON Lines either: a broken JSON document. One precise error beats a
            # problem for every line of a pretty-printed file.
            raise SourceError(
                f"{where} is not valid JSON: "
                + json_problem(whole_error, f"line {whole_error.lineno} column {whole_error.colno}")
            ) from None
        records = list(_json_lines(text))
    else:
        records = _document_records(document, text, where)

    summaries: list[Summary] = []
    problems: list[Problem] = []
    for line, record in records:
        origin = f"{where}:{line}"
        summary = _summary_from_record(record, origin, tz, problems)
        if summary is not None:
            summaries.append(summary)
    return LoadResult(summaries=summaries, problems=problems, location=where)


# A record as read: its starting line and either the decoded value or the decode error.
_Record = tuple[int, Any]


_Note = Callable[[str], None]


class _BadJson:
    def __init__(self, message: str) -> None:
        self.message = message


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _json_lines(text: str) -> list[_Record]:
    records: list[_Record] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            problem = json_problem(error, f"column {error.colno}")
            records.append((number, _BadJson(f"invalid JSON: {problem}")))
    return records


def _document_records(document: Any, text: str, where: str) -> list[_Record]:
    """The records of an already-validated document, each with the line it starts on.

    json.loads keeps no positions, so the document is walked a second time with
    raw_decode, which reports where each value ends.
    """
    start = _skip_ws(text, 0)
    if isinstance(document, list):
        return _array_elements(text, start)
    if isinstance(document, dict):
        if isinstance(document.get("items"), list):
            return _array_elements(text, _object_member(text, start, "items"))
        if "text" in document:
            return [(_line_at(text, start), document)]  # JSON Lines holding a single record
    raise SourceError(
        f'{where} holds JSON but not records: expected a list of objects or {{"items": [...]}}'
    )


def _skip_ws(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _array_elements(text: str, pos: int) -> list[_Record]:
    # `text` already parsed as a whole, so the walk cannot meet a syntax error.
    assert text[pos] == "["
    elements: list[_Record] = []
    pos = _skip_ws(text, pos + 1)
    if text[pos] == "]":
        return elements
    while True:
        value, end = _DECODER.raw_decode(text, pos)
        elements.append((_line_at(text, pos), value))
        pos = _skip_ws(text, end)
        if text[pos] == "]":
            return elements
        pos = _skip_ws(text, pos + 1)  # past the comma


def _object_member(text: str, pos: int, wanted: str) -> int:
    """Position of the value of the last `wanted` key (json.loads keeps the last duplicate)."""
    assert text[pos] == "{"
    found = -1
    pos = _skip_ws(text, pos + 1)
    while text[pos] != "}":
        key, end = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, _skip_ws(text, end) + 1)  # past the colon
        if key == wanted:
            found = pos
        _, end = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, end)
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return found


def _summary_from_record(
    record: Any, origin: str, tz: zoneinfo.ZoneInfo, problems: list[Problem]
) -> Summary | None:
    if isinstance(record, _BadJson):
        problems.append(Problem(origin, record.message))
        return None
    if not isinstance(record, dict):
        problems.append(Problem(origin, f"expected an object, found {_json_type(record)}"))
        return None
    raw_text = record.get("text")
    if raw_text is None:
        problems.append(Problem(origin, 'missing "text"'))
        return None
    if not isinstance(raw_text, str):
        problems.append(Problem(origin, f'"text" must be a string, found {_json_type(raw_text)}'))
        return None
    text = normalize_space(raw_text)
    if not text:
        problems.append(Problem(origin, '"text" is empty'))
        return None

    def note(reason: str) -> None:  # the record is kept; one of its fields is not
        problems.append(Problem(origin, reason, kept=True))

    fields: dict[str, str | None] = {}
    for name in OPTIONAL_STRING_FIELDS:
        fields[name] = _optional_string(record, name, note)
    return Summary(
        text=text,
        title=fields["title"],
        source=fields["source"],
        url=_url(record, note),
        region=_region(record, note),
        published=_published(record, tz, note),
        origin=origin,
    )


def _optional_string(record: dict[str, Any], name: str, note: _Note) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        note(f'"{name}" must be a string, found {_json_type(value)}; ignored')
        return None
    return normalize_space(value) or None


def _url(record: dict[str, Any], note: _Note) -> str | None:
    value = _optional_string(record, "url", note)
    if value is None:
        return None
    if not is_web_url(value):
        note(f'"url" {value!r} dropped: only http and https links are kept')
        return None
    return value


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL with a host: the only kind of link worth putting in an e-mail."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _region(record: dict[str, Any], note: _Note) -> Region | None:
    value = _optional_string(record, "region", note)
    if value is None:
        return None
    try:
        return Region.parse(value)
    except ValueError as error:
        note(f"{error}; region left to the classifier")
        return None


def _published(record: dict[str, Any], tz: zoneinfo.ZoneInfo, note: _Note) -> dt.datetime | None:
    value = _optional_string(record, "published", note)
    if value is None:
        return None
    parsed = parse_datetime(value, tz)
    if parsed is None:
        note(f'"published" {value!r} is not an ISO 8601 or RFC 2822 date; ignored')
    return parsed


def parse_datetime(value: str, tz: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """ISO 8601 ("2025-02-11", "2025-02-11T08:30:00+09:00", "...Z") or RFC 2822 (as feeds
    write it). A value without an offset is taken to be in `tz`, the issue's time zone."""
    parsed: dt.datetime | None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def _json_type(value: Any) -> str:
    match value:
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "a list"
        case dict():
            return "an object"
        case None:
            return "null"
    return type(value).__name__
