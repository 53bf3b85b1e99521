"""Rules for a class of firms, for newsletter.classify: a rule, an exemption or a benefit that
applies to "firms such as A and B" is the rule-maker's, whose country the lead names by where the
rule applies; the firms named as examples do not act.
"""

from __future__ import annotations

from newsletter.classify_korean import _adnominal
from newsletter.classify_mentions import _clean_word, _Mention
from newsletter.classify_tables import SUBORDINATE_MODIFIER_BONUS, lazy_pattern


def _korean_class_under_rule(text: str, start: int, end: int, inside: list[_Mention],
                             head_bonus: float) -> bool:
    """"중국에서 전기차를 파는 외국 완성차 업체들은 …저장해야 한다": a rule for a class of firms
    where it applies is that country's, not the firms named as examples ("미국 구글과 메타 같은
    대형 플랫폼은"). The sentence opens with the country in 에서/에, the subject is a class of
    firms in 은/는, and the sentence ends in an obligation or an exemption."""
    first = inside[0] if inside else None
    if first is None:
        return False
    if (first.start != start or first.suffix not in ("에서", "에")
            or first.entry.kind not in ("country", "place", "institution")):
        # cheap first: most leads have no "…라도"
        return ("라도 " in text[first.end:end] and _korean_class_even_if(text, end, inside,
                                                                          head_bonus)
                ) or (_KO_BENEFIT_HINT().search(text, start, end) is not None
                      and _korean_benefit_of_a_class(text, start, end, inside, head_bonus))
    if _KO_RULE_END().search(text, first.end, end) is None:
        return False
    topic = _KO_CLASS_TOPIC().search(text, first.end, end)
    if topic is None or not any(_adnominal(_clean_word(word)) for word
                                in text[first.end:topic.start()].split()[1:]):
        return False  # "중국에서 파는 …업체들은": a verb ties the place to the class
    for m in inside[1:]:
        if m.start < topic.end():
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    first.role, first.bonus = "head", head_bonus
    return True


def _korean_class_even_if(text: str, end: int, inside: list[_Mention], head_bonus: float) -> bool:
    """"대만과 한국 반도체 기업이라도 미국 안에 공장을 짓는다면 관세를 면제받게 된다": a class
    of firms "even if" from elsewhere, under a condition set in one country, is that country's
    rule."""
    even = _KO_CLASS_EVEN().search(text, inside[0].end, end)
    if even is None or _KO_RULE_END().search(text, even.end(), end) is None:
        return False
    where = next((m for m in inside if m.start >= even.end() and m.entry.kind in (
        "country", "place") and (m.suffix in ("에", "에서") or _KO_INSIDE().match(text, m.end))),
                 None)
    if where is None or _KO_CONDITION().search(text, where.end, end) is None:
        return False
    for m in inside:
        if m.start < even.end():
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    where.role, where.bonus = "head", head_bonus
    return True


_KO_CLASS_EVEN = lazy_pattern(
    r"(?:기업|업체|회사|제조사|플랫폼|사업자|수입업체|수출업체|투자자|은행|앱|브랜드)(?:들)?"
    r"(?:이)?라도\s")
_KO_INSIDE = lazy_pattern(r"\s(?:안|내|땅|현지)에?\s")
_KO_CONDITION = lazy_pattern(r"(?:다면|으면|면)\s")
# A class of firms as the topic: "외국 완성차 업체들은", "대형 플랫폼은", "수입 기업은".
_KO_CLASS_TOPIC = lazy_pattern(
    r"(?:기업|업체|회사|제조사|플랫폼|사업자|수입업체|수출업체|투자자|은행"
    r"|앱|브랜드|공장)(?:들)?[은는]\s")
# An obligation or an exemption that ends the sentence: "…저장해야 한다", "…면제받는다".
_KO_RULE_END = lazy_pattern(
    r"(?:해야|하여야|내야|받아야|따라야|지켜야)\s한다[.]?\s*$"
    r"|(?:면제|적용|혜택|지원)(?:을\s|를\s)?받(?:는다|게\s된다)[.]?\s*$"
    r"|(?:의무화|금지|제한)된다[.]?\s*$")


def _korean_benefit_of_a_class(text: str, start: int, end: int, inside: list[_Mention],
                               head_bonus: float) -> bool:
    """"삼성전자와 TSMC 등 미국 땅에 공장을 짓는 기업들이 받는 투자세액공제율이 35%로
    높아진다": a benefit for a class of firms, given by where they build or sell, is that
    country's policy; the firms named as examples only receive it (round sixteen)."""
    found = benefit_of_a_class(text, start, end)
    if found is None or (_KO_INCENTIVE().search(text, found[1], end) is None
                         and _KO_BENEFIT_RECEIVED().search(text, found[1], end) is None):
        # a duty-free access ("멕시코에 공장을 둔 … 업체들이 누려온 무관세 혜택이") is the
        # importing country's, not the place's where the firms build
        return False
    where = where_of_a_class(text, found, inside)
    if where is None:
        return False  # the next sentence may name the rule-maker (classify_handover)
    for m in inside:
        if m.start < found[1] and m is not where:
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    where.role, where.bonus = "head", head_bonus
    return True


def where_of_a_class(text: str, found: tuple[int, int],
                     inside: list[_Mention]) -> _Mention | None:
    """The country or place in 에 (땅에, 내에, 현지에) that describes the class of firms."""
    return next((m for m in inside if found[0] <= m.start < found[1] and m.entry.kind in (
        "country", "place") and (m.suffix in ("에", "에서") or _KO_INSIDE().match(text, m.end))),
                None)


def benefit_of_a_class(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the class of firms is described (from its examples' "등"/"처럼" to its noun), when
    the lead's main clause says a benefit or a levy for it changes: "A와 B 등 …하는 기업들이
    받는 세액공제가 늘어난다", "A와 B 등 …플랫폼이 누려온 면세 혜택이 사라졌다"."""
    if _KO_BENEFIT_HINT().search(text, start, end) is None:
        return None  # cheap first: most leads name no benefit
    change = _KO_BENEFIT_CHANGES().search(text, start, end)
    received = None
    if change is None:
        # (round nineteen) the class as the topic receiving the benefit: "A나 B처럼 미국 땅에
        # 공장을 짓는 기업은 … 세액공제로 돌려받게 된다"
        change = received = _KO_BENEFIT_RECEIVED().search(text, start, end)
        if change is None:
            return None
    examples = _KO_EXAMPLES().search(text, start, change.start())
    if examples is None:
        return None
    firms = (_KO_CLASS_TOPIC if received is not None else _KO_CLASS_SUBJECT)().search(
        text, examples.end(), change.start())
    if firms is None:
        return None
    return examples.start(), firms.end()


_KO_BENEFIT_HINT = lazy_pattern(r"공제|혜택|보조금|세율|지원금|인센티브|면세")
# The benefit as the main subject and its change ending the sentence: "…투자세액공제율이 25%에서
# 35%로 높아진다", "…면세 혜택이 사라졌다".
_KO_BENEFIT_CHANGES = lazy_pattern(
    r"(?:공제|혜택|보조금|세율|지원금|인센티브|면세)(?:율|액|\s?한도)?[이가은는]\s(?:\S+\s){0,4}?"
    r"(?:높아|늘어|줄어|낮아|커|작아|사라|없어|확대|축소|폐지|연장|상향|하향|인상|인하|종료|오른|올라|내려)"
    r"\S*다[.]?\s*$")
# A domestic incentive, which the country where the firms build or sell grants.
_KO_INCENTIVE = lazy_pattern(r"(?<!관세\s)(?:세액공제|공제|보조금|지원금|인센티브|세제\s?혜택)"
                             r"(?:율|액)?[이가은는]\s")
_KO_EXAMPLES = lazy_pattern(r"\s등\s|처럼\s|\s같은\s")
_KO_CLASS_SUBJECT = lazy_pattern(
    r"(?:기업|업체|회사|제조사|플랫폼|사업자|수입업체|수출업체|투자자)(?:들)?(?:[이가]|까지)\s")
# A domestic incentive the class receives, ending the sentence: "…세액공제로 돌려받게 된다",
# "…보조금을 받는다" (round nineteen).
_KO_BENEFIT_RECEIVED = lazy_pattern(
    r"(?:세액공제|공제|보조금|지원금|인센티브|세제\s?혜택)(?:율|액)?(?:로|으로|를|을)\s"
    r"(?:\S+\s){0,2}?(?:돌려)?받(?:게\s된다|는다|을\s수\s있게\s된다)[.]?\s*$")
