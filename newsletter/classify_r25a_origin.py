"""A lead that names only where goods come from, and a subject reported by the press (round
twenty-five, part a).

"일본산 자동차에 부과되던 27.5%의 관세가 15%로 내려간다. 도널드 트럼프 대통령이 … 행정명령에
서명했다고 일본 언론들이 … 보도했다": a country named only as the origin of goods ("일본산",
"중국산") is what the lead's act falls on, not who acts; such a lead names no actor, and is
handed to the next sentence's subject as a lead naming no one is (round twelve). When that
sentence is the press reporting ("…했다고 일본 언론들이 보도했다"), its subject is the reported
clause's, not the press's.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern


def origins_only(text: str, first: tuple[int, int], mentions: list[_Mention]) -> bool:
    """Whether every name in the lead text[first[0]:first[1]] is a country of origin ("…산")."""
    lead = [m for m in mentions if first[0] <= m.start < first[1]]
    return bool(lead) and all(m.entry.kind == "country" and text.startswith("산", m.end)
                              for m in lead)


# the press reporting a clause: "…했다고 일본 언론들이 5일 일제히 보도했다", "…라고 외신이 전했다"
_PRESS_REPORTS = lazy_pattern(
    r"[다라]고\s(?:\S+\s)?\S*(?:언론|매체|외신|통신|신문|방송)(?:들)?[이가은는]\s(?:\S+\s){0,3}?"
    r"(?:보도|전)했다[.]?\s*$")
# the name's own subject word: "트럼프가 ", "도널드 트럼프 대통령이 ", "일본 정부는 "
_SUBJECT_WORD = lazy_pattern(r"(?:\s\S{1,8}?)?[이가은는]\s")


def reported_subject(text: str, second: tuple[int, int],
                     in_second: list[_Mention]) -> _Mention | None:
    """The subject of the clause the press reports in text[second[0]:second[1]], if any."""
    if _PRESS_REPORTS().search(text, second[0], second[1]) is None:
        return None
    return next((m for m in in_second if m.start - second[0] <= 12
                 and m.entry.kind in ("person", "institution", "country")
                 and _SUBJECT_WORD().match(text, m.end)), None)


# a bill or a law, nameless, passing a legislature: "…감세 법안이 상원과 하원을 잇따라 통과해"
_BILL_PASSED = lazy_pattern(r"(?:법안|법|개정안|예산안)[이가은는]\s$")
_PASSES = lazy_pattern(r"[과와을를]?\s(?:\S+\s)?(?:\S+[을를]\s)?(?:잇따라\s|모두\s)?통과")


def passed_by(text: str, second: tuple[int, int], in_second: list[_Mention]) -> _Mention | None:
    """The legislature a nameless bill passes in the next sentence (round twenty-five, part a):
    "…혜택을 보는 … 세액공제율이 오른다. 관련 조항이 담긴 … 법안이 상원과 하원을 잇따라
    통과해 …": the bill's makers are the story's actor."""
    for m in in_second:
        if m.entry.kind == "institution" and _BILL_PASSED().search(
                text, max(second[0], m.start - 8), m.start) and _PASSES().match(text, m.end):
            return m
    return None
