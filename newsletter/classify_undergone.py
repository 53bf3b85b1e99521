"""What the lead's subject undergoes, and who does it (round twenty, issue 13).

Round nineteen's `classify_acted_on` reads who acts on the lead's subject in the shapes c21 and
c22 brought; this module reads the shapes c23 and c24 brought, each a family:

English
- a bid, an attempt or an appeal of the subject, however long, turned down in the passive by
  someone ("DJI's bid to leave a Pentagon list of … was rejected by a judge in Washington"):
  the passive's agent, read as `classify_english` reads any passive;
- a subject under investigation, review or scrutiny by or from someone: that someone;
- a subject barred, banned or cut off, or losing access, after or as a country's body or
  measure acted ("… lost access to … as Tokyo's new export rules took effect"): the country.

Korean
- the object first, the subject after it ("중국 업체 30곳을 미국 상무부가 명단에 올렸다"):
  the subject in 이/가 after the object acts, not a name inside the object;
- a firm or a person leading the body that is the subject ("일본 출신 X 총재가 이끄는
  아시아개발은행이"): the body;
- a country as a market in a clause describing the subject ("중국 시장 의존도가 높은 … 업체
  A가"): the country is not the actor;
- a bare ministry answering a measure on a country's goods ("EU가 중국산 전기차에 관세를
  확정하자 상무부는 …"): the ministry of the country whose goods were hit;
- a penalty for breaking a law ("…이 EU 디지털시장법을 어긴 혐의로 과징금을 물게 됐다"): the
  law's maker;
- a fine received from a body, the fine itself the subject ("…이 X 당국으로부터 부과받은
  과징금이 … 확정됐다"): the body;
- a grant finalised by a body in 로부터 when the next sentence opens with that body
  ("…로부터 보조금을 최종 확정받았다. 상무부는 …"): the body.

`undergone` runs once per lead sentence, after the subject was marked, and only where a few
substring tests find a shape's key words.
"""

from __future__ import annotations

from newsletter.classify_cleft_focus import denied
from newsletter.classify_english import _passive_agent_of
from newsletter.classify_korean import _from_country_body
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import (
    LEAD_HEAD_BONUS,
    LEAD_MODIFIER_BONUS,
    SUBORDINATE_MODIFIER_BONUS,
    TITLE_HEAD_BONUS,
    TITLE_MODIFIER_BONUS,
    lazy_pattern,
)

_ACTING = ("institution", "country", "place")

# "X's bid to … was rejected by": the subject's own noun complement, too long for the passive
# readers' 90 characters; the passive starts where this match ends.
_EN_BID_TURNED_DOWN = lazy_pattern(
    r"(?:'s|’s)\s(?:[\w-]+\s){0,2}?(?:attempt|bid|request|appeal|challenge|effort|petition"
    r"|application|lawsuit|push|offer)s?\sto\s[^.;]{0,200}?(?=\s(?:was|were|has\sbeen|had\sbeen)"
    r"\s(?:\w+ly\s)?(?:rejected|denied|dismissed|blocked|refused|thrown\sout|turned\sdown"
    r"|struck\sdown|overturned)\s+by\s)")
_EN_UNDER_INQUIRY = lazy_pattern(
    r"(?:[^,;.]|(?<=[A-Z])\.){0,60}?\s(?:is|are|was|were|has\sbeen|have\sbeen|came|comes|remains|remained)"
    r"\s(?:now\s|also\s)?under\s(?:\w+\s)?(?:investigation|scrutiny|review|probe|inquiry)"
    r"\s(?:by|from)\s(?:the\s)?")
_EN_SHUT_OUT_AFTER = lazy_pattern(
    r"(?:[^,;.]|(?<=[A-Z])\.){0,80}?\s(?:(?:was|were|has\sbeen|have\sbeen|is|are|got|gets)\s(?:\w+ly\s)?"
    r"(?:barred|banned|blocked|cut\soff|shut\sout|locked\sout|excluded)"
    r"|(?:lost|lose|loses|will\slose)\s(?:[\w-]+\s){0,2}?access)\b[^.;]{0,160}?"
    r"\s(?:after|as|when|once)\s(?:the\s)?")
_EN_OWNED_MEASURE = lazy_pattern(
    r"(?:'s|’s)\s(?:[\w-]+\s){0,3}?(?:ministry|department|regulators?|government|watchdog"
    r"|authorities|restrictions|rules|controls|curbs|ban|sanctions|law|measures|tariffs)\b")

_KO_LED_BY = lazy_pattern(
    r"[이가]\s(?:이끄는|이끌고\s있는|거느린|맡고\s있는|소유한)\s")
_KO_MARKET_RELIANCE = lazy_pattern(
    r"\s(?:\S+\s)?(?:시장\s)?(?:의존도|비중|매출\s비중)[가이]\s(?:높은|큰|커진|높아진)\s")
# a levy on a country's goods, answered: "…산 전기차에 대한 상계관세 부과를 확정하자 상무부는"
_KO_ANSWERED_MEASURE = lazy_pattern(
    r"(?:관세|반덤핑|세이프가드)\S*\s(?:\S+\s){0,3}?\S*자,?\s$")
_KO_BARE_MINISTRY = ("상무부", "재정부", "재무부")  # the ministries that answer a levy
_KO_LAW_BROKEN = lazy_pattern(
    r"(?:\([^()]{0,20}\))?[을를]\s(?:어긴|위반한|위배한)\s(?:혐의로|이유로|데\s따라|것으로\s드러나)\s")
_KO_PENALTY = ("과징금", "벌금", "제재금")
_KO_FINE_THE_SUBJECT = lazy_pattern(
    r"로부터\s(?:부과|통보)?받은\s(?:\S+\s){0,2}?\S*(?:과징금|벌금|제재금|제재|처분)[이가은는]\s")
# A grant or a ruling finalised by the body in 로부터, the lead's last words; the next sentence
# must open with that body for it to be the body's news (round twenty: "SK하이닉스가 미
# 상무부로부터 … 보조금을 확정받았다. 공장은 …" stays the firm's).
_KO_FINALISED_FROM = lazy_pattern(r"로부터\s[^.]{0,60}?확정받(?:았다|게\s됐다)[.]?\s*$")
# Words naming what a subject is, which may stand between an object and the subject
# ("…통화를 통신 감독기관 X가").
_KO_DESCRIPTOR = ("기관", "당국", "업체", "기업", "정부", "부처", "법원", "회사", "단체")


def undergone(text: str, start: int, end: int, mentions: list[_Mention], *, title: bool,
              english: bool) -> None:
    """Give the head to whoever the lead sentence text[start:end] says did its news; `english`
    is the caller's reading of the lead's language (Hangul or not)."""
    lead = text[start:end]
    shapes = _english_shapes(lead) if english else _korean_shapes(lead)
    if not shapes:
        return
    inside = [m for m in mentions if start <= m.start < end]
    if len(inside) < 2:
        return
    bonuses = ((TITLE_HEAD_BONUS, TITLE_MODIFIER_BONUS) if title
               else (LEAD_HEAD_BONUS, LEAD_MODIFIER_BONUS))
    if english:
        agent = _english_agent(text, start, end, inside, shapes)
    elif "m" in shapes and (described := _market_not_actor(text, end, inside)) is not None:
        agent = described
    else:
        agent = _korean_agent(text, start, end, inside, shapes)
    if agent is not None and agent.role != "head" and not denied(text, agent):
        _give_head(text, agent, inside, bonuses)  # "X가 아니라" sets X aside (stop 28)


def _give_head(text: str, agent: _Mention, inside: list[_Mention],
               bonuses: tuple[float, float]) -> None:
    head_bonus, mod_bonus = bonuses
    for m in inside:
        if m is agent:
            continue
        if (m.entry.kind == "country" and not m.particle and m.end < agent.start
                and text[m.end:agent.start].strip() == ""):
            m.role, m.bonus = "modifier", mod_bonus  # "미국 상무부가"
        elif m.role in ("head", "modifier"):
            # The subject only undergoes the act: it weighs as a background clause's subject.
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    agent.role, agent.bonus = "head", head_bonus


def _english_shapes(lead: str) -> str:
    shapes = ""
    if " by " in lead and (" to " in lead) and ("'s " in lead or "’s " in lead):
        shapes += "b"
    if " under " in lead and (" by " in lead or " from " in lead):
        shapes += "u"
    if ((" barred" in lead or " banned" in lead or " blocked" in lead or " cut off" in lead
         or " shut out" in lead or " locked out" in lead or " excluded" in lead
         or " access" in lead) and ("'s " in lead or "’s " in lead)):
        shapes += "s"
    return shapes


def _korean_shapes(lead: str) -> str:
    shapes = ""
    if "을 " in lead or "를 " in lead:
        shapes += "o"
    if "이끄는 " in lead or "이끌고 " in lead or "거느린 " in lead or "맡고 있는 " in lead \
            or "소유한 " in lead:
        shapes += "l"
    if "의존도" in lead or "비중" in lead:
        shapes += "m"
    if "산 " in lead and "자 " in lead and any(w in lead for w in _KO_BARE_MINISTRY):
        shapes += "a"
    if any(w in lead for w in _KO_PENALTY) or "처분" in lead or "제재" in lead:
        if "어긴 " in lead or "위반한 " in lead or "위배한 " in lead:
            shapes += "p"
        if "로부터 " in lead and "받은 " in lead:
            shapes += "f"
    if "로부터 " in lead and "확정받" in lead:
        shapes += "g"
    return shapes


def _english_agent(text: str, start: int, end: int, inside: list[_Mention],
                   shapes: str) -> _Mention | None:
    if "b" in shapes and (bid := _EN_BID_TURNED_DOWN().search(text, start, end)) is not None:
        # the passive readers find the agent from where the passive starts
        agent = _passive_agent_of(text, bid.end(), end, inside)
        if agent is not None:
            return agent
    if "u" in shapes and (probe := _EN_UNDER_INQUIRY().match(text, start, end)) is not None:
        agent = next((m for m in inside if m.start == probe.end()), None)
        if agent is not None and agent.entry.kind in _ACTING:
            return agent  # "Qualcomm is under investigation by China's market regulator"
    if "s" in shapes and (shut := _EN_SHUT_OUT_AFTER().match(text, start, end)) is not None:
        agent = next((m for m in inside if m.start == shut.end()), None)
        if agent is not None and (
                agent.entry.kind == "institution"
                or (agent.entry.kind in ("country", "place")
                    and _EN_OWNED_MEASURE().match(text, agent.end, end) is not None)):
            return agent  # "… lost access to … as Tokyo's new export rules took effect"
    return None


def _korean_agent(text: str, start: int, end: int, inside: list[_Mention],
                  shapes: str) -> _Mention | None:
    if "p" in shapes:
        for m in inside:
            if (m.entry.kind == "institution" and m.particle in ("을", "를")
                    and _KO_LAW_BROKEN().match(text, m.end) is not None):
                return m  # "…이 EU 디지털시장법을 어긴 혐의로 과징금을 물게 됐다": the law's maker
    if "f" in shapes and _KO_FINE_THE_SUBJECT().search(text, start, end) is not None:
        for m in inside:
            if m.suffix.endswith("로부터") or _from_country_body(text, m, inside):
                if m.entry.kind in _ACTING:
                    return m  # "…이 X 당국으로부터 부과받은 과징금이 … 확정됐다"
                break
    if "g" in shapes and _KO_FINALISED_FROM().search(text, start, end) is not None:
        body = next((m for m in inside if m.suffix.endswith("로부터")), None)
        after = text[end:].lstrip()
        short = body.entry.surface.split()[-1] if body is not None else ""  # "미국 에너지부"
        if (body is not None and body.entry.kind in _ACTING and after.startswith(short)
                and after[len(short):][:1] in ("은", "는", "이", "가")):
            return body  # "…로부터 보조금을 최종 확정받았다. 상무부는 …": the body's decision
    if "l" in shapes and (led := _KO_LED_BY().search(text, start, end)) is not None:
        body = next((m for m in inside if led.end() <= m.start <= led.end() + 12
                     and m.particle in ("이", "가", "은", "는")), None)
        if (body is not None and body.entry.kind in ("institution", "company")
                and not any(h.role == "head" and h.start > body.start for h in inside)):
            # "X 총재가 이끄는 아시아개발은행이": the body, not its head; unless a name after
            # the body already acts on it ("바이트댄스가 소유한 틱톡이 … 위원회로부터 과징금을
            # 부과받았다", round twenty-one)
            return body
    if "a" in shapes:
        answered = _answering_country(text, start, inside)
        if answered is not None:
            return answered
    if "o" in shapes:
        return _subject_after_object(text, start, end, inside)
    return None


def _market_not_actor(text: str, end: int, inside: list[_Mention]) -> _Mention | None:
    """"중국 시장 의존도가 높은 … 업체 A가": a country as the market a clause describes the
    subject by is not the actor; its weight as a subject goes, and the subject it describes
    (returned) heads the lead."""
    for m in inside:
        if (m.entry.kind == "country" and m.role in ("head", "sub-head") and not m.suffix
                and (clause := _KO_MARKET_RELIANCE().match(text, m.end, end)) is not None):
            described = next((d for d in inside if clause.end() <= d.start <= clause.end() + 16
                              and d.particle in ("이", "가")), None)
            if described is None:
                return None
            m.role, m.bonus = "", 0.0
            return described
    return None


def _answering_country(text: str, start: int, inside: list[_Mention]) -> _Mention | None:
    """"EU가 중국산 전기차에 … 관세를 확정하자 상무부는 …": a ministry named bare, answering a
    measure on a country's goods, is that country's; the country named with 산 stands for it."""
    for m in inside:
        if (m.role == "head" and m.entry.surface in _KO_BARE_MINISTRY
                and _KO_ANSWERED_MEASURE().search(text, max(start, m.start - 40), m.start)):
            hit = next((g for g in inside if g.start < m.start and g.suffix.startswith("산")
                        and g.entry.kind == "country" and g.entry.region is not m.entry.region),
                       None)
            if hit is not None and not any(
                    c.entry.kind == "country" and c.end < m.start
                    and text[c.end:m.start].strip() == "" for c in inside):
                return hit
    return None


def _subject_after_object(text: str, start: int, end: int,
                          inside: list[_Mention]) -> _Mention | None:
    """"중국 업체 30곳을 미국 상무부가 명단에 올렸다": the object first, the subject after it."""
    for m in inside:
        if m.particle not in ("이", "가") or m.entry.kind == "place":
            continue
        words = text[start:m.start].split()
        if not words:
            return None
        # up to two of the subject's own modifiers before it: a bare country ("미국 상무부가")
        # or a word naming what the subject is ("감독기관"); an adnominal ("…를 가진 중국
        # X가") is a relative clause's verb, so its object is not the sentence's
        skipped = 0
        while skipped < 2 and len(words) > skipped + 1 and (
                words[-1 - skipped].endswith(_KO_DESCRIPTOR) or any(
                    c.entry.kind == "country" and not c.suffix
                    and text[c.start:c.end] == words[-1 - skipped] for c in inside)):
            skipped += 1
        object_word = words[-1 - skipped]
        if not object_word.endswith(("을", "를")):
            return None
        names = {text[c.start:c.end] for c in inside if not c.suffix}  # "상하이" is no subject
        if any(w.endswith(("이", "가", "은", "는")) and w not in names
               for w in words[:-1 - skipped]):
            return None  # a subject came first: this is a second clause or a relative
        return m
    return None
