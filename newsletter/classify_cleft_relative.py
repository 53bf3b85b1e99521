"""A cleft whose would-be own subject closes a relative clause on the clause's object (issue 13,
stop 28 b: Korean passives and agents).

Round eighteen reads "X가 상장 무대로 택한 것은 A가 아니라 B였다" as X's: the cleft clause's own
subject chose what the focus names. Round thirty-six saw that X may instead be the subject of a
relative clause inside that clause ("X가 보유하던 Y를 사들인 곳은", closed by 던, or "X가 … 물린
뒤에도 … 늘린 곳은"). The same relative clause in a plain past adnominal was missed: "A사가 문을
닫은 B 스튜디오를 되살린 것은 C사가 아니라 D였다". A closed the studio; who revived it is what
the cleft asks, and the focus D answers. The shape: right after the subject, an object and its
past adnominal verb ("문을 닫은", "지분을 판"), then a noun phrase in 을/를, the cleft verb's own
object. Two objects, two verbs: the subject belongs to the first, the focus fills the second's
empty subject.

Only when the focus names a doer (a firm, a person, a body) that the sentence does not deny: a
focus that is a place ("테슬라가 새로 내놓은 차를 생산한 곳은 상하이였다") may still be where the
subject itself chose, as round eighteen reads it. Nor when the cleft's verb chooses or hands
over ("애플이 설계를 마친 칩을 맡긴 곳은 삼성이 아니라 TSMC였다"): its focus is the one chosen,
and the subject, who did both, still acts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsletter.classify_k3_clause import relative_on_head
from newsletter.classify_tables import _KO_DENIED, lazy_pattern

# An object, then its verb's past adnominal (a final ㄴ: 닫은, 인수한, 판), then up to five words
# and a second word in 을/를 right before the cleft's verb word (group "verb" starts there).
_OBJECT_RELATIVE = lazy_pattern(
    r"\S+[을를]\s(?P<adn>[가-힣]*[가-힣])\s(?:[^\s.,]+\s){0,5}?[^\s.,]+[을를]\s"
    r"(?:[^\s.,]+\s)?(?P<verb>[^\s.,]+)$")
# Cleft verbs whose focus is the one chosen, handed or funded with the object, not its doer:
# 맡긴, 택한, 고른, 선택한, 꼽은, 지목한, 선정한, 낙점한, 준, 넘긴, 판, 매각한, 투자한 (and
# 몰아준, 내준, 안긴); and the verbs of sharing out what one has, whose focus is only ever the
# one given a share (배정한, 할당한, 배분한: "A가 개발을 마친 칩을 처음 배정한 곳은 B였다"
# is A's). 공급한 and 제공한 stay out: their focus is as often the supplier.
_CHOOSE_OR_GIVE = ("맡긴", "택한", "고른", "선택한", "꼽은", "지목한", "선정한", "낙점한", "준",
                   "넘긴", "판", "매각한", "안긴", "투자한", "배정한", "할당한", "배분한")
# The kinds of name that can do the cleft clause's act.
_DOERS = frozenset({"company", "person", "institution"})


def _past_adnominal(word: str) -> bool:
    """A verb's past adnominal: its last syllable has a final ㄴ ("닫은", "인수한", "판"); the
    object before it makes it a verb, not a noun in ㄴ ("일본")."""
    last = word[-1]
    return "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 == 4


def relative_on_object(text: str, own: re.Match[str], end: int,
                       mentions: Sequence[Any]) -> bool:
    """True when the cleft's would-be own subject (group 1 of `own`, round eighteen's match)
    is the subject of a relative clause on the cleft verb's object, and the focus, in
    text[own.end():end], names a doer the sentence does not deny."""
    clause = text[own.end(1):own.end(2)]
    found = _OBJECT_RELATIVE().search(clause)
    verb = found.group("verb") if found and _past_adnominal(found.group("adn")) else \
        relative_on_head(clause)  # stop 28 c: "X가 세운 Y에 … 베팅한 것은"
    if verb is None or verb.endswith(_CHOOSE_OR_GIVE):
        return False
    return any(own.end() <= m.start < end and m.entry.kind in _DOERS
               and _KO_DENIED().match(text, m.end) is None for m in mentions)
