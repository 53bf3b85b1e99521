"""Round twenty-six, part a (issue 13): two English passives whose agent the plain passive
reader (`classify_english._passive_agent_of`) missed.

- A subject that holds a list of names in commas: "Solar panels from Cambodia, Malaysia,
  Thailand and Vietnam were hit with duties by the Commerce Department". The late passive
  pattern allows no comma before the verb (so that a relative clause, "Apple, which was fined
  by …,", stays background); a comma that only joins one or two capitalised words to the next
  name of a list ("…, Malaysia,", "…, South Korea and …") is no clause.
- A passive onto someone's list whose "by" names a body the tables lack: "Huawei and SMIC
  were added to Taipei's entity list by the Ministry of Economic Affairs": the list's owner
  acts for the body, as it does when no "by" follows (`classify_english._list_owner`).
"""

from __future__ import annotations

import re

from newsletter.classify_tables import EN_PASSIVE_BY

# The subject's rest up to the passive: no relative word, commas only inside a list of names.
_EN_PASSIVE_AFTER_LIST = re.compile(
    r"(?:(?!\b(?:which|who|whose|that)\b)"
    r"(?:[^,;.]|,(?=\s[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?(?:,|\sand\s|\sor\s)))){0,120}?"
    + EN_PASSIVE_BY.pattern)


def passive_after_list(text: str, subject_end: int, end: int) -> re.Match[str] | None:
    """The passive past a list of names in commas, or None; most leads pay one substring test."""
    lead = text[subject_end:end]
    if " by " not in lead or ", " not in lead or " and " not in lead:
        return None
    return _EN_PASSIVE_AFTER_LIST.match(text, subject_end)
