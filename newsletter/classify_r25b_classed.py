"""A lead's firms put in a class by the body the next sentence names (round twenty-five, part b).

"중국 최대 배터리업체 CATL과 … 텐센트가 하루아침에 '중국군 연계 기업'으로 분류됐다. 미 국방부는
… 명단에 새로 올렸다고 밝혔다": the lead's subject is designated, classed or listed, and no one
in the lead does it; the next sentence's opening body did. The body takes the head, and the
lead's names weigh as background: they only undergo the act, as the names of a passive lead
with its agent named would (round nineteen). Without such a body, nothing changes: a firm
"designated as" something by no one named may be its own story ("…가 국가전략기술 기업으로
지정됐다").
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import BACKGROUND_FACTOR, LEAD_HEAD_BONUS, lazy_pattern

# "…'X 기업'으로 분류됐다", "…로 지정됐다", "…대상으로 재지정됐다": the lead ends in its class
_CLASSED_END = lazy_pattern(
    r"(?:으로|로)\s(?:(?:새로|다시|공식|잇따라)\s)?(?:분류|지정|재지정|편입)(?:됐|되었)다[.]?\s*$"
    r"|(?:명단|목록|리스트)에\s(?:(?:새로|추가로|다시|무더기로)\s)?(?:올랐|포함됐|추가됐)다[.]?\s*$")


def classed_by_next(text: str, first: tuple[int, int], second: tuple[int, int],
                    mentions: list[_Mention], in_second: list[_Mention]) -> bool:
    """Give the head to the body opening the next sentence when the lead's subject is only
    classed or listed, by no one the lead names (see above)."""
    if not text.endswith("다.", first[0], first[1]) or _CLASSED_END().search(
            text, max(first[0], first[1] - 30), first[1]) is None:
        return False
    lead = [m for m in mentions if m.sentence == 0]
    head = next((m for m in lead if m.role == "head"), None)
    if head is None or head.entry.kind != "company" or any(
            m.entry.kind == "institution" for m in lead):
        return False  # a body in the lead (the list's owner) is read by round twelve's rule
    body = next((m for m in in_second if m.entry.kind == "institution"
                 and m.entry.region != head.entry.region
                 and (m.role == "later-subject" or m.start - second[0] <= 4)), None)
    if body is None:
        return False
    for m in lead:
        m.role, m.bonus = ("sub-modifier" if m.role in ("head", "modifier") else m.role), 0.0
        m.background, m.factor = True, m.factor * BACKGROUND_FACTOR
    body.role, body.bonus = "head", LEAD_HEAD_BONUS
    return True
