"""A subject inside a relative clause before the main clause's firm (round twenty-four).

"중국 매출 비중이 한때 40%를 넘었던 반도체 장비 업체 ASML이 … 급락했다": the first subject
("중국 매출 비중이") belongs to a relative clause ending in an adnominal verb ("넘었던") that
describes the firm named after it; the firm, with its own subject particle, is the main
clause's subject. Round twenty-three left the family open ("윙테크가 소유한 넥스페리아에 대해 …").

The rule reads only the plain shape: the lead's head sits in the first word-group that ends in
이/가; an adnominal word (…던, …한, …된, …는) follows within a few words with no clause break
(a comma, a connective ending in 고/며/서/자); then a firm or body is named with its own subject
particle, no other name between. That name takes the head (and with it the head's weight, which
matters when the firm's clause is itself fronted: "… ASML이 …을 발표하면서 주가가 급락했다").
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern
from newsletter.classify_undergone import _give_head

# the head's subject word, a relative clause of up to six words ending in an adnominal, then up
# to four words of description ("반도체 장비 업체") before the firm
_RELATIVE = lazy_pattern(
    r"\S*[이가]\s(?:[^\s,]+\s){0,6}?[^\s,]*(?:었던|았던|였던|했던|던|한|된|인)\s"
    r"(?:[^\s,]+\s){0,4}?$")


def relative_subject(text: str, start: int, end: int, mentions: list[_Mention],
                     bonuses: tuple[float, float]) -> bool:
    """Give the lead's head to the firm its relative clause describes; True if moved."""
    lead = text[start:end]
    if lead.isascii() or not ("던 " in lead or "한 " in lead or "된 " in lead or "인 " in lead):
        return False
    inside = [m for m in mentions if start <= m.start < end]
    head = next((m for m in inside if m.role == "head"), None)
    if head is None or head.start - start > 30:  # the lead's opening subject only
        return False
    firm = next((m for m in inside if m.start > head.end
                 and m.entry.kind in ("company", "institution")
                 and m.particle in ("이", "가", "은", "는")), None)
    if firm is None or any(head.end <= m.start < firm.start for m in inside):
        return False  # another name between them: not one relative clause on the firm
    found = _RELATIVE().search(text, head.end, firm.start)
    if found is None or found.end() != firm.start or _BREAK().search(text, head.end, firm.start):
        return False
    _give_head(text, firm, inside, bonuses)
    return True


_BREAK = lazy_pattern(r"(?:고|며|서|자|면|지만|는데)\s|,")
