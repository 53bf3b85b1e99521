"""A bare federal body told by its money past a worry about America (round thirty b, issue 13).

"미국의 안보 공약이 흔들릴 수 있다는 우려가 커지자 연방하원이 … 5천억 유로 규모의 인프라
특별기금을 만드는 헌법 개정안을 통과시켰다": round twenty-eight b's `federal_by_its_money` gives
a bare federal body the region of its one currency, but bows out where America, a country or a
place is named anywhere. America named only as the content of a worry ("…다는 우려", "…라는
우려"), and countries or places of the money's own region ("… 독일의 재정 운용 기조가"), do not
speak against the money: the body then takes the money's region. The bare federal
legislature (연방하원, 연방상원, 연방의회) is read so too (`lexicon/us-r30b.tsv`).
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_r28b_body import _FEDERAL
from newsletter.classify_tables import lazy_pattern
from newsletter.models import Region

# "미국의 안보 공약이 흔들릴 수 있다는 우려": the name inside a worry's content clause
_WORRY = lazy_pattern(r"[^.]{0,60}?(?:다는|라는|될\s수\s있다는)\s(?:우려|불안|걱정)")


def federal_past_worry(text: str, mentions: list[Any]) -> None:
    """Give a bare federal body still read as America's the region of its one currency, where
    nothing else but a worry about America or names of that region speak against it."""
    if "연방" not in text:
        return  # the cheap test: most summaries name no federal body
    bodies = [m for m in mentions if m.entry.surface in _FEDERAL and m.entry.region is Region.US]
    if not bodies:
        return
    money = [m.entry for m in mentions if m.entry.kind == "market"]
    if not money or len({entry.region for entry in money}) != 1:
        return
    region = money[0].region
    if region in (Region.US, Region.CHINA, Region.JAPAN):
        return  # America's own money; China and Japan have no federal government
    for m in mentions:
        if m in bodies or m.entry.region is region:
            continue
        if m.entry.region is Region.US and _WORRY().match(text, m.end) is not None:
            continue  # America as the content of a worry
        if m.entry.region is Region.US or m.entry.kind in ("country", "place"):
            return
    description = money[0].description.replace("market or currency", "federal government")
    for m in bodies:
        m.entry = m.entry._replace(
            group=money[0].group, region=money[0].region, description=description
        )
