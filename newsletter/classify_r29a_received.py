"""Round twenty-nine, part a (issue 13): one more end of a lead whose body in 로부터 acts.

Round eighteen's `_KO_RECEIVED_END` reads "…로부터 명령을 받았다" and round twenty-six a's
`designated_or_subsidised_end` "…로부터 지정됐다", "…로부터 보조금을 받게 됐다". The same act
told with 당하다, the verb of undergoing, was missed: "DJI가 연방통신위원회(FCC)로부터 …
규제 조치를 당했다", "…로부터 제재를 당했다", "…로부터 수입 금지 처분을 당하게 됐다". The
subject undergoes the body's measure; the body acts (the caller checks that the agent in 로부터
is a body, a country or a place, so "…로부터 소송을 당했다" by a firm stays with round nine's
KO_SANCTION reading).
"""

from __future__ import annotations

from newsletter.classify_r26a_received import designated_or_subsidised_end
from newsletter.classify_tables import lazy_pattern

_KO_UNDERGONE_END = lazy_pattern(
    r"(?:조치|규제|제재|명령|처분|단속|조사|수사|압수수색|금지|제한|퇴출|경고)(?:[을를]\s)?"
    r"당(?:했다|한다|하게\s됐다|하게\s되었다|할\s전망이다|할\s처지에\s놓였다)[.]?\s*$"
)


def received_end(text: str, start: int, end: int) -> bool:
    """Whether the lead text[start:end] ends in a designation, a subsidy or a measure undergone
    (당하다) from the body named at `start`."""
    if designated_or_subsidised_end(text, start, end):
        return True
    return (
        "당" in text[max(start, end - 14) : end]
        and _KO_UNDERGONE_END().search(text, start, end) is not None
    )
