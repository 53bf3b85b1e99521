"""A measure received, named by its country: "was hit with Chinese sanctions" (round 36, English).

"U.S. drone maker Skydio was hit with Chinese sanctions over arms sales to Taiwan": the main
verb is a passive whose agent is told not by "by" but by the nationality of the measure the
subject received. Round fourteen's passive already reads "was hit by Chinese sanctions" (the
agent after "by" is the measure's country, `EN_PASSIVE_BY`); "hit with", "slapped with",
"struck with" and "saddled with" say the same, and the country adjective before sanctions,
tariffs, duties, export controls, curbs, restrictions, fines, penalties or levies acts, as
"…로부터 제재를 받았다" does in Korean. Only the main verb counts (a "which/who/that", a verb of
saying or a subordinator such as "after" before it ends the search: "Sony said its unit was hit
with U.S. export controls" is Sony's), and a measure with no country ("was hit with steep
tariffs") names no agent, so the subject keeps its story.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_HIT_WITH = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that|said|says|after|as|because|when|while|since|if|before"
    r"|warned|warns)\b)[^,;.]){0,60}?\s(?:(?:has|have|had)\s+been|was|were"
    r"|is|are|got|gets|get|be)\s+(?:\w+ly\s+)?(?:hit|slapped|struck|saddled)\s+with\s+"
    r"(?:(?:new|fresh|further|additional|sweeping|retaliatory|heavy|steep)\s+)?"
)
_MEASURE_AFTER = lazy_pattern(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:sanctions?|tariffs?|duties|duty|export\s+controls|curbs"
    r"|restrictions|fines?|penalties|penalty|levies|levy)\b"
)
_HOMES = ("country",)


def measure_of_country(text: str, subject_end: int, end: int,
                       inside: list[_Mention]) -> _Mention | None:
    """The country whose measure the subject "was hit with", or None."""
    lead = text[subject_end:end]
    if " with " not in lead or not any(w in lead for w in ("hit ", "slapped ", "struck ",
                                                          "saddled ")):
        return None  # the cheap test: most leads receive no measure
    found = _HIT_WITH().match(text, subject_end, end)
    if found is None:
        return None
    country = next((m for m in inside if m.start == found.end()), None)
    if country is None or country.entry.kind not in _HOMES:
        return None
    if _MEASURE_AFTER().match(text, country.end, end) is None:
        return None
    return country
