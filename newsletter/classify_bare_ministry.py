"""Whose is a bare 상무부 (round twenty-two, issue 13).

The tables give a bare 상무부 (commerce ministry) to America, the one Korean news names most. A
summary that names no country before the ministry but says whose market, industry or goods
its act protects or controls gives it another owner: "…산 돼지고기가 중국 시장에서 고율 관세를
맞게 됐다. 상무부는 EU산 …", "미국과 EU, 일본산 … 에 대해 상무부가 반덤핑 관세를 … 중국 산업에
피해를", "…가 상무부의 '신뢰할 수 없는 실체' 명단에 올랐다. … 중국과의 수출입이 제한". The
ministry is China's there. America named only as a maker of the goods acted on ("미국과 …,
대만산") does not claim it; America named any other way ("미 상무부", "미국 기업") keeps the
tables' reading, and so does China named only as a place a rule reaches ("중국에서 … 늘릴 수
없게 된다. 상무부는 …", dev batch 72 7: America's guardrail) or a dateline abroad ("(워싱턴=
연합뉴스) 상무부는 중국산 드론에 대한 조사에 착수했다").
"""

from __future__ import annotations

from newsletter.classify_mentions import _GROUPS, _describe, _Entry, _Mention
from newsletter.classify_tables import lazy_pattern

# China as the home of the ministry's act: its market, industry, importers, its own goods
# controlled, its trade with the firms listed, or its own list's name
_CHINA_HOME = lazy_pattern(
    r"중국(?:산|\s시장|\s산업|과의|\s수입업체|\s업계)"
    r"|신뢰할\s수\s없는\s실체")
# America as a maker of the goods acted on: "미국산", "미국과 EU, 일본, 대만산"
_GOODS_OF = lazy_pattern(r"(?:[^\s.,]+(?:,|과|와)\s)*[^\s.,]*산\s")
_CHINA = "China"


def bare_commerce_ministry(text: str, mentions: list[_Mention]) -> None:
    """Give each bare 상무부 to China where the summary makes China its home (see above)."""
    bare = [m for m in mentions if m.entry.surface == "상무부" and m.entry.group != _CHINA
            and not any(c.end <= m.start and text[c.end:m.start].strip() == ""
                        and c.entry.kind == "country" for c in mentions)]
    if not bare or _CHINA_HOME().search(text) is None:
        return
    for m in mentions:
        if m.entry.group == "United States" and m.entry.kind != "company" and m not in bare \
                and not (m.entry.kind == "country" and _GOODS_OF().match(text, m.start)):
            return
    for m in bare:
        m.entry = chinas_ministry(m.entry)


def bare_us_ministries(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Each 상무부 the tables give to America with no country word right before it ("미국
    상무부", "중국 상무부" keep theirs): the rules that give it to China start from these."""
    return [m for m in mentions if m.entry.surface == "상무부" and m.entry.group == "United States"
            and not any(c.end <= m.start and text[c.end:m.start].strip() == ""
                        and c.entry.kind == "country" for c in mentions)]


_MINISTRY: list[_Entry] = []


def chinas_ministry(tables: _Entry) -> _Entry:
    """China's 상무부, one entry for every summary: `bodies_of_the_dateline` knows it by
    identity and gives it to a dateline abroad ("(워싱턴=연합뉴스) 상무부는 중국산 …")."""
    if not _MINISTRY:
        region, adjective = _GROUPS[_CHINA]
        _MINISTRY.append(_Entry(tables.surface, _CHINA, region, "institution",
                                _describe(_CHINA, adjective, "institution"), tables.weight))
    return _MINISTRY[0]
