"""Stage 3: turn the day's classified summaries into an Issue. Pure: no I/O, no clock.

Sections follow REGION_ORDER, empty ones are left out, and items keep their input order.
A story that arrives twice (the same text, or text that differs only in whitespace, punctuation
or case) appears once, where it first arrived.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from newsletter.models import REGION_ORDER, Classified, Issue, Region, Section, Summary

_FORMAT_VERSION = 1


def dedupe_key(text: str) -> str:
    """What two summaries must share to count as the same story.

    NFKC folds full-width and compatibility forms (common in pasted Korean news) so that
    "ＡＩ" and "AI" agree; casefold handles case; punctuation and whitespace are dropped.
    Symbols (%, $, ₩) are kept: "3%" and "3$" are different news."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    key = "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("P", "Z", "C")))
    # Text made only of punctuation still needs a key; the stripped text keeps such items apart
    # from real stories while two identical ones still collapse.
    return key or text.strip()


def assemble(day: dt.date, classified: Iterable[Classified]) -> Issue:
    by_region: dict[Region, list[Classified]] = {region: [] for region in REGION_ORDER}
    seen: set[str] = set()
    for item in classified:
        key = dedupe_key(item.summary.text)
        if key in seen:
            continue
        seen.add(key)
        by_region[item.region].append(item)
    sections = tuple(Section(region, tuple(items)) for region, items in by_region.items() if items)
    return Issue(day, sections)


# ---- JSON-able round trip (stored with the issue so a resumed run sends the same content) ----


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    return {
        "version": _FORMAT_VERSION,
        "day": issue.day.isoformat(),
        "sections": [
            {
                "region": section.region.value,
                "items": [_classified_to_dict(item) for item in section.items],
            }
            for section in issue.sections
        ],
    }


def issue_from_dict(data: dict[str, Any]) -> Issue:
    version = data.get("version", _FORMAT_VERSION)
    if version != _FORMAT_VERSION:
        raise ValueError(f"stored issue has format version {version}, expected {_FORMAT_VERSION}")
    sections = tuple(
        Section(
            Region(section["region"]),
            tuple(_classified_from_dict(item) for item in section["items"]),
        )
        for section in data["sections"]
    )
    return Issue(dt.date.fromisoformat(data["day"]), sections)


def _classified_to_dict(item: Classified) -> dict[str, Any]:
    summary = item.summary
    return {
        "region": item.region.value,
        "reason": item.reason,
        "summary": {
            "text": summary.text,
            "title": summary.title,
            "url": summary.url,
            "region": summary.region.value if summary.region else None,
            "source": summary.source,
            "published": summary.published.isoformat() if summary.published else None,
            "origin": summary.origin,
        },
    }


def _classified_from_dict(data: dict[str, Any]) -> Classified:
    raw = data["summary"]
    summary = Summary(
        text=raw["text"],
        title=raw.get("title"),
        url=raw.get("url"),
        region=Region(raw["region"]) if raw.get("region") else None,
        source=raw.get("source"),
        published=dt.datetime.fromisoformat(raw["published"]) if raw.get("published") else None,
        origin=raw.get("origin", ""),
    )
    return Classified(summary=summary, region=Region(data["region"]), reason=data["reason"])
