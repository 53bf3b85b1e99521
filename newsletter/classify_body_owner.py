"""Whose is a bare body: the country the rest of the summary tells (issue 13, stop 28).

The rules file a summary by its main clause's subject, and a subject that is a body named
without its country ("상무부는", "정부가", "연방의회는", "외교부는") takes the tables' default
owner: 상무부/재무부/연방의회/연방법원 America's, 정부/외교부 Korea's. A writer who has named the
country in a headline or an earlier story calls its body only that, and the rest of the summary
says whose it is, not by naming the body's country before it but by what only that country's
story has: its money ("5천억위안을 투입", "115조엔대", "5천억유로 규모의 기금"), a body or law
only it has (각의, 국방수권법, 여러 주 법무장관), its outlets reporting (요미우리신문이 보도),
its people and places (프리드리히 메르츠 차기 총리, 미나미토리시마), its own state bodies and
banks (국제협력은행, 건설은행), and the country named as the home of the act ("중국 내 자산을
동결", "중국의 제재 대상에 올랐다", "중국산 희토류가 일정 비율 이상 들어간 제품은 외국에서
만들어도 허가").

`body_owner` is a stage of `classify_second_look`: when the deciding mention is such a bare
body, it weighs that home evidence for every region against the default owner's own, and
re-files only when another region has clear evidence (two points: one strong sign, or two
soft ones) and the default owner has none. A country named as the target or object of the
act ("중국 기업 5곳을 명단에 올렸다", "미국과 일본 업계는 우려") is not home evidence: an
American 상무부 blacklisting Chinese firms names China a lot and stays America's. Dollars are
everyone's money and say nothing. `home_by_evidence` is the same weighing for a summary that
names no one the tables know (`classify_r36e_bloc.no_name_region`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsletter.classify_mentions import ENTRIES, _Mention
from newsletter.classify_tables import GENERIC_INSTITUTIONS, lazy_pattern
from newsletter.classify_whose_government import _UNNAMED  # the entry of a bare 정부는
from newsletter.models import Region

# Bodies every federal or parliamentary country has, beyond the generic ministries: the tables
# give them to America ("연방의회" is also Germany's Bundestag, "연방법원" Australia's court).
_FEDERAL_BODIES = frozenset({"연방의회", "연방법원", "연방대법원", "의회", "대법원"})
# Japan and China have no federal body: a 연방 body counted in yen or yuan is still a federal
# country's (America, Germany, Australia, …), the money its target's.
_UNITARY = frozenset({Region.JAPAN, Region.CHINA})
STRONG, SOFT = 2, 1  # points for one sign of home; CLEAR points make it clear
CLEAR = 2

# An amount in a currency other than the dollar, with the Korean units between the digits
# ("5천억위안", "2천300억루피", "115조엔대", "9000만 호주달러") or an English amount ("500
# billion yuan", "€40 billion"). The unit is a whole word: "엔" must end the amount, not start
# a word ("100억 엔화" keeps 엔), so only a particle or an amount's suffix (대, 가량, 규모, …)
# may follow it: "12·28 위안부 합의", "수출 통제 4원칙", "20 유로존" name no money.
_KO_AMOUNT = lazy_pattern(
    r"\d[\d,.]*(?:\s?[조억만천백]\s?(?:\d[\d,.]*)?)*\s?(위안|엔|유로|파운드|루피|호주달러"
    r"|캐나다달러|대만달러|홍콩달러|루블|스위스프랑|프랑|원)"
    r"(?=[^가-힣]|$|(?:을|를|이|가|은|는|의|에|으로|로|도|만|과|와|대|가량|어치|씩|규모|상당"
    r"|정도|이상|이하|미만|안팎|수준|까지|부터|선|인|였|여|보다))"
    r"|\d[\d,.]*(?:\s?[조억만천백]\s?(?:\d[\d,.]*)?)*\s?(위안|엔|유로|원)(?=화)")
# The wire's conversion of the amount before it ("38억달러(약 5조3천억원)"): the same money in
# the reader's currency, not a second amount that says whose it is.
_CONVERSION = lazy_pattern(r"[\d조억만천백][가-힣]*\s?\((?:약\s?)?$")
# The worth of what the act is on ("4천만유로 상당의 자산을 동결", "assets worth 40 million
# euros", "a sale worth 1.2 trillion won"): the value of the thing seized, sold or barred, in
# its owner's money, not money the body itself raises or spends.
_WORTH_BEFORE = lazy_pattern(r"\b(?:worth|valued at)(?:\s(?:about|around|roughly|nearly|some"
                             r"|almost|up to|more than|over))?\s$")
_WORTH_AFTER = ("상당", "어치")
_EN_AMOUNT = lazy_pattern(
    r"(?:\d[\d,.]*\s(?:(?:million|billion|trillion)\s)?(yuan|renminbi|yen|euros?|rupees"
    r"|won|rubles?|pounds?)\b)|([€£¥])\s?\d")
_CURRENCY: dict[str, Region] = {
    "위안": Region.CHINA, "홍콩달러": Region.CHINA, "yuan": Region.CHINA,
    "renminbi": Region.CHINA, "엔": Region.JAPAN, "yen": Region.JAPAN, "¥": Region.JAPAN,
    "유로": Region.EUROPE, "euro": Region.EUROPE, "euros": Region.EUROPE, "€": Region.EUROPE,
    "파운드": Region.EUROPE, "pound": Region.EUROPE, "pounds": Region.EUROPE,
    "£": Region.EUROPE, "루블": Region.EUROPE, "ruble": Region.EUROPE,
    "rubles": Region.EUROPE, "스위스프랑": Region.EUROPE, "프랑": Region.EUROPE,
}  # anything else (원, 루피, 호주달러, …) is Other's

# A body or law only one country has: Japan's cabinet meeting (각의), America's defence
# authorisation act and its states' attorneys general.
_ONLY_ONE = lazy_pattern(
    r"각의(?:는|가|에서|를|\s?결정)|국방수권법|NDAA|(?:여러|일부|각)\s?주\s?법무장관"
    r"|주\s법무장관들|state attorneys general")
_ONLY_ONE_REGION = (("각의", Region.JAPAN),)  # the rest are America's
# Such a body or law held up as a model ("국방수권법(NDAA)처럼", "각의 결정과 같은 절차",
# "국방수권법을 본뜬"): another country's thing the summary compares with, not its home's.
_AS_A_MODEL = lazy_pattern(r"\)?(?:\([^)]{0,20}\))?\s?(?:처럼|과\s같은|와\s같은|같은|[을를]\s본뜬"
                           r"|[을를]\s본떠|식의?\s)")

# The country as the home of the act: assets or parties within it frozen or barred ("중국 내
# 자산을 동결", "중국 내 조직·개인과의 거래 금지"), its own sanctions list ("중국의 제재 대상에
# 올랐다"), or its content counted in goods made abroad ("중국산 희토류가 일정 비율 이상 들어간
# 제품은 외국에서 만들어도 허가"): only the country itself rules on these. Assets in a country
# sold, bought or wound down ("러시아 내 자산을 팔 수 있도록 허용") are anyone's business, so
# the freezing or barring must follow.
_HOME_OF_ACT = lazy_pattern(
    r"(\S+?)\s내\s(?:자산|조직|개인|기관)(?=[^.]{0,24}?(?:동결|몰수|압류|금지))"
    r"|(\S+?)의\s(?:독자\s)?제재\s(?:대상|명단)"
    r"|(\S+?)산\s\S+(?:이|가)\s일정\s비율\s이상")
_MADE_ABROAD = lazy_pattern(
    r"(?:해외|외국|제3국)(?:\s\S+)?에서\s(?:만든|만들어도|생산된|생산해도|제조된)")
_SENTENCE_END = lazy_pattern(r"[.!?](?:\s|$)")
_LATIN_OR_SIGN = lazy_pattern(r"[a-z€£¥]")  # the cheap test before the English amounts
# the kinds of a mention that are soft evidence of home: a person, place, body or outlet of one
# country (a company may be the act's target, a country its object)
_SOFT_KINDS = frozenset({"person", "place", "institution", "media"})


def _country(word: str) -> Region | None:
    entry = ENTRIES.get(word)
    return entry.region if entry is not None and entry.kind == "country" else None


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    start = 0
    for found in _SENTENCE_END().finditer(text, 0, at):
        start = found.end()
    found = _SENTENCE_END().search(text, at)
    return start, found.end() if found else len(text)


def _text_evidence(text: str, money_span: tuple[int, int], points: dict[Region, int],
                   signs: dict[Region, list[str]],
                   named: frozenset[Region] = frozenset()) -> None:
    """Add the strong signs `text` states: money (within `money_span` only), bodies only one
    country has, and the country named as the home of the act. A sign of a country `named` in
    the body's own sentence (`money_span`) is that country's side of the act, not the body's
    home: its money is the value of what the act is on, and a writer who says "일본 각의가" or
    "중국의 제재 대상에 오른" beside a bare "정부는"/"외교부는" names another party than the
    body; only an act the country alone can do (freezing assets within it, counting its content
    in goods made abroad) still tells the body's home."""

    def in_sentence(found: re.Match[str]) -> bool:
        return money_span[0] <= found.start() < money_span[1]

    def add(region: Region, sign: str) -> None:
        points[region] = points.get(region, 0) + STRONG
        signs.setdefault(region, []).append(sign)

    units = ko_amount_units(text, *money_span)
    if _LATIN_OR_SIGN().search(text, *money_span):
        units += [(found.group(1) or found.group(2)).lower()
                  for found in _EN_AMOUNT().finditer(text, *money_span)
                  if not _WORTH_BEFORE().search(text, max(0, found.start() - 30),
                                                found.start())]
    for unit in units:
        if (region := _CURRENCY.get(unit, Region.OTHER)) not in named:
            add(region, unit)
    for found in _ONLY_ONE().finditer(text):
        word = found.group()
        region = next((r for w, r in _ONLY_ONE_REGION if word.startswith(w)), Region.US)
        if not (region in named and in_sentence(found)) and not _AS_A_MODEL().match(
                text, found.end()):
            add(region, word.rstrip("는가에서를 "))
    for found in _HOME_OF_ACT().finditer(text):
        word = found.group(1) or found.group(2) or found.group(3)
        region = _country(word)
        if region is None or (found.group(3) and not _MADE_ABROAD().search(text)) or (
                found.group(2) and region in named and in_sentence(found)):
            continue
        add(region, found.group().split(" ")[0] + " " + found.group().split(" ")[1])


def ko_amount_units(text: str, start: int, end: int) -> list[str]:
    """The currency units of the Korean-written amounts in text[start:end] that are money of
    the act: not the wire's conversion of the amount before ("3억달러(약 4천200억원)") nor the
    worth of what the act is on ("4천만유로 상당의")."""
    return [found.group(1) or found.group(2)
            for found in _KO_AMOUNT().finditer(text, start, end)
            if not _CONVERSION().search(text, max(0, found.start() - 12), found.start())
            and not text[found.end():found.end() + 3].lstrip().startswith(_WORTH_AFTER)]


def _clear_winner(points: dict[Region, int]) -> Region | None:
    """The region with CLEAR points or more and more than any other, if one has."""
    ranked = sorted(points.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < CLEAR or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _deciding(region: Region, mentions: Sequence[_Mention]) -> _Mention | None:
    """The mention that decided for `region`, as `classify._decide` picks it."""
    best = max((m for m in mentions if m.entry.region is region),
               key=lambda m: m.score + m.bonus, default=None)
    return best if best is not None and best.role in ("head", "modifier") else None


def _bare(text: str, body: _Mention, mentions: Sequence[_Mention]) -> bool:
    """Whether `body` is a body named without its country: a generic body word (or round
    twelve's unnamed 정부) with no country right before it."""
    if body.entry.kind != "institution" or not (
            body.entry.surface in GENERIC_INSTITUTIONS
            or body.entry.surface in _FEDERAL_BODIES or body.entry.description == _UNNAMED):
        return False
    return not any(c.sentence == body.sentence and c.end <= body.start
                   and text[c.end:body.start].strip() == "" for c in mentions)


def body_owner(region: Region, reason: str, title: str, body: str,
               mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """Re-file a summary whose deciding subject is a bare body when the rest of the summary
    clearly makes another country its home (see the module's docstring)."""
    top = _deciding(region, mentions)
    if top is None:
        return None
    text = title if top.sentence == -1 else body
    if not _bare(text, top, mentions):
        return None
    points: dict[Region, int] = {}
    signs: dict[Region, list[str]] = {}
    span = _sentence_of(text, top.start) if text is body else (0, len(title))
    # "상무부는 3천억엔 규모의 일본산 철강에 관세를": a sign of a country the body's sentence
    # names is that country's side of the act (see _text_evidence), not the body's own
    named = frozenset(m.entry.region for m in mentions if m.entry.kind == "country"
                      and m.sentence == top.sentence and span[0] <= m.start < span[1])
    _text_evidence(body if text is body else f"{title} {body}", span, points, signs, named)
    strong = dict(points)
    seen: set[str] = set()
    for m in mentions:
        if m is top or m.entry.kind not in _SOFT_KINDS or m.entry.surface in seen \
                or (m.entry.kind == "institution" and _bare(
                    title if m.sentence == -1 else body, m, mentions)):
            continue
        seen.add(m.entry.surface)
        points[m.entry.region] = points.get(m.entry.region, 0) + SOFT
        signs.setdefault(m.entry.region, []).append(m.entry.surface)
    if points.get(region, 0):
        return None  # the default owner has home evidence of its own
    if (owner := _clear_winner(points)) is None:
        return None
    if region is Region.OTHER and all(sign in _CURRENCY for sign in signs[owner]) and not any(
            m.entry.region is owner and m.entry.kind == "company" for m in mentions):
        # Korea's own government deals in others' money without restating it in won (bonds
        # issued in yen, patrol aircraft bought in euros): a foreign government's story also
        # names its banks, firms, places or people, so money alone does not take a bare
        # 정부/외교부 from Korea
        return None
    if top.entry.surface.startswith("연방") and owner in _UNITARY:
        return None  # "연방법원이 도요타에 300억엔 배상을 …": the money is the firm's
    if not strong.get(owner) and any(
            m.entry.region is owner and m.entry.kind == "country" and m.sentence == top.sentence
            and span[0] <= m.start < span[1] for m in mentions):
        # soft signs only, and the owner named as a country in the body's own sentence: the
        # writer names the country of the act's other side ("미국 조지아주 … 공장에서
        # 이민세관단속국에 구금된 근로자를 데려오기 위해 외교부가 …"), not of its own body
        return None
    where = "headline subject" if top.sentence == -1 else "lead subject"
    return owner, (f"{where} {top.entry.surface} ({owner.value}'s, by "
                   f"{' and '.join(dict.fromkeys(signs[owner]))}); the tables' {region.value} "
                   f"owner has no sign of home here (was: {reason})")


def home_by_evidence(text: str) -> tuple[Region, str] | None:
    """For a summary naming no one the tables know: the region its money and its one-country
    bodies clearly make home, with the reason, or None."""
    points: dict[Region, int] = {}
    signs: dict[Region, list[str]] = {}
    _text_evidence(text, (0, len(text)), points, signs)
    if (owner := _clear_winner(points)) is None:
        return None
    return owner, (f"no name recognised but {' and '.join(dict.fromkeys(signs[owner]))}, "
                   f"{owner.value}'s own: filed under {owner.value}")
