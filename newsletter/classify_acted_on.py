"""Who acts on the lead's subject (round nineteen, issue 13).

The subject of a lead sentence is the story's actor unless the sentence says someone else did
the news to it. Earlier rounds read the plain shapes of that (a passive's agent, a fine received
from a body); this module reads the shapes c21 and c22 brought, each a family:

- a firm that avoided a penalty after a body accepted, dropped or closed something: the body
  ("Meta escaped a fine after the Commission accepted its pledges");
- goods or firms that face a levy: the levy's maker, named by "under a measure approved by X"
  or, when no one is named, by where the goods go ("… that ship cars into the United States
  now face a 25% duty");
- a levy, a strike or a recall that will cost a named firm: the firm, which tells its own bill
  ("A 10% tariff on steel will cost Nissan 90 billion yen");
- sellers that won orders as a buyer announced them: the buyer;
- a firm put on a body's list ("…가 미국 상무부의 '…' 명단에 오르면서"): the list's owner;
- a plant a firm built ("…에 도요타가 세운 첫 공장이"): the firm, as "Toyota's plant" would be;
- a breach reported by the body that found it ("…조건을 어겼다고 중국 총국이 발표했다");
- a ministry the tables lack taking a stake in a firm: the firm's country's ("국방부가 …
  MP머티리얼즈의 최대 주주로 올라섰다").

`acted_on` runs once per lead sentence, after the subject was marked, and only where a few
substring tests find a shape's key words; most leads pay those tests and nothing more.
"""

from __future__ import annotations

from newsletter.classify_body_on_firm import body_on_firm
from newsletter.classify_cleft_focus import denied
from newsletter.classify_done_by import done_by
from newsletter.classify_law_on_firm import law_on_firm
from newsletter.classify_listed_heads import listed_heads
from newsletter.classify_mentions import _Mention
from newsletter.classify_r25a_acted import group_or_firm_acted_on
from newsletter.classify_r25b_levy import levy_maker
from newsletter.classify_r25b_reason import reason_of_body
from newsletter.classify_r34_listed import listed_by
from newsletter.classify_relative_subject import relative_subject
from newsletter.classify_reported_body import reported_body
from newsletter.classify_s28b_english import EN_UNDER_A_MEASURE_BY
from newsletter.classify_tables import (
    HANGUL,
    LEAD_HEAD_BONUS,
    LEAD_MODIFIER_BONUS,
    TITLE_HEAD_BONUS,
    TITLE_MODIFIER_BONUS,
    lazy_pattern,
)
from newsletter.classify_undergone import _give_head, undergone

_INTERNATIONAL = "an international body"  # the lexicon's group of the UN, the WTO, the IMF …
_ACTING = ("institution", "country", "place")  # who can impose, list, accept or find

_EN_AVOIDED = lazy_pattern(
    r"\b(?:avoided|avoids|escaped|escapes|dodged|averted|was\s+spared|will\s+avoid)\s"
    r"[^.;]{0,60}?\b(?:fines?|penalt(?:y|ies)|sanctions?|charges?|bans?|probes?|"
    r"investigations?|tariffs?)\b[^.;]{0,50}?\b(?:after|as|when)\s+(?:the\s+)?")
_EN_FACES_LEVY = lazy_pattern(
    r"\b(?:face|faces|will\s+face|now\s+face|could\s+face|would\s+face|pay|pays|will\s+pay)"
    r"\s[^.;]{0,60}?"
    r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|surtax(?:es)?)\b")
_EN_INTO = lazy_pattern(r"\b(?:into|to)\s(?:the\s)?$")
# (stop 28b: the present too, "… on vehicles they ship to Mexico after lawmakers there …")
_EN_SHIPPED_INTO = lazy_pattern(
    r"\b(?:ship(?:ped|s)?|export(?:ed|s)?|sold|sells?|sen(?:t|ds?)|imported)\s(?:in)?to\s"
    r"(?:the\s)?$")
_EN_LEVY_COSTS = lazy_pattern(
    r"(?:An?|The)\s[^,;]{0,60}?\b(?:levy|levies|tariffs?|dut(?:y|ies)|strike|recall|fine)\b"
    r"[^,;]{0,50}?\b(?:will|could|would|is\sto|to)?\s?(?:cost|costs|hit|hits|wipe)\s")
_EN_WON_ORDERS = lazy_pattern(
    r"\b(?:won|win|wins|secured|landed|clinched|bagged)\s(?:(?:an?|new|big|large|fresh|firm)\s)?"
    r"(?:orders?|contracts?|deals?)\s(?:as|after|when)\s(?:the\s)?")
_EN_BUYER_VERB = lazy_pattern(
    r"(?:\s\S+){0,2}?\s(?:announced|ordered|placed|agreed|said|unveiled|confirmed|chose)\b")

_KO_LISTED = lazy_pattern(
    r"(?:\([^()]{0,20}\))?의\s(?:\S+\s){0,3}?\S*(?:명단|리스트|목록)['’\"”」]?에\s(?:\S+\s)?"
    r"(?:올랐|오르면서|오르자|올라|포함됐|포함되면서|포함되자|추가됐|추가되면서|추가되자"
    r"|등재됐|등재되면서|등재되자)")
_KO_BUILT = lazy_pattern(
    r"\s(?:세운|지은|짓는|건설한|건설하는|운영하는|설립한|가동하는)\s(?:\S+\s){0,4}?"
    r"\S*(?:공장|시설|법인|매장|센터|단지|연구소|생산라인|캠퍼스)[이가은는]\s")
# A ministry the tables lack (국방부, every country has one) taking a stake in a firm: the firm's
# country's ministry ("…하자 국방부가 희토류 업체 MP머티리얼즈의 최대 주주로 올라섰다").
_KO_BARE_MINISTRY_BEFORE = lazy_pattern(r"(?:국방부|에너지부|국무부|내무부)[가는]\s(?:\S+\s){0,3}$")
_KO_STAKE_TAKEN = lazy_pattern(
    r"의?\s(?:최대\s|2대\s)?(?:주주로\s(?:올라섰|올랐|등극했)"
    r"|지분\s(?:\S+\s){0,2}?\S*[을를]\s(?:사들였|인수했|확보했|취득했|매입했|사들이기로))")
_KO_BREACH_REPORTED = lazy_pattern(r"(?:어겼|위반했|위배했|어긴\s것으로\s보인)다고\s")


def acted_on(text: str, start: int, end: int, mentions: list[_Mention], *, title: bool) -> None:
    """Give the head to whoever the lead sentence text[start:end] says acted on its subject."""
    _acted_on(text, start, end, mentions, title=title)
    bonuses = ((TITLE_HEAD_BONUS, TITLE_MODIFIER_BONUS) if title
               else (LEAD_HEAD_BONUS, LEAD_MODIFIER_BONUS))
    if not body_on_firm(text, start, end, mentions, bonuses) \
            and not law_on_firm(text, start, end, mentions, bonuses) \
            and not reported_body(text, start, end, mentions, bonuses) \
            and not relative_subject(text, start, end, mentions, bonuses) \
            and not group_or_firm_acted_on(text, start, end, mentions, bonuses):  # round 25a
        listed_heads(text, start, end, mentions, bonuses)  # round twenty-three
    reason_of_body(text, start, end, mentions)  # round twenty-five, part b


def _acted_on(text: str, start: int, end: int, mentions: list[_Mention], *,
              title: bool) -> None:
    lead = text[start:end]
    english = lead.isascii() or HANGUL.search(lead) is None
    undergone(text, start, end, mentions, title=title, english=english)  # round twenty
    # cheap first: a few substring tests per shape, most leads match none (one regex of every
    # key word over every lead cost more: +1.47 % against +1.0 % for callgrind's whole pass)
    shapes = _english_shapes(lead) if english else _korean_shapes(lead)
    head_bonus, mod_bonus = ((TITLE_HEAD_BONUS, TITLE_MODIFIER_BONUS) if title
                             else (LEAD_HEAD_BONUS, LEAD_MODIFIER_BONUS))
    if not shapes:
        inside = [m for m in mentions if start <= m.start < end]
        if len(inside) >= 2 and (by := done_by(text, start, end, inside, english)) is not None \
                and by.role != "head" and not denied(text, by):
            _give_head(text, by, inside, (head_bonus, mod_bonus))  # round twenty-one
        return
    inside = [m for m in mentions if start <= m.start < end]
    if len(inside) < 2:
        return
    agent = (_english_agent if english else _korean_agent)(text, start, end, inside, shapes)
    if agent is None or agent.role == "head" or denied(text, agent):
        return  # "X가 아니라 …": the one denied is set aside (stop 28)
    # The subject only undergoes the act (or, for a plant, only names it): it weighs as little
    # as a background clause's subject; a country right before the agent is its modifier.
    _give_head(text, agent, inside, (head_bonus, mod_bonus))


def _english_shapes(lead: str) -> str:
    """The English shapes whose key words the lead holds, one letter each."""
    shapes = ""
    if "avoid" in lead or "escape" in lead or "dodged" in lead or "spared" in lead:
        shapes += "a"
    levy = "tariff" in lead or "dut" in lead or "lev" in lead or "surtax" in lead
    if levy and (" face" in lead or " pay" in lead):
        shapes += "f"
    if (lead.startswith(("A ", "An ", "The ")) and (" cost" in lead or " hit" in lead
                                                     or " wipe" in lead)
            and (levy or "strike" in lead or "recall" in lead or "fine" in lead)):
        shapes += "c"
    if ((" won " in lead or " win" in lead or " secured " in lead or " landed " in lead)
            and ("order" in lead or "contract" in lead or "deal" in lead)):
        shapes += "w"
    return shapes


def _korean_shapes(lead: str) -> str:
    """The Korean shapes whose key words the lead holds, one letter each."""
    shapes = ""
    if "명단" in lead or "리스트" in lead or "목록" in lead:
        shapes += "l"
    if ("세운 " in lead or "지은 " in lead or "짓는 " in lead or "건설" in lead
            or "운영하는 " in lead or "설립한 " in lead or "가동하는 " in lead):
        shapes += "b"
    if ("주주로" in lead or "지분 " in lead) and (
            "국방부" in lead or "에너지부" in lead or "국무부" in lead or "내무부" in lead):
        shapes += "s"
    if "다고 " in lead and ("어겼" in lead or "위반했" in lead or "위배했" in lead
                           or "어긴 " in lead):
        shapes += "r"
    return shapes


def _at(inside: list[_Mention], position: int, kinds: tuple[str, ...]) -> _Mention | None:
    """The mention of one of `kinds` that starts at `position` (after "the"/"Brazil's")."""
    return next((m for m in inside if m.start == position and m.entry.kind in kinds), None)


def _english_agent(text: str, start: int, end: int, inside: list[_Mention],
                   shapes: str) -> _Mention | None:
    if "a" in shapes:
        found = _EN_AVOIDED().search(text, start, end)
        if found is not None and (agent := _at(inside, found.end(), _ACTING)) is not None:
            return agent
    if "f" in shapes and (levy := _EN_FACES_LEVY().search(text, start, end)) is not None:
        by = EN_UNDER_A_MEASURE_BY().search(text, levy.end(), end)  # widened in stop 28b
        # an international body only sets the rules a country's levy follows ("… pay tariffs
        # under rules approved by the WTO"): it lays no levy itself (review of stop 28b)
        maker = None if by is None else next(
            (m for m in inside if by.end() <= m.start <= by.end() + 1
             and m.entry.kind in _ACTING and m.entry.group != _INTERNATIONAL), None)
        if (maker := maker or levy_maker(text, levy.end(), end, inside, next(
                (m for m in inside if m.role in ("head", "modifier")), None))) is not None:
            return maker  # round twenty-five, part b: the levy's place or its plan's owner
        if "export" in text[levy.start():levy.end()]:
            return None  # "miners face an export levy on ore they sell to China": the goods'
            # own country levies what leaves it, not the one they go to (review of stop 28b)
        # No maker named (or a person, "signed by President X"): the country the goods are
        # shipped into, in the subject before "face" or in the levy's own words after it
        # ("… will pay a 25% levy on vehicles shipped to American buyers", round twenty-one)
        return next((m for m in inside if m.entry.kind == "country" and (
            (m.start < levy.start()
             and _EN_INTO().search(text, max(start, m.start - 10), m.start))
            or (m.start >= levy.start()
                and _EN_SHIPPED_INTO().search(text, max(start, m.start - 20), m.start)))), None)
    if "c" in shapes:
        found = _EN_LEVY_COSTS().match(text, start, end)
        if found is not None:
            return _at(inside, found.end(), ("company",))
    if "w" in shapes:
        found = _EN_WON_ORDERS().search(text, start, end)
        if found is not None:
            buyer = _at(inside, found.end(), ("company", "institution", "country"))
            if buyer is not None and _EN_BUYER_VERB().match(text, buyer.end, end):
                return buyer  # "… won orders as ANA Holdings announced …": the buyer's news
    return None


def _korean_agent(text: str, start: int, end: int, inside: list[_Mention],
                  shapes: str) -> _Mention | None:
    if "l" in shapes:
        for m in inside:
            if (m.entry.kind in _ACTING
                    and (_KO_LISTED().match(text, m.end, end) is not None
                         or listed_by(text, m.end, end))  # round thirty-four
                    and any(h.role == "head" and h.start < m.start for h in inside)):
                return m  # "DJI가 미국 FCC의 '커버드 리스트'에 오르면서": the list's owner
    if "b" in shapes:
        for m in inside:
            if (m.entry.kind == "company" and m.particle in ("이", "가")
                    and _KO_BUILT().match(text, m.end + len(m.suffix), end) is not None):
                return m  # "…에 도요타가 세운 첫 북미 배터리 공장이": Toyota's plant
    if "s" in shapes:
        for m in inside:
            if (m.entry.kind == "company"
                    and _KO_BARE_MINISTRY_BEFORE().search(text, max(start, m.start - 40), m.start)
                    and _KO_STAKE_TAKEN().match(text, m.end) is not None):
                return m  # the ministry is the firm's country's
    if "r" in shapes and (breach := _KO_BREACH_REPORTED().search(text, start, end)):
        return next((m for m in inside if m.start > breach.end() - 1
                     and m.entry.kind == "institution"
                     and m.particle in ("이", "가", "은", "는")), None)
    return None
