"""A bare 상무부 answering America's act on Chinese goods is China's (round twenty-seven; issue 13).

Round twenty-five b's `answering_america` gives a bare 상무부 to China where it answers America's
hostile act, but not where China is named anywhere, for the ministry's act on Chinese firms is
America's reading. China named only as the target of the fronted act the ministry answers is not
that: "미국이 중국산 제품에 추가 관세를 발효하자 상무부는 미국 기업 두 곳을 … 명단에 올렸다".
The ministry must be the main clause's subject right after the fronted clause, and China named
nowhere past it ("…하자 상무부가 중국 업체 10곳을 명단에 올렸다" stays America's).
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# The lead's fronted clause with America as its subject: "(워싱턴=연합뉴스) 미국이 … 발효하자 "
_AMERICA_ACTED_FIRST = lazy_pattern(
    r"(?:\([^)]{0,30}\)\s*)?미국(?:이|\s정부가)\s[^.]{0,80}?자\s(?=상무부)")


def china_only_in_americas_act(text: str, mentions: list[_Mention]) -> bool:
    """True where every mention of China lies in the fronted "미국이 …하자" clause, after which
    a bare 상무부 opens the main clause (see above)."""
    fronted = _AMERICA_ACTED_FIRST().match(text)
    if fronted is None:
        return False
    return all(m.end <= fronted.end() for m in mentions if m.entry.region.value == "China")
