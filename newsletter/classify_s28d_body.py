"""Bare bodies whose country the rest of the lead tells (issue 13, stop 28 d).

Two shapes the stages of `classify_s28c_body` and `classify_body_owner` miss, each a stage of
`classify_second_look`:

- A fronted clause naming a country, then a bare body taking a stake in a firm ("A국이 희토류
  수출을 옥죄자 국방부가 X의 최대주주로 올라섰다", or "… 정부가 직접 뛰어들었다. 국방부는 X의
  우선주를 사들여 …"): the "-자" clause is the cause, not the actor, so its country heading the
  lead does not decide; the body buys into its own country's firm (as `own_firm_stake` reads
  it when the body opens the lead), so the firm's home is the answer.
- A bare government building up a named state institution ("…을 약속한 정부가 국제협력은행
  (JBIC)의 출자·융자 기능을 대폭 확대하는 방안을 마련"): a government widens the powers,
  capital or lending of its own country's bank or agency, never another country's, so the
  institution's country is the body's home. Not an international body (IMF, World Bank):
  every member government may add to its capital.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_body_owner import _bare, _deciding, _sentence_of
from newsletter.classify_mentions import _Mention
from newsletter.classify_s28c_body import _STAKE
from newsletter.classify_tables import GENERIC_INSTITUTIONS, lazy_pattern
from newsletter.classify_whose_government import _UNNAMED
from newsletter.models import Region

# a fronted cause clause ending in "-자" ("넓히자", "옥죄자", "발표하자"): what the main clause
# answers, so its subject is not the lead's actor
_FRONTED = lazy_pattern(r"[가-힣]자\s")
# a word that is a subject: "국방부가", "정부는"
_SUBJECT = lazy_pattern(r"(?<!\S)(\S+?)(?:이|가|은|는)\s")
_BARE_BODIES = GENERIC_INSTITUTIONS | {"정부"}
# the institution's own reach widened: "X의 출자·융자 기능을 대폭 확대", "X의 자본금을 확충"
_BUILT_UP = lazy_pattern(r"의\s(?:\S+\s){0,2}?(?:기능|역할|자본금|권한|재원|출자|융자)"
                         r"[^.]{0,12}?(?:확대|강화|확충|늘리|늘려)")
_MAIN_REGIONS = frozenset({Region.US, Region.CHINA, Region.JAPAN, Region.EUROPE})


def _bare_subject(body: str, at: int, end: int, mentions: Sequence[_Mention]) -> int | None:
    """The end of the first subject word from `at` when it is a bare body (no country word
    right before it), else None."""
    found = _SUBJECT().search(body, at, end)
    if found is None or found.group(1) not in _BARE_BODIES:
        return None
    if any(m.entry.kind == "country" and body[m.end:found.start()].strip() == ""
           for m in mentions if m.end <= found.start()):
        return None  # "일본 정부가": named, not bare
    return found.end()


def fronted_stake(region: Region, reason: str, title: str, body: str,
                  mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A country heading a fronted "-자" clause, then a bare body (in the lead's main clause or
    opening the next sentence) taking a stake in a firm of another region: the firm's."""
    top = _deciding(region, mentions)
    if top is None or top.entry.kind != "country" or top.role != "head" or top.sentence != 0:
        return None
    end = _sentence_of(body, top.start)[1]
    joint = _FRONTED().search(body, top.end, end)
    if joint is None or (lead_at := _bare_subject(body, joint.end(), end, mentions)) is None:
        return None
    spans = [(lead_at, end)]
    if end < len(body):
        next_end = _sentence_of(body, end)[1]
        if (next_at := _bare_subject(body, end, next_end, mentions)) is not None \
                and not body[end:next_at].strip().count(" "):
            spans.append((next_at, next_end))
    for at, stop in spans:
        firm = next((m for m in mentions if m.entry.kind == "company" and at <= m.start < stop
                     and m.entry.region is not top.entry.region
                     and _STAKE().search(body, m.end, stop)), None)
        if firm is not None:
            return firm.entry.region, (
                f"a fronted clause headed by {top.entry.surface}, then a bare body taking a "
                f"stake in {firm.entry.surface}: its own country's firm, "
                f"{firm.entry.region.value}'s (was: {reason})")
    return None


def own_institution(region: Region, reason: str, title: str, body: str,
                    mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A bare government deciding, widening a named state institution of another main region
    in its own sentence: that institution's country."""
    top = _deciding(region, mentions)
    if top is None or top.sentence < 0 or not _bare(body, top, mentions) or not (
            top.entry.description == _UNNAMED or top.entry.surface in _BARE_BODIES):
        return None
    end = _sentence_of(body, top.start)[1]
    own = next((m for m in mentions if m.entry.kind == "institution" and top.end <= m.start < end
                and m.entry.region in _MAIN_REGIONS and m.entry.region is not region
                and not _bare(body, m, mentions)
                and _BUILT_UP().match(body, _after_gloss(body, m.end))), None)
    if own is None:
        return None
    return own.entry.region, (f"lead subject {top.entry.surface} widens {own.entry.surface}, "
                              f"a state institution of its own country, "
                              f"{own.entry.region.value}'s (was: {reason})")


def _after_gloss(body: str, at: int) -> int:
    """Past a bracketed gloss right after a name ("국제협력은행(JBIC)")."""
    if body.startswith("(", at) and (close := body.find(")", at)) != -1 and close - at < 30:
        return close + 1
    return at
