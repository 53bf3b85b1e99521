"""A firm named only in the reason a body gives for acting on it (round twenty-five, part b).

"미국 메타가 … 지배적 지위를 남용했다며 경쟁위원회(CCI)가 … 과징금을 부과했다": the lead's main
subject is the body; the firm is the subject of the reason clause that ends in 다며 / 라며 (or
"…했다는 이유로") before it. Round thirteen's reading already makes the body the head, but the
firm's names in the clause still count in full, and a firm named again later outweighs a body
named once. They are the body's grounds, not the story's actor: they weigh as background, as
the names of any clause the main one only cites. Only where the body's act is a sanction
(fine, ban, order, probe) and the firm is of another region than the body.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import BACKGROUND_FACTOR, lazy_pattern

# the reason clause's end: "…남용했다며 ", "…위반이라며 ", "…어겼다는 이유로 "
_REASON_END = lazy_pattern(r"(?:다|라)며\s|다는\s이유로\s")
_SANCTIONS = ("과징금", "벌금", "제재", "금지", "명령", "부과", "조사", "시정")


def reason_of_body(text: str, start: int, end: int, mentions: list[_Mention]) -> bool:
    """Weigh as background the firm a lead's body acts on, named in its reason (see above)."""
    lead = text[start:end]
    if "며 " not in lead and "이유로" not in lead:  # cheap first
        return False
    inside = [m for m in mentions if start <= m.start < end]
    head = next((m for m in inside if m.role == "head"), None)
    if head is None or head.entry.kind != "institution":
        return False
    cut = None
    for found in _REASON_END().finditer(text, start, head.start):
        cut = found.end()
    if cut is None or not any(word in text[head.end:end] for word in _SANCTIONS):
        return False
    cited = [m for m in inside if m.end <= cut and m.entry.region != head.entry.region]
    if not any(m.entry.kind == "company" for m in cited):
        return False
    for m in cited:
        m.background, m.factor, m.bonus = True, m.factor * BACKGROUND_FACTOR, 0.0
    return True
