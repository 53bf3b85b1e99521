"""English leads whose subject only undergoes what a body or leader named later does (round
twenty-five, part a).

Two readings of who the main clause's actor is, where the grammatical subject is acted on:

- a firm, a country or several countries' firms as the subject, and a measure by one actor:
  "Japanese, Korean and German brands … will be able to offset part of the levy, under an order
  signed by President Donald Trump": round nine's "several countries together" (an
  international story) gives way to whoever signed or issued the measure the lead is under;
- firms that must now do something because a body of another region acted: "Samsung
  Electronics and SK Hynix will need individual licences … after the Commerce Department
  revoked waivers": the body in the "after / because / when" clause, acting on the subject with a
  restrictive verb, is the story's actor (as round twenty-four's "…, the Commerce Department
  said" was).
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_r29a_cleared import cleared_on_the_way
from newsletter.classify_tables import lazy_pattern
from newsletter.classify_undergone import _give_head

# "under an order signed by President", "under a new rule issued by the", "through a decree
# adopted by Prime Minister"; round twenty-six b: a proposal, and no participle ("under a
# proposal by the Transportation Department")
_MEASURE_BY = lazy_pattern(
    r"\b(?:under|in|through|via)\s(?:an?|the|new)\s(?:\S+\s){0,3}?(?:measure|law|bill|decree"
    r"|rule|plan|order|proclamation|regulation|proposal)s?\s(?:(?:\S+\s)?(?:approved|passed"
    r"|adopted|signed|imposed|issued|announced|unveiled|proposed)\s)?by\s(?:the\s)?"
    r"(?:(?:U\.S\.\s|US\s)?(?:President"
    r"|Prime\sMinister|Chancellor|Premier)\s)?")
# "after the Commerce Department revoked", "because Japan's trade ministry banned"
_BECAUSE_BODY = lazy_pattern(r"\b(?:after|because|since|when|as)\s(?:the\s)?$")
_RESTRICTIVE_VERB = lazy_pattern(
    r"\s(?:\S+\s)?(?:revoked|banned|barred|blocked|imposed|ordered|restricted|rescinded"
    r"|withdrew|denied|rejected|cancell?ed|tightened|added|blacklisted|fined|suspended)\b")
_ACTORS = ("institution", "person", "country")


def group_or_firm_acted_on(text: str, start: int, end: int, mentions: list[_Mention],
                           bonuses: tuple[float, float]) -> bool:
    """Give the English lead text[start:end]'s head to the actor of a measure or restriction
    its subject undergoes (see above); True if moved."""
    lead = text[start:end]
    english = lead.isascii()
    if english and " by " not in lead and " after " not in lead and " because " not in lead \
            and " under " not in lead:
        return False
    if not english and "따라" not in lead:
        return False  # cheap first: most leads name no measure at all
    inside = [m for m in mentions if start <= m.start < end]
    head = next((m for m in inside if m.role == "head"), None)
    if head is None:
        return False
    actor = _law_maker(text, inside, head, english) or (english and (_measure_maker(
        text, start, end, inside, head) or _restricting_body(text, inside, head))) or None
    if actor is None or cleared_on_the_way(text, actor, end):  # round 29a: "after clearing"
        return False
    _give_head(text, actor, inside, bonuses)
    return True


def _measure_maker(text: str, start: int, end: int, inside: list[_Mention],
                   head: _Mention) -> _Mention | None:
    if ((head.entry.kind not in ("company", "country") and head.entry.group != "several countries")
            or text.find(" by ", head.end, end) < 0):
        return None  # the search backtracks over every " in the …": only where "by" follows
    by = _MEASURE_BY().search(text, head.end, end)
    if by is None:
        return None
    return next((m for m in inside if by.end() <= m.start <= by.end() + 1
                 and m.entry.kind in _ACTORS), None)


# what the subject must now do or bear, before the after-clause: "will need licences", "must
# stop", "can no longer sell"; not the firm's own answer ("said it would appeal after …", round
# twenty-three's neighbour: still the firm's story)
_BURDEN = lazy_pattern(
    r"\b(?:will\s(?:need|have\sto|lose|face)|must|needs?\sto|need\s|have\sto|has\sto"
    r"|can\s?no\slonger|cannot|can't|(?:are|is|was|were|be)\s(?:required|forced|barred|banned))\b")


def _restricting_body(text: str, inside: list[_Mention], head: _Mention) -> _Mention | None:
    for m in inside:
        if (m.start > head.end and m.entry.kind == "institution"
                and _BURDEN().search(text, head.end, m.start)
                and m.entry.region is not head.entry.region
                and _BECAUSE_BODY().search(text, max(head.end, m.start - 24), m.start)
                and _RESTRICTIVE_VERB().match(text, m.end)):
            return m
    return None


# Korean: "…이 인도 경쟁위원회의 명령에 따라", "…이 캐나다 정부의 온라인뉴스법에 따라", "…이 EU
# 인공지능법에 따라": the firm acts as another's law or order makes it
_KO_BY_LAW = lazy_pattern(
    r"(?:\([^()]{0,15}\))?(?:의)?\s?(?:\S+\s){0,2}?\S*(?:법|법안|명령|규정|규제|결정|조치|판결"
    r"|지침)(?:에|의\s\S+에)\s따라")
# English: "under the EU AI Act", "under Canada's Online News Act"; "ordered by India's
# competition commission"
_EN_UNDER = lazy_pattern(r"\b(?:under|by)\s(?:the\s)?$")
_EN_LAW_AFTER = lazy_pattern(
    r"(?:['’]s)?\s(?:[A-Za-z-]+\s){0,4}?(?:Act|Law|law|rules|order|regulation|Directive"
    r"|commission|Commission|regulator|authority|watchdog|court)\b")


def _law_maker(text: str, inside: list[_Mention], head: _Mention,
               english: bool) -> _Mention | None:
    """The maker of the law or order the lead's firm acts under (round twenty-five, part a):
    a firm named first, a government, body or law of another region named after it."""
    if head.entry.kind != "company":
        return None
    for m in inside:
        if m.start <= head.end or m.entry.kind not in ("institution", "country") \
                or m.entry.region is head.entry.region:
            continue
        if english:
            if _EN_UNDER().search(text, max(head.end, m.start - 10), m.start) and (
                    _EN_LAW_AFTER().match(text, m.end)):
                return m
        elif _KO_BY_LAW().match(text, m.end):
            return m
    return None
