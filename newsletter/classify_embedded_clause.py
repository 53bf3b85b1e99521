"""Whose verb follows a relative clause's noun (issue 13, stop 28 b).

`classify_korean._in_relative_clause` drops a subject in 이/가 that a verb before a noun follows,
as that relative clause's own subject ("미국 마이크론이 히로시마에 짓는 생산라인에 일본 정부가
…" is Japan's). Round 30a kept the subject when the noun is an object whose verb is the very
next word. The same holds for a noun in 에/에서 followed at once by a connective verb in 해/하고
that closes a clause before the next subject: "A 총리가 스스로 요청한 신임투표에서 패배해
내각이 총사퇴했다" -- no one else is named to lose the vote, so A does; the relative clause
("스스로 요청한") only says which vote. Postpositions in 해 ("…에 대해", "…를 위해") are two
letters and never read as such a verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsletter.classify_mentions import _Mention
from newsletter.classify_r30a_clause import object_of_the_next_verb
from newsletter.classify_tables import lazy_pattern

# A verb of three letters or more in a connective form: 패배해, 진출해서, 참여하고, 합의하며.
_CONNECTIVE_VERB = lazy_pattern(r"[가-힣]{2,}(?:해|해서|하고|하며|하면서|돼|돼서|되고|되며)[,，]?")
_PLACE = ("에", "에서")


def verb_takes_noun(tokens: list[re.Match[str]], kinds: list[str], k: int, following: int,
                    noun: str, mentions: Sequence[_Mention] = ()) -> bool:
    """Whether the relative clause's noun at k is taken by the next word's verb, a clause of
    the subject before the relative clause, ahead of the next subject at `following`: an
    object and its verb (round 30a), or a place and a connective verb (stop 28 b) when the next
    subject names no one ("…신임투표에서 패배해 내각이"); a named one there may be the verb's own
    subject ("A가 …에 짓는 단지에 입주해 일본 B가 …" is B's move)."""
    if object_of_the_next_verb(kinds, k, following, noun):
        return True
    if not (noun.endswith(_PLACE) and k + 1 < following and kinds[k + 1] in ("", "boundary")
            and _CONNECTIVE_VERB().fullmatch(tokens[k + 1].group()) is not None):
        return False
    end = tokens[min(following, len(tokens) - 1)].end()
    return not any(tokens[k + 1].end() <= m.start < end for m in mentions)
