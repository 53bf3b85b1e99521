"""A class of firms or people in a place, as an English subject (round thirty-four, English).

"Following Washington's decision to double tariffs on Indian goods to 50%, shrimp exporters in
Andhra Pradesh have begun cutting purchases from farmers": the main subject is no name but a
class of actors ("exporters", "carmakers", "farmers", "banks", …) and the place after
"in/from" is their home, as "Indian shrimp exporters" would say. The subject reader ends an
English subject at "in" (a name's location is mostly background: "Apple in India …"), so the
place fell out of the subject and the front's Washington led. Round fourteen reads "the
government in New Delhi" so; this is the same for a class of actors: up to two words, the
class noun, "in/from (the)" and a country or place the tables know, then a lowercase word
(the verb). A class already named by its home ("Japanese automakers in the United States
will raise prices") keeps that home: the place is only where it works.
"""

from __future__ import annotations

from newsletter.classify_mentions import ENTRIES
from newsletter.classify_tables import lazy_pattern

_CLASS_IN_PLACE = lazy_pattern(
    r"((?:[\w.-]+\s){0,2}?)(?:exporters|importers|producers|farmers|growers|makers|carmakers|"
    r"automakers|chipmakers|steelmakers|manufacturers|banks|lenders|firms|companies|"
    r"businesses|retailers|refiners|miners|shipbuilders|shipowners|suppliers|traders|insurers|"
    r"airlines|developers|builders|employers|factories|brokers|utilities)\s(?:in|from)\s"
    r"(?:the\s)?([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})\s(?=[a-z])"
)
_HOMES = ("country", "place")


def class_in_place(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of "shrimp exporters in Andhra Pradesh" when a subject opens so, or None."""
    if " in " not in text[start:start + 60] and " from " not in text[start:start + 60]:
        return None  # the cheap test
    found = _CLASS_IN_PLACE().match(text, start, end)
    if found is None:
        return None
    if any(word in ENTRIES for word in found.group(1).split()):
        return None  # "Japanese automakers in the United States …": the class has its home
    entry = ENTRIES.get(found.group(2))
    if entry is None or entry.kind not in _HOMES:
        return None
    return start, found.end(2)
