"""A speaker named only by its trade after a reported clause (round twenty-seven; issue 13).

"U.S. import tariffs cost Volkswagen about 1.3 billion euros in the first half, the carmaker
said": the conventions give a report verb at the end to whoever did the news, the speaker; the
speaker here is no name but "the carmaker", and `classify_english._speaker_after_report` wants
a name. Where the reported clause's subject opens with a country (a measure of that country,
"U.S. import tariffs", names no one) and the clause names exactly one company, "the carmaker"
(or "the company", "the group", …) is that company.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_EN_TRADE_SPEAKER = lazy_pattern(
    r", the (?:company|carmaker|automaker|chipmaker|group|firm|bank|lender|insurer|airline|"
    r"retailer|miner|drugmaker|conglomerate|manufacturer) (?:said|says|reported)\b")


def trade_named_speaker(text: str, start: int, end: int,
                        inside: list[_Mention]) -> tuple[int, int] | None:
    """The span of the one company the reported clause names, when a trade word speaks for it
    after the clause and the clause opens with a country; else None (see above)."""
    if text.find(" said", start, end) < 0 and text.find(" says", start, end) < 0:
        return None
    found = _EN_TRADE_SPEAKER().search(text, start, end)
    if found is None:
        return None
    clause = [m for m in inside if start <= m.start < found.start()]
    if not clause or clause[0].entry.kind != "country" or clause[0].start > start + 4:
        return None
    firms = [m for m in clause if m.entry.kind == "company"]
    if len(firms) != 1:
        return None
    return firms[0].start, firms[0].end
