"""Round thirty, part a (issue 13): a main subject that is a firm's site, named by its place.

"비야디(BYD)가 헝가리 세게드에 짓고 있는 유럽 첫 승용차 공장이 시험 생산에 들어갔다": the main
subject is a plant, and its only name, 유럽 ("Europe's first car plant"), says where it stands,
not who acts; the firm that builds it, the subject of the relative clause right before it, does.
Where the main subject phrase ends in a site or a market figure (공장, 법인, 매장, 점유율, 매출),
every name in it is a country or place that describes that noun (not the phrase's last word),
the word before the phrase is a verb in its adnominal form, and the subject before that clause
names a firm, the main subject counts as nameless and
`classify._named_subjects` lets the firm speak, as it does for "애플이 개발한 모뎀 칩이"; so too
"젠슨 황 엔비디아 CEO는 … '95%였던 중국 시장 점유율이 …'": Nvidia's share in China.
A main subject that is a country's own body ("미국 상무부가") or a country itself keeps it.
"""

from __future__ import annotations

import re

from newsletter.classify_korean import _adnominal
from newsletter.classify_mentions import _clean_word, _Mention

_PLACES = ("country", "place")
# What a firm has somewhere: a site it builds or runs, or its figures in a market. A firm, a
# startup or a government named by its country ("영국 스타트업이", "폴란드 정부가") is no site.
_SITE = re.compile(
    r"(?:공장|생산라인|라인|법인|기지|캠퍼스|단지|팹|시설|사업장|연구소|매장|센터"
    r"|점유율|매출|판매량|출하량)(?:들)?[이가은는]?$"
)


def a_firms_site(
    text: str, span: tuple[int, int], named: list[_Mention], before: list[list[_Mention]]
) -> bool:
    """Whether the main subject phrase at `span` is only a site the firm before it builds."""
    if not before or not any(m.entry.kind == "company" for m in before[-1]):
        return False
    if _SITE.search(_clean_word(text[span[0] : span[1]])) is None:
        return False
    if not all(m.entry.kind in _PLACES and " " in text[m.end : span[1]] for m in named):
        return False
    words = text[: span[0]].split()
    return bool(words) and _adnominal(_clean_word(words[-1]))
