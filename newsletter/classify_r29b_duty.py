"""A duty laid on firms by a country's measure (round twenty-nine part b, issue 13).

"Platforms including Instagram, TikTok and Snapchat must now take reasonable steps to keep
children under 16 off their services, after Australia's social media ban took effect": the
subject names firms, but what they "must now" do is the measure's doing, and the measure's
owner acts, as in round fourteen's "Apple and Google are required under a new Japanese law to
…" (`classify_english._EN_UNDER_MEASURE`). Read only with a duty in the main verb ("must now",
"now have to", "are now required to") and, later in the sentence, a measure named by its
owner ("after/as/under/since/now that <owner>'s … law/ban/rules/act took effect"); the owner
must be a country, a place or a body the tables know.
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention

# The duty right after the subject (up to two lowercase words of it, "Chinese carmakers", and
# its "including/such as …" list of names), then up to 200 characters (no sentence end), then
# the measure's owner with "'s", up to four words and the measure's noun.
_DUTY_AFTER_MEASURE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}?(?:\s+(?:including|such\s+as|like)\s+[A-Z][^;.]{0,80}?)?"
    r",?\s+(?:must\s+now|now\s+(?:must|have\s+to|has\s+to)|(?:are|is)\s+now\s+(?:required"
    r"|obliged|forced|barred|banned)|will\s+now\s+have\s+to)\b[^;.]{0,200}?[\s,]"
    r"(?:after|as|under|since|now\s+that|once)\s+(?:the\s+)?([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})"
    r"(?:'s|’s)\s+(?:[\w-]+\s+){0,4}?(?:law|act|ban|rules?|regulations?|legislation|directive"
    r"|requirements?)\b"
)
_OWNERS = ("country", "place", "institution")


def duty_after_measure(
    text: str, subject_end: int, end: int, inside: list[_Mention]
) -> _Mention | None:
    """The owner of the measure that lays the main verb's duty on the subject, or None."""
    if "now" not in text[subject_end : subject_end + 130]:
        return None  # the cheap test: most leads name no duty "now"
    found = _DUTY_AFTER_MEASURE.match(text, subject_end, end)
    if found is None:
        return None
    return next((m for m in inside if m.start == found.start(1) and m.entry.kind in _OWNERS), None)
