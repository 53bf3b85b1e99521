"""Korean clause shapes whose subject is not the lead's first or strongest name (issue 13,
stop 28 c, family k3): a second-look stage over the lead.

- The cleft of a reason, "A가 …에 시달리는 것은 B가 …하기 때문이다": when A only undergoes, the
  cause's subject B acts (a cleft whose focus is a 때문 clause, not a name).
- A jury's verdict received, "A사가 X 법원 배심원단으로부터 … 배상 평결을 받았다": the passive's
  agent acts, as for a body's ruling (classify_passive_body reads bodies; a jury is none of its
  body words, and a verdict, 평결, none of its acts).
- Object first, "A를 B 주도 컨소시엄이 인수하기로 했다": the name whose phrase carries the subject
  particle after a fronted object acts, not the object or its country.
- A subject inside a relative clause, "A가 … 짓기로 하고, X 국방부 등이 참여하는 합작법인을
  통해 …": "X … 등이 참여하는" modifies the noun after it, so the lead's own subject A stands.
- A burden borne, "X의 Y제도가 시행에 들어가면서 Z 기업들도 … 의무를 지게 됐다": Z only bears
  it; the fronted clause's subject (its owner X) laid it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_mentions import _Mention
from newsletter.classify_passive_body import lead_end, lead_top
from newsletter.classify_tables import lazy_pattern
from newsletter.models import Region

# "…것은 <cause> 때문이다." at the lead's end: the cause clause is what the cleft focuses. Only
# when the cleft's own clause is one of undergoing ("…에 시달리는 것은", "애를 먹는 것은",
# "타격을 입은 것은"): a subject that acts ("삼성전자가 가격을 내린 것은 중국 수요가 줄었기
# 때문이다", "애플이 생산을 늘리는 것은 …") keeps its news, and its reason is only background.
_CAUSE_CLEFT = lazy_pattern(
    r"\s(?:(?:시달리|겪|먹|빚|입|잃|고전하|허덕이|앓|치르)(?:는|은|고\s있는)|시달린|고전한|허덕인"
    r"|묶인|막힌)\s것은\s(?P<cause>.+?[기])\s때문(?:이다|이었다)[.]?\s*$")
# The cause's subject must be one who acts: a phrase headed by a market or an economy ("중국
# 수요가 줄었기", "중국 시장이 위축됐기") names a country's condition, not its act; and a
# subject a subordinate clause closes ("미국 경기가 살아나면서 숙련공들이 떠났기") is not the
# cause's own.
_MARKET_HEAD = lazy_pattern(r"(?:수요|경기|시장|소비|물가|경제|금리|환율|가격|성장|수출|수입|주가"
                            r"|증시|통화)(?:들이|[이가])$")
_SUBORDINATE = lazy_pattern(r"[가-힣](?:면서|면서도|으며|하며|하자|되자|지자|는데|지만),?\s")
# "…배심원단으로부터 … 평결을 받았다": a jury's verdict (or a court's) received.
_VERDICT_FROM = lazy_pattern(
    r"(?P<agent>[^\s.]*배심원(?:단|들)?)으?로부터\s(?:[^\s.]+\s){0,14}?[^\s.]*?"
    r"(?:평결|판결|판단)[을를]?\s?받(?:았다|는다|게\s됐다)[.]?\s*$")
# After a subject's phrase, a verb of joining in its adnominal form and the noun it modifies:
# "…등이 참여하는 합작법인". Who joins a venture the lead's subject sets up only takes part; a
# body that keeps a list ("대만 경제부가 관리하는 명단에 올랐다") acts, so other verbs stay.
_RELATIVE_AFTER = lazy_pattern(r"\s?(?:참여|참가|출자|투자|동참)(?:하는|한|할)\s[^\s.]")
# A cleft or a denial in the lead: classify_cleft_focus reads those ("A를 … 품은 것은 B가 아니라
# C였다"), and what the sentence denies is no subject.
_CLEFT_OR_DENIAL = lazy_pattern(r"\s(?:것은|쪽은|곳은|건|이는)\s|아니라|아닌\s|아니고")
# A word ending a noun phrase in a particle other than the subject's: the phrase is closed.
_CLOSED = ("을", "를", "은", "는", "의", "에", "로", "와", "과", "서")  # not 도: "주도"
_SUBJECT_ENDS = ("들이", "이", "가")
# The lead ends in a burden the subject now bears: "… 보고 의무를 지게 됐다", "… 규제를 받게
# 됐다". Bearing is undergoing; who laid the burden is the subject of the fronted clause.
_BURDEN_BORNE = lazy_pattern(
    r"(?:의무|부담|규제|제재|관세|적용)[을를]?\s(?:지게|받게|떠안게|안게|물게)\s(?:됐다|되었다|된다)"
    r"[.]?\s*$")
# A fronted clause's end: "…에 들어가면서", "…을 시행하자", "…을 도입함에 따라".
_FRONTED_END = lazy_pattern(r"[가-힣](?:면서|자|며|함에\s따라|면서부터),?\s")
_WHO = frozenset({"company", "country", "institution", "person", "place"})


def subject_phrase_end(body: str, m: _Mention, words: int = 2) -> int | None:
    """Where the subject particle of `m`'s phrase ends, when the phrase ("중국 대형 은행들이",
    "B 주도 컨소시엄이") carries it within `words` words after the name; else None."""
    if m.suffix:
        return m.end + len(m.suffix) if m.suffix in _SUBJECT_ENDS else None
    at = m.end
    if body.startswith("(", at) and 0 <= (close := body.find(")", at)) - at <= 15:
        at = close + 1  # initials in brackets: "공공투자펀드(PIF) 주도 컨소시엄이"
    for _ in range(words):
        if not body.startswith(" ", at):
            return None
        nxt = body.find(" ", at + 1)
        word = body[at + 1:nxt if nxt >= 0 else len(body)].rstrip(".,")
        if word.endswith(_SUBJECT_ENDS) and len(word) > 1:
            return at + 1 + len(word)
        if not word or word.endswith(_CLOSED):
            return None
        at = at + 1 + len(word)
    return None


def _answer(region: Region, m: _Mention, why: str, reason: str) -> tuple[Region, str] | None:
    if m.entry.region is region:
        return None
    return m.entry.region, f"{why} {m.entry.surface} acts (was: {reason})"


def _cause_subject(body: str, end: int, lead: Sequence[_Mention]) -> _Mention | None:
    """The subject of the 때문 clause a cleft of a reason focuses."""
    found = _CAUSE_CLEFT().search(body, 0, end)
    if found is None:
        return None
    for m in lead:
        if not found.start("cause") <= m.start < found.end("cause") or m.entry.kind not in _WHO:
            continue
        if (at := subject_phrase_end(body, m)) is None:
            continue
        head = body[body.rfind(" ", 0, at) + 1:at]
        clause = body[at:found.end("cause")]
        if _MARKET_HEAD().search(head) or _SUBORDINATE().search(clause + " "):
            return None
        return m
    return None


def _jury_agent(body: str, end: int, lead: Sequence[_Mention],
                top: _Mention | None) -> _Mention | None:
    """The name of the jury's phrase (its court's place or country), when the subject receives
    its verdict: the last place, country or body named between the subject and the jury, in
    the jury's own phrase ("미국 텍사스주 연방지방법원 배심원단"). A name a particle closes off
    is another phrase's: "소니가 중국 화웨이를 상대로 낸 소송에서 배심원단으로부터" names the
    opponent's country, not the court's."""
    found = _VERDICT_FROM().search(body, 0, end)
    if found is None or top is None or top.role != "head" or top.start >= found.start():
        return None
    last = max((m for m in lead if top.end <= m.start < found.start("agent")
                and m.entry.kind in ("country", "place", "institution")),
               key=lambda m: m.start, default=None)
    if last is None or last.suffix or any(
            w.endswith((*_CLOSED, *_SUBJECT_ENDS))
            for w in body[last.end:found.start("agent")].split()):
        return None
    return last


def _after_object(body: str, end: int, lead: Sequence[_Mention]) -> _Mention | None:
    """The subject after a fronted object: the lead's first phrase is an object (을/를) and the
    next name whose phrase carries the subject particle acts."""
    if _CLEFT_OR_DENIAL().search(body, 0, end) is not None:
        return None
    first_obj = next((i for i, m in enumerate(lead) if m.suffix), None)
    if first_obj is None or lead[first_obj].suffix not in ("을", "를"):
        return None
    return next((m for m in lead[first_obj + 1:] if m.entry.kind in _WHO
                 and not m.suffix and subject_phrase_end(body, m) is not None), None)


def _relative_subject(body: str, end: int, lead: Sequence[_Mention],
                      top: _Mention | None) -> _Mention | None:
    """The lead's own subject when the deciding name is the subject of a relative clause after
    it ("X 국방부 등이 참여하는 합작법인"): the first name carrying the subject particle that
    no fronted clause closes ("미국이 보조금을 확정하자 대만 TSMC가 …하고, 일본 소니 등이
    참여하는 …": 미국's clause is background, TSMC is the subject)."""
    if top is None or top.role != "head" or (at := subject_phrase_end(body, top)) is None:
        return None
    if _RELATIVE_AFTER().match(body, at) is None or _CLEFT_OR_DENIAL().search(body, 0, end):
        return None
    return next((m for m in lead if m.start < top.start and m.suffix in _SUBJECT_ENDS
                 and _FRONTED_END().search(body, m.end, top.start) is None), None)


def _burden_layer(body: str, end: int, lead: Sequence[_Mention],
                  top: _Mention | None) -> _Mention | None:
    """Who laid the burden the lead's subject bears: "X의 Y제도가 시행에 들어가면서 Z 기업들도
    … 의무를 지게 됐다": the fronted clause's subject (its first name, the owner) acts."""
    if top is None or top.role != "head" or _BURDEN_BORNE().search(body, 0, end) is None:
        return None
    cut = _FRONTED_END().search(body, 0, top.start)
    if cut is None:
        return None
    fronted = [m for m in lead if m.end <= cut.start() + 1]
    if not any(m.suffix in _SUBJECT_ENDS for m in fronted):
        return None
    return fronted[0]


def clause_shapes(region: Region, reason: str, title: str, body: str,
                  mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A stage of classify_second_look: the actor of the five lead shapes the module's
    docstring lists, when it differs from the rules' region; else None."""
    end = lead_end(body)
    lead, top = lead_top(region, end, mentions)
    if (m := _cause_subject(body, end, lead)) is not None:
        return _answer(region, m, "a cleft of a reason: the cause's subject", reason)
    if (m := _jury_agent(body, end, lead, top)) is not None:
        return _answer(region, m, "a jury's verdict received: the jury of", reason)
    if (m := _burden_layer(body, end, lead, top)) is not None:
        return _answer(region, m, "a burden borne: the fronted clause's subject", reason)
    if (m := _relative_subject(body, end, lead, top)) is not None:
        return _answer(region, m, "the deciding name is a relative clause's; the lead's subject",
                       reason)
    if (m := _after_object(body, end, lead)) is not None:
        return _answer(region, m, "object first: the subject after it,", reason)
    return None


# The cleft's would-be own subject closing a relative clause on the noun right after its verb
# ("A 출신 창업자들이 세운 B사에 … 베팅한 것은 C가 아니라 D였다"): its particle, the past
# adnominal at once, then the head noun's phrase in 에/을/를 (up to eight words: "5년간 N억달러
# 규모의 … 구축 사업을", stop 28 d) and the cleft's verb up to four words on. A founded B; who
# bet on B is what the cleft asks, and its focus answers.
_SUBJECT_RELATIVE = lazy_pattern(
    r"(?:들이|[이가])\s(?P<adn>[가-힣]+)\s(?:[^\s.,]+\s){0,7}?[^\s.,]+(?:[을를]|에)\s"
    r"(?:[^\s.,]+\s){0,3}?(?P<verb>[^\s.,]+)$")


def relative_on_head(clause: str) -> str | None:
    """The cleft's verb word when `clause` (from the would-be own subject's end to the cleft
    verb's last syllable) opens with a relative clause on the noun after it, else None
    (classify_cleft_relative decides, as for a relative clause on the object)."""
    found = _SUBJECT_RELATIVE().match(clause)
    if found is None:
        return None
    last = found.group("adn")[-1]
    return found.group("verb") if (ord(last) - 0xAC00) % 28 == 4 else None
