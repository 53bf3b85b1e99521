"""Korean clause shapes that hand the lead to the wrong name (issue 13, stop 28 d, family k4).

Three shapes of the Korean lead that the rules read as another's story:

- money received as a means (`money_as_means`): "A사가 X 정부 보조금을 받아 Y 공장에 장비를
  들여오고 양산에 들어갔다". Receiving a subsidy, a loan or an investment in a connective clause
  (받아, 받고, 받아서) is how the firm does what the main verb says; the giver does not act in
  the main clause. Round twenty-two's `body_on_firm` reads any "보조금" in the lead as the body's
  act on the firm; that holds for a lead that ENDS in the receipt ("…보조금을 받게 됐다"), not for
  one that goes on to the firm's own verb.
- a body with a field word before it (`field_body_passive`): "…한 사실이 X 노동 당국에
  적발됐다", "A사 임원들이 X 금융 당국에 체포됐다". The passive's agent in 에 acts (stop 28 b's
  `passive_agent`), but that reader ties a country to the body only when nothing stands between
  them; a field word (노동, 금융, 세무, 이민 …) between is still the country's body.
- a nationality that describes a relative clause's subject (`nationality_relative`): "X 국적의
  B 회장이 이끄는 사모펀드 C가 …". "X 국적의" tells only whose citizen the person is, and the
  person sits in a relative clause (이끄는, 세운, 설립한) on the lead's real subject, C. The
  subject's own name decides; a subject the tables lack is filed as a nameless lead is.

- an outlet named by its country reporting a firm named by its seat (`outlet_reports_seat`):
  "…한 뒤, X성 Y에 본사를 둔 Z은행이 …을 중단했다고 W 매체들이 전했다". An outlet only reports
  (`classify_korean._reported_clause_acts` hands the story to the reported clause's subject),
  but when that subject is a firm the tables lack the outlet's country kept the head. The seat
  phrase ("X에 본사를 둔", "X에 본사가 있는") says whose the unnamed firm is.

- an order given, its giver named next (`order_named_next`): "A사가 내놓은 칩을 사지 말라는
  지시가 B와 C 등에 내려졌다(고 D가 전했다). X 당국은 …". The lead's subject is a thing, an
  order, in a passive of giving; A is only a relative clause's subject inside what the order
  forbids, and B and C only receive it. Whoever gave it acts: when the lead leaves the giver
  out and the next sentence opens with a body as its subject, that body is the giver.

`field_body_passive`, `nationality_relative`, `outlet_reports_seat` and `order_named_next` are
`classify_second_look` stages;
`money_as_means` is asked by `classify_body_on_firm` before it moves the head.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_mentions import _Mention
from newsletter.classify_passive_body import lead_end, lead_top
from newsletter.classify_r36e_bloc import no_name_region
from newsletter.classify_tables import lazy_pattern
from newsletter.models import Region

# Money received in a connective clause: "보조금을 받아", "저리 대출을 받고", "투자를 받아서".
# Only money: an approval or an order received ("승인을 받아") is the body's act all the same.
_MONEY_MEANS = lazy_pattern(
    r"[^\s.]*(?:보조금|지원금|대출|융자|투자|자금|세액공제)[을를]?\s(?:[^\s.]+\s){0,2}?"
    r"받(?:아서|아|고)\s")
# What keeps the body acting after the connective: an act of authority on the firm later in the
# lead ("보조금을 받아 … 승인을 받았다", "… 제재를 받았다"), or the lead ending in receipt.
_AUTHORITY_AFTER = lazy_pattern(
    r"과징금|벌금|제재|조사|심사|승인|허가|금지|명령|지정|명단|부과|기소|시정|인가|불허|판결"
    r"|규제|로부터|받(?:았다|는다|게\s됐다|게\s되었다|기로\s했다)")

# The lead ends in a passive whose agent in 에 is a body after a country and one or two field
# words: "브라질 노동 당국에 적발됐다", "인도 금융 범죄 당국에 체포됐다". Group "before" holds
# the country and the field words (checked against the mentions in `field_body_passive`).
_FIELD_BODY_PASSIVE = lazy_pattern(
    r"(?:^|\s)(?P<before>(?:[^\s.]+\s){2,3})(?P<body>당국|경찰|검찰|경찰청"
    r"|검찰청|이민국|세관)에\s(?:[^\s.]+\s){0,5}?(?:체포|구속|기소|적발|입건|단속)"
    r"(?:됐다|되었다|된다|당했다)[.]?\s*$")

# One or two field words between the country and its body: " 노동 ", " 금융 범죄 ". Only words
# that name a body's field or its seat: any two words would let a country that belongs to
# something else end next to a domestic body ("A사 연구원이 중국 이직 직전 경찰에 체포됐다":
# Korean police; China is only where he was going).
_FIELD_WORDS = lazy_pattern(
    r"(?:\s(?:노동|이민|출입국|국경|금융|증권|세무|국세|조세|관세|범죄|수사|사법|연방|주|현지"
    r"|경쟁|반독점|공정거래|환경|보건|식품|의약품|마약|반부패|부패|사정|국가|안보|보안|정보|안전"
    r"|통상|무역|산업|해양|교통|사이버|데이터|개인정보|규제|감독|금융감독|재정|경제|형사)){1,2}\s")

# "국적의 <person> <title>이 이끄는 <subject>가": the person's relative clause, then the subject.
# The word before 이/가 must name a person: a nationality on a firm ("X 국적의 해운사가 운영하는
# 화물선 Y호가") is that firm's home, and what the firm runs is X's as the firm is.
_NATIONALITY_RELATIVE = lazy_pattern(
    r"\s?국적의\s(?:[^\s.,]+\s){0,3}?[^\s.,]*(?:회장|대표|창업자|창업주|설립자|사업가|기업인"
    r"|투자자|억만장자|부호|자산가|씨|의장|사장|총수|오너|최고경영자|CEO|교포|일가|가문|형제)"
    r"[이가]\s(?:이끄는|이끌고\s있는|세운|설립한|창업한"
    r"|소유한|지배하는|운영하는)\s(?P<subject>(?:[^\s.,]+\s){0,3}?[^\s.,]+?)[이가은는]\s")

# The lead ends with an outlet named by its country reporting a clause: "…했다고 W 매체들이
# 전했다", "…라고 W 현지 언론이 보도했다". Group "outlet" is the outlet's phrase.
_OUTLET_REPORTS = lazy_pattern(
    r"[다라]고\s(?P<outlet>(?:[^\s.]+\s){0,2}?[^\s.]*(?:언론|매체|외신|통신|신문|방송)(?:들)?)"
    r"[이가은는]\s(?:[^\s.]+\s){0,3}?(?:보도|전)했다[.]?\s*$")
# A firm described by its seat, then its subject particle: "X성 Y에 본사를 둔 Z은행이 ",
# "X에 본사가 있는 Z사가 ". Group "seat" is where the seat is.
_SEAT_SUBJECT = lazy_pattern(
    r"(?P<seat>(?:[^\s.,]+\s)?[^\s.,]+)에\s본사(?:를\s(?:둔|두고\s있는)|가\s있는)\s"
    r"(?:[^\s.,]+\s){0,2}?[^\s.,]+[이가은는]\s")

# The reported clause ends in a passive right after its agent ("…에 인수됐다고", "…에 의해
#압수됐다고"): the agent acts, as `passive_agent` reads a lead's own passive. Read from a
# doer's name up to the outlet (`outlet_reports_seat`).
_BY_AGENT = lazy_pattern(r"(?:에|에게|에\s의해)\s(?:[^\s.]+\s){0,2}?[^\s.]*(?:됐|되었|당했)다고\s")
_DOERS = ("company", "person", "institution")

# An order as the lead's subject, in a passive of giving: "…하지 말라는 지시가 B 등에 내려졌다",
# "…하라는 명령이 각 사에 하달됐다". The verb ends the lead or its reported clause ("…다고").
_ORDER_GIVEN = lazy_pattern(
    r"[라란]는\s(?:[^\s.]+\s)?(?:지시|명령|지침|권고|통보|주문|요구)[가이]\s(?:[^\s.]+\s){0,5}?"
    r"(?:내려졌|하달됐|하달되었|전달됐|전달되었|떨어졌)(?:다[.]?\s*$|다고\s)")
# The next sentence opens with its subject: the name, brackets, then 은/는/이/가 ("X(CAC)은 ").
_OPENING_SUBJECT = lazy_pattern(r"(?:\([^()\s]{1,15}\))?(?:은|는|이|가)\s")
# A body that reacts to the order in the next sentence did not give it: "EU 집행위원회는 우려를
# 나타냈다", "… 이 조치를 환영했다", "미 국무부는 논평을 거부했다". Its reaction is news about
# someone else's order. Not "경고했다" or "촉구했다": the giver itself warns and urges.
_REACTS = lazy_pattern(r"환영|우려|반발|비판|규탄|논평|언급하지|언급을|유감|반대|지지|항의")


def money_as_means(text: str, body: _Mention, end: int) -> bool:
    """Whether the body's only act in the lead text[:end] is money the firm receives as the
    means of its own main verb ("X 정부 보조금을 받아 … 들여오고 …에 들어갔다")."""
    found = _MONEY_MEANS().match(text, body.end if text[body.end:body.end + 1] != " "
                                 else body.end + 1, end)
    if found is None or found.start() - body.end > 1:
        return False
    return _AUTHORITY_AFTER().search(text, found.end(), end) is None


def field_body_passive(region: Region, reason: str, title: str, body: str,
                       mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The country's region when the lead ends in an arrest or a finding by its body named with
    a field word ("X 노동 당국에 적발됐다") and the deciding name stands before it; else None."""
    end = lead_end(body)
    if "에 " not in body[max(0, end - 40):end]:
        return None
    found = _FIELD_BODY_PASSIVE().search(body, 0, end)
    if found is None:
        return None
    lead, top = lead_top(region, end, mentions)
    if top is None or top.role not in ("head", "modifier") or top.start >= found.start("before"):
        return None
    owner = next((m for m in lead if found.start("before") <= m.start < found.start("body")
                  and not m.suffix and m.entry.kind in ("country", "place")
                  and _FIELD_WORDS().fullmatch(body, m.end, found.start("body"))), None)
    if owner is None or owner.entry.region is region:
        return None
    word = body[owner.start:found.end("body")]
    return owner.entry.region, (f"lead's passive: its agent {word} acts; the subject only "
                                f"undergoes it (was: {reason})")


def nationality_relative(region: Region, reason: str, title: str, body: str,
                         mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The lead's subject after a relative clause whose person the deciding country only
    describes ("X 국적의 B 회장이 이끄는 C가"): C's region, or a nameless lead's when no name
    but the nationality's is known; else None."""
    end = lead_end(body)
    if "국적의 " not in body[:end]:
        return None
    lead, top = lead_top(region, end, mentions)
    if top is None or top.role not in ("head", "modifier") or top.entry.kind != "country":
        return None
    found = _NATIONALITY_RELATIVE().match(body, top.end, end)
    if found is None:
        return None
    named = [m for m in lead if found.start("subject") <= m.start < found.end("subject")]
    if named:
        subject = named[-1]  # "사모펀드 미국 C": the head noun's own name, nearest the particle
        if subject.entry.region is region:
            return None
        return subject.entry.region, (f"lead subject {subject.entry.surface} after a relative "
                                      f"clause; {top.entry.surface} 국적 only describes its "
                                      f"person (was: {reason})")
    if any(m is not top and m.entry.region is not Region.OTHER for m in mentions):
        return None  # others are named: the rules weigh them
    got, why = no_name_region(body[found.start("subject"):])
    return got, (f"{why}; {top.entry.surface} 국적 only describes the person in a relative "
                 f"clause on the subject (was: {reason})")


def outlet_reports_seat(region: Region, reason: str, title: str, body: str,
                        mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The seat's region when the deciding name is the country of an outlet that reports the
    lead ("…했다고 W 매체들이 전했다") and the reported clause's subject is a firm named only by
    its seat ("X에 본사를 둔 Z은행이"); else None."""
    end = lead_end(body)
    if "본사" not in body[:end]:
        return None
    press = _OUTLET_REPORTS().search(body, 0, end)
    if press is None:
        return None
    lead, top = lead_top(region, end, mentions)
    if top is None or top.role != "head" or not (
            press.start("outlet") <= top.start < press.end("outlet")):
        return None  # the outlet is not what decided
    seat = None
    for found in _SEAT_SUBJECT().finditer(body, 0, press.start()):
        seat = found  # the last seat phrase: the reported clause's subject, after any fronting
    if seat is None or any(seat.end() <= m.start and m.entry.kind in _DOERS and _BY_AGENT().match(
            body, m.end, press.start("outlet")) for m in lead):
        return None  # "Z가 중국 넷이즈에 인수됐다고": the passive's named agent acts, not Z
    where = next((m for m in lead if seat.start("seat") <= m.start < seat.end("seat")
                  and m.entry.kind in ("country", "place")), None)
    if where is None or where.entry.region is region:
        return None
    return where.entry.region, (f"an outlet only reports: the reported clause's subject, a firm "
                                f"with its seat in {where.entry.surface} (was: {reason})")


def order_named_next(region: Region, reason: str, title: str, body: str,
                     mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The region of the body that opens the next sentence as its subject, when the lead's
    subject is an order given by no one it names ("…라는 지시가 B 등에 내려졌다"); else None."""
    end = lead_end(body)
    if "는 " not in body[:end] or _ORDER_GIVEN().search(body, 0, end) is None:
        return None
    if any(m.sentence == 0 and m.entry.kind == "institution" for m in mentions):
        return None  # the lead names a body: the rules weigh it as the giver or not
    start = end + (1 if body[end:end + 1] == " " else 0)
    giver = next((m for m in mentions if m.sentence == 1), None)
    if giver is None or giver.start != start or giver.entry.kind != "institution" or \
            _OPENING_SUBJECT().match(body, giver.end) is None or giver.entry.region is region:
        return None
    stop = body.find(". ", giver.end)
    if _REACTS().search(body, giver.end, stop if stop >= 0 else len(body)) is not None:
        return None  # the body named next only reacts to the order
    return giver.entry.region, (f"an order given, its giver named next: {giver.entry.surface} "
                                f"(was: {reason})")
