"""A bare fair-trade commission in a text set in Japan (round thirty-three, issue 13).

"전력 판매 카르텔을 맺은 주부전력과 간사이전력 등에 공정거래위원회가 1천억엔이 넘는 과징금을
부과했다": Korea and Japan both call their competition authority 공정거래위원회 (公正取引委員会),
and the tables give the bare word to Korea, as Korean news means by it. Where the text names
Japan (the country, a Japanese place, firm or the yen) and nothing of Korea's — no other Korean
name, no "국내", no sum in won — the commission is Japan's. Rounds eighteen and nineteen told
it only by "일본 당국이" in a later sentence or by a Japanese law in its own sentence.
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_mentions import _GROUPS, _describe
from newsletter.classify_tables import KOREA_GROUP, lazy_pattern
from newsletter.models import Region

_COMMISSION = frozenset({"공정거래위원회", "공정위"})
_JAPAN = "Japan"
# What says Korea without a name: a sum in won ("3억원", "12억원을", "1천억 원의",
# "3000만원씩": after 만, 억 or 조 any particle may follow; a bare "3원" only when no Hangul
# follows, since "3원칙" and "2원자" are not sums), the home market, "our government".
_KOREAN_CUES = lazy_pattern(
    r"\d\s*(?:[십백천]\s*)?[만억조]\s*원|\d\s*원(?![가-힣])|국내|우리\s?정부")


def lone_commissions(text: str, mentions: list[Any]) -> list[Any]:
    """The bare 공정거래위원회 read as Korea's, when they are all the text says of Korea (no
    other Korean name, no sum in won, no 국내): else []."""
    korean = [m for m in mentions if m.entry.group == KOREA_GROUP]
    if not korean or any(m.entry.surface not in _COMMISSION or m.entry.kind != "institution"
                         for m in korean):
        return []
    return [] if _KOREAN_CUES().search(text) is not None else korean


def to_japans_commission(commissions: list[Any]) -> None:
    """File each of `commissions` under Japan, as its fair-trade commission."""
    region, adjective = _GROUPS[_JAPAN]
    description = _describe(_JAPAN, adjective, "institution")
    for m in commissions:
        m.entry = m.entry._replace(group=_JAPAN, region=region, description=description)


def commission_in_japan(text: str, mentions: list[Any]) -> None:
    """Give a bare 공정거래위원회 read as Korea's to Japan where the text names Japan and
    nothing of Korea's."""
    if "공정" not in text:
        return  # the cheap test: most summaries name no fair-trade commission
    korean = lone_commissions(text, mentions)
    if korean and any(m.entry.region is Region.JAPAN and m.entry.group == _JAPAN
                      for m in mentions):
        to_japans_commission(korean)
