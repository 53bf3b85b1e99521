"""Round twenty-eight, part b (issue 13): a bare body named with its official.

"허야둥 상무부 대변인은 …", "왕원타오 상무부 부장이 …": a body every country has (상무부, 외교부,
국방부: `GENERIC_INSTITUTIONS`), between a person the tables place and that person's title, is
the person's country's, as "중국 상무부" is China's (`classify_mentions._attach_context`); the
tables' default (America's 상무부) named a Chinese spokesman's ministry American. The title must
follow the body: a person and a bare body side by side with no title ("…라고 밝힌 X 상무부는")
are two actors, and that reading stays.
"""

from __future__ import annotations

from typing import Any, Protocol

from newsletter.classify_tables import GENERIC_INSTITUTIONS, lazy_pattern


class _Named(Protocol):  # a `classify_mentions._Mention` (that module imports this one)
    start: int
    end: int
    suffix: str

    entry: Any  # an `_Entry`


# An official's title right after the body ("상무부 대변인", "외교부 부장", "국방부 장관").
_TITLE = lazy_pattern(r"\s(?:대변인|장관|부장|부부장|차관|차관보|국장|대사|위원장|청장|총재|대표)")


def official_before_body(text: str, prev: _Named, m: _Named) -> bool:
    """Whether `prev` is a person, right before the bare body `m` whose title follows it."""
    return (
        prev.entry.kind == "person"
        and not prev.suffix
        and m.entry.surface in GENERIC_INSTITUTIONS
        and prev.entry.region is not m.entry.region
        and text[prev.end : m.start] == " "
        and _TITLE().match(text, m.end) is not None
    )
