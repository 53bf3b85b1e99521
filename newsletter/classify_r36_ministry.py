"""A bare 상무부 answering the EU's duties on electric cars with measures on EU goods is China's
(round thirty-six, issue 13).

The tables give a bare 상무부 to America; rounds twenty-two to thirty-four give it to China where
China is named as its act's home, or America as its target. One more shape names neither: the
ministry lays anti-dumping or anti-subsidy measures on goods from the EU ("상무부가 유럽연합(EU)산
돼지고기에 … 반덤핑 관세를", "상무부는 EU산 브랜디 수입업체에 … 반덤핑 임시 조치를") in a text
that names the EU's duties on electric cars as what it answers ("전기차 상계관세", "전기차 관세를
둘러싼 중·EU 갈등"). Those duties fall on China's cars alone, so the ministry answering them is
China's. America's ministry also probes EU goods ("상무부는 EU산 철강에 대한 반덤핑 관세를"),
but not as an answer to duties on electric cars: without them the tables' reading stands.

A country before the ministry ("미국 상무부") keeps the tables' reading, and so does a text naming
America otherwise ("트럼프 행정부는 앞서 중국산 전기차 관세를 100%로 올렸다"): the duties on
electric cars may then be America's own.
"""

from __future__ import annotations

from newsletter.classify_bare_ministry import bare_us_ministries, chinas_ministry
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# EU goods, then a trade remedy on them, within one clause
_ON_EU_GOODS = lazy_pattern(
    r"(?:EU|유럽연합(?:\(EU\))?|유럽)산\s[^.]{0,40}?(?:반덤핑|반보조금|상계|덤핑)")
# the EU's duties on electric cars, or the China-EU quarrel over them
_EV_DUTIES = lazy_pattern(
    r"전기차\s?(?:에\s대한\s)?(?:상계\s?관세|관세|반보조금)|전기차[^.]{0,20}?중[·-]\s?EU|중[·-]\s?EU[^.]{0,20}?전기차")


def ministry_answering_ev_duties(text: str, mentions: list[_Mention]) -> None:
    """Give each bare 상무부 still read as America's to China where it lays a trade remedy on EU
    goods in a text naming the EU's duties on electric cars."""
    if "전기차" not in text or "상무부" not in text:
        return  # cheap first: most texts name no electric cars
    bare = bare_us_ministries(text, mentions)
    if not bare:
        return
    if _ON_EU_GOODS().search(text, bare[0].end) is None or _EV_DUTIES().search(text) is None:
        return
    if any(m.entry.region.value == "US" and m.entry.surface != "상무부" for m in mentions):
        return  # "트럼프 행정부는 … 중국산 전기차 관세를": the duties may be America's own
    for m in bare:
        m.entry = chinas_ministry(m.entry)
