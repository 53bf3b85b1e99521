"""A lead that undergoes an act whose agent the next sentence names (round twenty-five, part a).

Round seventeen handed a lead ending in an inquiry, an arrest or a ruling undergone ("…기소됐다",
"…판정을 받았다") to the body the next sentence opens with. Two more shapes of the same reading:

- a notice, demand or warning received with no one giving it: "대만 TSMC가 … 출하하지 말라는
  통보를 받았다. 상무부는 …" (the notice is the ministry's);
- kept on a list with no owner named: "한국과 일본, 대만 … 등이 환율 관찰대상국 명단에 그대로
  남았다. 재무부는 …" (round fourteen's "…명단에 올랐다", kept rather than put);
- left off a list, or a subsidy received, with no giver named: "독일과 프랑스, 일본 등 동맹국들이
  철강 관세 면제 대상에서 빠졌다. 백악관은 …", "대만 TSMC가 … 66억 달러의 보조금을 받는다.
  상무부는 …";
- a way closed: "중국 … DJI의 신형 기체가 미국 시장에서 판매 길이 막혔다. 미 연방통신위원회
  (FCC)가 … 때문이다" (whoever the next sentence says closed it acts);

and one more opening of the next sentence: a country before a body the tables lack ("대만
고등검찰서 지식재산검찰분서는 …", "독일 연방검찰은 …"), which speaks for the body as in 로부터
("중국 생태환경부로부터", round sixteen).
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# Each end apart, behind a substring test: compiling one long alternation cost every process
# more than all its searches (callgrind: +0.24 % of the pass for two more ends).
_BANNED_OR_LEFT_OFF = lazy_pattern(
    # "…판매가 금지됐다"; left off a list: "…동맹국들이 철강 관세 면제 대상에서 빠졌다. 백악관은 …"
    r"(?:(?:판매|수입|수출|사용|영업)(?:가|이)\s(?:\S+\s)?(?:금지|차단)(?:됐|되었)다"
    r"|(?:대상|명단|목록)(?:국)?에서\s(?:\S+\s)?(?:빠졌|제외됐|제외되었)다)[.]?\s*$")
# kept on another's list, as round fourteen's put on it: "…관찰대상국 명단에 그대로 남았다"
_KEPT_ON = lazy_pattern(
    r"(?:명단|목록|리스트)['’\"」』]?에\s(?:그대로\s|계속\s|여전히\s)?(?:남았|잔류했)다[.]?\s*$")
_ENDS = (
    # received with no giver: "…통보를 받았다", "…통보받았다", "…경고를 받았다"; a subsidy:
    # "대만 TSMC가 … 보조금을 받는다. 상무부는 …"
    ("받", lazy_pattern(
        r"(?:(?:(?:통보|통지|지시|요구|경고)를\s|통보)받(?:았|게\s됐|게\s되었)다"
        r"|(?:보조금|지원금)[을를]\s(?:\S+\s)?받(?:는다|았다|게\s됐다|게\s되었다))[.]?\s*$")),
    # a way closed: "…판매 길이 막혔다", "…수출길이 막혔다"
    ("막혔", lazy_pattern(r"길이\s(?:사실상\s|완전히\s)?막혔다[.]?\s*$")),
    ("됐", _BANNED_OR_LEFT_OFF), ("되었", _BANNED_OR_LEFT_OFF), ("빠졌", _BANNED_OR_LEFT_OFF),
    ("남았", _KEPT_ON), ("잔류", _KEPT_ON),
)


def notice_or_closed_end(text: str, first: tuple[int, int]) -> bool:
    """Whether the lead text[first[0]:first[1]] ends in a notice received or a way closed."""
    at = max(first[0], first[1] - 30)
    tail = text[at:first[1]]
    return any(word in tail and pattern().search(text, at, first[1]) is not None
               for word, pattern in _ENDS)


# a body word after the country, up to three words on (initials in brackets may follow):
# "대만 고등검찰서 지식재산검찰분서는", "독일 연방검찰은", "프랑스 경쟁당국이"
_COUNTRY_BODY = lazy_pattern(
    r"\s(?:\S+\s){0,2}?\S*(?:검찰|경찰|법원|당국|위원회|검찰서|분서|[부청국처])"
    r"(?:\([^()\s]{1,15}\))?[은는이가]\s")


def opening_country_body(text: str, second: tuple[int, int],
                         in_second: list[_Mention]) -> _Mention | None:
    """The country the next sentence opens with when a body the tables lack follows it."""
    first = next((m for m in in_second if m.start >= second[0]), None)
    if first is None or first.start - second[0] > 2 or first.entry.kind != "country" \
            or first.particle:
        return None
    body = _COUNTRY_BODY().match(text, first.end)
    if body is None or any(first.end < m.start < body.end() for m in in_second):
        return None  # a body the tables know is its own agent (round seventeen's reading)
    return first
