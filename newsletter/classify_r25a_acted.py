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
from newsletter.classify_tables import lazy_pattern
from newsletter.classify_undergone import _give_head

# "under an order signed by President", "under a new rule issued by the", "through a decree
# adopted by Prime Minister"
_MEASURE_BY = lazy_pattern(
    r"\b(?:under|in|through|via)\s(?:an?|the|new)\s(?:\S+\s){0,3}?(?:measure|law|bill|decree"
    r"|rule|plan|order|proclamation|regulation)s?\s(?:\S+\s)?(?:approved|passed|adopted|signed"
    r"|imposed|issued|announced|unveiled)\sby\s(?:the\s)?(?:(?:U\.S\.\s|US\s)?(?:President"
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
    if not lead.isascii() or (" by " not in lead and " after " not in lead
                              and " because " not in lead):
        return False
    inside = [m for m in mentions if start <= m.start < end]
    head = next((m for m in inside if m.role == "head"), None)
    if head is None:
        return False
    actor = _measure_maker(text, start, end, inside, head) or _restricting_body(
        text, inside, head)
    if actor is None:
        return False
    _give_head(text, actor, inside, bonuses)
    return True


def _measure_maker(text: str, start: int, end: int, inside: list[_Mention],
                   head: _Mention) -> _Mention | None:
    if head.entry.kind not in ("company", "country") and head.entry.group != "several countries":
        return None
    by = _MEASURE_BY().search(text, head.end, end)
    if by is None:
        return None
    return next((m for m in inside if by.end() <= m.start <= by.end() + 1
                 and m.entry.kind in _ACTORS), None)


def _restricting_body(text: str, inside: list[_Mention], head: _Mention) -> _Mention | None:
    for m in inside:
        if (m.start > head.end and m.entry.kind == "institution"
                and m.entry.region is not head.entry.region
                and _BECAUSE_BODY().search(text, max(head.end, m.start - 24), m.start)
                and _RESTRICTIVE_VERB().match(text, m.end)):
            return m
    return None
