"""Whose a lead's subject phrase is when its names sit in a modifier (issue 13, stop 28 b).

The first sentence's main subject often names no one itself ("주가가", "출시가"): the story is
then the owner's, the name right before the noun. `_head_of` in classify took the first name in
a genitive as that owner, which is right for "도쿄일렉트론의 중국 매출 비중이" (Tokyo
Electron's share, 중국 only a market) but wrong when the genitive belongs to a parent named
before its unit: "영국 A그룹 산하의 B전자 주가가", "A의 자회사 B 매출이" are B's numbers, the
parent only describes B, as in "대만 폭스콘 산하의 샤프는" (read already when the phrase ends in
the unit's own name).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_korean import _adnominal, _korean_boundary_between
from newsletter.classify_mentions import _clean_word, _Mention
from newsletter.classify_tables import _TOKEN, lazy_pattern

# Between a parent and its unit: "산하의", "산하", "의 자회사(인)", "계열사인", "자회사 격인".
_UNIT_OF = lazy_pattern(
    r"\s(?:\S+\s)?(?:산하(?:의)?|(?:의\s)?(?:자회사|계열사|손자회사|자회사\s격)(?:인)?)\s$")


# A name's phrase closed by a genitive before the next name: "BYD 전기차의 일본 판매가" is BYD's
# (a product of the firm, then its market), as "도쿄일렉트론의 중국 매출이" is Tokyo Electron's.
_GENITIVE_WORD_BEFORE = lazy_pattern(r"\s\S*의\s$")


# A head noun that is the parent's own act on its unit: selling it or a stake in it, winding it
# up ("X의 자회사 Y 매각이", "X 산하의 Y 지분 매각이": only the parent sells, not Y).
_PARENT_ACT = lazy_pattern(r"매각|지분|구조조정|청산|분사")


def phrase_owner(text: str, named: Sequence[_Mention], end: int | None = None) -> _Mention:
    """The name that owns a subject phrase ending in a common noun (at `end`): the first in a
    genitive ("X의 중국 매출이" is X's), unless a unit of that owner is named after it ("X 산하의
    Y 주가가" is Y's) and the noun is no sale of that unit; with no genitive, the last name."""
    owner = next((m for n, m in enumerate(named) if m.phrase_particle.endswith("의")
                  or m.particle.endswith("의") or text.startswith("'s", m.end)
                  or (n + 1 < len(named) and _GENITIVE_WORD_BEFORE().fullmatch(
                      text, m.end, named[n + 1].start) is not None)), None)
    if owner is None:
        return named[-1]
    unit = named[-1]
    if unit is not owner and unit.entry.kind in ("company", "institution") and _UNIT_OF().search(
            text, named[-2].start, unit.start) is not None and _PARENT_ACT().search(
            text, unit.end, unit.end if end is None else end) is None:
        return unit
    return owner


# The lead ending in a decision against the thing, with no one named making it: "…손잡이가
# 퇴출된다", "…의 출시가 미뤄졌다". Not a success of the thing ("…센서가 아이폰에 탑재됐다",
# "출시됐다"): that stays the maker's news.
_UNDERGONE_LEAD_END = lazy_pattern(
    r"(?:퇴출|금지|중단|연기|취소|폐지|제한|철회|회수|보류)(?:된다|됐다|되었다|될\s전망이다)[.]?\s*$"
    r"|(?:미뤄|늦춰)(?:졌다|진다)[.]?\s*$|밀렸다[.]?\s*$")
# The next sentence's subject doing the act: a rule ("새 규정을", "안전 기준을 내놨다"), or the
# act again ("발매일을 …으로 연기한다고 밝혔다"); a rival or an analyst does neither.
_AGENTS_ACT = lazy_pattern(
    r"퇴출|금지|중단|연기|취소|폐지|제한|철회|회수|보류|미루|미뤄|늦추|늦춰|규정|규제|기준|지침|조치|법안")
# An agent named in the lead after all: "…에 의해", "…로부터".
_AGENT_IN_LEAD = lazy_pattern(r"에\s의해|로부터|에게서")


def relative_on_undergone(text: str, first: tuple[int, int], lead: Sequence[_Mention],
                          spans: Sequence[tuple[tuple[int, int], bool]],
                          second: tuple[int, int]) -> bool:
    """"A사가 유행시킨 접이식 화면이 내년부터 금지된다. 산업부는 …": the main subject is a thing
    (it names no one) that a relative clause says someone else made or runs, and the lead ends
    in a passive with no agent. The relative clause's subject only describes the thing; who
    does it to the thing, the agent the passive leaves out, is the next sentence's subject (the
    caller hands the story on only when that subject is named). "애플이 개발한 모뎀 칩이 아이폰에
    들어간다" (no passive) stays the maker's; so does one whose next sentence neither makes a
    rule nor restates the act ("…출시가 미뤄졌다. 경쟁사 B는 반사이익을 기대한다": a rival or an
    analyst, who did not do it)."""
    main = next((span for span, is_main in spans if is_main), None)
    if main is None or any(main[0] <= m.start < main[1] for m in lead) or (
            _AGENTS_ACT().search(text, *second) is None):
        return False
    if _UNDERGONE_LEAD_END().search(text, max(first[0], first[1] - 16), first[1]) is None or (
            _AGENT_IN_LEAD().search(text, first[0], first[1]) is not None):
        return False
    before = [span for span, _ in spans if span[1] <= main[0]]
    if not before or not any(before[-1][0] <= m.start < before[-1][1] for m in lead):
        return False
    # the relative clause: its object or adverbs, one adnominal verb, then the main subject's
    # own phrase (bare nouns, a genitive): "A가 유행시킨 매립형 차량 문 손잡이가", "A가 개발을
    # 이끄는 'B'의 출시가"; no clause end before the verb, no object after it
    tokens = list(_TOKEN.finditer(text, before[-1][1], main[0]))
    words = [_clean_word(t.group()) for t in tokens]
    verb = next((n for n, w in enumerate(words) if _adnominal(w)), None)
    return verb is not None and not _korean_boundary_between(
        text, before[-1][1], tokens[verb].start()) and all(
        not w.endswith(_CLOSES_PHRASE) for w in words[verb + 1:])


# The particles of a word that closes its own phrase (an object, an adverbial, a conjunct):
# not a word inside the main subject's phrase.
_CLOSES_PHRASE = ("을", "를", "에", "에서", "으로", "로", "와", "과", ",")


def maker_of_the_subject(text: str, main: tuple[int, int], lead: Sequence[_Mention],
                         spans: Sequence[tuple[tuple[int, int], bool]]) -> bool:
    """"소니가 만든 게임기의 출시가 미뤄졌다": a subject in 이/가 that no span keeps
    (classify_korean dropped it as a relative clause's own subject, its noun in 의) whose clause
    runs straight into the main subject's phrase (its verb the last word before it, with no place
    or adverbial of its own): it names the thing's maker, whose story it stays unless
    relative_on_undergone hands it on. Since 출시가 became a subject (stop 28 b) such leads read
    as naming no one. Not "A가 …를 인수하는 과정에서 …이", "A가 브라질에 짓는 공장 현장에서
    …가": the clause ends in a place of its own, the main subject is someone else's."""
    for m in lead:
        if m.start >= main[0] or not m.particle.endswith(("이", "가")) or any(
                s <= m.start < e for (s, e), _ in spans):
            continue
        words = [_clean_word(t.group()) for t in _TOKEN.finditer(text, m.end, main[0])]
        if len(words) > 1 and _adnominal(words[-1]) and not any(
                w.endswith(_PLACE_OR_ADVERBIAL) for w in words[1:-1]):
            return True
    return False


_PLACE_OR_ADVERBIAL = ("에", "에서", "으로", "로", "와", "과", ",")
