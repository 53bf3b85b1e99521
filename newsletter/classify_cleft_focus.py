"""One reader for the cleft and for "not X but Y" (issue 13, stop 28): the focus is the actor.

Writers of summaries love the cleft: "…을 …한 것은(곳은, 쪽은) A가 아니라 B였다", "…한 건
B였다", "It was not A but B that …", "Not A, its rival, but B ended up …", "… went not to A but
to B". The convention is that the focus B acts. Rounds eighteen to thirty-eight each read one
shape of it (`classify_korean.cleft_own_subject`, `classify_r26a_cleft`, `classify_r28b_cleft`,
`classify_r30a_cleft`, `classify_r36_cleft`, `classify_done_by`); `cleft_focus` here is the one
place the lead's cleft is read, and it keeps their readings. What it adds, each a rule over the
shape, not a name:

- what the sentence denies ("X가 아니라", "X가 아닌") is never the actor: not as the cleft
  clause's own subject when the focus denies that very name ("같은 주 A은행이 금리를 올렸지만
  시장을 놀라게 한 것은 A은행이 아닌 B은행이었다": the role the clause gives is the one denied
  to A, so B fills it), and not for the readers after the subject's (`denied`: "올가을 미국이
  아니라 브라질에서 … 사들인 것은 중국 업체들이었다" keeps 미국 from being read as a subject
  after an object);
- a focus that names no one, only a market or an origin ("미국 데이터센터용 가스터빈 수주",
  "중국산 부품"), is a thing: the story belongs to whoever owns what the cleft's clause acted on
  ("X 주가를 끌어올린 것은 …": X);
- English "Not A, its rival, but B …" (an apposition after the denied name), and "… went not
  to A but to B" (a prize, a bet, a contract passed to B: B is the focus).
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_korean import cleft_own_subject
from newsletter.classify_r30a_cleft import cleft_end
from newsletter.classify_r36_cleft import focus_head
from newsletter.classify_tables import _KO_DENIAL, EN_CLEFT, KO_CLEFT, lazy_pattern

# A name's phrase (its word, and one more) closed by 이/가 and a denial: "미국이 아니라", "중국
# 부품업체가 아니라", "A은행이 아닌".
_DENIED_AFTER = lazy_pattern(r"[^\s.,]*(?:\s[^\s.,]+)?[이가]\s(?:아니라|아닌|아니고)\s")
# A word that makes the bare country before it a market or a use, not a doer: "미국
# 데이터센터용", "유럽 수출용" (three syllables or more, so 비용, 고용, 이용 are not read).
_MARKET_WORD = lazy_pattern(r"\s[가-힣]{2,}용(?=\s)")
# A country's own suffix of origin or destination: "중국산", "미국향", "내수용".
_MARKET_SUFFIXES = ("산", "향", "용")
# "… went not to an American miner but to Korea Zinc, which …": what passed, and to whom.
_EN_WENT_NOT_TO = lazy_pattern(
    r"\b(?:went|goes|passed|fell|has\sgone|had\sgone)\s+not\s+to\s+[^,;]+?\s+but\s+to\s+"
    r"(?:the\s+)?(?P<to>[^,;]+?)(?=,|;|\.\s|\.?$|\s(?:which|who|that)\s)")


def denied(text: str, m: Any) -> bool:
    """Whether the sentence denies the mention's phrase: "X가 아니라", "X가 아닌": the one
    denied is named only to be set aside, so no reader gives it the story."""
    return _DENIED_AFTER().match(text, m.end) is not None


def market_only(text: str, m: Any) -> bool:
    """Whether a country names only a market or an origin: "미국 데이터센터용 …", "중국산 …"."""
    if m.entry.kind != "country":
        return False
    if m.suffix:
        return m.suffix.startswith(_MARKET_SUFFIXES)
    return _MARKET_WORD().match(text, m.end) is not None


def cleft_focus(text: str, start: int, end: int, korean: bool,
                mentions: list[Any]) -> tuple[int, int] | None:
    """The span that acts in a cleft lead text[start:end]: its focus, or the cleft clause's own
    subject where that subject chose what the focus names, or the owner of what the clause acted
    on where the focus names no one. None when the lead is no cleft."""
    if not korean:
        return _english_focus(text, start, end, mentions)
    found = KO_CLEFT.search(text, start, cleft_end(text, start, end, mentions))  # round 30a
    # "소니는 … 첫 기업이었다" is Sony's own sentence; only a topic that names no one
    # ("…한 것은", "최종 승자는") makes the focus the actor, and only a focus with a name.
    if found is None:
        return None
    topic_group, focus_group = (("topic", "focus") if found.group("focus") is not None
                                else ("topic2", "focus2"))
    if any(found.start(topic_group) <= m.start < found.end(topic_group) for m in mentions):
        return None
    own = cleft_own_subject(text, start, found.end(), mentions)
    if own and not _own_subject_denied(text, own, found.end(topic_group), end, mentions):
        return own  # "클라르나가 … 택한 것은 런던이 아니라 뉴욕이었다" (round eighteen)
    focus = focus_head(text, found.span(focus_group), mentions)  # round 36
    denial = _KO_DENIAL().search(text, found.end(topic_group), focus[0] + 1)
    if denial is not None and denial.end() < focus[0]:
        # "…한 것은 X가 아니라 미국 실리콘밸리의 배터리 스타트업 Y였다": the whole phrase
        # after the denial is the focus, however long its owner phrase.
        focus = focus_head(text, (denial.end(), focus[1]), mentions)  # round 36
    if text[focus[1] - 1] == "로":
        # "…타이틀은 X가 아니라 Y로 넘어갔다": Y is the title's new holder; its 로 says
        # where the title went, not an adverbial that keeps Y out of the subject.
        for m in mentions:
            if focus[0] <= m.start < focus[1]:
                m.particle = m.particle if m.particle not in ("로", "으로") else ""
                m.phrase_particle = ("" if m.phrase_particle in ("로", "으로")
                                     else m.phrase_particle)
    named = [m for m in mentions if focus[0] <= m.start < focus[1]]
    if not named:
        return None
    if all(market_only(text, m) for m in named):
        # "X 주가를 끌어올린 것은 …가 아니라 미국 데이터센터용 가스터빈 수주였다": a thing
        # is the focus; the one whose thing the clause acted on owns the story.
        return _owner_in_clause(text, start, found.start(topic_group), mentions)
    return focus


def _own_subject_denied(text: str, own: tuple[int, int], after: int, end: int,
                        mentions: list[Any]) -> bool:
    """Whether the focus denies the very name read as the cleft clause's own subject: "A은행이
    금리를 올렸지만 시장을 놀라게 한 것은 A은행이 아닌 B은행이었다" sets A aside for the role the
    clause gives, so A is no subject of that clause, and B acts."""
    names = {text[m.start:m.end] for m in mentions if own[0] <= m.start < own[1]}
    return any(after <= m.start < end and text[m.start:m.end] in names and denied(text, m)
               for m in mentions)


def _owner_in_clause(text: str, start: int, topic: int,
                     mentions: list[Any]) -> tuple[int, int] | None:
    """The name that owns the object of the cleft's clause ("지멘스에너지 주가를 끌어올린
    것은"): a bare or genitive name whose phrase is that object, not denied."""
    for m in mentions:
        if (start <= m.start < topic and m.phrase_particle in ("을", "를")
                and m.particle in ("", "의") and not denied(text, m)):
            # the owner of the object, read as the focus: no longer an object phrase
            m.role, m.phrase_particle = "", ""
            return (m.start, m.end)
    return None


def _english_focus(text: str, start: int, end: int,
                   mentions: list[Any]) -> tuple[int, int] | None:
    """"It was (not X but) Y that …", "Not X, <apposition>, but Y …", "… went not to X but to
    Y": the span of Y, when it holds a name."""
    found = EN_CLEFT.match(text, start, end)
    if found is not None:
        focus = found.span(next(g for g in ("focus", "but", "but2") if found.group(g)))
        if found.group("apposition") and not any(focus[0] <= m.start < focus[1]
                                                 for m in mentions):
            # "…but Comac, the state-owned Shanghai planemaker, that …": a focus the tables
            # lack is described by its apposition.
            focus = found.span("apposition")
    elif " not to " in text[start:end] and (
            went := _EN_WENT_NOT_TO().search(text, start, end)) is not None:
        # "The government's latest bet … went not to an American miner but to Korea Zinc":
        # what passed names the focus that took it.
        focus = went.span("to")
    else:
        return None
    if not any(focus[0] <= m.start < focus[1] for m in mentions):
        return None
    return focus

