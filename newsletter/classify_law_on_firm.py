"""A law of one country binding firms of another (round twenty-four, issue 13).

The family every fresh pair brings back: the lead's subject is a foreign firm (or a country
naming one, "미국 메타와 …"), but the news is a law or act that obliges, requires or fines it
("애플과 구글이 … 허용하도록 의무화한 … 경쟁촉진법이 시행됐다", "… 법에 따라 … 개방하도록
요구받게 됐다", "… 벌금을 물게 된다. … 금지법이 시행되면서다", "Apple and Google must open their
app stores under a law that …"). The firm does not act; the law's maker does, named by its body,
its leader or its country somewhere in the story ("공정취인위원회가 법 집행을 맡는다", "앨버니지
총리는 …"). Round twenty-two's `body_on_firm` reads the same family when the lead names an
institution and one of a body's acts; this reads it where the act is a law's duty.

The law's maker is the first government side in the story (an institution, a leader, a
country) of a region other than the firm's, that is not background and is not a firm's own
modifier ("중국계 틱톡": China is where TikTok is from, not who makes the law).
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern
from newsletter.classify_undergone import _give_head

_KO_LAW = lazy_pattern(r"\S*법(?:률|안)?['’\"”」]?(?:이|은|에|을|의|으로)?\s|법률|법안")
_KO_DUTY = ("의무화", "요구받", "물게 ", "물어야", "해야 한다", "하도록 ")
_EN_LAW = lazy_pattern(r"\b(?:law|[Aa]ct|bill|legislation|rules?)\b", )  # "the AI Act"
_EN_DUTY = ("must ", "required to", "obliged to", "forced to", "will have to", "obliges ",
            "requires ")
_MAKERS = ("institution", "country", "person")
# "트럼프 대통령이 서명한 … 법안에 이 같은 내용이 담겼다": the law's signer, in a relative clause
_KO_SIGNED_LAW = lazy_pattern(
    r"\S*[이가]\s(?:서명한|통과시킨|공포한|발효시킨|마련한|내놓은|발표한|시행하는)\s(?:\S+\s){0,3}?"
    r"\S*(?:법|법안|법률|행정명령|예산안|대책|조치|정책|계획)(?:에|은|는|이|의|으로|에서)\s")


def law_on_firm(text: str, start: int, end: int, mentions: list[_Mention],
                bonuses: tuple[float, float]) -> bool:
    """Give the lead text[start:end]'s head to the maker of a law binding its firm."""
    lead = text[start:end]
    english = lead.isascii()
    # cheap first: a duty word, then a law word, before any per-name work
    if not any(word in lead for word in (_EN_DUTY if english else _KO_DUTY)):
        return False
    # the law is named in the lead or in the sentence after it ("… 벌금을 물게 된다. … 금지법이
    # 시행되면서다")
    after = text.find(". ", end)
    if (_EN_LAW if english else _KO_LAW)().search(text, start,
                                                  len(text) if after < 0 else after) is None:
        return False
    inside = [m for m in mentions if start <= m.start < end]
    head = next((m for m in inside if m.role == "head"), None) \
        or next((m for m in inside if m.role == "modifier"), None)
    if head is None or head.entry.kind not in ("company", "country"):
        return False
    region = head.entry.region
    firms = [m for m in mentions if m.entry.kind == "company"]
    maker = next((m for m in mentions
                  if m.entry.kind in _MAKERS and m.entry.region != region and not m.background
                  and m.start > head.start
                  and not any(0 <= f.start - m.end <= 2 for f in firms)), None)
    if maker is None or any(f.entry.region == maker.entry.region for f in firms):
        return False  # a firm of the maker's side: the story may be that firm's
    _give_head(text, maker, inside, bonuses)
    return True


def law_signer(text: str, span: tuple[int, int], inside: list[_Mention]) -> _Mention | None:
    """Who signed or passed the law the next sentence says holds the nameless lead's measure.

    A lead naming no one ("반도체 공장을 … 투자세액공제율이 35%로 높아진다") is handed to the next
    sentence's subject; where that subject is the law's content ("… 법안에 이 같은 내용이
    담겼다"), the law's maker in the relative clause before it is the story's actor."""
    found = _KO_SIGNED_LAW().search(text, span[0], span[1])
    if found is None:
        return None
    return next((m for m in reversed(inside) if m.end <= found.start() + 12
                 and found.start() <= m.end + 8 and m.entry.kind in _MAKERS), None)


# "…를 금지하는 세계 첫 법률이 시행에 들어갔다": a law as the lead's subject, taking effect
_KO_LAW_IN_FORCE = lazy_pattern(
    r"\S*(?:법|법률|법안|규정)[이가]\s(?:\S+\s){0,2}?\S*(?:시행|발효)")


def law_in_setting(text: str, first: tuple[int, int], lead: list[_Mention]) -> _Mention | None:
    """The country a nameless lead's law takes effect in ("호주에서 … 법률이 시행에 들어갔다").

    Such a lead is otherwise handed to the next sentence's subject, often the firms the law
    binds ("메타와 틱톡 등 플랫폼 업체는 … 벌금을 물게 된다"); the law is the place's."""
    setting = next((m for m in lead if m.role == "setting" and m.entry.kind == "country"), None)
    if setting is None or _KO_LAW_IN_FORCE().search(text, setting.end, first[1]) is None:
        return None
    return setting
