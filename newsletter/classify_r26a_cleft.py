"""Round twenty-six, part a (issue 13): the subject of a Korean cleft's own clause, told after a
setting ("2025년 가을 중국 국유 곡물기업 중량이 … 사들인 것은 X가 아니라 Y였다", "2024년 1월
개편된 … 계좌를 통해 일본 개인투자자들이 가장 많이 사들인 것은 …") or with a topic noun other
than 것 ("집행위원회가 … 과징금을 부과한 대상은 X가 아니라 Y였다").

Round eighteen's reading (`classify_korean.cleft_own_subject`) holds: what the subject bought,
chose or fined is the focus; the subject acts. Its pattern wants the subject among the first
three words and the topic in 것/곳/쪽/건, so a time or a setting before the subject, an adverb in
이 after it ("가장 많이"), or a topic like 대상 kept the focus, the thing bought or fined, as the
actor. The setting must hold no word in 이/가 of its own (a second subject, "…하자 정부가",
keeps the rule out as before) and no connective clause.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# Adverbs that end in 이 but are no subject ("가장 많이 사들인", "함께 같이").
_ADVERBS = r"(?:많이|같이|높이|깊이|널리|특히|일찍이|새로이|적이)"
_OWN = lazy_pattern(
    # the setting: up to six words, none in 이/가, none a connective ("…하자", "…면서")
    r"\s*(?:(?![^\s]*(?:[이가]|자|면서|는데|지만),?\s)[^\s.,]+\s){0,6}?"
    # the subject: up to four words, the last in 이/가 (or 들이)
    r"((?:[^\s.,]+\s){0,3}?(?!" + _ADVERBS + r"\s)[^\s.,]+?)[이가]\s"
    # the clause: no second word in 이/가 or denial, bar the adverbs
    r"(?:(?:" + _ADVERBS + r"|(?![^\s]*(?:[이가]|아니라|아닌|아니고)\s)[^\s.,]+)\s){0,8}?"
    r"[^\s.,]*([가-힣])\s(?:것|곳|쪽|건|대상|상대|나라|기업|업체)[은는]\s")


def cleft_subject_after_setting(text: str, start: int, end: int,
                                mentions: list[_Mention]) -> tuple[int, int] | None:
    """The span of the cleft clause's own subject when it holds a name, else None."""
    own = _OWN().match(text, start, end)
    if own is None:
        return None
    syllable = own.group(2)
    # a past adnominal in ㄴ ("사들인", "부과한") or 던, as round eighteen asks
    if syllable != "던" and (ord(syllable) - 0xAC00) % 28 != 4:
        return None
    if not any(own.start(1) <= m.start < own.end(1) for m in mentions):
        return None
    return own.span(1)
