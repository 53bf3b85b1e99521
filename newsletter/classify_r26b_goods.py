"""A lead about goods from several countries, and where they meet a measure (round twenty-six,
part b; issue 13).

Round twenty-five's `origins_only` hands a lead to the next sentence's subject when every name in
it is a country of origin ("일본산 자동차에 …"). Korean writes the origin once for a list ("한국과
중국산 열연강판이", "한국·대만산 철강이": both countries' goods) and often says where the goods
meet the measure ("일본 시장에서 반덤핑 관세를 맞을 가능성이 생겼다"). Neither names an actor:
the goods undergo, and the body that acts is the next sentence's subject ("경제산업성과 재무성은
… 조사에 착수했다고 밝혔다").
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# a country joined to the next in a list whose last member carries "산": "한국과 ", "한국·"
_JOINED = lazy_pattern(r"(?:과|와|,)?\s|·")
# where the goods meet the measure: "일본 시장에서", "미국에서", "유럽 시장에 "
_WHERE = lazy_pattern(r"(?:\s시장)?(?:에서|에)\s")


def goods_only(text: str, first: tuple[int, int], mentions: list[_Mention]) -> str | None:
    """What the lead text[first[0]:first[1]] names besides goods of a list of origins written
    once (see above): "market" where it also names where they meet a measure ("일본 시장에서"),
    "list" where it names only the origins; None where it names anything else, or a single
    origin and nothing more (round twenty-five's `origins_only`)."""
    lead = [m for m in mentions if first[0] <= m.start < first[1]
            and not text.startswith("=", m.end)]  # "(서울=뉴스1)": a dateline, not the lead's
    if not any(m.entry.kind == "country" and text.startswith("산", m.end) for m in lead):
        return None
    joined = market = False
    for i, m in enumerate(lead):
        if m.entry.kind != "country":
            return None
        if text.startswith("산", m.end):
            continue
        nxt = lead[i + 1] if i + 1 < len(lead) else None
        if nxt is not None and _JOINED().fullmatch(text, m.end, nxt.start) is not None:
            joined = True
        elif _WHERE().match(text, m.end):
            market = True
        else:
            return None
    return "market" if market else "list" if joined else None
