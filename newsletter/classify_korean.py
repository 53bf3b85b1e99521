"""The Korean clause analysis of newsletter.classify: the subject phrases of a lead sentence,
which of them is the main clause's, who fines or sanctions whom, a nameless main subject's
partner named before it, and a bare "정부는" that is Korea's own government.
"""

from __future__ import annotations

import itertools
import re

from newsletter.classify_embedded_clause import verb_takes_noun
from newsletter.classify_mentions import (
    _COPULA_CONNECTIVES,
    _clean_word,
    _Entry,
    _Mention,
    _particle,
    agent_leads,
)
from newsletter.classify_r25a_fine import penalty_ends_lead
from newsletter.classify_r28a_stocks import subject_despite_ending
from newsletter.classify_r28b_court import held_back_by_ruling
from newsletter.classify_r29a_received import received_end
from newsletter.classify_r38_amount import exceeded_amount
from newsletter.classify_received import _KO_FINE_PAID, _body_in_eseo, _court_of, _fined_by
from newsletter.classify_tables import (
    _DATE_WORD,
    _TOKEN,
    COORD_PARTICLES,
    HANGUL,
    KO_AFTER_CLAUSE,
    KO_AUXILIARY_ADNOMINAL,
    KO_CLAUSE_END,
    KO_CLAUSE_END_BARE,
    KO_EMBEDDING_END,
    KO_LEAVING_ENDS,
    KO_MEDIA_NOUNS,
    KO_NOT_EMBEDDING_ENDINGS,
    KO_NOT_EMBEDDING_WORDS,
    KO_NOT_SUBJECT_ENDINGS,
    KO_NOT_TOPIC_STEMS,
    KO_NOUNS_LIKE_ADNOMINAL,
    KO_POSTPOSITION_VERBS,
    KO_REPORT_END,
    KO_SANCTION,
    KO_TAKEN_OVER,
    KO_TIME_WORDS,
    KO_TOPIC_NOUNS,
    KO_UNDERGOES,
    KO_VERB_STEM_ENDS,
    KO_VERB_TOPIC_ENDINGS,
    MAX_LEAD_WORDS,
    SUBJECT_PARTICLES,
    SUBORDINATE_MODIFIER_BONUS,
    lazy_pattern,
)
from newsletter.models import Region


def _is_korean_subject_word(word: str, tok_end: int, mentions: list[_Mention]) -> bool:
    for m in mentions:
        if (tok_end - len(word) < m.end <= tok_end
                and m.particle in SUBJECT_PARTICLES and not m.after.startswith(("의", "에"))):
            return True
    clean = _clean_word(word)
    if len(clean) < 2 or not HANGUL.search(clean[-1]):
        return False
    if clean.endswith("께서"):
        return True
    if clean[-1] in "가이":
        return not clean.endswith(KO_NOT_SUBJECT_ENDINGS) or subject_despite_ending(clean)
    if clean[-1] == "도":  # "일본 정부도", "업계도": a subject too
        return clean[:-1].endswith(KO_TOPIC_NOUNS)
    if clean[-1] in "은는":
        stem = clean[:-1]
        if stem.endswith(KO_NOT_TOPIC_STEMS) or stem in KO_TIME_WORDS:
            return False
        # A noun with 은/는 is the topic ("자동차산업협회는"); a verb in its adnominal form
        # ("손잡은", "하는") is not.
        return (stem.endswith(KO_TOPIC_NOUNS) or not HANGUL.match(stem[-1:] or "가")
                or (len(stem) >= 2 and not _ends_embedded_clause(clean)))
    return False


def _korean_subjects(text: str, start: int, end: int,
                     mentions: list[_Mention]) -> list[tuple[tuple[int, int], bool]]:
    """The subject phrases of a Korean sentence, each with whether it is the main clause's.

    The main subject is the first one that no embedded clause closes: "A가 ... 강화한 데 이어
    B도 ..." is about B, "A가 투자한 B가 ..." is about B, "A는 B가 ...했다고 밝혔다" about A.
    A phrase runs back from its particle over bare nouns, genitives and "와/과" ("일본 도요타가",
    "미국과 중국이"), and stops at an adverbial, an object or a verb."""
    # A lead sentence's subject comes early; the cap bounds the work on a runaway "sentence".
    tokens = list(itertools.islice(_TOKEN.finditer(text, start, end), MAX_LEAD_WORDS))
    inside = [m for m in mentions if tokens and m.start < tokens[-1].end()]
    mentions = inside
    kinds: list[str] = []
    # names whose copula closes a clause ("폭스콘이지만,"): few leads have one
    copulas = [m.start for m in mentions if m.suffix in _COPULA_CONNECTIVES]
    for tok in tokens:
        word = tok.group()
        if (_is_korean_subject_word(word, tok.end(), mentions)
                or _named_topic(tokens, len(kinds), kinds, mentions)) and not _reports(
                    word, tok, mentions) and not exceeded_amount(text, tok, mentions):  # r38
            kinds.append("subject")
        elif copulas and any(tok.start() <= at < tok.end() for at in copulas):
            # "최대 조립업체는 폭스콘이지만, 중국 럭스셰어가 …", "…스카이댄스였지만, 소니는": a
            # name whose copula closes a clause; the subjects before it belong to that clause
            kinds.append("boundary")
        elif _starts_name(tok.start(), mentions) or any(
                m.start < tok.start() < m.end for m in mentions):
            kinds.append("")  # a name, or a later word of one ("조 바이든": not a verb in 든)
        elif word in ("가운데", "중") and kinds and kinds[-1] != "boundary" and not _verbal(
                _clean_word(tokens[len(kinds) - 1].group())):
            kinds.append("")  # "업체들 가운데 디스코는": among a group, not "while"
        elif _postposition_verb(tokens, len(kinds)):
            kinds.append("adverbial")  # "X와 달리", "X와 관련해", "X에 맞서"
        elif (KO_CLAUSE_END.search(word) or _ends_embedded_clause(_clean_word(word))) and (
                not word.startswith(_TITLE_OPENERS)):  # "'검은 신화'": a title, no verb
            if (word in KO_AFTER_CLAUSE and kinds and kinds[-1] == "subject"
                    and _clean_word(tokens[len(kinds) - 1].group()).endswith("는")):
                # "늘리는 가운데", "미루는 사이": a word in 는 before a noun that only
                # follows a clause is a verb, not a topic.
                kinds[-1] = ""
            kinds.append("boundary")
        else:
            kinds.append("")
    subjects = [i for i, kind in enumerate(kinds) if kind == "subject"]
    for n, (i, following) in enumerate(zip(subjects, [*subjects[1:], len(tokens)],
                                           strict=False)):
        if following == len(tokens) and (n == 0 or "boundary" in kinds[subjects[n - 1]:i]
                                         or kinds[subjects[n - 1]] != "subject"
                                         or _auxiliary_between(tokens, kinds,
                                                               subjects[n - 1], i)):
            # The last subject after a clause end ("…하자 미국 상무부도 …를 가진 자회사까지")
            # is the main one, whatever relative clause its object carries; so is one after
            # an auxiliary closing a relative clause ("…가 양분해 온 시장에서 마이크론이
            # …하겠다는 목표를 제시했다", round sixteen).
            break
        if _in_relative_clause(tokens, kinds, i, following, following == len(tokens), mentions):
            kinds[i] = ""  # "미국 마이크론이 히로시마에 짓는 공장에 일본 정부가 …": Japan's
    subjects = [i for i, kind in enumerate(kinds) if kind == "subject"]
    if not subjects:
        return []
    last = subjects[-1]
    # An adverbial ("...와 달리", "...에 힘입어") closes a subject in 이/가 before it, not a
    # topic in 은/는: "에릭손과 노키아는 ... 정책에 힘입어 북미 매출이 늘었다" is theirs.
    # Nor when the sentence ends in the first subject's own report ("ASML이 … 통제에도
    # 불구하고 중국 매출 비중이 … 넘을 것이라고 밝혔다": ASML said it; no one else is named
    # between the quote and its verb).
    speaks = "adverbial" in kinds and _KO_SAID_END().search(text, tokens[0].start(),
                                                            end) is not None
    closed = {i: "boundary" in kinds[i + 1:last] or (
        "adverbial" in kinds[i + 1:last] and not speaks
        and not _clean_word(tokens[i].group()).endswith(("은", "는"))) for i in subjects}
    # An embedded clause's subject takes 이/가, the main clause's often 은/는/도: "중국 정부가
    # 허가를 늦추자(?) 미국 국방부는 ..." is the Pentagon's even when the ending between them is
    # one the lists lack. A topic right after ("A가 B는") is not such a pair.
    if subjects[0] <= 1 and closed[subjects[0]] and _clean_word(
            tokens[subjects[0]].group()).endswith(("은", "는")) and _KO_ESTIMATE_END().search(
            text, tokens[0].start(), end) is not None:
        # "일본항공(JAL)은 … 충돌해 전소된 에어버스 여객기의 손실이 … 이를 것으로 추산했다": the
        # opening topic makes the estimate; the clauses inside it are its complement's (round
        # seventeen)
        closed[subjects[0]] = False
    topics = [j for j in subjects if _is_topic_noun(tokens[j], mentions)]
    for i in subjects:
        if not closed[i] and _clean_word(tokens[i].group()).endswith(("이", "가")):
            closed[i] = any(j - i >= 3 for j in topics if j > i)
    main = next(i for i in subjects if not closed[i])
    found: list[tuple[tuple[int, int], bool]] = []
    for i in subjects:
        # A subject after the main one that nothing closes sits in the main clause's
        # complement ("레이쥔 회장이 주문이 늘었다고 밝혔다"): kept, but not as the main one.
        first = i
        while first > 0 and kinds[first - 1] == "" and (
                _inside_phrase(tokens[first - 1], mentions)
                or _date_after_owner(tokens, first - 1, mentions)
                or tokens[first - 1].group().startswith(_TITLE_OPENERS)):
            if _verb_before_head(tokens[first - 1], mentions):
                # "트럼프 대통령과 나란히 선 X 회장은": a verb before the head closes a
                # relative clause; who stood beside whom is not part of the subject.
                break
            first -= 1
        found.append(((tokens[first].start(), tokens[i].end()), i == main))
    return found


def _auxiliary_between(tokens: list[re.Match[str]], kinds: list[str], start: int,
                       end: int) -> bool:
    """Whether an auxiliary in its adnominal form ("주도해 온", "늘려 간") closes a relative
    clause between two subjects; a postposition verb ("…를 겨냥해") does not close one."""
    return any(kinds[j] == "adverbial" and _clean_word(tokens[j].group()) in KO_AUXILIARY_ADNOMINAL
               for j in range(start + 1, end))


def _date_after_owner(tokens: list[re.Match[str]], index: int, mentions: list[_Mention]) -> bool:
    """"중국의 지난해 철강 수출이": a date after an owner in 의 sits inside the owner's phrase
    (a date before a name, "지난 9일 중국 업체가", still ends it)."""
    if index == 0 or not _DATE_WORD.match(tokens[index].group()):
        return False
    owner = tokens[index - 1]
    return owner.group().endswith("의") and _starts_name(owner.start(), mentions)


# A quote whose report verb follows it directly: "…할 것이라고 밝혔다", "…늘었다고 말했다".
_KO_SAID_END = lazy_pattern(
    r"(?:다|라)고\s(?:밝혔|말했|전했|전망했|설명했|강조했|예상했|내다봤)"
    r"다[.]?\s*$")


# An estimate or forecast ending the sentence: "…에 이를 것으로 추산했다", "…것으로 내다봤다".
_KO_ESTIMATE_END = lazy_pattern(
    r"것으로\s(?:\S+\s)?(?:추산|추정|전망|예상|내다봤|분석|집계|예측)(?:했|됐)?다[.]?\s*$")


def _in_relative_clause(tokens: list[re.Match[str]], kinds: list[str], i: int, following: int,
                        near: bool = False, mentions: list[_Mention] | None = None) -> bool:
    """Whether the subject at i belongs to a relative clause whose noun is not a subject:
    "중국 기업이 소유하거나 운영하는 선박에", "미국 마이크론이 히로시마에 짓는 생산라인에" (a verb
    before a noun, then that noun in 에/을/를/의/로; not an object its next word takes, r30a). A
    subject after it is the sentence's; a topic in 은/는 is never inside one ("FDIC는 …")."""
    if _clean_word(tokens[i].group()).endswith(("은", "는")):
        return False
    for j in range(i + 1, min(following, i + 4) if near else following):
        word = _clean_word(tokens[j].group())
        if not _adnominal(word):
            if kinds[j] == "boundary" and not word.endswith("거나"):
                return False  # a connective ends the subject's own clause first
            continue
        for k in range(j + 1, min(following, j + 5)):
            noun = _clean_word(tokens[k].group())
            if noun.endswith(_RELATIVE_NOUN_PARTICLES):
                return not verb_takes_noun(tokens, kinds, k, following, noun, mentions or [])
            if (_particle(noun) or _adnominal(noun) or not HANGUL.match(noun[-1:] or "a")
                    or noun.endswith(("까지", "도", "만", "은", "는", "이", "가"))):
                return False
        return False
    return False


# The particles of a noun that is no subject: the relative clause's noun is a place, an
# object or an owner. Not 와/과, which may join the noun to a subject.
_RELATIVE_NOUN_PARTICLES = ("에", "에서", "을", "를", "으로", "로", "의", "에게")


# Amounts with the copula's adnominal 인: "지분이 절반 이상인 선박", "매출이 1조 원 미만인 기업".
_KO_COPULA_ADNOMINAL = ("이상인", "이하인", "미만인", "초과인", "이내인")


# A word that opens a quoted title ("게임사이언스의 '검은 신화: 오공'이") is part of a name, not
# a verb closing a clause, whatever it ends in (round fourteen).
_TITLE_OPENERS = ("'", "‘", "「", "《", "〈", '"', "“")


def _adnominal(word: str) -> bool:
    """A verb before a noun: 운영하는, 발표한, 짓는 (는 after a final consonant is never a
    topic particle: a noun there takes 은)."""
    code = ord(word[-1]) - 0xAC00 if word else -1
    if word.endswith(_KO_COPULA_ADNOMINAL):
        return True  # "미국 자본이 절반 이상인 선박에": a copula before its noun
    # Cheap first: an adnominal ends in 는 or in a final ㄴ/ㄹ (한, 된, 할, 세운).
    if not (0 <= code < 11172 and (code % 28 in (4, 8) or word[-1] == "는")):
        return False
    if word in KO_NOT_EMBEDDING_WORDS:
        return False  # "톈진에서 열린 포럼에서": an event held somewhere has no subject
    if word.endswith("는") and len(word) >= 2 and HANGUL.match(word[-2]) and (
            ord(word[-2]) - 0xAC00) % 28 != 0:
        return True
    match = KO_EMBEDDING_END.search(word)
    return (match is not None and word.endswith(("한", "된", "던", "는", "할", "될"))
            and word not in KO_NOT_EMBEDDING_WORDS
            and not word.endswith(KO_NOT_EMBEDDING_ENDINGS)) or _is_past_adnominal(word)


def _postposition_verb(tokens: list[re.Match[str]], index: int) -> bool:
    """A verb used as a postposition after a noun with its particle ("기조와 달리", "문제와
    관련해", "관세에 맞서", "인수를 계기로"), or an auxiliary in its adnominal form after a
    verb ("주도해 온", "늘려 간"): what comes before is not part of the subject after it."""
    word = _clean_word(tokens[index].group())
    if index == 0:
        return False
    previous = _clean_word(tokens[index - 1].group())
    if word in KO_AUXILIARY_ADNOMINAL:
        return previous.endswith(("해", "어", "아", "워", "와", "려", "켜", "쳐", "혀", "져", "겨",
                                  "여", "내", "펴", "봐", "줘", "서"))
    if word not in KO_POSTPOSITION_VERBS:
        return False
    return previous.endswith(("와", "과", "에", "을", "를", "로", "으로", "에도"))


def _named_topic(tokens: list[re.Match[str]], index: int, kinds: list[str],
                 mentions: list[_Mention]) -> bool:
    """A word in 은/는 that looks like a verb ("베르코르는" like "오르는") after bare nouns that
    open with a name ("프랑스 배터리 스타트업 베르코르는"): a name the tables lack, as the
    topic. A verb before a noun takes its object or adverb with a particle, not bare nouns."""
    word = _clean_word(tokens[index].group())
    if not word.endswith(("은", "는")) or word.endswith(KO_VERB_TOPIC_ENDINGS) or index == 0:
        return False
    j, named = index - 1, False
    while j >= 0 and kinds[j] == "":
        previous = _clean_word(tokens[j].group())
        if (previous != tokens[j].group() or _particle(previous) or _verbal(previous)
                or _DATE_WORD.match(previous) or not previous):
            break
        named = named or _starts_name(tokens[j].start(), mentions)
        j -= 1
    return named and j < index - 1


def _verbal(word: str) -> bool:
    """Whether a word ends like a verb before a noun (늘리는, 한, 할, 했던), not like a noun."""
    if not word or not HANGUL.match(word[-1]) or word.endswith("들"):
        return False
    coda = (ord(word[-1]) - 0xAC00) % 28
    return word.endswith(("는", "은", "던")) or coda in (4, 8)  # final ㄴ or ㄹ


def _is_topic_noun(tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """A name or a noun such as 정부/업계/국방부 with 은/는/도 ("미국 국방부는", "닛산은")."""
    word = _clean_word(tok.group())
    if not word.endswith(("은", "는", "도")):
        return False
    if any(tok.start() <= m.start < tok.end() and m.particle in ("은", "는", "도")
           for m in mentions):
        return True
    return word[:-1].endswith(KO_TOPIC_NOUNS)


def _ends_embedded_clause(word: str) -> bool:
    if word in KO_NOT_EMBEDDING_WORDS:
        return False
    if word in KO_AFTER_CLAUSE or _is_past_adnominal(word):
        return True
    return ((KO_EMBEDDING_END.search(word) is not None or KO_CLAUSE_END_BARE.search(word)
             is not None) and word not in KO_NOT_EMBEDDING_WORDS
            and not word.endswith(KO_NOT_EMBEDDING_ENDINGS))


def _reports(word: str, tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """Whether a subject is a news outlet: "WSJ는 바이트댄스가 ...라고 보도했다" is
    ByteDance's story."""
    stem = _clean_word(word)[:-1]
    return stem.endswith(KO_MEDIA_NOUNS) or any(
        m.entry.kind == "media" and tok.start() <= m.start < tok.end() and m.end >= tok.end() - 3
        for m in mentions)


def _is_past_adnominal(word: str) -> bool:
    """A verb whose stem ends in a vowel, in its past adnominal form: 바꾼, 세운, 낮춘, 늘린,
    맡긴, 밝힌 (the stem's last vowel takes ㄴ). Nouns that look the same are listed."""
    if not word or word.endswith(KO_NOUNS_LIKE_ADNOMINAL):
        return False
    code = ord(word[-1]) - 0xAC00
    if not 0 <= code < 11172 or code % 28 != 4:  # the last letter must end in ㄴ
        return False
    # (round sixteen) leaving and holding: 떠난, 물러난, 손뗀, 빠진, 거머쥔; "공장을 지은 X가"
    # (지은 alone: a given name may end in it)
    return (chr(0xAC00 + code - 4) in KO_VERB_STEM_ENDS or word.endswith(KO_LEAVING_ENDS)
            or word == "지은" or word in _CONSONANT_STEM_ADNOMINALS)


# One-syllable verbs whose stem ends in a consonant, past adnominal in 은 (round seventeen):
# "…하와이안항공을 품은 알래스카항공이", "…지분을 얻은", "…손을 잡은" (not a topic 품+은).
_CONSONANT_STEM_ADNOMINALS = frozenset({
    "품은", "잡은", "얻은", "맺은", "넘은", "찾은", "놓은", "입은", "쌓은", "낳은", "먹은",
    "안은", "꺾은", "삼은", "심은", "닮은", "겪은", "읽은", "씻은", "엮은",
})


def _starts_name(position: int, mentions: list[_Mention]) -> bool:
    return any(m.start == position for m in mentions)


def _verb_before_head(tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """A bare word in a relative clause's adnominal form ("선", "앉은", "만난"), not a name."""
    word = _clean_word(tok.group())
    if tok.group().startswith(_TITLE_OPENERS) or any(
            m.start <= tok.start() < m.end or tok.start() <= m.start < tok.end()
            for m in mentions):
        return False
    one_syllable = len(word) == 1 and HANGUL.match(word) is not None and (
        ord(word) - 0xAC00) % 28 == 4 and word not in _PRENOMINALS  # 선, 본, 온, 간: a verb
    return one_syllable or (len(word) >= 2 and _adnominal(word))


# One-syllable words in ㄴ that stand before a noun as a modifier, not a verb: "화웨이의 전
# 직원이" (former), "현 경영진", "신 공장" (round sixteen).
_PRENOMINALS = frozenset({"전", "현", "신"})


def _inside_phrase(tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """Whether a word can sit inside a noun phrase before its head: a bare noun, a genitive,
    or a name joined by 와/과 ("미국과 중국이"); not a date, an adverbial or an object."""
    word = tok.group()
    name = next((m for m in mentions if tok.start() <= m.start < tok.end()), None)
    if word.endswith((",", "，")):
        # A list of names ("미국, 일본, 유럽 등 주요국이") stays one phrase; other commas end it.
        return name is not None and name.start == tok.start() and name.end >= tok.end() - 1
    if _DATE_WORD.match(word):
        return False
    if any(m.start < tok.start() and m.end >= tok.end() for m in mentions):
        return True  # the end of a name of several words ("다카이치 사나에"), whatever its letters
    if name is not None and name.end >= tok.end():
        return True  # a name that runs on into the next word ("대만 경제부가")
    if name is not None and name.end + len(name.suffix) >= tok.end() - 2:
        particle = name.particle
    else:
        particle = _particle(_clean_word(word))
    return particle in ("", "의", "들의", "와", "과") or particle in COORD_PARTICLES


def _korean_boundary_between(text: str, start: int, end: int) -> bool:
    """Whether a clause ends between two subjects of a Korean sentence."""
    return any(KO_CLAUSE_END.search(tok.group()) or _ends_embedded_clause(_clean_word(tok.group()))
               for tok in _TOKEN.finditer(text, start, end))


def _korean_sanction_agent(text: str, end: int, inside: list[_Mention], head_bonus: float,
                           mod_bonus: float) -> None:
    """"애플이 EU 집행위원회로부터 과징금을 부과받았다": who fines or sanctions acts; so does a
    body or a country that orders, approves or notifies the subject, when the sentence ends in
    that receiving ("…로부터 시정 명령을 받았다", "…로부터 수출 제한을 통보받았다")."""
    court = _body_in_eseo(text, end)  # classify_received.py (round sixteen)
    fine_to = (text.find("과징금", 0, end) >= 0 or text.find("벌금", 0, end) >= 0) and (
        _KO_FINE_PAID().search(text, 0, end) is not None)
    if (text.find("로부터", 0, end) < 0 and text.find("에 의해", 0, end) < 0 and not court
            and not fine_to):
        if ("받" in text[end - 12:end] or "따라" in text[end - 40:end]
                or any(v in text[end - 8:end] for v in ("못했", "막혔", "잡혔"))) and text.find(
                "의 ", 0, end) >= 0:
            _korean_owned_act(text, end, inside, head_bonus)
        return  # most leads name no agent at all: skip the per-name work
    for agent in inside:
        from_agent = agent.suffix.endswith(("로부터", "에 의해")) or agent.after.startswith(
            "에 의해") or _from_country_body(text, agent, inside) or (
            court and _court_of(text, agent)) or (fine_to and _fined_by(text, agent))
        if not from_agent:
            continue
        sanction = KO_SANCTION.search(text, agent.end, min(end, agent.end + 50)) is not None or (
            penalty_ends_lead(text, agent.end, end))  # round 25a: a long reason before the fine
        if not sanction and not (agent.entry.kind in ("institution", "country", "place")
                                 and (_KO_RECEIVED_END().search(text, agent.end, end)
                                      or received_end(text, agent.end, end)
                                      or _act_before_agent(text, agent, end)
                                      or _received_then_nameless(text, agent, end, inside))):
            continue
        if sanction and _sanction_is_adnominal(text, agent.end, min(end, agent.end + 50)):
            # "애플이 EU로부터 부과받은 과징금에 대해 항소했다": the fine describes the
            # object of the main verb, whose subject (Apple) still acts.
            return
        if agent.role == "head" or any(m.role == "head" and m.start > agent.start
                                       for m in inside):
            # "EU로부터 과징금을 부과받은 메타가 ...": the fine sits in a clause that
            # describes the main subject after it, which still acts.
            return
        for m in inside:
            if m.role in ("head", "modifier") and m.start < agent.start:
                # The subject only undergoes the fine or the order: it weighs as little as
                # a background clause's subject ("중국 바이트댄스 소유의 틱톡이 …").
                m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
            elif (m.end < agent.start and not m.particle and m.entry.kind == "country"
                  and text[m.end:agent.start].strip() == ""):
                m.role, m.bonus = "modifier", mod_bonus  # "독일 연방카르텔청으로부터"
        agent.role, agent.bonus = "head", head_bonus
        return


def _korean_owned_act(text: str, end: int, inside: list[_Mention], head_bonus: float) -> None:
    """"…인수가 영국 경쟁시장청의 승인을 받았다", "…다운로드가 개인정보위의 권고에 따라
    중단됐다": the body whose approval, inquiry or order the lead ends in receiving (or by whose
    order something stopped) acts, as the agent in 로부터 does; the subject only undergoes it."""
    act = _KO_OWNED_ACT().search(text, 0, end)
    if act is None:  # round twenty-eight b: "…의 가처분 결정에 발목을 잡혔다"
        return held_back_by_ruling(text, end, inside, head_bonus)
    agent = next((m for m in inside if m.entry.kind in ("institution", "country")
                  and m.role != "head" and (
                      (m.suffix == "의" and _BRACKETS.sub("", text[m.end:act.start()]).strip()
                       == "")
                      # "인도네시아 정부의 판매 금지 조치로": a country before its government
                      or (m.entry.kind == "country" and not m.suffix
                          and text[m.end:act.start()] in (" 정부", " 당국")))), None)
    if agent is None:
        return
    agent_leads(inside, agent, head_bonus)


# Whose act the lead ends in receiving, or by whose order it ends: "의 승인을 받았다", "의 반독점
# 조사를 받게 됐다", "의 권고에 따라 중단됐다" (the owner's 의 is matched where the name ends).
_KO_OWNED_ACT = lazy_pattern(
    r"의\s(?:\S+\s)?(?:승인|허가|인가|조사|심사|제재|명령|권고|지시|판정|처분|규제)(?:[을를]\s)?"
    r"받(?:았다|는다|게\s됐다|게\s되었다)[.]?\s*$"
    r"|의\s(?:\S+\s)?\S{0,3}(?:권고|명령|지시|결정|조치|요구|판정|처분)에\s따라\s(?:\S+\s){0,5}?"
    r"\S*(?:됐다|되었다|된다)[.]?\s*$"
    # a measure that kept the subject from something (round seventeen): "…이 인도네시아
    # 정부의 판매 금지 조치로 현지 매장에 깔리지 못했다", "…의 수입 규제로 … 길이 막혔다"
    r"|의\s(?:\S+\s){0,2}?\S*(?:조치|금지|규제|제재|명령|결정)(?:로|으로|때문에)\s"
    r"(?:\S+\s){0,3}?\S*(?:지\s못했다|막혔다)[.]?\s*$"
    # "…의 사이버보안 심사에서 불합격 판정을 받았다": the verdict of the owner's review
    # (round fifteen: or a content clause before the verdict, "…위험이 있다는 판정을")
    r"|의\s(?:\S+\s)?(?:심사|조사|검사|감사|점검)에서\s(?:\S+\s)?(?:(?:\S+\s){0,5}?\S*다는\s)?"
    r"(?:판정|처분|등급)[을를]\s"
    r"받(?:았다|는다|게\s됐다|게\s되었다)[.]?\s*$")


def _from_country_body(text: str, agent: _Mention, inside: list[_Mention]) -> bool:
    """"중국 인터넷 당국으로부터", "중국 생태환경부로부터": a country right before a body the
    tables lack, in 로부터, speaks for it; so does a place before its court or official
    ("베이징 법원으로부터", "아칸소주 법무장관으로부터")."""
    return (agent.entry.kind in ("country", "place") and not agent.suffix
            and _KO_BODY_FROM().match(text, agent.end) is not None
            # a body the tables know ("미국 연방거래위원회로부터") is the agent itself
            and not any(m.start == agent.end + 1 for m in inside))


# The sentence ends in receiving an act of the agent in 로부터 ("…명령을 받았다", "…통보받았다",
# "…승인을 받게 됐다", "…반독점 조사를 받게 됐다"); not aid or money, which is the receiver's
# news ("…로부터 통화스와프 지원을 받게 됐다"); an adnominal ("받은 승인으로 …") describes a
# noun instead.
_KO_RECEIVED_END = lazy_pattern(
    r"(?:명령|통보|요구|승인|허가|인가|판정|처분|경고|권고|지시|판결"
    # (round eighteen: a listing, "…로부터 '신뢰할 수 없는 기업' 명단 지정을 받았다")
    r"|조치|통지|요청|압박|압력|조사|심사|수사|제재|감사|지정|지목)(?:[을를]\s)?받(?:았다|는다|게\s됐다|게\s되었다|게\s될\s전망이다"
    r"|을\s전망이다|을\s예정이다)[.]?\s*$")
def _received_then_nameless(text: str, agent: _Mention, end: int, inside: list[_Mention]) -> bool:
    """"DJI가 미국 FCC로부터 … 지정 조치를 받으면서 미국 내 인증 길이 막혔다": the receiving
    closes a clause and what follows names no subject of its own, so the lead's news is the
    agent's act and its consequence."""
    closing = _KO_RECEIVED_CLAUSE().search(text, agent.end, min(end, agent.end + 60))
    return closing is not None and not any(
        m.start >= closing.end() and m.particle in ("이", "가", "은", "는") for m in inside)


def _act_before_agent(text: str, agent: _Mention, end: int) -> bool:
    """"…했다는 예비 판정을 시장감독관리총국(SAMR)으로부터 받았다": the act before the agent,
    the lead ending in its receiving (round fourteen)."""
    return (_KO_ACT_OBJECT().search(text, max(0, agent.start - 24), agent.start) is not None
            and _KO_FROM_RECEIVED().match(text, agent.end, end) is not None)


_KO_ACT_OBJECT = lazy_pattern(
    r"(?:명령|통보|요구|승인|허가|인가|판정|처분|경고|권고|지시|판결|조치|통지|조사|심사|수사"
    # (round seventeen: a finding or a penalty, "…어겼다는 예비 판단을 X로부터 받았다")
    r"|제재|판단|결론|결정|과징금|벌금|경고장)[을를]\s(?:\S+\s)?$")
_KO_FROM_RECEIVED = lazy_pattern(
    r"(?:\([^()]{0,20}\))?\S{0,4}로부터\s(?:통보|부과)?받(?:았다|는다|게\s됐다|게\s되었다)"
    r"[.]?\s*$")
# The same receiving closing a clause: "…조치를 받으면서", "…조사를 받자", "…명령을 받아".
_KO_RECEIVED_CLAUSE = lazy_pattern(
    r"(?:명령|통보|요구|승인|허가|인가|판정|처분|경고|권고|지시|판결|조치|통지|요청|압박|압력|조사"
    r"|심사|수사|제재|감사|지정|지목)(?:[을를]\s)?받(?:으면서|자|아|게\s되면서|게\s되자)\s")
_KO_BODY_FROM = lazy_pattern(
    # 생태환경부, 관리국; a place's court or official: 법원, 법무장관, 검찰총장, 주지사
    # (round sixteen: initials in brackets may follow the body, "경쟁위원회(CCI)로부터"; round
    # nineteen: up to two bare nouns before it, "중국 인터넷 감독 당국으로부터")
    r"\s(?:\S*[^\s이가은는을를의에와과도]\s){0,2}?\S*(?:당국|정부|기관|법원|장관|총장|주지사|검찰|[부청국처성원회])"
    r"(?:\([^()\s]{1,15}\))?으?로부터")


_BRACKETS = re.compile(r"\([^()]*\)")
# Sued or charged by someone in 에게: "…주 검찰총장에게 제소됐다" (compiled on first use: few
# leads need it).
_KO_SUED_BY = lazy_pattern(
    r"\s*(?:\S+\s){0,3}?(?:제소|피소|고소|기소|고발)(?:된다|됐다|되었다|당했다)(?![가-힣])")
_KO_IN_ARMS = lazy_pattern(r"\s품에\s안(?:겼다|긴다|기게\s됐다)(?![가-힣])")
_PASSIVE_HINT = re.compile(r"(?:인수|매각|합병)(?:된|됐|되|될)|팔린|팔렸|넘어간|넘어갔|품에\s안"
                           r"|[을를]\s(?:받|당)|(?:제소|피소|고소|기소|고발)(?:된|됐|되|당)"
                           r"|에\s의해\s")
# "…수입이 해관총서에 의해 전면 중단됐다": a passive's agent in 에 의해, the verb ending the
# clause (not "…에 의해 중단된 수입").
_KO_BY_PASSIVE = lazy_pattern(
    r"\s의해\s(?:\S+\s){0,3}?\S*(?:됐다|되었다|된다|당했다|당한다)(?![가-힣])")


def _korean_passive_agent(text: str, end: int, inside: list[_Mention], head_bonus: float,
                          mod_bonus: float) -> None:
    """"코베스트로가 ADNOC에 인수된다": who buys acts, as "bought by" does in English; so
    does whose inquiry or sanction the subject undergoes ("퀄컴이 중국 SAMR의 반독점 조사를
    받게 됐다")."""
    heads = [m for m in inside if m.role == "head"]
    if not heads or _PASSIVE_HINT.search(text, heads[0].end, end) is None:
        return  # most leads name no purchase or inquiry: skip the per-name work
    for agent in inside:
        if agent.start <= heads[0].start or agent.role == "head":
            continue
        # The particle ends the whole word: "아부다비국영석유회사(ADNOC)에", "SAMR의".
        after = text.find(" ", agent.end, end)
        after = end if after < 0 else after
        word = _BRACKETS.sub("", text[agent.start:after]).rstrip(".,")
        if agent.entry.kind in ("country", "place") and word == agent.entry.surface:
            # "중국 무린썬에 매각된다": a country before a buyer the tables lack speaks for it;
            # so does a place before its official ("텍사스주 법무장관에게 제소됐다").
            nxt = text.find(" ", after + 1, end)
            after = end if nxt < 0 else nxt
            word = _BRACKETS.sub("", text[agent.start:after]).rstrip(".,")
        if word == agent.entry.surface and text.startswith(" 품에 ", after):
            # "위즈가 구글 품에 안겼다": taken into Google's arms, bought
            verb = _KO_IN_ARMS().match(text, after, end)
        elif word.endswith(("에", "에게")):
            verb = (KO_TAKEN_OVER.match(text, after, end) or _KO_SUED_BY().match(text, after, end)
                    or _KO_BY_PASSIVE().match(text, after, end))
        elif word.endswith("의"):
            verb = KO_UNDERGOES.match(text, after, end)
        else:
            continue
        if verb is None:
            continue
        for m in inside:
            if m.role in ("head", "modifier") and m.start < agent.start:
                # The subject only undergoes the purchase or the inquiry: it weighs as little
                # as a background clause's subject.
                m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
            elif (m.end < agent.start and not m.particle
                  and text[m.end:agent.start].strip() == ""):
                m.role, m.bonus = "modifier", mod_bonus  # "일본 소프트뱅크에": the agent's country
        agent.role, agent.bonus = "head", head_bonus
        return


def _sanction_is_adnominal(text: str, start: int, end: int) -> bool:
    """Whether the sanction verb after an agent is in its adnominal form ("부과받은 과징금"),
    so that it describes a noun rather than ends the sentence."""
    for found in KO_SANCTION.finditer(text, start, end):
        word = _TOKEN.search(text, found.start())
        if word is None:
            continue
        stem_start = text.rfind(" ", 0, found.start()) + 1
        whole = _clean_word(text[stem_start:word.end()])
        if whole.startswith(found.group()[:1]) and whole.endswith(("받은", "받는", "받던", "당한")):
            return True
    return False


def _reported_clause_acts(text: str, spans: list[tuple[tuple[int, int], bool]], end: int,
                          inside: list[_Mention]) -> list[tuple[tuple[int, int], bool]]:
    """"…상향했다고 어드밴테스트가 밝혔다": when the sentence ends by saying who reported it
    (…다고 X가 밝혔다/발표했다/전했다), X is whose news it is (a firm or person announcing its
    own news), as the labels' convention has it. Only an outlet or an agency that reports
    someone else's act gives the story to the reported clause's own subject, and only when that
    subject names another region: "중국 해경이 … 진입했다고 일본 해상보안청이 발표했다",
    "…미국 정부가 …했다고 블룸버그가 보도했다" (outlets and observers are never the actor)."""
    main = next((index for index, (_, is_main) in enumerate(spans) if is_main), None)
    if main is None or main == 0 or not KO_REPORT_END.search(text, spans[main][0][1], end):
        return spans
    reporter, inner = spans[main][0], spans[main - 1][0]
    before = text[inner[1]:reporter[0]].rstrip()
    if not before.endswith(("다고", "라고")):
        return spans
    # The reported clause's own subject: no clause ends between it and its 다고 verb, so
    # "구글이 지분을 가진 지오플랫폼을 상장시키겠다고" has none (구글 sits in a relative clause).
    verb_at = inner[1] + len(before) - len(before.rsplit(None, 1)[-1])
    if _korean_boundary_between(text, inner[1], verb_at):
        return spans
    inner_named = [m for m in inside if inner[0] <= m.start < inner[1]]
    if not inner_named or all(m.suffix == "산" for m in inner_named):
        # "러시아산 원유 수입량이 …했다고 해관총서가 밝혔다": goods named by their origin do
        # nothing; the body that counts them reports its own figure.
        return spans
    named = [m for m in inside if reporter[0] <= m.start < reporter[1]]
    outlet = any(noun in text[reporter[0]:reporter[1]] for noun in KO_MEDIA_NOUNS)
    if named and not outlet:
        if {m.entry.region for m in inner_named} <= {m.entry.region for m in named}:
            return spans  # its own country's act, its own unit or product
        if named[-1].entry.kind not in _REPORTER_KINDS and not _governs(text, inner,
                                                                         inner_named):
            # A firm or a person tells its own news; but a foreign government or regulator
            # acting on it ("EU 집행위원회가 틱톡에 과징금을 부과했다고 바이트댄스가
            # 밝혔다") is the actor, as when the firm is its object.
            return spans
    return [(span, index == main - 1) for index, (span, _) in enumerate(spans)]


def _governs(text: str, span: tuple[int, int], named: list[_Mention]) -> bool:
    """Whether a subject phrase is a government or a regulator: its head is an institution
    ("EU 집행위원회가", "미국 상무부는") or a country's 정부/당국 ("중국 정부가"); not a
    description ("중국인 고객의 면세 매출이")."""
    last = named[-1]
    tail = _clean_word(text[last.end:span[1]].strip())
    if last.entry.kind == "institution":
        return tail in ("", *SUBJECT_PARTICLES)
    return last.entry.kind == "country" and tail.startswith(_GOVERNMENT_NOUNS) and " " not in (
        text[last.end:span[1]].strip())


_GOVERNMENT_NOUNS = ("정부", "당국", "규제당국", "법원", "의회")
# Who reports or observes another's act rather than doing the news themselves ("일본 정부가",
# "일본 방위성이", "신화통신이"); a firm or a person does its own news.
_REPORTER_KINDS = frozenset({"media", "institution", "country", "place"})


def _named_partner(text: str, spans: list[tuple[tuple[int, int], bool]],
                   inside: list[_Mention]) -> _Mention | None:
    """The known firm a nameless Korean main subject was joined to earlier in the sentence
    ("로스네프트와 루코일을 … 루코일이", "루코일·로스네프트를 … 루코일은"), or None."""
    main = next((span for span, is_main in spans if is_main), None)
    if main is None or any(main[0] <= m.start < main[1] for m in inside):
        return None
    words = text[main[0]:main[1]].split()
    word = _clean_word(words[-1]) if words else ""
    if word[-1:] in "이가은는도":
        word = word[:-1]
    if len(word) < 2 or not HANGUL.search(word):
        return None
    at = text.find(word, 0, main[0])
    while at >= 0:
        for m in inside:
            if m.entry.kind != "company" or m.start >= main[0]:
                continue
            joined_after = (m.end < at and at - m.end <= 3
                            and text[m.end:at].strip() in ("와", "과", "·", ","))
            joined_before = (at + len(word) <= m.start <= at + len(word) + 3
                             and text[at + len(word):m.start].strip() in ("와", "과", "·", ","))
            if joined_after or joined_before:
                return m
        at = text.find(word, at + 1, main[0])
    return None


def _bare_government(text: str, spans: list[tuple[tuple[int, int], bool]],
                     inside: list[_Mention], head_bonus: float) -> _Mention | None:
    """A Korean main subject that is only "정부는/정부가" names no country: in a Korean
    report that is Korea's government ("…데려오기 위해 정부는 전세기를 보냈다"); after a
    country ("미국 정부는") the phrase names that country and never gets here."""
    main = next((span for span, is_main in spans if is_main), None)
    found = None if main is None else _BARE_GOVERNMENT.search(text, main[0], main[1])
    if found is None or any(main[0] <= m.start < main[1] for m in inside):
        return None
    if found.group().endswith("가") and not _REACTION_BEFORE.search(
            text, 0, found.start()) and any(
            m.start < found.start() and m.entry.region is not Region.OTHER
            and (m.entry.kind == "person" or (m.entry.kind == "country"
                                               and m.particle in SUBJECT_PARTICLES))
            for m in inside):
        # "…프랑스 총리가 신임투표에서 패배하면서 정부가 붕괴했다": a government in 가 (new
        # to the story, not the topic Korea's own takes: "…하자 정부는 …") after a foreign
        # leader or a country as the fronted clause's subject is theirs; but one reacting
        # to them ("…관세를 올리자 정부가 대응책을 내놨다") is still Korea's.
        return None
    entry = _Entry(found.group(), "South Korea", Region.OTHER, "institution",
                   "Korean government, unnamed", 1.0)
    return _Mention(found.start(), found.end(), entry, role="head", bonus=head_bonus)


# The phrase's last word; a phrase that named a country before it would not get here.
_BARE_GOVERNMENT = re.compile(r"(?:^|(?<=\s))정부[는가도]$")


# A fronted clause that ends in a reaction's connective right before the bare government
# ("…하자 정부가", "…되자 정부가"): the government reacts, so it is Korea's.
_REACTION_BEFORE = re.compile(r"[가-힣]자,?\s+$")


# A lead whose measure takes effect with no agent named: "…를 제한하는 규정이 내년부터
# 시행된다", "…의 소프트웨어가 미국 시장에서 퇴출된다".
_KO_MEASURE_TAKES_EFFECT = lazy_pattern(
    r"(?:시행|발효|퇴출|금지|도입|적용)(?:된다|됐다|되었다|될\s예정이다)[.]?\s*$")
# The bodies Korea calls by these names are not Korea's own (기획재정부, 산업통상자원부), and a
# bare 법무부 after a lead that names America is America's department.
_US_BARE_MINISTRIES = ("재무부", "상무부", "법무부")


def measure_body_acts(text: str, first: tuple[int, int], mentions: list[_Mention],
                      second: list[_Mention]) -> list[_Mention]:
    """"중국 …에 대한 미국 자본의 투자를 제한하는 규정이 시행된다. 재무부는 …": a lead whose
    measure takes effect with no agent, naming America, leaves the story to the bare ministry
    that opens the next sentence (America's: the country the other one is acted on by);
    the candidates, or none."""
    # the verb ends the lead: only its last characters are searched
    if _KO_MEASURE_TAKES_EFFECT().search(text, max(first[0], first[1] - 24),
                                         first[1]) is None or not any(
            # America as the measure's owner or its market ("미국 자본의", "미국 시장에서"),
            # not as its target ("미국 기업을 겨냥해": another country's measure)
            m.sentence == 0 and m.entry.group == "United States" and m.entry.kind == "country"
            and m.phrase_particle in ("의", "에서", "에서는", "에서도") for m in mentions):
        return []
    return [m for m in second if m.entry.surface in _US_BARE_MINISTRIES
            and m.entry.group == "United States"]
