"""Round thirty, part a (issue 13): a subject before a relative clause on its own object.

`classify_korean._in_relative_clause` reads a subject in 이/가 followed by a verb before a noun
as the relative clause's own subject ("미국 마이크론이 히로시마에 짓는 생산라인에 일본 정부가
…": the plant is Micron's, the sentence Japan's). Where that noun is an object (을/를) and the
very next word is the verb that takes it, closing a clause before any other subject, nobody else
is there to do that verb: the subject before the relative clause does it. "미국의 관세로 타격을
입은 스위스가 관세율을 15%로 낮추는 합의를 이끌어냈다고 … 장관이 밝혔다" (Switzerland won the
deal), "…에 팔기로 했던 CK허치슨이 코스코를 참여시키라는 요구를 받으면서 협상이 길어지고"
(CK Hutchison received the demand). A noun in 에/의/로, or one whose verb comes after another
subject ("X가 운영하는 선박을 미국이 제재했다"), keeps round sixteen's reading.
"""

from __future__ import annotations

_OBJECT = ("을", "를")


def object_of_the_next_verb(kinds: list[str], k: int, following: int, noun: str) -> bool:
    """Whether the relative clause's noun at k is an object (을/를) whose verb is the next word,
    a clause end before the next subject at `following`."""
    return noun.endswith(_OBJECT) and k + 1 < following and kinds[k + 1] == "boundary"
