"""An amount before "넘는" is a quantity, not a clause's subject (round thirty-eight, Korean).

"에릭슨이 … 미국 법무부로부터 2억 달러가 넘는 벌금을 부과받았다": "2억 달러가" ends in 가, so
the subject finder read it as the main clause's subject, a nameless one that pushed the firm
and the fining body back into an embedded clause; the next sentence's topic ("에릭슨은") then
took the story. "N이/가 넘는 …", "…을 웃도는 …" is an adnominal of quantity ("1000명이 넘는
직원", "절반이 넘는 지분", "10년이 넘은 소송"): the word before it is the subject of 넘다 inside
that adnominal, never the sentence's. A name before 넘는 ("엔비디아가 넘은 …") keeps its reading.
"""

from __future__ import annotations

import re
from typing import Any

# the adnominals of "exceed": 넘는, 넘은, 넘던, 넘어선, 넘어서는, 웃도는, 웃돈
_EXCEEDING = ("넘는 ", "넘은 ", "넘던 ", "넘어선 ", "넘어서는 ", "웃도는 ", "웃돈 ")


def exceeded_amount(text: str, tok: re.Match[str], mentions: list[Any]) -> bool:
    """True when the word in 이/가 at tok is followed by an adnominal of "exceed" and ends no
    name: "2억 달러가 넘는 벌금" is a quantity, not a subject."""
    after = tok.end() + 1
    if text[after:after + 1] not in ("넘", "웃"):  # the cheap test: most subjects fail it
        return False
    return text.startswith(_EXCEEDING, after) and not any(
        tok.start() <= m.start < tok.end() for m in mentions)
