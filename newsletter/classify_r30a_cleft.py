"""Round thirty, part a (issue 13): a Korean cleft inside a report.

"지난해 발주량의 절반 이상을 쓸어 담은 것은 한국 조선사가 아니라 중국 조선소들이었다고 영국
… 클락슨리서치가 집계했다": round twenty-one's cleft reader (`classify_tables.KO_CLEFT`) asks
for the copula at the sentence's end, so a cleft reported by a speaker after it ("…였다고 X가
밝혔다/집계했다/분석했다") went to the speaker. The cleft names the story's actor whoever
reports it; the speaker only counts, as "…했다고 대만 국방부가 밝혔다" is the clause's story
when the clause names its subject. This gives the cleft reader the sentence up to the copula,
where the speaker is only a source: an outlet, or a body the tables lack named by its country
("영국 … 분석기관 클락슨리서치가"); a speaker the tables know keeps its own reading. A cleft
whose names are a people (한국인, 중국인: "방일 관광객 수를 끌어올린 것은 중국인이 아니라
한국인이었다고 일본정부관광국이 밝혔다", Japan's tourism count) names a crowd counted, no actor,
and keeps the speaker's reading too.
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_tables import lazy_pattern

# A speaker that is only a source: an outlet, or a firm the tables lack named by its country.
_SOURCES = ("country", "media")

# The copula closed by 고, then a speaker of up to six words and a report verb at the end.
_REPORTED = lazy_pattern(
    r"(?:이었|였|이)다(?P<cut>고)\s(?:[^\s.]+\s){1,6}?"
    r"(?:밝혔|발표했|전했|집계했|분석했|공시했|확인했|보도했|추산했|말했|설명했)다[.]?\s*$"
)


def cleft_end(text: str, start: int, end: int, mentions: list[Any]) -> int:
    """Where a cleft's copula ends: before a reported cleft's 고, else the sentence's end."""
    if "다고 " not in text[start:end]:
        return end
    found = _REPORTED().search(text, start, end)
    if found is None or any(
        found.end("cut") <= m.start < end and m.entry.kind not in _SOURCES for m in mentions
    ):
        return end  # a speaker the tables know is an actor of its own
    if any(
        start <= m.start < found.start()
        and m.entry.kind == "country"
        and m.entry.surface[-1] == "인"
        for m in mentions
    ):
        return end  # a people counted ("…끌어올린 것은 한국인이었다고 일본정부관광국이"): no actor
    return found.start("cut")
