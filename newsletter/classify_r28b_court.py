"""Round twenty-eight, part b (issue 13): a subject held back by someone's ruling.

"한국수력원자력이 … 브르노 지방법원의 가처분 결정에 발목을 잡혔다": to be 발목을 잡히다 (held
by the ankle) by X's ruling, order or rule is to undergo X's act, as round seventeen reads "…의
수입 규제로 … 길이 막혔다" (`classify_korean._korean_owned_act`); X acts. X may be a body the
tables name, or a country or place before the body's common noun ("브르노 지방법원",
"체코 정부"), which the tables do not name.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention, agent_leads
from newsletter.classify_tables import lazy_pattern

_HELD_BACK = lazy_pattern(
    r"의\s(?:\S+\s){0,2}?\S*(?:결정|판결|명령|조치|규제|제동|심사|반대|제재)에\s"
    r"(?:\S+\s)?발목(?:을|이)\s잡혔다[.]?\s*$"
)
# The body's common noun after its country or place: "브르노 지방법원", "체코 정부".
_BODY_NOUN = lazy_pattern(r"\s\S*(?:법원|정부|당국|의회|위원회|재판소)")


def held_back_by_ruling(text: str, end: int, inside: list[_Mention], head_bonus: float) -> None:
    """Give the lead to the owner of the ruling the subject is held back by."""
    act = _HELD_BACK().search(text, 0, end)
    if act is None:
        return
    agent = next(
        (
            m
            for m in reversed(inside)
            if m.role != "head"
            and m.end <= act.start()
            and (
                (m.entry.kind == "institution" and m.end == act.start())
                or (
                    m.entry.kind in ("country", "place")
                    and _BODY_NOUN().fullmatch(text, m.end, act.start()) is not None
                )
            )
        ),
        None,
    )
    if agent is None:
        return
    agent_leads(inside, agent, head_bonus)
