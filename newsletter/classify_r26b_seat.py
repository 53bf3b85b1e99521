"""The body's own soil named in the lead as where the firm builds or works (round twenty-six,
part b; issue 13).

Round twenty-two's `body_on_firm` moves a lead from a foreign firm to the body acting on it only
where the body's side comes back later or the lead names the body's country as where it acts
("in Japan", "일본에서"). A one-sentence lead more often names a place of the body's country,
a prefecture, a state, a city, as the seat of the firm's plant or project: "대만 TSMC가
구마모토현에 짓는 … 공장이 경제산업성으로부터 … 보조금을 지원받는다", "…오하이오주에 짓는
공장이 상무부로부터 …". The firm's work on the body's soil is the body's story
as much as a country named there.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention


def place_in_lead(text: str, body: _Mention, inside: list[_Mention]) -> bool:
    """True if the lead names, before the body, a place of the body's region as a Korean
    locative ("구마모토현에 ", "오하이오주에서"). Not English "in …": "after talks … in
    Washington", "held steady in Washington" name where a body met or sits, not a seat of
    the firm's work, and moved two tuning leads wrongly when tried."""
    return any(m.start < body.start and m.entry.kind == "place"
               and m.entry.region == body.entry.region and text.startswith(("에 ", "에서"), m.end)
               for m in inside)
