"""A country's body by its full name, speaking after a reported clause (round thirty-eight).

`classify_english._speaker_after_report` reads a government body as the one who acts when it
speaks after a reported clause about a firm ("Nvidia violated the anti-monopoly law, China's
market regulator said"): the body's finding is the news. Its body pattern takes a country's
possessive with lowercase words ("China's market regulator") or a full name with its article
("the State Administration for Market Regulation"), not the two together: "Apple abused its
dominance, Japan's Fair Trade Commission said" or "…, China's State Administration for Market
Regulation said in a preliminary finding" left the firm of the reported clause as the lead.

Read: a capitalised possessive, one to five capitalised words ending in a body's head noun
(Commission, Agency, Authority, Ministry, Administration, Regulator, Bureau, Office, Court,
Department, Prosecutors), an optional "for/of …" tail, then said/told/found/ruled/warned. A
person's title in 's ("Toyota's Chief Executive Koji Sato said") has no body noun and stays
with the speaker reader.
"""

from __future__ import annotations

import re

from newsletter.classify_tables import lazy_pattern

_COUNTRY_BODY = lazy_pattern(
    r"((?:the )?[A-Z][\w.&-]*['’]s (?:[A-Z][\w.&-]*\s){1,5}?(?:Commission|Agency|Authority"
    r"|Ministry|Administration|Regulator|Bureau|Office|Court|Department|Prosecutors)"
    r"(?: (?:for|of) [A-Z][\w&-]*(?: (?:and )?[A-Z][\w&-]*){0,3})?)"
    r"(?: on \w+day)? (?:told|said|says|warned|found|ruled)\b"
)


def country_body_speaker(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The match of "China's State Administration for Market Regulation said" at pos."""
    head = text[pos:pos + 30]
    if "'s " not in head and "’s " not in head:
        return None
    return _COUNTRY_BODY().match(text, pos, end)


def is_country_body(found: re.Match[str]) -> bool:
    """Whether `found` came from `country_body_speaker`."""
    return found.re is _COUNTRY_BODY()
