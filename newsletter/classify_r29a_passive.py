"""Round twenty-nine, part a (issue 13): an English passive after an apposition of names.

"Russia's two largest oil producers, Rosneft and Lukoil, were hit with sweeping sanctions by
the U.S. Treasury": the subject phrase ends at its owner, and the rest up to the passive holds
an apposition that names the subject's members between two commas. The late pattern takes an
apposition only when it opens with "a/an/the" ("Philly Shipyard, a Pennsylvania builder …,
was bought by …"), and round twenty-six a's list reader only a comma joining the names of a
list, not the closing comma before the verb; a relative clause ("…, which was fined by …,")
stays background, as there. The subject phrase may also end at the apposition's last name
("Russia's largest oil producer, Rosneft, was hit …"). Tried only after every other passive
reader found nothing, and only where "by" and a comma are in the lead.
"""

from __future__ import annotations

import re

from newsletter.classify_tables import EN_PASSIVE_BY

_NAME = r"[A-Z][\w&'’.-]*(?:\s(?:[A-Z][\w&'’.-]*|of|de|&)){0,3}"
_EN_PASSIVE_AFTER_APPOSITION = re.compile(
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|(?<=\b[A-Z])\.)){0,60}?"
    rf",\s(?:{_NAME})(?:(?:,\s|,?\sand\s|\sor\s)(?:{_NAME})){{0,4}}," + EN_PASSIVE_BY.pattern
)
# The subject phrase ending at the apposition's name itself ("Russia's largest oil producer,
# Rosneft, was hit with sanctions by …"): the closing comma, then the passive.
_APPOSITION_BEFORE = re.compile(rf",\s{_NAME}$")
_EN_PASSIVE_AFTER_COMMA = re.compile(r"," + EN_PASSIVE_BY.pattern)


def passive_after_apposition(text: str, subject_end: int, end: int) -> re.Match[str] | None:
    """The passive past an apposition of names between commas, or None."""
    lead = text[subject_end:end]
    if " by " not in lead or ", " not in lead:
        return None
    if text.startswith(",", subject_end) and _APPOSITION_BEFORE.search(
        text, max(0, subject_end - 60), subject_end
    ):
        return _EN_PASSIVE_AFTER_COMMA.match(text, subject_end)
    return _EN_PASSIVE_AFTER_APPOSITION.match(text, subject_end)
