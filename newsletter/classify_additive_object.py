"""A phrase in 도 right after a subject in 이/가 is what that subject acts on too (issue 13,
stop 28 b: bodies acting on foreign firms).

Korean marks an object "too" with 도 in place of 을/를: "검찰이 A사의 현지 법인도 재판에
넘겼다" (the prosecutors indicted A's local unit as well). The subject finder takes a phrase in
도 as a subject ("일본 정부도 …", "업계도 …"), and a topic well after a subject in 이/가 as the
main one ("중국 정부가 허가를 늦추자 미국 국방부는 …"), so the firm in 도 took the story from
the body that acts on it: "…사건을 수사해 온 고등검찰서가 일본 X사의 현지 법인도 재판에
넘겼다" went to Japan. When the phrase in 도 starts right after the subject's word, no clause
can close between them: the two belong to one clause, whose subject is the one in 이/가, and
the phrase in 도 is its object.

`additive_object` is a stage of `classify_second_look`: it answers only when the deciding name
sits in such a phrase and the subject before it names another region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsletter.classify_korean import _adnominal, _ends_embedded_clause
from newsletter.classify_mentions import _clean_word, _Mention, _particle
from newsletter.classify_passive_body import lead_end, lead_top
from newsletter.classify_tables import _TOKEN, HANGUL, KO_CLAUSE_END
from newsletter.models import Region

_PHRASE_WORDS = 5  # words of a phrase in 도 read after the deciding name


def _noun_word(tok: re.Match[str], lead: Sequence[_Mention]) -> bool:
    """Whether a word sits inside a noun phrase: a name, bare or in 의, a genitive, or a bare
    noun ("현지"); not a verb, an adverbial or an object, which would close a clause."""
    name = next((m for m in lead if m.start < tok.end() and m.end > tok.start()), None)
    if name is not None:
        return name.end >= tok.end() or name.suffix in ("", "의")
    word = _clean_word(tok.group())
    if word.endswith("의"):
        return True
    return bool(word) and _noun_word_stem(word)


def _additive_word(tok: re.Match[str], lead: Sequence[_Mention]) -> bool:
    """Whether a word ends in the particle 도 ("법인도", "현지 법인도"), not in a name's own
    last letter ("인도")."""
    word = _clean_word(tok.group())
    if not word.endswith("도") or len(word) < 2:
        return False
    name = next((m for m in lead if m.start < tok.end() and m.end > tok.start()), None)
    return name.particle == "도" if name is not None else _noun_word_stem(word[:-1])


def _noun_word_stem(stem: str) -> bool:
    """A bare Korean noun: no particle, no verb's ending before a noun or a clause's end."""
    return (all(HANGUL.match(ch) for ch in stem) and not _particle(stem)
            and not _adnominal(stem) and not _ends_embedded_clause(stem)
            and KO_CLAUSE_END.search(stem) is None)


def additive_object(region: Region, reason: str, title: str, body: str,
                    mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The subject's region and reason, when the deciding name sits in a phrase in 도 that
    starts right after a subject in 이/가 of another region; else None."""
    if "도 " not in body:
        return None
    end = lead_end(body)
    lead, top = lead_top(region, end, mentions)
    if top is None or top.role != "head":
        return None
    tokens = list(_TOKEN.finditer(body, 0, end))
    at = next((i for i, tok in enumerate(tokens) if tok.start() <= top.start < tok.end()), None)
    if at is None:
        return None
    last = at
    while last < min(len(tokens) - 1, at + _PHRASE_WORDS) and not _additive_word(
            tokens[last], lead) and _noun_word(tokens[last], lead):
        last += 1
    if not _additive_word(tokens[last], lead) or last == len(tokens) - 1:
        return None  # the deciding name's phrase ends in another particle, or ends the lead
    first = at
    while first > 0 and _noun_word(tokens[first - 1], lead) and not any(
            m.particle in ("이", "가") and tokens[first - 1].start() <= m.start
            < tokens[first - 1].end() for m in lead):
        first -= 1
    if first == 0:
        return None
    word = tokens[first - 1]
    subject = next((m for m in lead if word.start() <= m.start < word.end()
                    and m.particle in ("이", "가") and m.end + len(m.suffix) == word.end()),
                   None)
    if subject is None or subject.entry.region is region:
        return None
    phrase = body[tokens[first].start():tokens[last].end()]
    return subject.entry.region, (
        f"lead subject {subject.label()}; the phrase in 도 after it ({phrase}) is what it acts "
        f"on too (was: {reason})")
