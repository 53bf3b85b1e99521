"""Round twenty-eight, part b (issue 13): a bare body named with its official, or by its money;
and a denied name as background (at the end).

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
from newsletter.models import Region


class _Named(Protocol):  # a `classify_mentions._Mention` (that module imports this one)
    start: int
    end: int
    suffix: str

    entry: Any  # an `_Entry`


# An official's title right after the body ("상무부 대변인", "외교부 부장", "국방부 장관").
# Round 30a: or a compound title ending in one, "상무부 국제무역담판대표가", "외교부 군축대사는".
_TITLE = lazy_pattern(
    r"\s(?:대변인|장관|부장|부부장|차관|차관보|국장|대사|위원장|청장|총재|대표"
    r"|[가-힣]{1,8}(?:대변인|장관|부장|차관|국장|대사|위원장|청장|대표)"
    r"(?:[이가은는도의]|과|와|을|를)?(?=[\s,.]|$))"
)


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


# Federal governments are many (Germany's, Austria's, Switzerland's, Canada's, Brazil's); the
# tables give the bare 연방정부 to America, and a bare federal tax credit (round 29 b).
_FEDERAL = frozenset({"연방정부", "연방 세액공제", "연방 세액 공제", "연방세액공제"})
_FEDERAL |= {"연방하원", "연방상원", "연방의회"}  # the bare legislature (round thirty b)
# the bare federal court, "콴타스항공이 연방법원으로부터 9000만 호주달러의 벌금을" (round 38)
_FEDERAL |= {"연방법원"}


def federal_by_its_money(mentions: list[Any]) -> None:
    """ "…지멘스에너지에 연방정부가 75억 유로 규모의 보증을 서주기로 했다": a bare federal
    government in a summary that names America nowhere else, names no country or place, and
    counts its money in one other region's currency is that region's, as round sixteen reads
    a bare finance ministry by its currency (`classify_context.implied_main_subject`)."""
    bodies = [m for m in mentions if m.entry.surface in _FEDERAL]
    if not bodies or any(
        m.entry.region is Region.US or m.entry.kind in ("country", "place")
        for m in mentions
        if m not in bodies
    ):
        return  # America, or a country or place that may be the body's or its target
    money = [m.entry for m in mentions if m.entry.kind == "market"]
    if not money or len({entry.region for entry in money}) != 1:
        return
    if money[0].region in (Region.CHINA, Region.JAPAN):
        return  # neither has a federal body: "연방법원이 도요타에 300억 엔을" (review 3)
    description = money[0].description.replace("market or currency", "federal government")
    for m in bodies:
        m.entry = m.entry._replace(
            group=money[0].group, region=money[0].region, description=description
        )


# A name whose phrase is denied ("디즈니·픽사의 '인사이드 아웃 2'가 아니라 …", "미국 엔비디아가
# 아닌 국산 칩을"): the name and up to three words after it, none in 이/가, then the phrase's
# 이/가 and the denial. A subject before a denied complement ("미국 정부가 승인한 것이 아니라")
# has its 이/가 first and stays a subject.
_DENIED = lazy_pattern(r"(?:[^\s,.]*(?<![이가])\s){0,3}[^\s,.]*[이가]\s(?:아니라|아닌|아니고)\s")


def denied_phrase(tail: str) -> bool:
    """Whether a Korean name's tail (its suffix and what follows) denies the name's phrase, which
    is then background, as "X와 달리" is: what the story is not about."""
    return ("아니" in tail or "아닌" in tail) and _DENIED().match(tail) is not None
