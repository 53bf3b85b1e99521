"""A list named by its owner as a modifier (round twenty-eight part a, issue 13).

Round twenty-six a read "was added to Beijing's unreliable entity list": the list's owner acts.
Writers also name the owner as a bare modifier, with an article and a time phrase between
("Tencent and CATL were added on Monday to a Pentagon list of companies it says …", "was put
on a Commerce Department blacklist", "were placed on Washington's list of Chinese military
companies"): the owner is still the body that acts. `owned_list` reads those shapes where the
plain pattern found no owner; the owner must be a body, a country or a place (a firm's or an
outlet's list, "Fortune's list", is a ranking, not an act on the subject).
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention

_EN_ONTO_OWNED_LIST = re.compile(
    r"(?:,?\s[^,;]{0,60},)?"
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|(?<=[A-Z])\.)){0,60}?"
    r"\s*(?:has been|have been|had been|was|were|is|are|got|gets|"
    r"(?:will|would|could|may|might|is set to|are set to|is to|are to) be)\s+(?:\w+ly\s+)?"
    r"(?:added|put|placed|included|listed|entered)"
    # a time phrase between: "added on Monday to", "placed last week on"
    r"(?:\s(?:on|last|this|late|early)\s[A-Z]?\w+)?"
    r"\s+(?:to|on|onto|in)\s+(?:the\s+|a\s+|an\s+)?"
)
# after the owner: "'s [up to three words] list" or, as a modifier, "[two words] list/blacklist"
_EN_LIST_AFTER = re.compile(
    r"(?:(?:'s|’s|')\s(?:[\w-]+\s){0,3}?|\s(?:[\w-]+\s){0,2}?)(?:list|List|[Bb]lacklist)\b"
)
_OWNERS = ("institution", "country", "place")


def owned_list(text: str, subject_end: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The body that owns the list the subject was put on, or None; most leads pay one test."""
    if "list" not in text[subject_end:end].lower():
        return None
    onto = _EN_ONTO_OWNED_LIST.match(text, subject_end)
    if onto is None or onto.end() > end:
        return None
    owner = next((m for m in inside if m.start == onto.end()), None)
    if owner is None or owner.entry.kind not in _OWNERS:
        return None
    return owner if _EN_LIST_AFTER.match(text, owner.end, end) else None
