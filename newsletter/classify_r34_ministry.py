"""A bare 상무부 that stops exports from China's own plants, or defends its own country against
America, is China's (round thirty-four, issue 13).

The tables give a bare 상무부 to America, and rounds twenty-two to thirty-three give it to China
where China is named as its act's home or America as its act's target. Two more shapes:

- the ministry bans or curbs the export of goods made in a plant in China ("…하자 상무부는
  넥스페리아 중국 공장에서 만든 칩의 수출을 금지했다"): only China controls what leaves China;
  America's controls are on exports *to* China ("중국으로의 수출"), which this does not read;
- the ministry speaks for its own country (자국) against America — American goods it probes
  for dumping or subsidies ("상무부는 미국산 아날로그 칩 가격이 부당하게 낮아 자국 업체가
  피해를"), or America's tariffs it vows to answer ("미국의 추가 관세가 일방주의이자 괴롭힘이라며
  자국의 정당한 권익을"). America's own ministry does not defend its country against America.
  Only where the text names China nowhere: a named China is the older rules' ground ("중국산
  칩 의존도가 높아지자 상무부가 자국 기업들을 …" is America's ministry).

A country before the ministry ("미 상무부", "미국 상무부") keeps the tables' reading.
"""

from __future__ import annotations

from newsletter.classify_bare_ministry import bare_us_ministries, chinas_ministry
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# goods made in a plant in China, then their export stopped, in one sentence
_EXPORT_FROM_CHINA = lazy_pattern(
    r"중국\s?(?:내\s)?(?:공장|생산\s?시설|법인)(?:에서|이)\s(?:만든|만드는|생산한|생산된|생산하는)"
    r"\s[^.]{0,40}?수출(?:을|도|까지)?\s[^.]{0,10}?(?:금지|중단|통제|제한|차단)")
# America as the ministry's other side: its goods or firms probed for dumping or subsidies
# (not its goods as the victim: "미국산 철강이 덤핑 피해를"), its tariffs answered
_AGAINST_AMERICA = lazy_pattern(
    r"미국산\s[^.]{0,40}?(?:에\s대한\s|에\s)(?:반덤핑|반보조금|상계|덤핑)"
    r"|미국산\s[^.]{0,40}?(?:부당하게\s낮|덤핑\s?(?:판매|수출|가격))"
    r"|미국\s[^.]{0,40}?(?:업체|기업)[^.]{0,60}?상무부로부터\s(?:반덤핑|반보조금|상계)"
    r"|미국(?:이|의)\s(?:[^\s.]+\s){0,3}?[^\s.]*관세[^.]{0,80}?"
    r"(?:맞설|맞서|맞대응|일방주의|괴롭힘|보복|반격|권익)")


def ministry_of_chinas_side(text: str, mentions: list[_Mention]) -> None:
    """Give each bare 상무부 still read as America's to China where it stops exports from a
    plant in China, or defends its own country against America in a text naming no China."""
    bare = bare_us_ministries(text, mentions)
    if not bare:
        return
    sentence_end = text.find(". ", bare[0].end)
    own = text[bare[0].end:len(text) if sentence_end < 0 else sentence_end + 1]
    if _EXPORT_FROM_CHINA().search(own) is None:
        if "자국" not in text or any(m.entry.region.value == "China" for m in mentions):
            return
        if any(m.entry.kind in ("country", "place", "institution")
               and m.entry.group != "United States" for m in mentions):
            return  # "캐나다 정부가 미국의 관세에 맞서 …": another country answers America
        if _AGAINST_AMERICA().search(text) is None:
            return
    for m in bare:
        m.entry = chinas_ministry(m.entry)
