"""A bare "정부는" whose own body or minister speaks next (round twenty-four, issue 13).

A Korean lead whose main subject is only "정부는/정부가" is Korea's government (round
twelve's reading), whatever country the fronted clause names ("미국이 … 합의하면서 정부는 …").
A story about another country's government says whose it is in the next sentence: that
sentence opens with one of its bodies or ministers as the subject ("…하자 정부는 … 시험 채굴을
서두르기로 했다. 해양연구개발기구는 …", "… 정부가 … 보조금을 지원하기로 했다. 사이토 겐
경제산업상은 …"). Korea's own stories open it with a Korean body (산업통상자원부는), a bare
one (외교부 장관이) or no subject named; those keep Korea's reading.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import LEAD_HEAD_BONUS, SUBORDINATE_MODIFIER_BONUS, lazy_pattern
from newsletter.models import Region

_UNNAMED = "Korean government, unnamed"  # the entry classify_korean gives a bare 정부는
# a minister named with the title after the name: "로베르트 하베크 경제장관은"
_TITLE_SUBJECT = lazy_pattern(r"\s\S*(?:장관|총리|대통령|상|청장|위원장|총재)[은는이가]\s")


def whose_government(text: str, mentions: list[_Mention], second: tuple[int, int],
                     in_second: list[_Mention]) -> bool:
    """Give a bare government's head to the foreign body or minister opening the next
    sentence as its subject; True if moved."""
    gov = next((m for m in mentions if m.role == "head"
                and m.entry.description == _UNNAMED), None)
    if gov is None:
        return False
    body = next((m for m in in_second if m.start - second[0] <= 16
                 and m.entry.kind in ("institution", "person")
                 and (m.role == "later-subject" or (m.entry.kind == "person" and _TITLE_SUBJECT(
                     ).match(text, m.end, second[1])))), None)
    if body is None or body.entry.region is Region.OTHER:
        return False
    gov.role, gov.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    body.role, body.bonus = "head", LEAD_HEAD_BONUS
    return True
