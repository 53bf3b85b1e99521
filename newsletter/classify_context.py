"""Names the rest of the text says whose they are, for newsletter.classify: a Korean body's
short name next to a foreign one, a name with two readings, and "the country's" body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsletter.classify_bare_ministry import _MINISTRY, bare_commerce_ministry
from newsletter.classify_mentions import (
    _GROUPS,
    ENTRIES,
    _describe,
    _Entry,
    _Mention,
)
from newsletter.classify_r25a_ministry import ministry_against_us_firms
from newsletter.classify_r25b_ministry import answering_america
from newsletter.classify_r26b_named_next import bare_named_in_full
from newsletter.classify_r28b_place import place_after_setting
from newsletter.classify_r33_jftc import commission_in_japan
from newsletter.classify_r33_ministry import ministry_naming_america
from newsletter.classify_r34_jftc import commission_by_japans_terms
from newsletter.classify_r34_ministry import ministry_of_chinas_side
from newsletter.classify_r36_ministry import ministry_answering_ev_duties
from newsletter.classify_tables import (
    GENERIC_INSTITUTIONS,
    KIND_WEIGHT,
    KOREA_GROUP,
    KOREA_WEIGHT,
    SUBORDINATE_MODIFIER_BONUS,
    lazy_pattern,
)
from newsletter.text import split_dateline


def _resolve_short_forms(text: str, mentions: list[_Mention]) -> None:
    """A Korean body's short name after a foreign one it abbreviates is that one: after "일본
    공정거래위원회가", "공정위는" is Japan's commission, not Korea's (which the bare word names
    in Korean news). Before one too, when nothing else in the text is Korea's: "…와 관련해
    공정거래위원회는 명령을 내렸다. 일본 공정위가 …한 것은 처음이다" is Japan's commission."""
    foreign = [m for m in mentions if m.entry.kind == "institution"
               and m.entry.group != KOREA_GROUP and " " in m.entry.surface]
    if foreign:
        korean = [m for m in mentions if m.entry.group == KOREA_GROUP]
        bare_only = all(m.entry.kind == "institution" and m.entry.surface in GENERIC_INSTITUTIONS
                        for m in korean)
        for m in korean:
            if m.entry.kind != "institution":
                continue
            other = next((f for f in reversed(foreign) if f.start < m.start
                          and _abbreviates(m.entry.surface, f.entry.surface.rsplit(" ", 1)[1])),
                         None)
            if other is None and bare_only and m.entry.surface in GENERIC_INSTITUTIONS:
                other = next((f for f in foreign if f.start > m.start and _same_body(
                    m.entry.surface, f.entry.surface.rsplit(" ", 1)[1])), None)
            if other is not None:
                m.entry = other.entry
    elif "당국" in text or "정부" in text:
        _bare_bodies_of_the_authorities(text, mentions)
    elif "법" in text:
        _bare_bodies_under_a_countrys_law(text, mentions)
    commission_in_japan(text, mentions)  # "…전력 등에 공정거래위원회가 1천억엔" (round 33)
    commission_by_japans_terms(text, mentions)  # "공정거래위원회로부터 배제조치명령을" (34)
    _resolve_two_readings(text, mentions)
    _resolve_the_countrys_body(text, mentions)
    _name_nationwide_bodies(text, mentions)
    if "상무부" in text:
        bare_commerce_ministry(text, mentions)  # round twenty-two
        answering_america(text, mentions)  # round twenty-five, part b
        ministry_against_us_firms(text, mentions)  # round twenty-five, part a
        ministry_naming_america(text, mentions)  # "상무부는 … 미국 정부의 조사에" (33)
        ministry_of_chinas_side(text, mentions)  # "중국 공장에서 만든 칩의 수출을 금지" (34)
        ministry_answering_ev_duties(text, mentions)  # "EU산 돼지고기에 … 반덤핑" (36)
    kinds = {m.entry.kind for m in mentions}
    if "institution" in kinds:
        if ". " in text:
            _name_tail_repeats(text, mentions)
            bare_named_in_full(text, mentions)  # round twenty-six, part b
        if "market" in kinds and kinds <= {"market", "institution"}:
            _bodies_of_the_markets(mentions)
    if "country" in kinds and ". " in text:
        _name_country_body_repeats(text, mentions)


# A foreign country's authorities named after the lead: "일본 당국이", "미국 정부는".
_KO_AUTHORITIES_AFTER = lazy_pattern(r"\s?(?:규제 |경쟁 |금융 )?(?:당국|정부)(?:이|가|은|는|도)\s")


def _bare_bodies_of_the_authorities(text: str, mentions: list[_Mention]) -> None:
    """"구글이 … 공정거래위원회로부터 배제조치명령을 받았다. 일본 당국이 … 처음이다": a bare body
    the tables give Korea, in a text that names nothing else of Korea's, is the body of the
    country whose authorities a later sentence names (round eighteen)."""
    korean = [m for m in mentions if m.entry.group == KOREA_GROUP]
    if not korean or not all(m.entry.kind == "institution"
                             and m.entry.surface in GENERIC_INSTITUTIONS for m in korean):
        return
    country = next((c for c in mentions if c.entry.kind == "country" and c.start > korean[0].end
                    and text.rfind(". ", korean[0].end, c.start) >= 0
                    and _KO_AUTHORITIES_AFTER().match(text, c.end)), None)
    if country is None:
        return
    group = country.entry.group
    region, adjective = _GROUPS[group]
    for m in korean:
        m.entry = _Entry(m.entry.surface, group, region, "institution",
                         _describe(group, adjective, "institution"), m.entry.weight)


# A foreign country's law the sentence goes on to apply: "일본의 스마트폰 … 경쟁촉진법에 따라".
_KO_COUNTRYS_LAW = lazy_pattern(
    r"의\s(?:\S+\s){0,4}?\S*법(?:률)?['’\"”」』]?(?:에\s따라|에\s따른|에\s근거해|상|으로)\s")


def _bare_bodies_under_a_countrys_law(text: str, mentions: list[_Mention]) -> None:
    """"애플과 구글이 일본의 스마트폰 소프트웨어 경쟁촉진법에 따라 공정거래위원회의 규제를 받게
    됐다": a bare body the tables give Korea, enforcing a foreign country's law named earlier in
    its sentence, in a text that names nothing else of Korea's, is that country's body (round
    nineteen, as round eighteen's authorities named in the next sentence)."""
    korean = [m for m in mentions if m.entry.group == KOREA_GROUP]
    if not korean or not all(m.entry.kind == "institution"
                             and m.entry.surface in GENERIC_INSTITUTIONS for m in korean):
        return
    for m in korean:
        law = next((c for c in mentions if c.entry.kind == "country" and c.end < m.start
                    and c.entry.group != KOREA_GROUP and text.find(". ", c.end, m.start) < 0
                    and (found := _KO_COUNTRYS_LAW().match(text, c.end)) is not None
                    and found.end() <= m.start), None)
        if law is not None:
            group = law.entry.group
            region, adjective = _GROUPS[group]
            m.entry = _Entry(m.entry.surface, group, region, "institution",
                             _describe(group, adjective, "institution"), m.entry.weight)


def _bodies_of_the_markets(mentions: list[_Mention]) -> None:
    """"길트 금리가 치솟고 파운드화가 약세를 보이자 재무부 대변인은 …": a bare body every
    country has, in a text that names no country, place or firm but one region's markets and
    currency, is that market's country's, not the one the tables default to."""
    markets = {m.entry.group for m in mentions if m.entry.kind == "market"}
    if len(markets) != 1 or not all(m.entry.kind == "market" or m.entry.surface
                                    in GENERIC_INSTITUTIONS for m in mentions):
        return
    group = markets.pop()
    region, adjective = _GROUPS[group]
    for m in mentions:
        if m.entry.kind == "institution" and m.entry.region is not region:
            m.entry = _Entry(m.entry.surface, group, region, "institution",
                             _describe(group, adjective, "institution"), m.entry.weight)


def _name_tail_repeats(text: str, mentions: list[_Mention]) -> None:
    """"…국가인터넷정보판공실(CAC)로부터 … 받았다. 판공실은 …": Korean news names a long body
    again by its last word or two at the start of a later sentence; that is the body, and the
    subject of its sentence (총국은, 판공실은, 감독청은)."""
    found = []
    for body in mentions:
        surface = body.entry.surface
        # "인도 경쟁위원회(CCI)로부터 … 받았다. 경쟁위원회는 …": a body named with its country
        # is named again without it (round sixteen).
        bare = surface.rsplit(" ", 1)[-1]
        if (body.entry.kind != "institution" or len(bare) < 3
                or not all("가" <= ch <= "힣" for ch in bare)
                or (bare == surface and len(surface) < 5)):
            continue
        for tail in ((bare[-3:], bare[-2:]) if bare == surface
                     else dict.fromkeys((bare, bare[-3:], bare[-2:]))):
            size = len(tail)
            pos = text.find(". " + tail, body.end)
            while pos >= 0:
                start = pos + 2
                end = start + size
                if (text[end:end + 2] in _TAIL_SUBJECT
                        and not any(m.start <= start < m.end for m in mentions)):
                    found.append(_Mention(start, end, body.entry))
                pos = text.find(". " + tail, end)
    if found:
        mentions.extend(found)
        mentions.sort(key=lambda m: m.start)


def _name_country_body_repeats(text: str, mentions: list[_Mention]) -> None:
    """"멕시코 경제경쟁위원회(COFECE)로부터 과징금을 부과받았다. 경쟁위원회는 …": a body the
    tables lack, named right after its country and again at a later sentence's start by its
    name or its last words, is that country's there too (round sixteen)."""
    if _LATER_BODY_START().search(text) is None:
        return  # cheap first: most texts name no body again at a sentence's start
    found = []
    for country in mentions:
        if country.entry.kind != "country" or country.entry.group not in _GROUPS:
            continue
        body = _COUNTRY_BODY_AFTER().match(text, country.end)
        if body is None or any(m.start == body.start(1) for m in mentions):
            continue
        region, adjective = _GROUPS[country.entry.group]
        entry = _Entry(body.group(1), country.entry.group, region, "institution",
                       _describe(country.entry.group, adjective, "institution"),
                       country.entry.weight)
        word = body.group(1)
        if len(word) < 3:
            continue  # "직원", "정부": too short to be the body's own name
        for tail in dict.fromkeys((word, word[-5:], word[-4:], word[-3:])):
            pos = text.find(". " + tail, body.end())
            while pos >= 0:
                start = pos + 2
                end = start + len(tail)
                if (text[end:end + 2] in _TAIL_SUBJECT
                        and not any(m.start <= start < m.end for m in mentions)):
                    found.append(_Mention(start, end, entry))
                pos = text.find(". " + tail, end)
    if found:
        mentions.extend(found)
        mentions.sort(key=lambda m: m.start)


_LATER_BODY_START = lazy_pattern(
    r"\.\s\w{0,12}(?:위원회|당국|청|처|부|원|국|법원|검찰)[은는이가도]\s")
# A body the tables lack right after its country: "멕시코 경제경쟁위원회(COFECE)로부터".
_COUNTRY_BODY_AFTER = lazy_pattern(
    r" (\w{1,12}?(?:위원회|당국|청|처|부|원|국|법원|검찰))"
    r"(?=\(|으?로부터|[은는이가의에도]|\s)")


# A particle that makes the short name the subject of its sentence.
_TAIL_SUBJECT = ("은 ", "는 ", "이 ", "가 ", "도 ")


def _same_body(one: str, other: str) -> bool:
    return _abbreviates(one, other) or _abbreviates(other, one)


def _abbreviates(short: str, long: str) -> bool:
    """Whether `short` is `long` or its Korean abbreviation (공정위 for 공정거래위원회: the same
    first letter, the rest in order)."""
    if short == long:
        return True
    if not short or short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


# A name with two readings, the words that pick the second, and the name it then stands for:
# 머스크 is Elon Musk in most Korean news, the Danish shipping line among ships and freight.
_TWO_READINGS: dict[str, tuple[Callable[[], re.Pattern[str]], str]] = {
    "머스크": (lazy_pattern(r"해운|선사|컨테이너|항로|운임|선박|상선|홍해|희망봉|물동량|항만|선복"),
              "머스크라인"),
}
# Words that keep the first reading whatever else the text says.
_FIRST_READING = lazy_pattern(r"일론|테슬라|스페이스X|xAI|엑스AI|트위터|도지")


def _resolve_two_readings(text: str, mentions: list[_Mention]) -> None:
    for m in mentions:
        reading = _TWO_READINGS.get(m.entry.surface)
        if reading is None or _FIRST_READING().search(text) is not None:
            continue
        words, other = reading
        if words().search(text) is not None:
            e = ENTRIES[other]
            m.entry = _Entry(m.entry.surface, e.group, e.region, e.kind, e.description, e.weight)


# "The country's Fair Trade Commission", "the nation's financial regulator": a body of a
# country the text names elsewhere.
_THE_COUNTRYS_BODY = lazy_pattern(
    r"\b[Tt]he (?:country|nation)(?:'s|’s) ((?:[A-Z][\w&-]*)(?: (?:[A-Z][\w&-]*|of|for|and))*)")
# Where the story is set: "officials in Tokyo", "TOKYO -" opening the text.
_IN_PLACE = lazy_pattern(r"\b(?:in|from) (?:the )?$")


def _resolve_the_countrys_body(text: str, mentions: list[_Mention]) -> None:
    """Name "the country's <Body>" as that country's institution: the country of a place the
    text puts the story in ("Officials in Tokyo said …"), else the country named before it."""
    if "country" not in text and "nation" not in text:
        return
    found = _THE_COUNTRYS_BODY().search(text)
    if found is None or any(m.start <= found.start(1) < m.end for m in mentions):
        return
    places = [m for m in mentions if m.entry.kind in ("country", "place")]
    home = next((m for m in places if _IN_PLACE().search(text, max(0, m.start - 9), m.start)),
                None) or next((m for m in reversed(places) if m.end <= found.start()), None)
    if home is None or home.entry.group not in _GROUPS:
        return
    region, adjective = _GROUPS[home.entry.group]
    entry = _Entry(found.group(1), home.entry.group, region, "institution",
                   _describe(home.entry.group, adjective, "institution"),
                   KIND_WEIGHT["institution"] * (KOREA_WEIGHT if home.entry.group == KOREA_GROUP
                                                 else 1.0))
    mentions.append(_Mention(found.start(1), found.end(1), entry))
    mentions.sort(key=lambda m: m.start)


# "전미부동산중개인협회", "전미자동차노조": a body named for all of America (全美) is America's
# whatever the tables lack; "전일본…" likewise Japan's.
_NATIONWIDE_BODY = lazy_pattern(
    r"(?<![가-힣])(전미|전일본)[가-힣]{1,12}?(?:협회|노조|노동조합|연합회|연합|연맹|위원회|재단|"
    r"조합|협의회|상공회의소)")
_NATIONWIDE_COUNTRY = {"전미": "미국", "전일본": "일본"}


def _name_nationwide_bodies(text: str, mentions: list[_Mention]) -> None:
    if "전미" not in text and "전일본" not in text:
        return
    for found in _NATIONWIDE_BODY().finditer(text):
        if any(m.start <= found.start() < m.end for m in mentions):
            continue
        country = ENTRIES[_NATIONWIDE_COUNTRY[found.group(1)]]
        region, adjective = _GROUPS[country.group]
        entry = _Entry(found.group(), country.group, region, "institution",
                       _describe(country.group, adjective, "institution"),
                       KIND_WEIGHT["institution"])
        mentions.append(_Mention(found.start(), found.end(), entry))
    mentions.sort(key=lambda m: m.start)


def dateline_home(text: str | None) -> _Entry | None:
    """The country of a wire story's dateline city ("(베이징=연합뉴스)" → China's place), if the
    tables know the city."""
    text = text.lstrip() if text else ""
    if text[:1] not in ("(", "["):
        return None  # a Korean wire dateline opens in brackets; most summaries have none
    dateline = split_dateline(text.rstrip())[0]
    if dateline is None or not dateline.place:
        return None
    home = ENTRIES.get(dateline.place)
    return home if home is not None and home.group in _GROUPS else None


def bodies_of_the_dateline(home: _Entry, mentions: list[_Mention]) -> None:
    """"(베이징=연합뉴스) 상무부는 …": a bare body every country has, that no country before it
    names ("미국 상무부", "미국이 … 상무부는"), is the dateline country's, not the one the tables
    default to."""
    region, adjective = _GROUPS[home.group]
    for m in mentions:
        if m.entry.kind in ("country", "place") or " " in m.entry.surface:
            if m.entry.region is not region or m.background:
                # another country named first: the bare body may be its; or the dateline's
                # own, only as what the body answers (round twenty-eight b: "(워싱턴=연합뉴스)
                # 미국의 철강 관세 확대에 맞서 집행위원회가 …")
                return
            continue
        if (m.entry.surface in GENERIC_INSTITUTIONS and m.entry.region is not region
                and (m.entry == ENTRIES.get(m.entry.surface)
                     or (_MINISTRY and m.entry is _MINISTRY[0]))):  # round twenty-two's
            m.entry = _Entry(m.entry.surface, home.group, region, "institution",
                             _describe(home.group, adjective, "institution"),
                             KIND_WEIGHT["institution"])


def implied_main_subject(text: str, spans: list[tuple[tuple[int, int], bool]],
                         inside: list[_Mention], head_bonus: float) -> bool:
    """A main subject the lead names only by what it is, whose country the lead gives another
    way (round sixteen). A bare national body (a finance ministry, a central bank, currency
    authorities) is the country whose currency the lead names, when it names one region's
    only: "As U.S. yields climbed and the yen sank past 160, the Ministry of Finance sold
    dollars", "…엔화 가치가 떨어지자 외환당국이 개입했다" (not a bare 정부, Korea's). A local
    firm the tables lack is the place's named before it: "…중국 쑤저우 공장을 현지 업체 X가"."""
    main = None
    for span, is_main in spans:
        if is_main:
            main = span
            break
    if main is None or text[main[0]] not in _IMPLIED_FIRST:
        return False  # cheap first: most Korean subjects open otherwise
    local = _LOCAL_FIRM().match(text, *main) is not None
    if not local and _BARE_NATIONAL_BODY().fullmatch(text, *main) is None:
        return False  # most leads: a named subject, or a common noun
    if any(main[0] <= m.start < main[1] for m in inside):
        return False
    if local:
        # "…떠난 중국 쑤저우 공장을 현지 업체 하이캉이 인수했다", "…, local rival X said":
        # a local firm the tables lack is the place's named before it
        place = next((m for m in reversed(inside) if m.end <= main[0]
                      and m.entry.kind in ("country", "place")), None)
        if place is None:
            return False
        place.role, place.bonus = "head", head_bonus
        return True
    currencies = [m for m in inside if m.entry.kind == "market" and (
        m.entry.surface.lower() in _CURRENCIES or m.entry.surface.endswith("화"))]
    if not currencies or len({m.entry.region for m in currencies}) != 1:
        return False
    currencies[0].role, currencies[0].bonus = "head", head_bonus
    return True


# How a local firm or a bare national body may open: 현지, 외환/통화/환율 당국, or English.
_IMPLIED_FIRST = frozenset("현외통환ATtaLlMmFfCcGg")
_LOCAL_FIRM = lazy_pattern(
    r"현지\s(?:\S+\s)?\S*(?:업체|기업|회사|제조사|스타트업)\s"
    r"|(?:[Aa]\s)?local\s(?:[\w-]+\s)?(?:firm|company|rival|maker|manufacturer|startup|"
    r"carmaker|automaker|player|producer|group|conglomerate)\s")
_BARE_NATIONAL_BODY = lazy_pattern(
    r"(?:[Tt]he\s)?(?:[Mm]inistry of [Ff]inance|[Ff]inance [Mm]inistry|[Cc]entral [Bb]ank"
    r"|(?:[Cc]urrency|[Mm]onetary|[Ff]inancial) [Aa]uthorities|[Aa]uthorities|[Gg]overnment"
    r"|[Tt]op [Cc]urrency [Dd]iplomat)"
    r"|(?:외환|통화|환율)\s?당국[이은도]?")
_CURRENCIES = frozenset({
    "yen", "yuan", "renminbi", "won", "korean won", "rupee", "rupees", "euro", "euros", "pound",
    "sterling", "ruble", "rouble", "lira", "peso", "franc", "baht", "ringgit", "rupiah",
})


def home_setting(text: str, spans: list[tuple[tuple[int, int], bool]],
                 inside: list[_Mention], head_bonus: float) -> bool:
    """Round seventeen's 국내, or round twenty-eight b's place after a setting clause."""
    return (_home_setting(text, spans, inside, head_bonus)
            or place_after_setting(text, spans, inside, head_bonus))


def _home_setting(text: str, spans: list[tuple[tuple[int, int], bool]],
                  inside: list[_Mention], head_bonus: float) -> bool:
    """"EU의 …법 시행을 앞두고 국내에서도 …법이 시행된다", "일본에 이어 국내에서도 …가
    늘고 있다": a Korean desk's 국내 ("at home") right before a main subject that names no one
    is where the news happens (Korea); the foreign name before it is a comparison (round
    seventeen)."""
    if not inside or text.find("국내", inside[0].start) < 0:
        return False  # cheap first: most leads say no 국내
    main = next((span for span, is_main in spans if is_main), None)
    if main is None or any(main[0] <= m.start < main[1] for m in inside):
        return False
    home = next((m for m in reversed(inside) if m.end <= main[0]), None)
    if (home is None or home.entry.surface not in ("국내", "우리나라")
            or home.suffix not in _HOME_SUFFIXES
            or not _HOME_GAP().fullmatch(text, home.end + len(home.suffix), main[0])):
        return False
    for m in inside:
        if m.start < home.start and m.role in ("head", "modifier"):
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    home.role, home.bonus = "head", head_bonus
    return True


_HOME_SUFFIXES = frozenset({"에서도", "에서는", "에서", "도", "는", "에도"})
# Between 국내에서도 and the main subject: a date or nothing ("국내에서도 19일부터 …법이").
_HOME_GAP = lazy_pattern(r"\s(?:[^\s]*(?:일|월|년|부터|까지|내)\s){0,2}")
