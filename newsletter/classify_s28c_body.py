"""Bare bodies whose country the act itself tells (issue 13, stop 28 c).

Three shapes `classify_body_owner` does not weigh, each a stage of `classify_second_look`:

- A federal body acting on a firm of a federal country that is not America ("X에 대해
  연방정부가 … 규제안을 내놨다" with X a Swiss, German or Canadian firm): the tables give every
  연방 body to America, but a federal government regulating its own country's firm is that
  country's, when nothing else in the summary is American. Never Japan or China (no 연방 body).
- A bare body taking a stake in a firm ("국방부가 X의 최대주주에 올랐다"): a state body buys
  into its own country's firm, so the firm's home the rules chose is the answer, and final (the
  learned correction, which never saw the body, would otherwise weigh a country named in
  passing).
- A bare ministry putting export controls on the minerals only China controls as a trade
  weapon (gallium, germanium, antimony, graphite, rare earths): "상무부는 갈륨 … 대미 수출을
  금지", "The ministry said it would add export controls on rare earth …". An exporter's ban
  on exports TO a country ("대미 수출 금지") is the exporter's act, not that country's, and
  America, Japan and Europe import these minerals; they do not ban their export. Not when the
  summary tells the ministry's home itself (a country heading the lead, the region's people,
  places or named bodies: "러트닉 장관은", "reporters in Hanoi"): America's Commerce Department
  controls gallium-nitride chip tools, India or Malaysia their own ores.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_body_owner import _SOFT_KINDS, _bare, _deciding, _sentence_of
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import GENERIC_INSTITUTIONS, lazy_pattern
from newsletter.models import Region

# The lexicon's groups that are, or are mostly, federal countries other than America, whose
# firms a 연방 body may regulate: a Korean, French or Taiwanese firm that a bare 연방정부 acts on
# ("삼성전자에 대해 연방정부가 보조금을 확정") is America's body acting on a foreign firm.
_FEDERAL_GROUPS = frozenset({"Germany", "Switzerland", "Russia", "India", "Oceania",
                             "the Americas outside the US", "Belgium and Luxembourg"})
# the firm as what the body acts on: "X에 대해", "X에", "X를", "X의 … 을"
_ACTED_ON = lazy_pattern(r"(?:에\s?대해|에게|에|을|를|의)\s")
# "국방부가 X의 최대주주에 올랐다", "…의 지분 10%를 사들였다", "X에 4억달러를 투자해 …주주"
# (the body acquiring, not ordering a sale: "X의 지분 매각을 명령" is a regulator's act on a firm
# of anywhere; and the buying is the body's own predicate, not a deal it rules on: "X의 Y 지분
# 인수를 불허했다", "… 지분 매입에 제동을 걸었다" name X as the buyer under review)
_STAKE = lazy_pattern(r"주주(?:가\s되|에\s오르|에\s올랐|로\s올라)|(?:지분|우선주)[^.]{0,20}?"
                      r"(?:(?:인수|취득|확보|매입)(?:했|한다|하기로|키로|해|하고|하며|할\s계획)"
                      r"|사들(?:였|인다|이기로|이고|여))")
# The act's amount in plain dollars ("147억달러 규모의 합의안", "$34 million"): America's money;
# a German, Swiss or Indian government counts in its own currency, a Canadian or Australian one
# in 캐나다달러/호주달러 (which the digit-or-unit before 달러 leaves out).
_US_DOLLARS = lazy_pattern(r"[\d조억만천백]\s?달러|\$\s?\d")
_BODY_SUBJECT = lazy_pattern(r"(\S+?)(?:이|가|은|는)\s")
# the minerals whose export control is China's trade weapon, and the act of controlling them
_MINERAL = lazy_pattern(r"갈륨|게르마늄|안티모니|희토류|흑연")
# the body's own act, not one it answers ("희토류 수출 통제에 대응해" is the importer's story)
_KO_CONTROL = lazy_pattern(r"수출[을를]?\s?(?:\S+\s){0,2}?(?:(?:통제|금지|제한)(?:한다|하기로|했다"
                           r"|하는\s(?:조치|규정|방안)|를(?:\s\S+){0,3}?\s(?:강화|시행|확대|발표|도입|넓히|넓혔"
                           r"|늘리|늘렸))"
                           r"|허가제를\s(?:도입|시행))")
_CHINA_AS_TARGET = lazy_pattern(r"대중\s?수출|중국(?:으로|에)의?\s?수출|중국산")
_EN_BARE_MINISTRY = lazy_pattern(
    r"(?i)^(?:The|Its)\s(?:commerce\s)?ministry\s(?:said|says|will|would|announced|has|added"
    r"|on)\b[^.]{0,80}?\b(?:add|impose|introduce|tighten|expand|widen|extend|announce)\w*"
    r"\s(?:new\s|further\s|fresh\s|more\s)?export\s(?:controls?|bans?|restrictions?|curbs?)\son\b[^.]{0,40}?"
    r"\b(?:rare[- ]earths?|gallium|germanium|antimony|graphite)\b")


def federal_firm(region: Region, reason: str, title: str, body: str,
                 mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A bare 연방정부 deciding for America, acting on a firm of a federal country other than
    America, in a summary with no other American sign (no dollar amount in its sentence, no
    American name): the firm's country."""
    top = _deciding(region, mentions)
    # only a government: a court or a legislature tries and questions the foreign firms that do
    # business in its market ("바이엘에 대해 연방대법원이 … 상고를 기각"), so the firm's home does
    # not tell whose it is
    if region is not Region.US or top is None or top.sentence == -1 \
            or top.entry.surface != "연방정부" or not _bare(body, top, mentions):
        return None
    start, end = _sentence_of(body, top.start)
    if _US_DOLLARS().search(body, start, end):
        return None  # "폭스바겐에 대해 연방정부가 … 147억달러 규모의 합의안": America's fine
    if any(m.entry.region is Region.US and m is not top and not (
            m.entry.kind == "institution" and _bare(title if m.sentence == -1 else body, m,
                                                    mentions)) for m in mentions):
        return None
    firm = next((m for m in mentions if m.entry.kind == "company" and start <= m.start < top.start
                 and m.entry.group in _FEDERAL_GROUPS
                 and _ACTED_ON().match(body, m.end)), None)
    if firm is None:
        return None
    return firm.entry.region, (f"lead subject {top.entry.surface} acts on {firm.entry.surface}, "
                               f"a firm of a federal country ({firm.entry.region.value}), and "
                               f"nothing else is American (was: {reason})")


def own_firm_stake(region: Region, reason: str, title: str, body: str,
                   mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The rules chose a firm that a bare body opening the lead takes a stake in: final."""
    top = _deciding(region, mentions)
    if top is None or top.entry.kind != "company" or top.sentence != 0:
        return None
    start, end = _sentence_of(body, top.start)
    lead = _BODY_SUBJECT().match(body, start)
    if lead is None or lead.group(1) not in GENERIC_INSTITUTIONS \
            or any(start <= m.start < top.start for m in mentions):
        return None
    if not _STAKE().search(body, top.end, end):
        return None
    return region, (f"lead subject {lead.group(1)} takes a stake in {top.entry.surface}: a state "
                    f"body buys into its own country's firm, {region.value}'s (was: {reason})")


def mineral_controls(region: Region, reason: str, title: str, body: str,
                     mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A bare ministry controlling the export of the minerals only China wields: China's."""
    if region is Region.CHINA or _home_told(region, title, body, mentions):
        return None
    if _EN_BARE_MINISTRY().search(body):
        return Region.CHINA, ("lead subject a bare ministry putting export controls on rare "
                              f"minerals, China's trade weapon: filed under China (was: {reason})")
    for body_m in mentions:
        if body_m.entry.surface != "상무부" or body_m.sentence < 0 \
                or body_m.role not in ("head", "later-subject") or not _bare(body, body_m,
                                                                              mentions):
            continue
        end = _sentence_of(body, body_m.start)[1]
        if _MINERAL().search(body, body_m.end, end) and _KO_CONTROL().search(
                body, body_m.end, end) and not _CHINA_AS_TARGET().search(body) and not any(
                    m.entry.region is Region.CHINA for m in mentions):
            return Region.CHINA, (f"subject {body_m.entry.surface} bans or controls the export "
                                  f"of rare minerals, China's trade weapon (was: {reason})")
    return None


def _home_told(region: Region, title: str, body: str, mentions: Sequence[_Mention]) -> bool:
    """Whether the summary itself says the ministry is `region`'s (the rules' choice): a country
    heading the lead ("인도가 희토류 원료 반출에 제동을 걸었다. 상무부는 …", "…, Japan's trade
    minister said") or that region's person, place, outlet or named body ("러트닉 장관은",
    "워싱턴 관가", "reporters in Hanoi"). China's controls name other countries only as their
    targets and victims ("미국의 … 제재 하루 만에", "carmakers in Europe"), as countries."""
    return any(m.entry.region is region and (
        (m.entry.kind == "country" and m.role == "head")
        or (m.entry.kind in _SOFT_KINDS and not (m.entry.kind == "institution" and _bare(
            title if m.sentence == -1 else body, m, mentions))))
        for m in mentions)
