"""Who the lead says did its news, in the shapes c25 and c26 brought (round twenty-one, issue 13).

Rounds nineteen and twenty (`classify_acted_on`, `classify_undergone`) read who acts on the
lead's subject; this module reads four more families, each written for the family:

English
- a passive past an appositive: "Meta, already fighting claims at home, was fined … by the
  European Commission", "Dozens of Chinese firms, including …, were added to a list … by the
  Commerce Department": the agent after "by" (the plain passive is `classify_english`'s);
- a subject pulled, banned, blocked or outsold in a country ("… will be pulled from app stores
  in Japan after …", "Honda and Nissan were outsold in China …"): that country.

Korean
- a cleft whose focus names the actor: "…을 지연시킨 것은 시장이 아니라 X 위원회 심사였다",
  "…을 먼저 깬 것은 A가 아니라 B였다": the last name in the focus (read by
  `classify_cleft_focus.cleft_doer_from` since stop 28);
- a thing done under someone's lead: "…가 X의 주도로 문을 열었다": X;
- a subject blocked or banned in a country: "…의 앱이 이탈리아에서 차단됐다": the country.

`done_by` runs once per lead sentence from `acted_on`, and only where a few substring tests find
a shape's key words; most leads pay those tests and nothing more.
"""

from __future__ import annotations

from newsletter.classify_cleft_focus import cleft_doer_from, market_only
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_ACTING = ("institution", "country", "place")

_EN_APPOSITIVE_PASSIVE = lazy_pattern(
    r"[^;]{2,220}?\s(?:was|were|has\sbeen|have\sbeen|had\sbeen|is\sbeing"
    r"|are\sbeing)\s(?:\w+ly\s)?\w+(?:ed|en)\b[^;]{0,100}?\sby\s(?:the\s)?")
_EN_LOST_IN = lazy_pattern(
    r"\b(?:will\sbe|was|were|has\sbeen|have\sbeen|is\sbeing|are\sbeing|are|is)\s(?:\w+ly\s)?"
    r"(?:pulled|banned|blocked|removed|outsold|barred|suspended|delisted|outlawed|fined|sued"
    r"|raided|probed|investigated|charged|sanctioned|penali[sz]ed|restricted|halted|rejected)\b"
    r"[^.;,]{0,40}?\sin\s(?:the\s)?")
_EN_RELATIVE = lazy_pattern(r"\b(?:whose|which|that|who)\b")
_KO_LED_BY = lazy_pattern(r"\)?(?:\([^()]{0,20}\))?의\s주도(?:로|하에|\s아래|\s아래서)\s")
_KO_BANNED_IN = lazy_pattern(
    r"에서\s(?:\S+\s)?(?:판매\s?|사용\s?|서비스\s?|접속\s?|영업\s?|수입\s?)?"
    r"(?:금지|차단|퇴출|중단|정지|제한|불허)(?:됐|되었|당했|된다|될)")


def done_by(text: str, start: int, end: int, inside: list[_Mention],
            english: bool) -> _Mention | None:
    """The mention the lead text[start:end] names as doing its news, or None."""
    lead = text[start:end]
    if english:
        if (" was " in lead or " were " in lead or " been " in lead or " being " in lead) \
                and " by " in lead and " not by " not in lead:  # "not by A but by B" is
            # the plain passive reader's (`classify_english.EN_NOT_BY`)
            found = _EN_APPOSITIVE_PASSIVE().match(text, start, end)
            if found is not None and _EN_RELATIVE().search(text, start, found.end()) is None:
                return next((m for m in inside if found.end() <= m.start <= found.end() + 1
                             and m.entry.kind in _ACTING), None)
        if (" in " in lead and ("pulled" in lead or "banned" in lead or "blocked" in lead
                                 or "removed" in lead or "outsold" in lead or "barred" in lead
                                 or "suspended" in lead or "delisted" in lead
                                 or "outlawed" in lead or "fined" in lead or "sued" in lead
                                 or "raided" in lead or "probed" in lead
                                 or "investigated" in lead or "charged" in lead
                                 or "sanctioned" in lead or "penali" in lead
                                 or "restricted" in lead or "halted" in lead
                                 or "rejected" in lead)):
            found = _EN_LOST_IN().search(text, start, end)
            # a relative clause's passive ("Roblox, whose platform was blocked in Turkey, said")
            # is background: only the main verb's place acts
            if found is not None and _EN_RELATIVE().search(text, start, found.start()) is None:
                return next((m for m in inside if m.start == found.end()
                             and m.entry.kind == "country"), None)
        return None
    if "것은 " in lead and ("였다" in lead or "이었다" in lead) and (
            after := cleft_doer_from(text, start, end, inside)) is not None:
        # a market or a use ("미국 데이터센터용 수주") names no doer (stop 28)
        return next((m for m in inside if m.start >= after and not market_only(text, m, end)), None)
    if "주도" in lead:
        for m in inside:
            if _KO_LED_BY().match(text, m.end) is not None:
                return m
    if "에서 " in lead and ("금지" in lead or "차단" in lead or "퇴출" in lead or "중단" in lead
                          or "정지" in lead or "제한" in lead or "불허" in lead):
        for m in inside:
            if m.entry.kind == "country" and _KO_BANNED_IN().match(text, m.end) is not None:
                return m
    return None

