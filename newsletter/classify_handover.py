"""When a lead sentence leaves its actor to the next one, for newsletter.classify (round twelve).

Korean wire copy often opens with what happened and names who did it only in the second
sentence: "…했다는 예비 판단이 나왔다. 시장감독관리총국은 …", "…상계관세가 확정됐다. 집행위원회는
…", "…근로자 300여명이 체포됐다. 이민세관단속국(ICE)은 …". The lead's names then sit in a
complement or a fronted clause, or only undergo the act; the second sentence's subject acts.
"""

from __future__ import annotations

from newsletter.classify_classes import benefit_of_a_class, where_of_a_class
from newsletter.classify_embedded_lead import maker_of_the_subject, relative_on_undergone
from newsletter.classify_korean import (
    _adnominal,
    _korean_subjects,
)
from newsletter.classify_law_on_firm import law_in_setting, law_signer
from newsletter.classify_mentions import _clean_word, _Mention
from newsletter.classify_r25a_origin import origins_only, passed_by, reported_subject
from newsletter.classify_r25a_undergone import notice_or_closed_end, opening_country_body
from newsletter.classify_r25b_classed import classed_by_next
from newsletter.classify_r26b_goods import goods_only
from newsletter.classify_r34_class import is_denial, is_more_class
from newsletter.classify_tables import (
    _TOKEN,
    BACKGROUND_FACTOR,
    FINED_WITHOUT_AGENT,
    GENERIC_INSTITUTIONS,
    HANGUL,
    LEAD_HEAD_BONUS,
    SUBORDINATE_MODIFIER_BONUS,
    lazy_pattern,
)
from newsletter.classify_whose_government import whose_government

# A complement clause before its noun: "…을 위반했다는 예비 판단이", "…잡을 것이라는 경고가".
_COMPLEMENT = ("다는", "라는", "냐는", "자는")
# Acts done to the lead's subject by someone the next sentence names: "…근로자 300여명이
# 체포됐다. 이민세관단속국(ICE)은 …" (the verb ends the lead).
_UNDERGONE_END = lazy_pattern(
    r"(?:체포|구금|적발|구속|추방|기소|폐쇄|압수수색|수색|단속)(?:됐|되었|당했)다[.]?\s*$"
    # an inquiry or a sanction undergone, its agent left to the next sentence: "…반독점 조사를
    # 받게 됐다. 시장감독관리총국은 …" (round seventeen)
    r"|(?:조사|수사|제재|심사|감사)(?:를\s받게\s(?:됐|되었)|\s대상에\s올랐|\s대상이\s(?:됐|되었)"
    r"|에\s직면했|를\s받는\s처지가\s됐)다[.]?\s*$"
    # a finding, an order or a ruling received with no one giving it: "…심사에서 불합격 판정을
    # 받았다. 판정을 내린 국가인터넷정보판공실은 …" (round eighteen)
    r"|(?:판정|처분|명령|판결|결정)을\s받(?:았|게\s됐|게\s되었)다[.]?\s*$")
# A list with its owner: "…이 대만의 전략 물자 수출통제 명단에 올랐다".
_LIST_OWNER = lazy_pattern(
    r"의\s(?:\S+\s){0,4}?\S*(?:명단|목록|리스트|대상국)에\s(?:(?:새로|추가로|다시|또|잇따라|무더기로)\s)?"
    r"(?:추가됐|올랐|포함됐)다")
# A body that passes or ratifies, in 에서, ends the lead: "…협정이 우크라이나 최고라다(의회)에서
# 비준됐다", "…법안이 미국 하원에서 가결됐다": the body acts, as an agent does.
_PASSED_IN = lazy_pattern(
    r"(\S+)에서\s(?:\S+\s)?(?:비준|가결|통과|의결|채택|승인|처리"
    # (round seventeen) a law taking effect where it applies: "…법이 18일 일본에서 전면
    # 시행됐다" is the country's act, whoever the law is aimed at
    r"|시행|발효"
    # a suit or an appeal ruled on in a court: "…낸 소송이 워싱턴 연방법원에서 기각됐다",
    # "받아들여지지 않았다"
    r"|기각|각하|인용)(?:됐|되었|된)다[.]?\s*$"
    r"|(\S+)에서\s(?:\S+\s)?받아들여지지\s않았다[.]?\s*$")


def second_sentence_acts(text: str, first: tuple[int, int], second: tuple[int, int],
                         mentions: list[_Mention], in_second: list[_Mention],
                         measure_bodies: list[_Mention],
                         lead_spans: list[tuple[tuple[int, int], bool]]) -> None:
    """Hand the story from a lead that names no actor to the next sentence's subject."""
    if whose_government(text, mentions, second, in_second) or classed_by_next(
            text, first, second, mentions, in_second):  # rounds twenty-four, twenty-five b
        return
    if mentions and mentions[0].start >= first[1]:  # sorted by start until a lead group
        # "외국산 트럭에는 다음 달부터 25%의 관세가 매겨진다. …이번 조치에 대해 상무부는 …": a
        # lead that names no one at all leaves the story to the next sentence's subject.
        _give_to(mentions, _subject_of(text, second, in_second, bare_ok=True)
                 or law_signer(text, second, in_second))  # round twenty-four
        return
    goods = goods_only(text, first, mentions)  # round 26b: "market" says whose a bare body is
    if (goods or origins_only(text, first, mentions)) and _give_to(
            mentions, reported_subject(text, second, in_second)
            or _subject_of(text, second, in_second, bare_ok=goods == "market")):  # 25a, 26b
        return
    lead = [m for m in mentions if m.sentence == 0]  # (later sentences' names are 0 until read)
    if not lead or _give_to(mentions, law_in_setting(text, first, lead)):  # round twenty-four
        return
    if (FINED_WITHOUT_AGENT.search(text, first[0], first[1]) or notice_or_closed_end(text, first)
            or _UNDERGONE_END().search(text, max(first[0], first[1] - 20), first[1])) and not any(
            m.suffix.endswith("로부터") for m in lead):
        # a list's owner named in the lead acts ("…이 일본 경제산업성의 수출 관리 명단에
        # 올랐다. 중국 당국은 반발했다"); else the body the next sentence opens with
        if _give_to(mentions, owner := _list_owner(text, first, lead)) and owner is not None:
            for m in lead:
                if m.role == "sub-modifier" and m.start < owner.start:
                    # put on another's list, as a passive's subject: background
                    m.background, m.factor = True, m.factor * BACKGROUND_FACTOR
        else:
            _give_to(mentions, _opening_body(in_second, second[0])
                     or opening_country_body(text, second, in_second))  # round 25a
        return
    if measure_bodies:
        _give_to(mentions, _opening_body(measure_bodies, second[0]))
        return
    if "에서" in text[max(first[0], first[1] - 40):first[1]] and _passed_in(text, first, lead):
        return
    if lead_spans and _class_under_rule(text, first, lead_spans):
        # a bare ministry may make the rule ("…늘릴 수 없게 된다. 상무부는 …"): the lead
        # names the firms' place, not the rule-maker's, so the tables' reading stands
        if _give_to(mentions, _subject_of(text, second, in_second, bare_ok=True)):
            for m in lead:
                # the firms named as examples of the class: background
                m.background, m.factor = True, m.factor * BACKGROUND_FACTOR
        return
    if (found := benefit_of_a_class(text, *first)) is not None and where_of_a_class(
            text, found, lead) is None:
        # "테무와 쉬인 등 …플랫폼이 누려온 면세 혜택이 사라졌다. 트럼프 행정부가 …": the
        # benefit's maker, named next, acts; the firms named as examples only lose it (round
        # sixteen; with the place in the lead, classify_classes gives it to the place)
        if _give_to(mentions, _subject_of(text, second, in_second, bare_ok=True)
                    or passed_by(text, second, in_second)):  # round 25a
            for m in lead:
                if found[0] - 20 <= m.start < found[1]:
                    m.background, m.factor = True, m.factor * BACKGROUND_FACTOR
        return
    if text.endswith("됐다.", first[0], first[1]) and _rule_maker_next(text, first, second,
                                                                      mentions, in_second):
        return
    if text.endswith("한다.", first[0], first[1]) and _law_in_force_next(text, first, second,
                                                                        mentions, in_second):
        return
    # cheap first: most leads have a named main subject; relative_on_undergone: stop 28 b
    if lead_spans and (_nameless_main_subject(text, first, lead, lead_spans)
                       or relative_on_undergone(text, first, lead, lead_spans, second)
                       ) and _is_korean(text, first):  # "A가 만든 B가 금지된다. 당국은"
        _give_to(mentions, _subject_of(text, second, in_second))


def _give_to(mentions: list[_Mention], body: _Mention | None) -> bool:
    if body is None:
        return False
    for m in mentions:
        if m.sentence == 0 and m.role in ("head", "modifier"):
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS  # acted on
    body.role, body.bonus = "head", LEAD_HEAD_BONUS
    return True


def _opening_body(second: list[_Mention], start: int) -> _Mention | None:
    """The institution the next sentence opens with or has as its subject."""
    return next((m for m in second if m.entry.kind == "institution" and (
        m.role == "later-subject" or m.start - start <= 4)), None)


def _list_owner(text: str, first: tuple[int, int], lead: list[_Mention]) -> _Mention | None:
    found = _LIST_OWNER().search(text, max(first[0], first[1] - 60), first[1])
    if found is None:
        # "South Korea was put back on Tokyo's list of trusted trading partners"
        owner = _EN_LIST_OWNER().search(text, first[0], first[1])
        return None if owner is None else next(
            (m for m in lead if owner.start(1) <= m.start < owner.end(1)
             and m.entry.kind in ("country", "place", "institution")), None)
    return next((m for m in lead if m.end <= found.start() and (
        found.start() <= m.end + 2 or _UNIT_AND_INITIALS().fullmatch(text, m.end, found.start()))
                 and m.entry.kind in ("country", "place", "institution")), None)


_EN_LIST_OWNER = lazy_pattern(
    r"\b(?:on|to|onto) (?:the )?([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})(?:'s|’s) (?:[\w-]+ ){0,3}?"
    r"(?:list|blacklist|whitelist|watchlist|watch list)\b")
# Between a list's owner and its 의: a unit the tables lack and the initials in brackets
# ("상무부 산업안보국(BIS)의 … 명단에").
_UNIT_AND_INITIALS = lazy_pattern(r"(?:\s[가-힣]{2,10})?(?:\([^()]{1,20}\))?")


def _passed_in(text: str, first: tuple[int, int], lead: list[_Mention]) -> bool:
    found = _PASSED_IN().search(text, max(first[0], first[1] - 40), first[1])
    if found is None:
        return False
    # The body's country or its name, right before or in the 에서 word ("우크라이나
    # 최고라다(의회)에서").
    group = 1 if found.start(1) >= 0 else 2
    body = next((m for m in reversed(lead)
                 if found.start(group) - 12 <= m.start < found.end(group)), None)
    return _give_to(lead, body)


# An obligation ending the lead: "…결제 수단도 허용해야 한다", "…데이터를 국내에 저장해야 한다".
_OBLIGATION_END = lazy_pattern(r"\S*(?:해야|여야|내야|받아야|따라야|지켜야|열어야)\s한다[.]\s*$")
# The next sentence opening on a law taking effect somewhere: "일본에서 스마트폰 소프트웨어
# 경쟁촉진법이 전면 시행되면서 …".
_LAW_IN_FORCE_IN = lazy_pattern(
    r"\s*(\S+)에서\s(?:\S+\s){0,4}?\S*법(?:률)?(?:\s?개정안)?이\s(?:\S+\s)?(?:시행|발효)(?:되면서|되자|됐|된)")


def _law_in_force_next(text: str, first: tuple[int, int], second: tuple[int, int],
                       mentions: list[_Mention], in_second: list[_Mention]) -> bool:
    """"애플과 구글은 … 허용해야 한다. 일본에서 …경쟁촉진법이 전면 시행되면서 두 회사에 의무가
    부과됐고 …": an obligation on the lead's firms, whose law the next sentence says took effect
    in a country, is that country's rule (round nineteen)."""
    if _OBLIGATION_END().search(text, max(first[0], first[1] - 24), first[1]) is None:
        return False
    law = _LAW_IN_FORCE_IN().match(text, second[0], second[1])
    if law is None:
        return False
    where = next((m for m in in_second if m.entry.kind in ("country", "place", "institution")
                  and law.start(1) <= m.start < law.end(1)), None)
    return _give_to(mentions, where)


# A rule finalised with no maker named, ending the lead: "…'해외우려기관(FEOC)' 세부 규정이
# 확정됐다", "…시행령이 공개됐다".
_RULE_FINALISED = lazy_pattern(
    r"(?:규정|규칙|지침|기준|세칙|시행령|가이드라인)['’\"”]?[이가]\s(?:\S+\s)?"
    r"(?:확정|발표|공개|마련)(?:됐|되었)다[.]\s*$")
# The next sentence ending on who said it: "…빠지게 된다고 재무부가 밝혔다".
_SAID_BY_AT_END = lazy_pattern(
    r"(?:다|라)고\s(?:\S+\s){0,2}?(\S+?)(?:이|가|은|는)\s(?:\S+\s)?(?:밝혔|발표했|설명했|공개했)다[.]?\s*$")


def _rule_maker_next(text: str, first: tuple[int, int], second: tuple[int, int],
                     mentions: list[_Mention], in_second: list[_Mention]) -> bool:
    """"한국 배터리 업계가 촉각을 곤두세워 온 …세부 규정이 확정됐다. …빠지게 된다고 재무부가
    밝혔다": a rule the lead says was finalised, with no maker, is the body's that the next
    sentence says announced what it holds (round nineteen); those who awaited it only watch."""
    if _RULE_FINALISED().search(text, max(first[0], first[1] - 40), first[1]) is None:
        return False
    said = _SAID_BY_AT_END().search(text, second[0], second[1])
    if said is None:
        return False
    body = next((m for m in in_second if m.entry.kind in ("institution", "person")
                 and said.start(1) <= m.start < said.end(1)), None)
    return _give_to(mentions, body)


def _is_korean(text: str, span: tuple[int, int]) -> bool:
    part = text[span[0]:span[1]]
    return len(HANGUL.findall(part)) * 2 >= len(part.replace(" ", ""))


def _nameless_main_subject(text: str, first: tuple[int, int], lead: list[_Mention],
                           spans: list[tuple[tuple[int, int], bool]]) -> bool:
    """Whether the lead's main subject names no one and no named subject stands for it: the
    names before it sit in a complement ("…했다는 판단이"), in a background clause ("…한 데 이어
    이번에는 …맞불이", "…하는 가운데 …시대가", "…무너진 지 두 달도 안 돼 또 하나의 은행이")
    or only in objects and adverbials. Not after a clause of cause ("인도네시아 정부가 …줄이기로
    하면서 원료 시장이 출렁였다" is Indonesia's), nor a relative clause on the subject ("애플이
    개발한 모뎀 칩이" stays Apple's)."""
    main = next((span for span, is_main in spans if is_main), None)
    if main is None or any(main[0] <= m.start < main[1] for m in lead) or maker_of_the_subject(
            text, main, lead, spans):  # stop 28 b review: "소니가 만든 게임기의 출시가" is Sony's
        return False
    words = list(_TOKEN.finditer(text, first[0], main[0]))
    if words and _clean_word(words[-1].group()).endswith(_COMPLEMENT):
        return True
    return all(_BACKGROUND_LINK().search(text, end, main[0]) is not None
               for (start, end), _ in spans
               if end <= main[0] and any(start <= m.start < end for m in lead))


def _class_under_rule(text: str, first: tuple[int, int],
                      spans: list[tuple[tuple[int, int], bool]]) -> bool:
    """"미국 메타와 중국 틱톡 등 소셜미디어 플랫폼은 앞으로 … 계정을 없애야 하며, 어기면 벌금을
    물게 된다. 호주 정부는 …": a rule for a class of firms whose maker the next sentence names;
    the firms are only examples (round nine's rule when the lead names where it applies)."""
    tail = text[first[0]:first[1]]
    if "야 " not in tail and "게 된다" not in tail and "못한다" not in tail and "없" not in tail:
        return False  # cheap first: most leads lay down no rule
    main = next((span for span, is_main in spans if is_main), None)
    return main is not None and (_CLASS_TOPIC().search(text, main[0], main[1]) is not None
                                 or is_more_class(text, main)) and (  # round thirty-four
        _RULE().search(text, main[1], first[1]) is not None or is_denial(text, main[1], first[1]))


# A class of firms as the main subject, and the rule it is under.
_CLASS_TOPIC = lazy_pattern(
    r"(?:기업|업체|회사|제조사|플랫폼|사업자|수입업체|수출업체|은행|앱|브랜드"
    # (round seventeen) goods and travellers a rule is for ("…배터리를 단 전기차는", "…여권
    # 소지자도"), and firms named only as examples ("메타와 틱톡, 유튜브 등은")
    r"|전기차|차량|제품|기기|소지자|여행객|관광객|입국자|\s등)(?:들)?[은는도]$")
_RULE = lazy_pattern(
    r"(?:해야|내야|받아야|따라야|지켜야|없애야|막아야|밝혀야|공개해야)\s(?:한다|하며|하고)"
    r"|수\s(?:없|있)게\s된다|(?:물게|내게|받게)\s된다|(?:금지|의무화|제한)된다")


def _subject_of(text: str, span: tuple[int, int], inside: list[_Mention], *,
                bare_ok: bool = False) -> _Mention | None:
    """The named actor heading the next sentence's subject: its main subject's last name or
    owner ("빈패스트의 시가총액이"), or the named subject of a relative clause on a nameless one
    ("우에다 가즈오 총재가 이끄는 중앙은행은"); a firm, a body or a person, not a class of
    firms ("애플과 삼성전자 등 제조사들은") nor a bare ministry whose country is unsaid."""
    if not inside or not _is_korean(text, span):
        return None
    spans = _korean_subjects(text, span[0], span[1], inside)
    main = next((s for s, is_main in spans if is_main), None)
    if spans and spans[0][0][0] - span[0] <= 4 and main != spans[0][0] and any(
            spans[0][0][0] <= m.start < spans[0][0][1] for m in inside):
        main = spans[0][0]  # a topic opening the sentence: "X는 …을 내고 …밝혔으며, …"
    if main is None or main[0] - span[0] > 40 or _CLASS_END().match(text, main[1] - 4, main[1]):
        return None
    named = [m for m in inside if main[0] <= m.start < main[1]]
    if not named:
        before = [s for s, _ in spans if s[1] <= main[0]]
        if not before:
            return None
        words = list(_TOKEN.finditer(text, before[-1][1], main[0]))
        if len(words) != 1 or not _adnominal(_clean_word(words[0].group())):
            return None  # only "X가 이끄는 중앙은행은": one verb between them
        named = [m for m in inside if before[-1][0] <= m.start < before[-1][1]]
    owner = next((m for m in named if m.particle.endswith("의")
                  or m.phrase_particle.endswith("의")), None)
    head = owner or (named[-1] if named else None)
    if head is None or (head.entry.surface in _COUNTRY_UNSAID and not bare_ok) or text.startswith(
            " 등", head.end):
        return None
    if head.entry.kind in ("country", "place"):
        # "브라질 노동검찰은": a country before a body the tables lack speaks for it; so does
        # a body filed as a place ("일본 경제산업성")
        return head if _BODY_AFTER().match(text, head.end) or _BODY_END().search(
            head.entry.surface) else None
    return head if head.entry.kind in ("institution", "company", "person") else None


# Clauses of background, not cause, before the main subject.
_BACKGROUND_LINK = lazy_pattern(
    r"데\s이어|가운데\s|와중에|속에|반면|달리|앞서|\s지\s(?:\S+\s){0,3}?(?:만에|안\s돼|안\s되|지나|넘)")
_BODY_END = lazy_pattern(r"\s\S*(?:정부|당국|검찰|법원|의회|부|청|처|성|위원회|은행)$")
# A subject that is a class of firms or people: "…등 제조사들은", "부품 업체들은".
_CLASS_END = lazy_pattern(r".*들[은는이도]")
# Bodies every country has, named bare: whose they are the lead does not say.
_COUNTRY_UNSAID = GENERIC_INSTITUTIONS - {"집행위원회", "국가통계국", "재무상", "경제산업상",
                                          "외무상", "방위상"}
# A body right after a country: "브라질 노동검찰은", "중국 당국은".
# (round seventeen: or glued to it, "베이징인터넷법원은", a court the tables lack)
_BODY_AFTER = lazy_pattern(
    r"\s?\S*(?:정부|당국|검찰|법원|의회|부|청|처|국|위원회|은행)[은는이가]\s")
