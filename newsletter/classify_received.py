"""Korean acts received where the agent is no 로부터 phrase, for newsletter.classify (round
sixteen): a court or a body in 에서 that sentences or orders ("…간부가 베이징 법원에서 징역 3년을
선고받았다", "…가 일본 공정거래위원회에서 시정명령을 받았다"), and the body a fine is paid to
("…가 아일랜드 데이터보호위원회(DPC)에 과징금을 물게 됐다").
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_BRACKETS = re.compile(r"\([^()]*\)")


def _court_of(text: str, agent: _Mention) -> bool:
    """"…간부가 베이징 법원에서 징역 3년을 선고받았다": a court in 에서 sentences, as an agent
    in 로부터 does; its place ("베이징 법원", "중국 법원") or the court's own name acts (round
    sixteen)."""
    if agent.entry.kind in ("country", "place"):
        if agent.suffix.endswith(_COURT_IN):
            return True  # "도쿄지방재판소에서": the place and its court in one word
        return not agent.suffix and _KO_COURT_AT().match(text, agent.end) is not None
    # a body's own name: "일본 공정거래위원회에서 시정명령을 받았다"
    return agent.entry.kind == "institution" and agent.suffix == "에서"


def _body_in_eseo(text: str, end: int) -> bool:
    """Whether a word before "에서 " in the lead names a court or a body ("베이징 법원에서",
    "경쟁당국에서", "위원회(FTC)에서"): a cheap gate before the per-name work."""
    at = text.find("에서 ", 0, end)
    while at > 0:
        if text[at - 1] not in _BODY_LAST:
            at = text.find("에서 ", at + 3, end)
            continue  # "시장에서", "현지에서": most words before 에서 name no body
        word = _BRACKETS.sub("", text[text.rfind(" ", 0, at) + 1:at])
        if word.endswith(_BODY_WORDS) or (len(word) >= 3 and word[-1] in "청처부성"):
            return True
        at = text.find("에서 ", at + 3, end)
    return False


_BODY_WORDS = ("법원", "재판소", "법정", "당국", "위원회")
_BODY_LAST = frozenset("원소정국회청처부성)")


def _fined_by(text: str, agent: _Mention) -> bool:
    """"틱톡이 아일랜드 데이터보호위원회(DPC)에 과징금을 물게 됐다": the body a fine is paid to
    fines (round sixteen)."""
    if agent.entry.kind == "institution":
        after = text.find("에", agent.end, agent.end + 24)
        return agent.suffix == "에" and after >= 0 and _KO_FINE_PAID().match(text,
                                                                           after) is not None
    if agent.entry.kind not in ("country", "place") or agent.suffix:
        return False
    body = _KO_BODY_TO().match(text, agent.end)
    return body is not None and _KO_FINE_PAID().match(text, body.end()) is not None


_COURT_IN = ("법원에서", "재판소에서", "법정에서")
# A court or a body where a sentence, a ruling or an order is received: "베이징 법원에서",
# "도쿄지방재판소에서", "프랑스 경쟁당국에서" (not "미국 내부에서": two letters before 부).
_KO_COURT_AT = lazy_pattern(
    r"\s(?:\S+\s)?\w*(?:법원|재판소|법정|당국|위원회|\w{2}[청처부성])"
    r"(?:\([^()\s]{1,15}\))?에서\s")
# A fine paid to a body: "…에 5억 유로의 과징금을 물게 됐다", "…에 벌금을 내기로 했다".
_KO_FINE_PAID = lazy_pattern(
    r"에?\s(?:\S+\s){0,4}?\S*(?:과징금|벌금)[을를]\s(?:물|내|납부|지급)")
_KO_BODY_TO = lazy_pattern(
    r"\s(?:\S+\s)?\w*(?:법원|당국|위원회|\w{2}[청처부성])(?:\([^()\s]{1,15}\))?(?=에\s)")
