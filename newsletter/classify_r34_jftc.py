"""A bare fair-trade commission told by Japan's own legal terms (round thirty-four, issue 13).

"미국 구글이 … 공정거래위원회로부터 배제조치명령을 받았다": round thirty-three gave a bare
공정거래위원회 (Korea's by the tables) to Japan where the text names something Japanese. A text can
instead name no Japanese thing and still speak Japan's law: 배제조치명령 is the Korean wire's
rendering of 排除措置命令, the Japan Fair Trade Commission's cease-and-desist order (Korea's
commission issues 시정명령). Where that term is in the text and nothing of Korea's is (no other
Korean name, no "국내", no sum in won), the commission is Japan's. Round thirty-three's cue for a
sum in won wants no Hangul after 원 (so that 원장, 원전 do not count) and so misses "30억원을";
here a sum in 만/억/조 원 counts before any particle.
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_mentions import _GROUPS, _describe
from newsletter.classify_r33_jftc import _COMMISSION, _KOREAN_CUES
from newsletter.classify_tables import KOREA_GROUP, lazy_pattern

_JAPAN = "Japan"
# a sum in won followed by a particle: "과징금 30억원을", "1조 원이"
_WON_BEFORE_PARTICLE = lazy_pattern(r"\d\s*[만억조]\s*원(?:을|이|은|의|에|과|도|으로|대)")


def commission_by_japans_terms(text: str, mentions: list[Any]) -> None:
    """Give a bare 공정거래위원회 still read as Korea's to Japan where the text uses the Japanese
    commission's own order (배제조치명령) and names nothing of Korea's."""
    if "배제조치" not in text:
        return  # the cheap test
    korean = [m for m in mentions if m.entry.group == KOREA_GROUP]
    if not korean or any(m.entry.surface not in _COMMISSION or m.entry.kind != "institution"
                         for m in korean):
        return
    if _KOREAN_CUES().search(text) is not None or _WON_BEFORE_PARTICLE().search(text):
        return
    if "시정명령" in text:
        return  # Korea's commission's own order named beside it: "…에 준하는 시정명령을"
    region, adjective = _GROUPS[_JAPAN]
    description = _describe(_JAPAN, adjective, "institution")
    for m in korean:
        m.entry = m.entry._replace(group=_JAPAN, region=region, description=description)
