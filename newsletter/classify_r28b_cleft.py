"""Round twenty-eight, part b (issue 13): Korean clefts, two readings.

A named doer inside the cleft clause's subject phrase. Round twenty-one's cleft reader
(`classify_done_by`) gives the actor to the focus unless a name in 이/가 did the clause
("클라르나가 … 택한 것은 런던이 아니라 뉴욕이었다"). A name that only opens the subject phrase
("중국 국유 곡물기업 중량(COFCO)이 … 사들인 것은", "일본 개인투자자들이 가장 많이 사들인 것은")
carries no particle of its own, so the focus (what was bought) took the lead. The phrase's
particle is the subject's: the name in it names the doer as well, when round twenty-six a's
reader of the clause's own subject (`classify_korean.cleft_own_subject`) finds that subject.
"""

from __future__ import annotations

import re

from newsletter.classify_korean import cleft_own_subject
from newsletter.classify_mentions import _Mention

# The particle that closes a subject phrase ("…중량(COFCO)이", "…개인투자자들이").
_SUBJECT_PHRASE = ("이", "가", "들이")


def doer_in_subject_phrase(
    text: str, start: int, cleft: int, end: int, inside: list[_Mention], closed: re.Pattern[str]
) -> bool:
    """Whether the cleft clause's own subject, a phrase before `cleft`, holds a name; a
    background clause after it (`closed`: "폭스콘이 관심을 보이던 와중에 …") keeps it out, as
    round twenty-one's reader does for a name in 이/가."""
    if not any(
        start <= m.start < cleft and m.particle == "" and m.phrase_particle in _SUBJECT_PHRASE
        for m in inside
    ):
        return False
    own = cleft_own_subject(text, start, end, inside)
    return own is not None and closed.search(text, own[1], cleft) is None
