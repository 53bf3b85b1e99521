"""A bare 상무부 that acts against America is China's (round twenty-five, part b; issue 13).

The tables give a bare 상무부 (commerce ministry) to America, and round twenty-two's rule gives
it to China only where China is named as the home of its act. A story can instead name America
as the ministry's other side and China not at all: American firms put on its list or barred
("미국 의류업체 PVH와 …가 '…' 명단에 올랐다. 상무부는 …", "한화오션의 미국 자회사 5곳이
상무부의 제재 대상에 올랐다"), or America's own act answered ("미국이 … 규제 범위를 넓힌 지
열흘 만에 상무부가 … 수출통제 목록에 추가했다"). A ministry does not sanction its own country's
firms or answer its own country's measure, and of the two commerce ministries Korean news names
bare, the other is China's. Only a hostile act counts (sanction, list, export control, ban,
retaliation): a ministry granting American firms a subsidy is America's. America named as the
ministry's owner ("미 상무부", "미국 상무부") or China named anywhere (the ministry's act on
Chinese firms is America's reading) keeps the tables' reading.
"""

from __future__ import annotations

from newsletter.classify_bare_ministry import bare_us_ministries, chinas_ministry
from newsletter.classify_mentions import _Mention
from newsletter.classify_r27_ministry import china_only_in_americas_act
from newsletter.classify_r29a_ministry import (
    america_in_the_ministrys_sentence,
    china_only_in_a_pair,
)
from newsletter.classify_r30a_ministry import china_only_as_partner
from newsletter.classify_tables import lazy_pattern

# America as the other side: its firms ("미국 의류업체", "미국 자회사", "미국 기업들"), or its
# own earlier act that the ministry answers ("미국이 … 넓힌 지 열흘 만에", "미국이 …하자")
_AMERICA_OPPOSED = lazy_pattern(
    r"미국의?\s(?:[^\s.]+\s)?[^\s.]*(?:기업|업체|자회사|법인|계열사)"
    r"|미국이\s[^.]*?(?:\s지\s[^\s.]+\s만에|[하되]자)\s")
# The ministry's act is hostile: a sanction, a list, an export control, a ban, a retaliation
_HOSTILE = lazy_pattern(
    r"제재|명단|수출\s?통제|거래(?:를|도)?\s금지|금지했|블랙리스트|보복|맞대응|반격")


def answering_america(text: str, mentions: list[_Mention]) -> None:
    """Give each bare 상무부 still read as America's to China where the story names America only
    as the other side of a hostile act and names China nowhere (see above)."""
    bare = bare_us_ministries(text, mentions)
    if not bare or len(bare) != sum(m.entry.surface == "상무부" for m in mentions):
        return
    if any(m.entry.region.value == "China" for m in mentions) and not (
            china_only_in_americas_act(text, mentions)  # round twenty-seven
            or china_only_in_a_pair(mentions)  # round 29a: "미중 정상회담의 후속 조치로"
            or china_only_as_partner(text, mentions, bare[0])):  # round 30a: "중국과의 거래가"
        return
    if _HOSTILE().search(text) is None:
        return
    opposed = _AMERICA_OPPOSED().search(text)
    if opposed is None or (opposed.start() > bare[-1].start and not (
            america_in_the_ministrys_sentence(text, opposed.start(), bare[-1]))):  # round 29a
        return
    for m in bare:
        m.entry = chinas_ministry(m.entry)
