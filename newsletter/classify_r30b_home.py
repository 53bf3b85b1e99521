"""A credit told by its giver, not by its takers (round thirty part b, issue 13).

Two Korean shapes of one kind of story, a country's credit for firms that build or invest:

- "국내에 반도체 공장을 새로 짓는 기업들이 받는 투자세액공제가 25%에서 35%로 높아진다. 트럼프
  대통령이 서명한 … 감세 법안에 이 같은 내용이 포함됐으며": round twenty-nine b's 국내 ("at
  home") that opens a class of firms by where they build, here with an adverb before the verb
  ("새로 짓는") and no place named; but the law is signed by one leader ("X 대통령이 서명한 …
  법안"), and the home is that leader's region (`home_of_signer`).
- "한국과 대만 반도체 기업들이 미국 공장 투자로 받을 수 있는 세액공제 혜택이 커진다": the
  main subject is the credit; the firms only take it, and the place their investment goes
  ("미국 공장 투자로", "미국에 공장을 짓고 받는") is the credit's giver (`credit_for_investment`).
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_tables import SUBORDINATE_MODIFIER_BONUS, lazy_pattern

# "국내에 반도체 공장을 (새로) 짓는 기업(들)이": a class of firms by where they build at home
_HOME_BUILDERS = lazy_pattern(
    r"국내에\s(?:[^\s.]+\s){0,3}?(?:공장|팹|설비|시설|생산시설|생산기지)[을를]?\s"
    r"(?:[^\s.]+로\s)?(?:짓|건설하|세우|신설하|늘리)는\s(?:[^\s.]+\s)?(?:기업|업체|회사|제조사)"
)
# "트럼프 대통령이 서명한 대규모 감세 법안": a law signed by one leader
_SIGNED = lazy_pattern(
    r"(?:\s(?:대통령|총리|주지사))?[이가]\s서명한\s(?:[^\s.]+\s){0,3}?(?:[^\s.]*법안|[^\s.]*법"
    r"|행정명령)"
)
# "… 받(을 수 있)는 세액공제 혜택이": a credit taken, the main subject
_CREDIT_TAKEN = lazy_pattern(
    r"받(?:는|을\s수\s있는|게\s되는)\s(?:[^\s.]+\s){0,2}?[^\s.]*(?:세액공제|보조금|혜택|공제율)"
    r"(?:이|가|은|는)\s"
)
# after the place: "미국 공장 투자로", "미국에 공장을 짓고", "미국 내 투자에" (no subject or
# place of another clause between: "한국 기업들이 일본에 공장을 짓고" is not Korea's)
_INVESTED_THERE = lazy_pattern(
    r"(?:에서|에|\s내|\s현지)?\s(?:[^\s.]*[^\s.이가은는에]\s){0,2}?(?:투자|(?:공장|팹|설비|시설)[을를]?\s"
    r"(?:짓|건설하|세우))"
)


def home_of_signer(text: str, mentions: list[Any]) -> None:
    """Give 국내 the region of the one leader who signed the law that carries its class of
    builders' credit, where no place names it."""
    if "국내에" not in text or "서명한" not in text:
        return  # the cheap test
    homes = [m for m in mentions if m.entry.surface == "국내"]
    if not homes or _HOME_BUILDERS().search(text, homes[0].start) is None:
        return
    signers = {
        m.entry
        for m in mentions
        if m.entry.kind == "person" and _SIGNED().match(text, m.end) is not None
    }
    if len({e.region for e in signers}) != 1:
        return
    signer = next(iter(signers))
    if signer.region == homes[0].entry.region:
        return
    for m in homes:
        m.entry = m.entry._replace(
            group=signer.group, region=signer.region, description=f"home, {signer.group}"
        )


def credit_for_investment(
    text: str, start: int, end: int, inside: list[Any], head_bonus: float, _mod_bonus: float
) -> None:
    """Make the place where the takers invest the head of a lead whose subject is a credit."""
    lead = text[start:end]
    if "받" not in lead or ("공제" not in lead and "보조금" not in lead and "혜택" not in lead):
        return  # the cheap test: most leads take no credit
    taken = _CREDIT_TAKEN().search(text, start, end)
    if taken is None:
        return
    places = [
        m
        for m in inside
        if m.start < taken.start()
        and m.entry.kind in ("country", "place")
        and _INVESTED_THERE().match(text, m.end, taken.start()) is not None
    ]
    if len({m.entry.region for m in places}) != 1:
        return
    for m in inside:
        if m.role in ("head", "modifier") and m.start < taken.start():
            # the takers weigh as little as a passive's subject does (round twenty-five)
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    places[0].role, places[0].bonus = "head", head_bonus
