"""A body reporting its own act on a foreign firm (round twenty-four, issue 13).

"Amazon, the U.S. e-commerce giant, may have to stop using tools …, the country's Federal Cartel
Office said", "Russia's Kaspersky Lab will be barred from selling …, the Commerce Department
said": the reported clause's subject is a firm of region A, but what it says is a restriction
put on the firm, and the speaker named after it is a body of region B. The body reports what it
did; the story is the body's. A firm's own news told by a body ("Toyota will build …, the
ministry said") stays the firm's: the clause must hold a restriction.

`reported_body` runs once per English lead sentence, after the rounds that read a body acting
on a firm found nothing, and only where a substring test finds " said" and a restriction word.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern
from newsletter.classify_undergone import _give_head

_RESTRICTIONS = ("barred", "banned", "blocked", "have to stop", "must ", "required to",
                 "forced to", "ordered to", "prohibited", "fined", "will lose", "cut off",
                 "suspended", "revoked", "halt ", "penalt")
# between the comma that ends the reported clause and the body: "the", "the country's", "Japan's"
_BEFORE_BODY = lazy_pattern(r",\s(?:the\s)?(?:[A-Za-z.]+['’]s\s)?$")
_REPORT_VERB = lazy_pattern(r"\s(?:said|says|announced|ruled|found|decided|ordered|confirmed)\b")
# a body the tables lack, named by its country: "…, Japan's Fair Trade Commission said"
_COUNTRYS_BODY = lazy_pattern(
    r"['’]s\s(?:[A-Za-z-]+\s){1,4}?(?:said|says|announced|ruled|found|decided|ordered|confirmed)\b")


def reported_body(text: str, start: int, end: int, mentions: list[_Mention],
                  bonuses: tuple[float, float]) -> bool:
    """Give the lead text[start:end]'s head to a foreign body reporting a restriction on it."""
    lead = text[start:end]
    if not lead.isascii() or (" said" not in lead and " ruled" not in lead
                              and " announced" not in lead):
        return False
    if not any(word in lead for word in _RESTRICTIONS):
        return False
    inside = [m for m in mentions if start <= m.start < end]
    head = next((m for m in inside if m.role == "head"), None)
    if head is None or head.entry.kind not in ("company", "country"):
        return False
    body = next((m for m in inside
                 if m.start > head.start and m.entry.region != head.entry.region
                 and _BEFORE_BODY().search(text, max(start, m.start - 24), m.start)
                 and ((m.entry.kind == "institution" and _REPORT_VERB().match(text, m.end, end))
                      or (m.entry.kind == "country"
                          and _COUNTRYS_BODY().match(text, m.end, end)))), None)
    if body is None:
        return False
    _give_head(text, body, inside, bonuses)
    return True
