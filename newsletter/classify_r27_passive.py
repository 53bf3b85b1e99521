"""Round twenty-seven (issue 13): two English passives the plain readers
(`classify_english._passive_agent_of`) let slip.

- An adverb of time or addition before the participle: "Apple and Google are now required by
  a new Japanese law to …". The plain pattern takes only an "-ly" adverb there ("are
  formally required"), and "now", "also", "still" before the participle were left out.
- An abbreviation with dots in the subject's rest: "Nippon Steel's bid for U.S. Steel was
  blocked by President Joe Biden". The late pattern stops at any dot so as not to run into
  the next sentence; a dot after a lone capital ("U.S.", "U.K.") ends no sentence.
Tried only after every other passive reader found nothing, and only where "by" is in the lead.
"""

from __future__ import annotations

import re

from newsletter.classify_tables import EN_PASSIVE_BY

_ADVERB_LY = r"(?:\w+ly\s+)?"
# "now", "also", "still", "already", "again", "first" as well as an "-ly" adverb
_ADVERB_WIDE = r"(?:(?:\w+ly|now|also|still|already|again|first)\s+)?"
assert _ADVERB_LY in EN_PASSIVE_BY.pattern  # the pattern this widens

# The subject's rest up to the passive: no relative word, no comma, no dot but an initial's.
_EN_PASSIVE_WIDE = re.compile(
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|(?<=\b[A-Z])\.)){0,90}?"
    + EN_PASSIVE_BY.pattern.replace(_ADVERB_LY, _ADVERB_WIDE, 1))


def passive_widened(text: str, subject_end: int, end: int) -> re.Match[str] | None:
    """The passive past an adverb or an initial's dot, or None; most leads pay one test."""
    if " by " not in text[subject_end:end]:
        return None
    return _EN_PASSIVE_WIDE.match(text, subject_end)


# Back onto or off someone's list of trusted partners, quoted or not: "was restored to Japan's
# 'white list'", "was removed from Tokyo's whitelist": the list's owner acts, as
# `classify_english._list_owner` reads "was added to Beijing's unreliable entity list".
_EN_BACK_ON_LIST = re.compile(
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|(?<=[A-Z])\.)){0,60}?"
    r"\s*(?:has been|have been|had been|was|were|is|are)\s+(?:\w+ly\s+)?"
    r"(?:restored|returned|readmitted|removed|dropped|struck)\s+(?:to|from|off)\s+(?:the\s+)?")
_EN_TRUST_LIST_AFTER_OWNER = re.compile(
    r"(?:'s|’s|')\s['‘\"“]?(?:[\w-]+\s){0,2}?(?:white\s?list|[Ww]hitelist|White List)\b")


def back_on_list(text: str, subject_end: int, end: int) -> int | None:
    """Where the owner of a list of trusted partners the subject went back on or off starts,
    or None; the caller takes the name that starts there if the list follows it."""
    if "list" not in text[subject_end:end]:
        return None
    onto = _EN_BACK_ON_LIST.match(text, subject_end)
    return None if onto is None or onto.end() > end else onto.end()


def trust_list_follows(text: str, at: int, end: int) -> bool:
    """True where "'s 'white list'" follows the name ending at `at`."""
    return _EN_TRUST_LIST_AFTER_OWNER.match(text, at, end) is not None
