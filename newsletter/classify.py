"""Stage 2: file each summary under exactly one region, with a short reason. Pure: no I/O.

How a region is chosen
----------------------
1. An explicit ``summary.region`` (the source said so) wins.
2. Otherwise the text (title first, then the body) is scanned for *mentions*: entries of the
   lexicon (newsletter/lexicon/*.tsv: countries, places, people, institutions, companies,
   products, markets and currencies, in Korean and English). Each mention belongs to a *group*
   (France, Taiwan, ...) and each group to a region; groups without a section of their own
   (Korea, Taiwan, India, Russia, the Middle East, ...) file under ``Region.OTHER``.
3. Each mention scores by where and how it appears:
   - earlier sentences weigh more than later ones;
   - the *lead subject*, the subject of the first sentence's MAIN clause, gets a large bonus
     (its head, the last name in the phrase or the owner in "A의 중국 매출 비중이", most).
     Korean: the subjects are the phrases ending in 이/가/은/는/도; one followed by a clause
     end (an adnominal verb "손잡은", "발표한 뒤", "강화한 데 이어", "하자", "했다고") and then
     by another subject belongs to an embedded clause, so "미국 정부가 규제를 강화한 데 이어
     네덜란드 정부도 ..." and "엔비디아가 투자한 소니가 ..." are about the Netherlands and
     Sony, while "레이쥔 회장이 주문이 늘었다고 밝혔다" stays Lei Jun's. A verb used as a
     postposition ("X와 달리", "X와 관련해", "X에 맞서", "X을 계기로") or a bare auxiliary
     ("주도해 온 시장에서") ends the phrase before it, and "이 회사의 …은" points back to the
     firm named before. English: a fronted clause ("Two days after ..., ", "Stung by ...,
     ", "Following ..., ") is background and the subject is the phrase before the main
     verb. The subject of an embedded clause gets a small bonus; a news outlet that
     reports ("WSJ는 ...라고 보도했다") gets none. A lead that ends by naming who said it
     ("…상향했다고 어드밴테스트가 밝혔다") is that firm's or person's news; only an outlet or
     an agency reporting another region's named act ("중국 해경이 …했다고 일본 해상보안청이
     발표했다") leaves it to the reported clause. Passives give the story to the agent:
     "A가 B에 인수된다", "A가 B의 조사를 받게 됐다", "was added to Beijing's entity list";
   - mentions in a background context weigh less: "X와 Y 주도로", "X발", "X의 제재 속",
     "X에 맞서", "X 등 경쟁사", "amid US sanctions", "versus", "rivals such as";
   - Korean companies and places weigh less than others, because Korean news names them in
     almost every story (a Korean chipmaker "joining a US project" does not make the story
     Korean); a story whose lead subject is Korean still files under Other.
   - when the lead's subject is a name the tables lack, the place the lead sentence happens
     in ("...가 도쿄증시에 상장했다") gets a small bonus instead;
   - each further mention of one region counts less than the one before (x0.8), so a
     counterpart named in every later sentence ("미국 측은 ... 미국 상무부는 ...") does not
     outweigh the actor of the lead.
4. The region with the highest score wins; nothing named at all files under Other.

The clause analysis is rules over words and endings, not a morphological analyser: kiwipiepy
(measured for issue 13: about 150 MB installed, 1.2 s to load its model plus about 2 s for the
first sentence, about 500 MB peak RSS, about 2 ms per summary) would cost the job more than the
whole classifier does (about 0.2 ms per summary, 20 MB), for shapes the rules already find.
docs/classify.md has the figures and how they were measured.

Choices worth knowing
---------------------
- A firm files under its home country wherever it builds: TSMC's Arizona fab is Taiwan's
  story (Other), Toyota's Kentucky plant Japan's, Samsung's Texas fab Korea's (Other). The
  place where something happens is not the actor (the evaluators' convention for issue 13).
- Hong Kong and Macau file under China; the UK, Switzerland, Norway, the Balkans, Russia,
  Ukraine and Belarus under Europe (the convention the fresh blind set of issue 13 was written
  to; the older sets, labelled Other for Russia, accept both); Turkey, Canada and Mexico under
  Other.
- Dollars are everywhere (amounts are quoted in dollars whatever the story), so "달러" is not
  evidence; yen, yuan, euro and pound amounts are.
- Three regions or more as one subject ("미국과 일본, EU가 ... 합의했다") are an international
  story and file under Other.
- NATO and the EU's institutions file under Europe. Other international bodies (the UN, IMF,
  World Bank, OECD, WTO, IEA, BIS, G7, G20, ...) file under Other: "IMF가 세계 성장률 전망을
  올렸다. 미국과 중국의 ..." is the IMF's story, not America's.

Korean words carry particles (딥시크가, 중국의, 미국과), so Korean entries match at the start
of a word (or after 대/반/친/탈/범/재, as in 대중국) with anything after them, except where the
tables (newsletter/classify_tables.py) forbid a continuation (인도 "delivery" vs 인도 "India",
메타버스, 애플리케이션).
English entries match whole words, case-sensitively, so "US" is not "us" and "Apple" is not
"apple".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsletter.classify_acted_on import acted_on
from newsletter.classify_classes import _korean_class_under_rule
from newsletter.classify_cleft_focus import cleft_focus
from newsletter.classify_context import (
    _resolve_short_forms,
    bodies_of_the_dateline,
    dateline_home,
    home_setting,
    implied_main_subject,
)
from newsletter.classify_embedded_lead import phrase_owner
from newsletter.classify_english import (
    _class_under_rule,
    _english_clauses,
    _english_owner,
    _english_subject_span,
    _names_someone,
    _passive_agent,
    _passive_agent_of,
    _speaker_after_report,
)
from newsletter.classify_handover import second_sentence_acts
from newsletter.classify_korean import (
    _bare_government,
    _korean_boundary_between,
    _korean_passive_agent,
    _korean_sanction_agent,
    _korean_subjects,
    _named_partner,
    _reported_clause_acts,
    measure_body_acts,
)
from newsletter.classify_mentions import (
    ENTRIES,
    _attach_context,
    _Entry,
    _find_mentions,
    _Mention,
    _resolve_bracketed_initials,
)
from newsletter.classify_r30a_site import a_firms_site
from newsletter.classify_r30b_home import credit_for_investment
from newsletter.classify_r36e_bloc import bloc_under_rule, no_name_region
from newsletter.classify_second_look import second_look
from newsletter.classify_tables import (
    _DENIALS,
    _DOTS,
    _KO_DENIED,
    _SPACES,
    ADVERBIAL_PREFIXES,
    ATTRIBUTION,
    BACKGROUND_FACTOR,
    COORD_PARTICLES,
    EN_BACKGROUND_BEFORE,
    EN_COMPOUND_MODIFIER,
    EN_DESCRIPTION_THEN_NAME,
    EN_NAME_JOINERS,
    EN_NAME_LIST,
    EN_NOT_NAMES,
    EN_PASSIVE_BY,
    EN_ROLE_NOUNS,
    EN_SUBORDINATE_START,
    EN_SUBORDINATORS,
    EN_VERBS,
    GENERIC_INSTITUTIONS,
    HANGUL,
    KIND_WEIGHT,
    KO_AFTER_CLAUSE,
    KO_ANAPHOR,
    KO_BACKGROUND_AFTER,
    KO_BACKGROUND_NEXT,
    KO_BACKGROUND_SUFFIXES,
    KO_BACKGROUND_WINDOW,
    KO_CLAUSE_END,
    KO_CLAUSE_END_BARE,
    KO_EMBEDDING_END,
    KO_MEDIA_NOUNS,
    KO_NOT_EMBEDDING_ENDINGS,
    KO_NOT_EMBEDDING_WORDS,
    KO_NOT_SUBJECT_ENDINGS,
    KO_NOT_TOPIC_STEMS,
    KO_NOUNS_LIKE_ADNOMINAL,
    KO_SANCTION,
    KO_TIME_WORDS,
    KO_TOPIC_NOUNS,
    KO_UNIT_AFTER_PLACE,
    KO_VERB_STEM_ENDS,
    KO_VERB_TOPIC_ENDINGS,
    KOREA_GROUP,
    KOREA_WEIGHT,
    LATER_SENTENCE_FACTOR,
    LATER_SUBJECT_BONUS,
    LEAD_HEAD_BONUS,
    LEAD_MODIFIER_BONUS,
    LEXICON,
    MAX_BONUS_PER_REGION,
    MAX_LEAD_WORDS,
    NOT_FOLLOWED_BY,
    OBJECT_FACTOR,
    OBJECT_PARTICLES,
    PAIR_LETTERS,
    PAIR_WORDS,
    PARTICLES,
    PATTERNS,
    REPEAT_DECAY,
    ROLE_AFTER_NAME,
    SENTENCE_FACTOR,
    SETTING_BONUS,
    SOURCE_FACTOR,
    SOURCES,
    SUBJECT_PARTICLES,
    SUBORDINATE_HEAD_BONUS,
    SUBORDINATE_MODIFIER_BONUS,
    TARGET_NEXT,
    TARGET_WORDS,
    TIME_ASIDE,
    TITLE_FACTOR,
    TITLE_HEAD_BONUS,
    TITLE_MODIFIER_BONUS,
    WEAK_TERMS,
    WHOLE_WORD,
)
from newsletter.models import Classified, Region, Summary
from newsletter.text import sentence_spans, split_dateline

# What moved out is re-exported: `newsletter.classify` stays the one place to import from.
__all__ = [
    "ADVERBIAL_PREFIXES",
    "ATTRIBUTION",
    "BACKGROUND_FACTOR",
    "COORD_PARTICLES",
    "ENTRIES",
    "EN_BACKGROUND_BEFORE",
    "EN_COMPOUND_MODIFIER",
    "EN_DESCRIPTION_THEN_NAME",
    "EN_NAME_JOINERS",
    "EN_NAME_LIST",
    "EN_NOT_NAMES",
    "EN_PASSIVE_BY",
    "EN_ROLE_NOUNS",
    "EN_SUBORDINATE_START",
    "EN_SUBORDINATORS",
    "EN_VERBS",
    "GENERIC_INSTITUTIONS",
    "HANGUL",
    "KIND_WEIGHT",
    "KOREA_GROUP",
    "KOREA_WEIGHT",
    "KO_AFTER_CLAUSE",
    "KO_ANAPHOR",
    "KO_BACKGROUND_AFTER",
    "KO_BACKGROUND_NEXT",
    "KO_BACKGROUND_SUFFIXES",
    "KO_BACKGROUND_WINDOW",
    "KO_CLAUSE_END",
    "KO_CLAUSE_END_BARE",
    "KO_EMBEDDING_END",
    "KO_MEDIA_NOUNS",
    "KO_NOT_EMBEDDING_ENDINGS",
    "KO_NOT_EMBEDDING_WORDS",
    "KO_NOT_SUBJECT_ENDINGS",
    "KO_NOT_TOPIC_STEMS",
    "KO_NOUNS_LIKE_ADNOMINAL",
    "KO_SANCTION",
    "KO_TIME_WORDS",
    "KO_TOPIC_NOUNS",
    "KO_VERB_STEM_ENDS",
    "KO_VERB_TOPIC_ENDINGS",
    "LATER_SENTENCE_FACTOR",
    "LATER_SUBJECT_BONUS",
    "LEAD_HEAD_BONUS",
    "LEAD_MODIFIER_BONUS",
    "LEXICON",
    "MAX_BONUS_PER_REGION",
    "MAX_LEAD_WORDS",
    "NOT_FOLLOWED_BY",
    "OBJECT_FACTOR",
    "OBJECT_PARTICLES",
    "PAIR_LETTERS",
    "PAIR_WORDS",
    "PARTICLES",
    "PATTERNS",
    "REPEAT_DECAY",
    "ROLE_AFTER_NAME",
    "SENTENCE_FACTOR",
    "SETTING_BONUS",
    "SOURCES",
    "SOURCE_FACTOR",
    "SUBJECT_PARTICLES",
    "SUBORDINATE_HEAD_BONUS",
    "SUBORDINATE_MODIFIER_BONUS",
    "TARGET_NEXT",
    "TARGET_WORDS",
    "TIME_ASIDE",
    "TITLE_FACTOR",
    "TITLE_HEAD_BONUS",
    "TITLE_MODIFIER_BONUS",
    "WEAK_TERMS",
    "WHOLE_WORD",
    "classify",
    "classify_all",
    "iter_mentions",
]


def _mark_lead(text: str, start: int, end: int, mentions: list[_Mention], *,
               title: bool, spans_out: list[tuple[tuple[int, int], bool]]) -> list[_Mention]:
    """Give the subject of a lead sentence (or headline) its bonus. Returns a mention standing
    for several countries acting together, when the subject is such a group."""
    inside = [m for m in mentions if start <= m.start < end]
    if not inside and "정부" not in text[start:end]:
        # A lead naming no one says nothing of the actor, unless it is a bare "정부는"
        # ("정부는 추경안을 확정했다. 미국발 관세 …" is Korea's, whatever a later line names).
        return []
    korean = len(HANGUL.findall(text[start:end])) * 2 >= len(text[start:end].replace(" ", ""))
    if not inside:
        spans = _subject_spans(text, start, end, inside, korean=korean, title=title) if korean \
            else []
        korea = _bare_government(text, spans, inside, TITLE_HEAD_BONUS if title
                                 else LEAD_HEAD_BONUS)
        return [] if korea is None else [korea]
    attribution = ATTRIBUTION.search(text, start, end) is not None
    for m in inside:
        if _is_source(m, attribution) and m.entry.kind != "media":
            m.factor *= SOURCE_FACTOR
    spans = _subject_spans(text, start, end, inside, korean=korean, title=title)
    spans_out.extend(spans)  # the hand-over to the next sentence reads them (round twelve)
    head_bonus, mod_bonus = ((TITLE_HEAD_BONUS, TITLE_MODIFIER_BONUS) if title
                             else (LEAD_HEAD_BONUS, LEAD_MODIFIER_BONUS))
    if korean and (korea := _bare_government(text, spans, inside, head_bonus)) is not None:
        return [korea]
    if (_korean_class_under_rule if korean else _class_under_rule)(text, start, end, inside,
                                                                  head_bonus):
        return []  # "Chipmakers such as TSMC that build in the United States will be …"
    if implied_main_subject(text, spans, inside, head_bonus) or (
            korean and home_setting(text, spans, inside, head_bonus)):
        return []  # "As U.S. yields climbed …, the Ministry of Finance intervened": the yen's
    subjects = _named_subjects(text, spans, inside, attribution, korean=korean)
    main_end = next((span[1] for span, is_main in spans if is_main), None)
    if not subjects:  # the agent below acts though the tables lack the subject (round 29a):
        # "Skydio, a U.S. drone maker, was added to China's export-control list", "중국 …에
        # 등록된 업체 여러 곳이 미국 재무부로부터 제재를 받았다"
        _mark_unnamed_subject(text, inside, attribution, title=title)
    group = _several_countries(text, subjects, head_bonus)
    if group is not None and (korean or main_end is None
                              or _passive_agent_of(text, main_end, end, inside) is None):
        # "Macquarie's U.S. and European business will be bought … by Nomura": not when a
        # passive names who acts on the group.
        return [group]
    for named, main in subjects:
        _mark_subject(text, named, main, spans, korean=korean, title=title)
    if not korean and main_end is not None:
        _passive_agent(text, main_end, end, inside, head_bonus, mod_bonus)
    elif korean:
        _korean_sanction_agent(text, end, inside, head_bonus, mod_bonus)
        _korean_passive_agent(text, end, inside, head_bonus, mod_bonus)
        credit_for_investment(text, start, end, inside, head_bonus, mod_bonus)  # round 30b
    return []


def _subject_spans(text: str, start: int, end: int, inside: list[_Mention], *, korean: bool,
                   title: bool) -> list[tuple[tuple[int, int], bool]]:
    """The subject phrases of a lead sentence, each with whether it is the main clause's."""
    spans: list[tuple[tuple[int, int], bool]] = []
    # A quote that opens the sentence is what someone said; the speaker after it acts
    # ("'중국은 뒤처져 있지 않다'라고 젠슨 황 CEO가 말했다", "“…,” spokesperson Lin Jian said").
    after_quote = _after_leading_quote(text, start, end)
    subject_start = after_quote if after_quote is not None else start
    cleft = cleft_focus(text, subject_start, end, korean, inside)  # classify_cleft_focus
    if cleft is not None:
        # "…을 확보한 곳은 소프트뱅크가 아닌 미국 정부였다", "It was not Tesla but Xiaomi
        # that …": the focus of the cleft is the actor.
        return [(cleft, True)]
    if korean:
        spans = _korean_subjects(text, subject_start, end, inside)
    elif (speaker := _speaker_after_report(text, subject_start, end, inside)) is not None:
        spans = [(speaker, True)]  # "The dollar is losing ground, PBOC Governor Pan said"
    else:
        clauses = _english_clauses(text, subject_start, end)
        for index, (c_start, c_end) in enumerate(clauses):
            span = _english_subject_span(text, c_start, c_end)
            if span is not None:
                spans.append((span, index == len(clauses) - 1))
    if not spans and title:
        comma = text.find(",", start, end)
        if 0 < comma - start <= 24:
            spans.append(((start, comma), True))
    if korean and after_quote is None:
        spans = _reported_clause_acts(text, spans, end, inside)
    return spans


def _named_subjects(text: str, spans: list[tuple[tuple[int, int], bool]],
                    inside: list[_Mention], attribution: bool, *,
                    korean: bool) -> list[tuple[list[_Mention], bool]]:
    """The names in each subject phrase, and which phrase speaks for the story."""
    subjects: list[tuple[list[_Mention], bool]] = []
    for span, is_main in spans:
        if korean and text.startswith(_DENIALS, span[1] + 1):
            continue  # "중국 업체가 아니라 미국 …업체가": the denied one does not act
        in_np = [m for m in inside if span[0] <= m.start < span[1]]
        _inherit_coordination(in_np)
        named = [m for m in in_np if m.role != "object" and not _is_source(m, attribution)]
        if named and not (korean and is_main and a_firms_site(  # round 30a: "X가 짓는 유럽 첫
                text, span, named, [n for n, _ in subjects])):  # 공장이": the firm, not 유럽
            subjects.append((named, is_main))
    referent = _anaphor_referent(text, spans, inside) if korean else None
    if referent is not None:
        # "이 회사의 유럽 매출은": the firm pointed back to owns what the subject names.
        subjects = [(named, False) for named, _ in subjects if referent not in named]
        subjects.append(([referent], True))
    partner = _named_partner(text, spans, inside) if korean else None
    if partner is not None and not any(is_main for _, is_main in subjects):
        # "…로스네프트와 루코일을 제재 명단에 올린 뒤 루코일이 …": a main subject the tables
        # lack, named before beside a known firm, is that firm's kind: it acts, not the clause
        # before it.
        subjects.append(([partner], True))
    if subjects and not any(is_main for _, is_main in subjects):
        # The main subject names nobody ("애플이 개발한 모뎀 칩이 ..."): the nearest named
        # subject before it speaks for the story; but a subject right after another one, with
        # no clause end between them, sits in that one's quoted complement ("ASML이 중국 매출
        # 비중이 줄 것이라고 밝히면서 주가가 ..."), so the outer one speaks.
        pick = len(subjects) - 1
        if not korean and _names_someone(text, spans):
            # "Hours after the White House ..., Sun Pharma said": an English main subject
            # that is a name the tables lack is still the actor; a fronted clause is only
            # background. Only "its shares", "the company" and the like speak for it.
            pick = -1
        while (korean and pick > 0
               and not _korean_boundary_between(text, subjects[pick - 1][0][-1].end,
                                                subjects[pick][0][0].start)):
            pick -= 1
        if pick >= 0:
            subjects[pick] = (subjects[pick][0], True)
    return subjects


def _mark_unnamed_subject(text: str, inside: list[_Mention], attribution: bool, *,
                          title: bool) -> None:
    """No subject phrase names anyone: the first name outside objects and adverbials stands in
    for it, or else where the lead sentence happens says a little."""
    joined = _joined_to_object(inside)  # "캐나다와 유럽 시장에서는": 캐나다 is in 에서는 too
    first = next((m for m in inside if not m.background and id(m) not in joined
                  and not _KO_DENIED().match(text, m.end)  # "X 업체가 아니라 Y가"
                  and m.phrase_particle not in OBJECT_PARTICLES
                  and not m.phrase_particle.startswith(ADVERBIAL_PREFIXES)
                  and not _is_source(m, attribution)), None)
    if first is not None:
        first.role = "modifier"
        first.bonus = TITLE_MODIFIER_BONUS if title else LEAD_MODIFIER_BONUS
    elif (place := next((m for m in inside if not m.background and m.role != "object"
                         and m.phrase_particle not in OBJECT_PARTICLES
                         and not _is_source(m, attribution)), None)) is not None:
        # The subject is a name the tables lack ("키오시아가 도쿄증시에 상장했다"): where the
        # lead sentence happens says a little.
        place.role = "setting"
        place.bonus = SETTING_BONUS


def _mark_subject(text: str, named: list[_Mention], main: bool,
                  spans: list[tuple[tuple[int, int], bool]], *, korean: bool,
                  title: bool) -> None:
    """Give one subject phrase's names their roles: the head of the main subject the large
    bonus, its modifiers less, an embedded clause's subject a small one."""
    head_bonus, mod_bonus = ((TITLE_HEAD_BONUS, TITLE_MODIFIER_BONUS) if title
                             else (LEAD_HEAD_BONUS, LEAD_MODIFIER_BONUS))
    head_at = _head_of(named, spans, text)
    owner_kind = next((m.entry.kind for m in named if m.start == head_at), "")
    for m in named:
        if not korean and EN_COMPOUND_MODIFIER.match("-" + text[m.end + 1:m.end + 16]
                                                     .split(" ", 1)[0]) and text.startswith(
                "-", m.end):
            m.background = True  # "U.S.-listed shares of Alibaba": only a description
            m.factor *= BACKGROUND_FACTOR
        if m.start != head_at and ROLE_AFTER_NAME.match(text, m.end):
            m.background = True  # "Apple supplier Foxconn": Apple describes Foxconn
            m.factor *= BACKGROUND_FACTOR
        if m.entry.kind == "target":
            continue  # "대미 수출은": the exports of whoever sells to the US, not the US's
        # Both sides of a pair ("미·중이") share the head's role.
        head = m.start == head_at
        if main:
            m.role = "head" if head else "modifier"
            m.bonus = head_bonus if head else mod_bonus
            if (not head and m.start > head_at and m.entry.kind in ("country", "place")
                    and owner_kind not in ("country", "place")):
                # "Samsung's Texas fab", "비야디의 헝가리 공장이": where the owner's
                # plant is, not who acts.
                m.bonus = SUBORDINATE_MODIFIER_BONUS
            elif (korean and not head and m.start < head_at and head_at == named[-1].start
                  and _GENITIVE_BEFORE.search(text, m.end, head_at)):
                # "대만 폭스콘 산하의 샤프는", "영국 ARM의 모회사인 X는": an owner in 의
                # before the named head describes it; the head acts.
                m.bonus = SUBORDINATE_MODIFIER_BONUS
            if head and m.entry.group == KOREA_GROUP and not title:
                # Korean names weigh light because they are everywhere; not when a Korean
                # firm or ministry is what the story is about.
                m.factor /= KOREA_WEIGHT
        else:
            m.role = "sub-head" if head else "sub-modifier"
            m.bonus = SUBORDINATE_HEAD_BONUS if head else SUBORDINATE_MODIFIER_BONUS
        if m.background:
            m.bonus /= 2


def _quote_whole(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the first sentences while a quote that opens the text is still open: "'중국은
    뒤처져 있지 않다. 몇 나노초 차이일 뿐이다'라고 젠슨 황 CEO가 말했다" is one sentence."""
    close = _CLOSING_QUOTES.get(text[:1])
    if close is None or len(sentences) < 2:
        return sentences
    at = text.find(close, 1)
    if at < sentences[0][1]:
        return sentences
    joined = 0
    while joined + 1 < len(sentences) and sentences[joined][1] <= at:
        joined += 1
    return [(sentences[0][0], sentences[joined][1]), *sentences[joined + 1:]]


def _after_leading_quote(text: str, start: int, end: int) -> int | None:
    """Where the speech tag after a quote that opens the sentence begins, or None."""
    close = _CLOSING_QUOTES.get(text[start:start + 1])
    if close is None:
        return None
    at = text.find(close, start + 1, end)
    if at < 0:
        return None
    tag = _QUOTE_TAG.match(text, at + 1, end)
    if tag is None or tag.end() >= end - 2:
        return None
    if not tag.group(1) and text[at - 1:at] not in ",?!":
        # "'딥시크'가 …": a quoted name, not speech; speech ends in a quotative (라고, 며)
        # or, in English, with a comma inside the quote.
        return None
    return tag.end()


def _anaphor_referent(text: str, spans: list[tuple[tuple[int, int], bool]],
                      inside: list[_Mention]) -> _Mention | None:
    """"미국 상무부가 창신메모리를 명단에 올리겠다고 경고했지만, 이 회사의 점유율은 ...":
    a main subject that points back ("이 회사", "해당 업체") is the last firm named before it."""
    main = next((span for span, is_main in spans if is_main), None)
    if main is None or not KO_ANAPHOR.search(text, max(0, main[0] - 4),
                                             min(main[1], main[0] + 8)):
        return None
    before = [m for m in inside if m.end <= main[0] and m.entry.kind == "company"]
    return before[-1] if before else None


def _several_countries(text: str, subjects: list[tuple[list[_Mention], bool]],
                       head_bonus: float) -> _Mention | None:
    """"미국과 일본, 유럽연합(EU)이 ... 합의했다", "US, Japanese and EU officials ...": three
    regions or more acting together are an international story (Other), like a body of many
    nations; each of them counts as a plain mention."""
    named = next((named for named, main in subjects if main), [])
    if len({m.entry.region for m in named}) < 3:
        return None
    end = named[-1].end + (text[named[-1].end:named[-1].end + 1] == ")")
    entry = _Entry(text[named[0].start:end], "several countries", Region.OTHER,
                   "institution", "several countries together", 1.0)
    group = _Mention(named[0].start, end, entry, role="head", bonus=head_bonus)
    for m in named:
        m.role, m.bonus = "", 0.0
    return group


# A genitive word between an owner and the named head: "대만 폭스콘(훙하이) 산하의 샤프는".
_GENITIVE_BEFORE = re.compile(r"의\s")


def _head_of(named: list[_Mention], spans: list[tuple[tuple[int, int], bool]],
             text: str) -> int:
    """Where the named head of a subject phrase starts: its last name, unless the phrase ends
    in a common noun with an owner before it ("도쿄일렉트론의 중국 매출 비중이" is Tokyo
    Electron's share, "중국 비야디의 헝가리 공장이" BYD's plant)."""
    last = named[-1]
    if last.entry.kind in ("country", "place"):
        # "BYD's Hungarian plant": a country named after an owner in 's is where, not who.
        owner = next((m for m in named[:-1] if _english_owner(text, m)
                      and m.entry.kind not in ("country", "place")), None)
        if owner is not None:
            return owner.start
        # "삼성전자 미국법인은", "도요타 북미 판매법인이": a firm's unit in a country is the
        # firm's; the country only says where the unit sits.
        if KO_UNIT_AFTER_PLACE.match(text, last.end):
            owner = next((m for m in reversed(named[:-1])
                          if m.entry.kind not in ("country", "place")), None)
            if owner is not None:
                return owner.start
    span_end = next((end for (start, end), _ in spans if start <= last.start < end), last.end)
    if last.end + len(last.suffix) + 1 >= span_end:
        return last.start  # the phrase ends in the name itself
    return phrase_owner(text, named, span_end).start  # "X 산하의 Y 주가가" is Y's


def _is_source(m: _Mention, attribution: bool) -> bool:
    return m.entry.kind == "media" or (attribution and m.entry.surface in SOURCES)


def _inherit_coordination(in_np: list[_Mention]) -> None:
    """Mark objects and adverbials inside a subject phrase; "A와 B를" makes A an object too."""
    role = ""
    for m in reversed(in_np):
        if m.phrase_particle in OBJECT_PARTICLES or (
                m.phrase_particle and m.phrase_particle.startswith(ADVERBIAL_PREFIXES)):
            role = "object"
        elif m.particle in COORD_PARTICLES or m.after.startswith(("·", ",")):
            pass  # keeps the role of the name it is joined to
        else:
            role = ""
        m.role = role
        if role == "object":
            m.factor *= OBJECT_FACTOR


def _joined_to_object(inside: list[_Mention]) -> set[int]:
    """The names joined by 와/과 to a later one in an object or an adverbial phrase."""
    joined: set[int] = set()
    carried = False
    for m in reversed(inside):
        if m.phrase_particle in OBJECT_PARTICLES or m.phrase_particle.startswith(
                ADVERBIAL_PREFIXES):
            carried = True
        elif m.particle in COORD_PARTICLES and m.particle not in (",", "·") and carried:
            joined.add(id(m))
        else:
            carried = False
    return joined


@dataclass(slots=True)
class _Analysis:
    scores: dict[Region, float] = field(default_factory=dict)
    mentions: list[_Mention] = field(default_factory=list)


def _analyse(title: str, body: str, home: _Entry | None = None) -> _Analysis:
    analysis = _Analysis()
    for text, is_title in ((title, True), (body, False)):
        if not text:
            continue
        mentions = _without_time_asides(text, _find_mentions(text))
        _resolve_short_forms(text, mentions)
        if not mentions:
            continue
        _attach_context(text, mentions)
        if home is not None and not is_title:
            bodies_of_the_dateline(home, mentions)  # "(베이징=연합뉴스) 상무부는"
        _resolve_bracketed_initials(text, mentions)
        sentences = [(0, len(text))] if is_title else _quote_whole(text, sentence_spans(text))
        lead_spans: list[tuple[tuple[int, int], bool]] = []
        for index, (start, end) in enumerate(sentences):
            in_sentence = [m for m in mentions if start <= m.start < end]
            for m in in_sentence:
                m.sentence = -1 if is_title else index
                if is_title:
                    m.factor *= TITLE_FACTOR
                else:
                    m.factor *= (SENTENCE_FACTOR[index] if index < len(SENTENCE_FACTOR)
                                 else LATER_SENTENCE_FACTOR)
                if m.background:
                    m.factor *= BACKGROUND_FACTOR
            if index == 0:
                for group in _mark_lead(text, start, end, in_sentence, title=is_title,
                                        spans_out=lead_spans):
                    group.sentence = -1 if is_title else index
                    mentions.append(group)
                acted_on(text, start, end, mentions, title=is_title)  # round nineteen
                bloc_under_rule(text, start, end, mentions, -1 if is_title else 0,
                                TITLE_HEAD_BONUS if is_title else LEAD_HEAD_BONUS)  # round 36
            else:
                for m in in_sentence:
                    if m.particle in SUBJECT_PARTICLES and not m.background and m.role != "head":
                        m.role = "later-subject"
                        m.bonus = LATER_SUBJECT_BONUS * m.factor
                if index == 1 and not is_title:
                    second_sentence_acts(text, sentences[0], (start, end), mentions, in_sentence,
                                         measure_body_acts(text, sentences[0], mentions,
                                                           in_sentence), lead_spans)
        analysis.mentions.extend(mentions)
    bonuses: dict[Region, float] = {}
    plain: dict[Region, list[float]] = {}
    for m in analysis.mentions:
        region = m.entry.region
        plain.setdefault(region, []).append(m.score)
        bonuses[region] = bonuses.get(region, 0.0) + m.bonus
    for region, scores in plain.items():
        # Each further mention of one region counts less: a counterpart named in every later
        # sentence ("미국 측은 ... 미국 상무부는 ... 미국 의회는") must not outweigh the actor.
        scores.sort(reverse=True)
        analysis.scores[region] = sum(score * REPEAT_DECAY ** n for n, score in enumerate(scores))
    for region, bonus in bonuses.items():
        analysis.scores[region] += min(bonus, MAX_BONUS_PER_REGION)
    return analysis


_CLOSING_QUOTES = {"'": "'", '"': '"', "‘": "’", "“": "”", "「": "」", "『": "』"}
# After a closing quote: a Korean quotative (라고, 고, 라며, 며, 라면서) or an English speech tag.
_QUOTE_TAG = re.compile(r"((?:(?:이?라|하)?고|(?:이?라)?며|(?:이?라)?면서|는)?)\s*,?\s*")


def _without_time_asides(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Drop names inside a time aside: "9일(미국 뉴욕 현지시간)" says when, not who."""
    asides = [m.span() for m in TIME_ASIDE.finditer(text)]
    if not asides:
        return mentions
    return [m for m in mentions if not any(a <= m.start < b for a, b in asides)]


def _normalise(text: str | None) -> str:
    if not text:
        return ""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text.translate(_DOTS))).strip()
    # Datelines and bylines say where the reporter sits, not what the story is about.
    return split_dateline(text)[1]


def classify(summary: Summary) -> Classified:
    """The region `summary` belongs in, and why."""
    if summary.region is not None:
        return Classified(summary, summary.region, "region given by the source")
    title, body = _normalise(summary.title), _normalise(summary.text)
    if not title and not body:
        return Classified(summary, Region.OTHER, "empty summary: filed under Other")
    analysis = _analyse(title, body, dateline_home(summary.text))
    if not analysis.mentions:
        return Classified(summary, *no_name_region(f"{title} {body}"))
    # a second look: a stage's re-reading, or the learned correction (issue 13)
    return Classified(summary, *second_look(*_decide(analysis, body), title, body,
                                            analysis.mentions, analysis.scores))


def _decide(analysis: _Analysis, body: str) -> tuple[Region, str]:
    lead_regions = {m.entry.region for m in analysis.mentions if m.role == "head"}
    first_seen: dict[Region, int] = {}
    for order, m in enumerate(analysis.mentions):
        first_seen.setdefault(m.entry.region, order)
    ranked = sorted(analysis.scores, key=lambda r: (-round(analysis.scores[r], 6),
                                                    r not in lead_regions, first_seen[r]))
    winner = ranked[0]
    best = sorted((m for m in analysis.mentions if m.entry.region is winner),
                  key=lambda m: -(m.score + m.bonus))
    top = best[0]
    if top.role in ("head", "modifier"):
        where = "headline subject" if top.sentence == -1 else "lead subject"
        reason = f"{where} {top.label()}"
    else:
        names = list(dict.fromkeys(m.label() for m in best))[:2]
        reason = "mentions " + ", ".join(names)
    if len(ranked) > 1 and analysis.scores[ranked[1]] > 0:
        rival = max((m for m in analysis.mentions if m.entry.region is ranked[1]),
                    key=lambda m: m.score + m.bonus)
        reason += f"; outweighs {rival.entry.surface} ({ranked[1].value})"
    return winner, reason


def classify_all(summaries: Iterable[Summary]) -> list[Classified]:
    """Classify every summary, in order; nothing is dropped."""
    return [classify(summary) for summary in summaries]


def iter_mentions(text: str) -> Iterator[tuple[str, Region, str]]:
    """The names the lexicon recognises in `text`, in order: (surface, region, description).
    For looking at what the classifier sees; `classify` is the API."""
    for m in _find_mentions(_normalise(text)):
        yield m.entry.surface, m.entry.region, m.entry.description
