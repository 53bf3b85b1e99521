"""A lead whose subject is a list of countries of different regions (round twenty-three, issue 13).

"Chinese and Japanese refiners will pay less … after Saudi Aramco cut its price", "미국과 일본
업체들이 … 하자": a subject split between two regions names no one home for the story; the actor
the lead names after the list (a firm or an institution of a third region) does.
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention
from newsletter.classify_undergone import _give_head

# what joins two list members: English "and" / ",", Korean 과/와/및/,
_JOIN = re.compile(r"(?:,\s*|\s+and\s+|\s*(?:과|와|및|,)\s*)$")
_JOIN_NEAR = re.compile(r"(?:,|\band|과|와|및)\s*$")
_JOIN_NEAR_AFTER = re.compile(r"\s*(?:,|and\b|과|와|및)")


def listed_heads(text: str, start: int, end: int, mentions: list[_Mention],
                 bonuses: tuple[float, float]) -> bool:
    """Give a lead whose subject lists two regions to the actor named after; True if moved."""
    head = next((m for m in mentions if m.role == "head" and start <= m.start < end), None)
    if head is None or head.entry.kind not in ("country", "company"):
        return False
    # cheap first (callgrind: this runs on every lead): a list word right beside the head
    if _JOIN_NEAR.search(text[max(start, head.start - 6):head.start]) is None \
            and _JOIN_NEAR_AFTER.match(text, head.end) is None:
        return False
    inside = [m for m in mentions if start <= m.start < end]
    kinds = ("country", "company")
    before = [m for m in inside if m.end <= head.start and m.entry.kind in kinds]
    after = [m for m in inside if m.start >= head.end and m.entry.kind in kinds]
    if before and _joined(text[before[-1].end:head.start]):
        first = before[-1]
    elif after and _joined(text[head.end:after[0].start]):
        first = after[0]
    else:
        return False
    regions = {first.entry.region, head.entry.region}
    if len(regions) < 2:
        return False
    actor = next((m for m in inside if m.start > max(head.start, first.start)
                  and not m.background
                  and m.entry.kind in ("company", "institution")
                  and m.entry.region not in regions), None)
    if actor is None:
        return False
    _give_head(text, actor, inside, bonuses)
    return True


def _joined(between: str) -> bool:
    """True if two mentions are list members: nothing but "and", "과", "와", "및" or a comma."""
    return between.strip(" ,") in ("and", "과", "와", "및", "") and bool(_JOIN.search(between))
