"""Bare bodies whose country the rest of the lead tells (issue 13, stop 28 d).

Six shapes the stages of `classify_s28c_body` and `classify_body_owner` miss, each a stage of
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
- A lead whose main clause is a nameless measure ("중국 해운사가 운영하는 선박에 수수료를 물리는
  조치가 10월부터 시행됐다") and whose next sentence opens with a named body ("무역대표부(USTR)는
  …"): the country in the lead only qualifies the measure's target, and the next sentence
  names its maker.
- A firm heading a "-다며" reason clause, then an authority the tables do not know fining it in
  a currency other than the dollar ("X가 … 썼다며 개인정보보호청 '가란테'가 1천500만유로의
  과징금을 매겼다"): the firm is what the fine is on, the authority acts, and the money says
  whose authority it is.
- (Withdrawn at review: a bare 연방 body beside a 헌법재판소 as Europe's. The lexicon gives a
  bare 헌법재판소 to Korea, and Korea's court beside America's bare 연방정부 went to Europe.)
- Duties on goods made in America among others ("미국·EU·일본산 X에 반덤핑 관세가 부과된다.
  상무부는 … 자국 산업에 피해를 줬다고 판정"): America does not levy duties on its own goods,
  so a bare 상무부 levying them is not America's; the other country whose trade ministry is
  called 상무부 is China (Korea's is 산업부, Japan's 경제산업성, Taiwan's 경제부), when
  nothing else (no American person, place or named body) says America.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_body_owner import (
    _CURRENCY,
    _bare,
    _deciding,
    _sentence_of,
    ko_amount_units,
)
from newsletter.classify_mentions import _Mention
from newsletter.classify_s28c_body import _STAKE, _US_DOLLARS
from newsletter.classify_tables import GENERIC_INSTITUTIONS, lazy_pattern
from newsletter.classify_whose_government import _UNNAMED
from newsletter.models import Region

# a fronted cause clause ending in "-자" ("넓히자", "옥죄자", "발표하자"): what the main clause
# answers, so its subject is not the lead's actor
_FRONTED = lazy_pattern(r"[가-힣]자\s")
# a word that is a subject: "국방부가", "정부는"
_SUBJECT = lazy_pattern(r"(?<!\S)(\S+?)(?:이|가|은|는)\s")
# the fronted clause as a move on trade that another country's body answers ("희토류 수출
# 통제를 강화하자", "갈륨 수출을 끊자"); a country pushing its own policy ("자립을 서두르자",
# "조선업 재건을 선언하자") is followed by its own body, which may buy into a foreign firm
_TRADE_MOVE = lazy_pattern(r"수출|수입|관세|제재|통제|금지|규제")
_PARTICLE = lazy_pattern(r"(?:이|가|은|는)\s")
_BARE_BODIES = GENERIC_INSTITUTIONS | {"정부"}
# the institution's own reach widened, as the body's own predicate: "X의 출자·융자 기능을 대폭
# 확대하는 방안을 마련", "X의 자본금을 확충하기로". Not a widening named as a noun the body
# answers, welcomes or asks for ("X의 역할 확대에 맞서", "X의 기능 확대를 반겼다"), nor one it asks
# another to make ("확대해 달라고 요청", "확대하라고"): that is another country's institution.
_BUILT_UP = lazy_pattern(r"의\s(?:\S+\s){0,2}?(?:기능|역할|자본금|권한|재원|출자|융자)"
                         r"(?:(?!확대|강화|확충|늘리)[^.]){0,12}?"
                         r"(?:(?:확대|강화|확충)(?:하는\s(?:방안|계획|법안|안)|하기로|키로|한다|했다"
                         r"|하고\s|하며\s|할\s(?:계획|방침))"
                         r"|늘리(?:는\s(?:방안|계획|법안|안)|기로)|늘린다|늘렸다)")
# the lead's main clause is a measure put in force, its maker unnamed: "… 조치가 10월부터
# 시행됐다", "… 관세가 다음 달 발효된다"
_MEASURE_IN_FORCE = lazy_pattern(r"(?:조치|규정|제도|규제|수수료|관세)(?:가|이)\s(?:\S+\s){0,3}?"
                                 r"(?:시행|발효|도입)(?:됐다|된다|되었다|되기\s시작했다)\.?\s*$")
# the country as the measure's maker in its relative clause ("중국이 발표한 … 조치가 시행됐다"):
# then the lead names its maker after all
_MADE_IT = lazy_pattern(r"(?:발표|도입|예고|단행|결정|확정|마련|공포)한\s|내놓은\s"
                        r"|만든\s(?:\S+\s)?(?:조치|규정|제도)")
# a reason clause ending the firm's part, then a fine laid by the main subject: "…했다며 X가
# 1천500만유로의 과징금을 매겼다"
_REASON_JOINT = lazy_pattern(r"[가-힣]다며\s")
_FINE_LAID = lazy_pattern(r"(?:과징금|벌금)[을를]\s(?:\S+\s)?(?:매겼|부과했|물렸|부과하기로)")
# the lead's goods of origin including America's, a duty laid on them: "미국·일본산 X 수지에
# (최고 40%의) 관세". The goods run on as nouns only up to the dative: American-made goods as an
# object within a condition ("미국산 부품을 80% 이상 쓴 차량에는 관세를 면제", "미국산 LNG
# 구매를 늘리는 나라에는 관세 인하") are America's own policy, not a duty on America's goods.
_US_GOODS_DUTY = lazy_pattern(r"미국(?:·[^\s·]+)*산\s(?:[^\s.]*[^\s.을를은는한쓴된인]\s){0,3}?"
                              r"[^\s.]*에(?:\s대한|\s대해)?\s(?:[^\s.]+\s){0,3}?[^\s.]*관세")
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
    if joint is None or not _TRADE_MOVE().search(body, top.end, joint.end()):
        return None  # "미국이 핵심광물 자립을 서두르자 국방부가 …": its own policy, its own body
    if (lead_at := _bare_subject(body, joint.end(), end, mentions)) is None:
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
    if any(m.entry.kind == "country" and top.end <= m.start < end for m in mentions):
        # "정부는 미국 국제개발금융공사의 …": a writer who names the institution's country sets
        # it apart from the bare body's (the bench's own-country case names none)
        return None
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


def measure_maker(region: Region, reason: str, title: str, body: str,
                  mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A lead that is a nameless measure put in force, a country deciding only as part of the
    measure's description, and a named body opening the next sentence: that body's."""
    top = _deciding(region, mentions)
    if top is None or top.sentence != 0 or top.entry.kind != "country":
        return None
    end = _sentence_of(body, top.start)[1]
    measure = _MEASURE_IN_FORCE().search(body, top.end, end)
    if measure is None or end >= len(body) or _MADE_IT().search(body, top.end, measure.end()):
        return None
    if any(m.entry.kind == "country" and m.sentence == 0 and m.end <= measure.start()
           and _PARTICLE().match(body, m.end) for m in mentions):
        # "중국이 한국산 X에 물리는 관세가 시행됐다": the country is the subject of the measure's
        # clause, its maker, and the next sentence's body only answers it
        return None
    maker = next((m for m in mentions if m.sentence == 1 and m.entry.kind == "institution"
                  and body[end:m.start].strip() == "" and not _bare(body, m, mentions)), None)
    if maker is None or maker.entry.region is region \
            or not _PARTICLE().match(body, _after_gloss(body, maker.end)):
        return None  # the body must be the sentence's subject: "무역대표부(USTR)는"
    return maker.entry.region, (f"the lead is a nameless measure ({measure.group().strip()}); "
                                f"{maker.entry.surface} opening the next sentence makes it "
                                f"(was: {reason})")


def fined_in_own_money(region: Region, reason: str, title: str, body: str,
                       mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A firm heading a "-다며" clause, then an unknown authority fining it in another
    region's currency: that currency's region."""
    top = _deciding(region, mentions)
    if top is None or top.sentence != 0 or top.entry.kind != "company":
        return None
    end = _sentence_of(body, top.start)[1]
    joint = _REASON_JOINT().search(body, top.end, end)
    if joint is None or any(m.entry.kind in ("institution", "country", "company")
                            and joint.end() <= m.start < end for m in mentions):
        return None  # the authority is one the tables know: the rules weighed it
    fine = _FINE_LAID().search(body, joint.end(), end)
    if fine is None:
        return None
    units = ko_amount_units(body, joint.end(), fine.start())
    owners = {_CURRENCY.get(unit, Region.OTHER) for unit in units}
    if len(owners) != 1 or (owner := owners.pop()) is region:
        return None
    return owner, (f"{top.entry.surface} heads a reason clause; the authority fining it counts "
                   f"in {units[0]}, {owner.value}'s money (was: {reason})")


def duty_on_us_goods(region: Region, reason: str, title: str, body: str,
                     mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """Duties on American-made goods in the lead, laid by a bare 상무부, nothing else American:
    China's (see the module's docstring)."""
    if region is not Region.US:
        return None
    lead_end = _sentence_of(body, 0)[1]
    if not _US_GOODS_DUTY().search(body, 0, lead_end) or _US_DOLLARS().search(body):
        return None
    if not any(m.entry.surface == "상무부" and m.sentence >= 0 and _bare(body, m, mentions)
               for m in mentions):
        return None
    if any(m.entry.region is Region.US and m.entry.kind in ("person", "place", "institution",
                                                            "media", "company")
           and not (m.entry.kind == "institution" and _bare(body, m, mentions))
           for m in mentions):
        return None
    return Region.CHINA, ("a bare 상무부 lays duties on goods made in America among others: "
                          f"not America's own, China's trade ministry (was: {reason})")
