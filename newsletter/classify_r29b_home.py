"""A Korean 국내 that is another country's home (round twenty-nine part b, issue 13).

"국내에 반도체 공장을 짓는 기업이 받는 투자 세액공제율이 25%에서 35%로 높아진다. … 삼성전자와
TSMC처럼 텍사스와 애리조나에서 공장을 짓는 외국 기업도 혜택을 볼 전망이다": the tables read 국내
("at home") as Korea, the Korean desk's home. Here it is the home of a rule for firms that
build there, and the summary names where those firms build: Texas and Arizona, so the home is
America's. Read only where 국내 opens a class of firms by where they build ("국내에 … 공장을
짓는 기업/업체"), and the places where firms build ("…에서 공장/팹을 짓는") are of one region
other than Korea's; 국내 then takes that region.
"""

from __future__ import annotations

import re
from typing import Any

# "국내에 반도체 공장을 짓는 기업이": a class of firms by where they build at home
_HOME_BUILDERS = re.compile(
    r"국내에\s(?:[^\s.]+\s){0,3}?(?:공장|팹|설비|시설|생산시설|생산기지)[을를]?\s"
    r"(?:짓|건설하|세우|신설하)는\s(?:[^\s.]+\s)?(?:기업|업체|회사|제조사)"
)
# "…에서 공장을 짓는", "…에서 팹을 짓는": where firms build
_BUILT_THERE = re.compile(
    r"에서\s(?:[^\s.]+\s){0,2}?(?:공장|팹|설비|시설|생산시설|생산기지)[을를]?\s"
    r"(?:짓|건설하|세우|신설하)"
)
_JOINERS = frozenset("와과· ,및")


def home_of_builders(text: str, mentions: list[Any]) -> None:
    """Give 국내 the region of the places where its class of firms builds (see above)."""
    if "국내에" not in text:
        return  # the cheap test: most summaries name no home
    homes = [m for m in mentions if m.entry.surface == "국내"]
    if not homes or _HOME_BUILDERS.search(text, homes[0].start) is None:
        return
    places = []
    for built in _BUILT_THERE.finditer(text, homes[0].end + 2):
        at = built.start()
        for m in reversed(mentions):  # the run of places right before "에서"
            if m.end > at:
                continue
            if m.entry.kind not in ("place", "country") or set(text[m.end : at]) - _JOINERS:
                break
            places.append(m)
            at = m.start
    regions = {m.entry.region for m in places}
    if len(regions) != 1 or homes[0].entry.region in regions:
        return
    place = places[0].entry
    for m in homes:
        m.entry = m.entry._replace(
            group=place.group, region=place.region, description=f"home, {place.group}"
        )
