"""A body of one country acting on a firm of another (round twenty-two, issue 13).

The family every pair of fresh sets brings back in new words: a government, regulator, court or
ministry of region B fines, probes, reviews, clears, lists, sanctions, subsidises or contracts a
firm of region A that the lead names first ("미국 메타가 … 했다며 인도 경쟁위원회(CCI)가 …
과징금을 부과했다", "Tencent and CATL were placed on a Pentagon list …", "대만 TSMC가 짓는 공장은
경제산업성으로부터 보조금을 받게 됐다"). The story is the body's act: the body's region.

The rule is written broad, for the family rather than for one wording: the lead's head is a
firm or a country of region A, the lead names an institution of region B != A, and the lead
holds one of the acts a body does to a firm. It stays out where the firm answers the body
(appeals, sues, complains, lobbies), where the body is only background, and where a firm
other than the head shares the body's region (then the story may be that firm's).

`body_on_firm` runs once per lead sentence, after round nineteen's to twenty-one's readings,
and only where a substring test finds one of the act words.
"""

from __future__ import annotations

from newsletter.classify_body_seat import agent_by_place, seat_in_lead
from newsletter.classify_k4_clause import money_as_means
from newsletter.classify_mentions import _Mention
from newsletter.classify_r26b_seat import place_in_lead
from newsletter.classify_r29a_cleared import cleared_on_the_way
from newsletter.classify_s28d_english import government_head
from newsletter.classify_tables import lazy_pattern
from newsletter.classify_undergone import _give_head

_KO_ACTS = ("과징금", "벌금", "제재", "조사", "심사", "승인", "허가", "금지", "명령", "지정",
            "명단", "목록", "리스트", "보조금", "부과", "기소", "반덤핑", "시정", "인가", "불허",
            "판결", "규제", "계약", "로부터")
_EN_ACTS = ("fine", "probe", "investigat", "review", "approv", "clear", "block", "order",
            "ban", "list", "sanction", "condition", "ruling", "ruled", "designat", "subsid",
            "contract", "grant", "tariff", "charge", "penal", "antitrust", "raid", "licen",
            "permit")
_ACTING = ("institution", "country", "place", "person")
# the firm answering the body: the story is the firm's
_ANSWERS = lazy_pattern(
    r"항소|불복|신청|요청|반발|맞서|소송|에도\s|따냈|수주|주가|appeal|challeng|\bsue[sd]?\b"
    r"|complain|lobb|protest|despite|\bwon\b|\bwins?\b|\bshares\s(?:of|in)\b")


def body_on_firm(text: str, start: int, end: int, mentions: list[_Mention],
                 bonuses: tuple[float, float]) -> bool:
    """Give the lead text[start:end]'s head to a foreign body acting on its firm; True if moved."""
    inside = [m for m in mentions if start <= m.start < end]
    # cheap first: many leads name no institution at all
    # round twenty-three: or a capital or country as a passive's agent ("… spared by Washington")
    if not any(m.entry.kind == "institution" or agent_by_place(text, m) for m in inside):
        return False
    lead = text[start:end]
    lowered = lead.lower()
    # substring tests, not one regex of every word: the regex cost more in callgrind's pass
    if not any(word in lowered for word in (_EN_ACTS if lead.isascii() else _KO_ACTS)):
        return False
    # the lead's head, or where no subject was marked ("미국 메타가 …했다며 인도 CCI가 …"),
    # the first firm it names
    head = next((m for m in inside if m.role == "head"), None) \
        or next((m for m in inside if m.entry.kind == "company"), None)
    if head is None or head.entry.kind not in ("company", "country") or government_head(text, head):
        return False
    region = head.entry.region
    body = next((m for m in inside
                 if (m.entry.kind == "institution" or agent_by_place(text, m)) and not m.background
                 and m.entry.region != region and m.start > head.start), None)
    if body is None or _ANSWERS().search(lowered) is not None or cleared_on_the_way(
            text, body, end) or money_as_means(text, body, end):  # 29a; k4: "보조금을 받아 …"
        return False
    # the body's story goes on: a later sentence names its side again (its minister, its
    # capital, the body itself). A one-line "X was put on a U.S. list" stays the firm's story.
    # round twenty-three: or the lead itself names where the body acts ("… in Japan")
    if not any(m.start >= end and m.entry.region == body.entry.region
               and m.entry.kind in _ACTING for m in mentions) \
            and not seat_in_lead(text, body, inside) and not place_in_lead(text, body, inside):
        return False
    _give_head(text, body, inside, bonuses)
    return True
