"""A bare 상무부 whose own sentence names America's government as another party is China's
(round thirty-three, issue 13).

"…가 중국의 제재 대상에 올랐다. 상무부는 이들 회사가 미국 정부의 조선업 조사에 협조했다며 …":
the tables give a bare 상무부 to America, but a ministry that speaks of "미국 정부" as someone
else — whose inquiry the firms helped, whose measure they followed — is not America's. In a
text that names China, the other of the two commerce ministries Korean news names bare, it is
China's. Only "미국 정부" after the ministry, in the ministry's own sentence, counts: "미국 정부는
… 상무부가" is America naming its own ministry.
"""

from __future__ import annotations

from newsletter.classify_bare_ministry import bare_us_ministries, chinas_ministry
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# The ministry as its clause's subject or topic: "상무부는 ", "상무부가 14일 "
_SUBJECT = lazy_pattern(r"(?:는|가)\s")
_AMERICAS_GOVERNMENT = lazy_pattern(r"미국\s?정부(?:의|가|에|를)\s")


def ministry_naming_america(text: str, mentions: list[_Mention]) -> None:
    """Give each bare 상무부 still read as America's to China where its own sentence goes on
    to name America's government as another party and the text names China."""
    if "미국 정부" not in text and "미국정부" not in text:
        return  # the cheap test
    if not any(m.entry.region.value == "China" for m in mentions):
        return
    for m in bare_us_ministries(text, mentions):
        if _SUBJECT().match(text, m.end) is None:
            continue
        end = text.find(". ", m.end)
        found = _AMERICAS_GOVERNMENT().search(text, m.end, len(text) if end < 0 else end)
        if found is not None:
            m.entry = chinas_ministry(m.entry)
