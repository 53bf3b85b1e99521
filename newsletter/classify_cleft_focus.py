"""One reader for the cleft and for "not X but Y" (issue 13, stop 28): the focus is the actor.

Writers of summaries love the cleft: "…을 …한 것은(곳은, 쪽은) A가 아니라 B였다", "…한 건
B였다", "It was not A but B that …", "Not A, its rival, but B ended up …", "… went not to A but
to B". The convention is that the focus B acts. Rounds eighteen to thirty-eight each read one
shape of it in a module of its own; they live here now, below `cleft_focus`, unchanged (the
move changed no region and no reason on the 17,980 labelled lines): the cleft clause's own
subject (`cleft_own_subject`, round eighteen, was in classify_korean; after a setting, 26a), a
doer inside that subject's phrase (`doer_in_subject_phrase`, 28b), a cleft inside a report
(`cleft_end`, 30a) and relative clauses in the topic and the focus (`subject_of_a_relative`,
`focus_head`, 36 and 38) and the acted-on pass's reading of who did a cleft's news
(`cleft_doer_from`, round 21, was in classify_done_by, which still calls it). `cleft_focus` is
the one place the lead's subject is read from a cleft.
What stop 28 added, each a rule over the shape, not a name:

- what the sentence denies ("X가 아니라", "X가 아닌") is never the actor: not as the cleft
  clause's own subject when the focus denies that very name ("같은 주 A은행이 금리를 올렸지만
  시장을 놀라게 한 것은 A은행이 아닌 B은행이었다": the role the clause gives is the one denied
  to A, so B fills it), and not for the readers after the subject's (`denied`: "올가을 미국이
  아니라 브라질에서 … 사들인 것은 중국 업체들이었다" keeps 미국 from being read as a subject
  after an object);
- a focus that names no one, only a market or a use ("미국 데이터센터용 가스터빈 수주",
  "중국향 수출"), is a thing: the story belongs to whoever owns what the cleft's clause acted on
  ("X 주가를 끌어올린 것은 …": X);
- English "Not A, its rival, but B …" (an apposition after the denied name), and "… went not
  to A but to B" (a prize, a bet, a contract passed to B: B is the focus).
"""

from __future__ import annotations

import re
from typing import Any

from newsletter.classify_cleft_relative import relative_on_object
from newsletter.classify_mentions import _Mention
from newsletter.classify_s28b_english import settle_denial
from newsletter.classify_s28c_english import inverted_focus
from newsletter.classify_tables import _KO_DENIAL, _KO_DENIED, EN_CLEFT, KO_CLEFT, lazy_pattern

# A word that makes the bare country before it a market or a use, not a doer: "미국
# 데이터센터용", "유럽 수출용" (three syllables or more, so 비용, 고용, 이용 are not read).
_MARKET_WORD = lazy_pattern(r"\s[가-힣]{2,}용(?=\s)")
# A maker after the use word ("일본 산업용 로봇 업체들", "중국 가정용 배터리 제조사"): the use
# says what they make; the country is the makers', who act, not a market (review).
_MAKERS = lazy_pattern(
    r"(?:\s[^\s.]+){0,2}?\s[^\s.]*(?:업체|기업|회사|제조사|메이커|개발사)(?=들|[이가은는의도]|였|\s|$)")
# A country's own suffix of destination or use: "미국향", "유럽용". Not the origin in 산: "유럽
# 시장을 휩쓴 것은 일본차가 아니라 중국산 전기차였다" is the makers' story, China's.
_MARKET_SUFFIXES = ("향", "용")
# The name itself denied, its particle right after it: "A은행이 아닌", "애플이 아니라".
_NAME_DENIED = lazy_pattern(r"[이가]\s(?:아니라|아닌|아니고)\s")
# "… went not to an American miner but to Korea Zinc, which …": what passed, and to whom.
_EN_WENT_NOT_TO = lazy_pattern(
    r"\b(?:went|goes|passed|fell|has\sgone|had\sgone)\s+not\s+to\s+[^,;]+?\s+but\s+to\s+"
    r"(?:the\s+)?(?P<to>[^,;]+?)(?=,|;|\.\s|\.?$|\s(?:which|who|that)\s)")

# What only says where a thing went ("… went not to Georgia but to Mexico").
_WHERE = ("country", "place")


def denied(text: str, m: Any) -> bool:
    """Whether the sentence denies the mention's phrase: "X가 아니라", "X가 아닌": the one
    denied is named only to be set aside, so no reader gives it the story."""
    return _KO_DENIED().match(text, m.end) is not None


def market_only(text: str, m: Any, end: int) -> bool:
    """Whether a country names only a market or a use: "미국 데이터센터용 …", "중국향 …",
    not a maker of that use within text[:end], the focus ("일본 산업용 로봇 업체들")."""
    if m.entry.kind != "country":
        return False
    if m.suffix:
        return m.suffix.startswith(_MARKET_SUFFIXES)
    use = _MARKET_WORD().match(text, m.end)
    return use is not None and (use.end() >= end
                                or _MAKERS().match(text, use.end(), end) is None)


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
    if all(market_only(text, m, focus[1]) for m in named):
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
    # the name itself denied, not a phrase it only modifies: "일본이 … 몰아준 것은 일본 업체가
    # 아니라 미국 X였다" denies Japan's firms, not Japan the giver, which still chose (review)
    return any(after <= m.start < end and text[m.start:m.end] in names
               and _NAME_DENIED().match(text, m.end) is not None for m in mentions)


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
    elif (inverted := inverted_focus(text, start, end)) is not None:
        focus = inverted  # stop 28c: "Among the winners was not X but Y, …"
    elif " not to " in text[start:end] and (
            went := _EN_WENT_NOT_TO().search(text, start, end)) is not None:
        # "The government's latest bet … went not to an American miner but to Korea Zinc":
        # what passed names the focus that took it.
        focus = went.span("to")
        if all(m.entry.kind in _WHERE for m in mentions if focus[0] <= m.start < focus[1]):
            # "Rivian's plant went not to Georgia but to Mexico": a place or a country is
            # only where the thing went; its owner, the sentence's subject, acts (review)
            return None
    else:
        return None
    # stop 28b: "not a European rival but Y": X's names are set aside, even when Y is a name
    # the tables lack ("It is no longer L'Oreal but home-grown brands that …")
    settle_denial(text, start, focus, mentions)
    return focus if any(focus[0] <= m.start < focus[1] for m in mentions) else None


# Round eighteen: the cleft clause's own subject (was classify_korean.cleft_own_subject).
# The subject of a Korean cleft's own clause, at the sentence's start: "클라르나가 상장 무대로
# 택한 것은 …" (what the subject chose is the focus, the subject acts), also across a connective
# ("알리바바가 … 계획을 접으면서 이유로 든 것은"). A second word in 이/가 (another subject,
# "…하자 정부가 나선 것은") or a denial ("아니라") keeps the rule out. Group 2 is the last
# syllable, which must be an adnominal in ㄴ ("든", "택한", "꼽은") or 던.
KO_CLEFT_OWN_SUBJECT = lazy_pattern(
    r"\s*((?:[^\s.,]+\s){0,2}?[^\s.,]+?)[이가]\s"
    r"(?:(?![^\s]*(?:[이가]|아니라|아닌|아니고)\s)[^\s.,]+\s){0,8}?[^\s.,]*([가-힣])\s(?:것|곳|쪽|건)[은는]?\s")


def cleft_own_subject(text: str, start: int, end: int,
                      mentions: list[_Mention]) -> tuple[int, int] | None:
    """"클라르나가 상장 무대로 택한 것은 런던이 아니라 뉴욕이었다", "알리바바가 … 이유로 든
    것은 …가 아니라 미국의 수출 통제였다": a cleft whose clause has a subject of its own names,
    in its focus, what the subject chose or blamed; the subject acts (round eighteen)."""
    own = KO_CLEFT_OWN_SUBJECT().match(text, start, end)
    if own is None or not _past_adnominal_syllable(own.group(2)):  # 26a: a setting first
        return cleft_subject_after_setting(text, start, end, mentions) if own is None else None
    if subject_of_a_relative(text, own) or not any(  # "X가 보유하던 Y를 사들인 곳은" (36)
            own.start(1) <= m.start < own.end(1) for m in mentions) or relative_on_object(
            text, own, end, mentions):  # "X가 문을 닫은 Y를 되살린 것은 Z였다" (stop 28 b)
        return None
    return own.span(1)


def _past_adnominal_syllable(syllable: str) -> bool:
    """A syllable that ends a Korean verb's past adnominal: a final ㄴ ("든", "한") or 던."""
    return syllable == "던" or (ord(syllable) - 0xAC00) % 28 == 4


# Round twenty-six a: the own subject after a setting (was classify_r26a_cleft).
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
    # a past adnominal in ㄴ ("사들인", "부과한") or 던, as round eighteen asks
    if not _past_adnominal_syllable(own.group(2)):
        return None
    if not any(own.start(1) <= m.start < own.end(1) for m in mentions):
        return None
    return own.span(1)


# Round twenty-eight b: a named doer inside the own subject's phrase (was classify_r28b_cleft).
# The particle that closes a subject phrase ("…중량(COFCO)이", "…개인투자자들이").
_SUBJECT_PHRASE = ("이", "가", "들이")


def doer_in_subject_phrase(
    text: str, start: int, cleft: int, end: int, inside: list[_Mention], closed: re.Pattern[str]
) -> bool:
    """Whether the cleft clause's own subject, a phrase before `cleft`, holds a name; a
    background clause after it (`closed`: "폭스콘이 관심을 보이던 와중에 …") keeps it out, as
    round twenty-one's reader does for a name in 이/가."""
    if not any(
        start <= m.start < cleft and m.particle == "" and m.phrase_particle in _SUBJECT_PHRASE
        for m in inside
    ):
        return False
    own = cleft_own_subject(text, start, end, inside)
    return own is not None and closed.search(text, own[1], cleft) is None


# Round thirty a: a cleft inside a report (was classify_r30a_cleft).
# A speaker that is only a source: an outlet, or a firm the tables lack named by its country.
_SOURCES = ("country", "media")

# The copula closed by 고, then a speaker of up to six words and a report verb at the end.
_REPORTED = lazy_pattern(
    r"(?:이었|였|이)다(?P<cut>고)\s(?:[^\s.]+\s){1,6}?"
    r"(?:밝혔|발표했|전했|집계했|분석했|공시했|확인했|보도했|추산했|말했|설명했)다[.]?\s*$"
)


def cleft_end(text: str, start: int, end: int, mentions: list[Any]) -> int:
    """Where a cleft's copula ends: before a reported cleft's 고, else the sentence's end."""
    if "다고 " not in text[start:end]:
        return end
    found = _REPORTED().search(text, start, end)
    if found is None or any(
        found.end("cut") <= m.start < end and m.entry.kind not in _SOURCES for m in mentions
    ):
        return end  # a speaker the tables know is an actor of its own
    if any(
        start <= m.start < found.start()
        and m.entry.kind == "country"
        and m.entry.surface[-1] == "인"
        for m in mentions
    ):
        return end  # a people counted ("…끌어올린 것은 한국인이었다고 일본정부관광국이"): no actor
    return found.start("cut")


# Round thirty-six: relative clauses in the topic and the focus (was classify_r36_cleft).
# a word closing a relative clause in 던 ("보유하던", "갖고 있던", "투자했던"), then another word;
# not 런던 (London), a noun ending in 던
_RELATIVE_DEON = lazy_pattern(r"[가-힣](?<!런)던\s[^\s.]")
# a verb's adnominal in the focus: 한/된/던 after a stem of two syllables or more ("출자한");
# round 38: the present 하는 too ("엔비디아에 HBM을 공급하는 SK하이닉스")
_ADNOMINAL = lazy_pattern(r"[가-힣]{2,}(?:한|된|던|하는)(?=\s)")
# round 38: a fronted clause closed by "뒤(에도)/후(에도)" ("EU가 상계관세를 물린 뒤에도 … 늘린
# 곳은"): the name before it is that clause's subject, not the cleft's
# (review 3: not a span of time, "3년 뒤", "6개월 후", "그 뒤", whose name is the cleft's own)
_FRONTED_AFTER = lazy_pattern(r"[가-힣](?<![년월주일간그])\s(?:뒤|후)(?:에도|에는|에)?[\s,]")


def subject_of_a_relative(text: str, own: re.Match[str]) -> bool:
    """True when a word in 던 stands between the cleft's would-be subject (group 1) and the
    cleft's verb (group 2): the name is the subject of a relative clause, not the cleft's."""
    return (_RELATIVE_DEON().search(text, own.end(1), own.start(2)) is not None
            or _FRONTED_AFTER().search(text, own.end(1), own.start(2)) is not None)


def focus_head(text: str, focus: tuple[int, int], mentions: list[Any]) -> tuple[int, int]:
    """The focus from after its last relative verb, when a name stands on both sides of it."""
    verbs = list(_ADNOMINAL().finditer(text, *focus))
    if not verbs:
        return focus
    last = verbs[-1]
    before = any(focus[0] <= m.start < last.start() for m in mentions)
    after = any(last.end() <= m.start < focus[1] for m in mentions)
    return (last.end() + 1, focus[1]) if before and after else focus


# Round twenty-one: the cleft read in the acted-on pass (was in classify_done_by): "…을 지연시킨
# 것은 시장이 아니라 X 위원회 심사였다", "…을 먼저 깬 것은 A가 아니라 B였다": the first name
# in the focus did the news.
_KO_CLEFT = lazy_pattern(r"\s(?:\S+\s){0,3}?것은\s(?:[^.]{0,60}?[이가도],?\s아(?:니라|닌)\s)?")
_KO_CLEFT_END = lazy_pattern(r"(?:였|이었)다\.?\s*$")
_KO_FOCUS_MODIFIER = lazy_pattern(r".*\s(?:둘러싼|관련한|대한|겨냥한)\s")
_KO_DOER_CLOSED = lazy_pattern(r"(?:와중에|가운데|사이|직후|뒤|후에?)\s")


def cleft_doer_from(text: str, start: int, end: int, inside: list[_Mention]) -> int | None:
    """Where the doer of a cleft lead text[start:end] is sought (its first name at or after the
    returned position), or None when the lead is no such cleft or its clause names its own
    doer before the cleft."""
    found = _KO_CLEFT().search(text, start, end)
    if (found is None or _KO_CLEFT_END().search(text[start:end]) is None
            or _named_doer_before(text, start, found.start(), inside)
            or doer_in_subject_phrase(text, start, found.start(), end, inside,
                                      _KO_DOER_CLOSED())):
        return None
    # the focus's own modifiers ("X의 투자를 둘러싼 Y 심사") name no actor: skip them
    cut = _KO_FOCUS_MODIFIER().search(text, found.end(), end)
    after = cut.end() if cut is not None else found.end()
    return focus_head(text, (after, end), inside)[0]  # "X에 출자한 Y였다" (36)


def _named_doer_before(text: str, start: int, cleft: int, inside: list[_Mention]) -> bool:
    """Whether a subject in 이/가 names who did the cleft's clause ("클라르나가 … 택한 것은
    런던이 아니라 뉴욕이었다": Klarna chose; the focus is only the place), a background clause
    ("폭스콘이 관심을 보이던 와중에") closing it before the cleft aside."""
    for m in inside:
        if (start <= m.start < cleft and m.particle in ("이", "가", "은", "는")
                and _KO_DOER_CLOSED().search(text, m.end, cleft) is None):
            return True
    return False
