"""A firm's thing kept off its market after a government refused (issue 13, stop 28c).

"X's new phone stayed off shelves for months after Jakarta refused to issue permits": the
subject only undergoes a state; the refusal is the news, so the government that refused acts,
as a passive's agent does ("was blocked by Jakarta"). A second-look stage (classify_second_look
STAGES): it reads the lead as a whole, after the rules gave it to the subject's owner. Its own
module, since classify_s28c_english is imported by classify_mentions and this stage reads
mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_mentions import _Mention
from newsletter.classify_passive_body import lead_end
from newsletter.classify_tables import lazy_pattern
from newsletter.models import Region

# A firm's thing kept from its market after a government's refusal: "X's new phone stayed off
# shelves for months after Jakarta refused to issue permits", "Y's drug remained unsold after
# Brasilia withheld approval". The subject only undergoes the state; the refusal is the news,
# so the government that refused acts, as a passive's agent does. The state verbs are those of
# being kept out (stayed/remained off, out of, unsold, in limbo); the refusing verbs those of a
# government withholding what it alone can give. "Off" only with a market after it: "shares
# stayed off their record high after Beijing banned …" is a price's level, the firm's own news.
_KEPT_OFF_AFTER_REFUSAL = lazy_pattern(
    r"[^.]{0,80}?\b(?:stayed|remained|sat|languished|was kept|were kept)\s"
    r"(?:off\s(?:(?:the|store|retail)\s)?(?:shelves|market|sale)|out of|unsold|unavailable"
    r"|in limbo|blocked|banned)\b[^.]{0,60}?"
    r"\b(?:after|because|when|as)\s(?:(?:the\s)?(?:government|authorities)\sin\s)?"
    r"(?P<gov>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})\s"
    r"(?:refused|declined|blocked|banned|barred|withheld|denied|halted|suspended|revoked"
    r"|rejected)\b")
_GOVERNMENT_KINDS = frozenset({"country", "place", "institution"})


def kept_off_after_refusal(region: Region, reason: str, title: str, body: str,
                           mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """A second-look stage: the refusing government's region and reason, when the lead says a
    thing stayed off its market after that government refused (see the pattern); else None."""
    end = lead_end(body)
    if " after " not in body[:end] and " because " not in body[:end]:
        return None  # the cheap test
    found = _KEPT_OFF_AFTER_REFUSAL().match(body, 0, end)
    if found is None:
        return None
    gov = next((m for m in mentions if m.sentence == 0 and m.start == found.start("gov")
                and m.entry.kind in _GOVERNMENT_KINDS), None)
    if gov is None or gov.entry.region is region:
        return None
    return gov.entry.region, f"refusal by {gov.label()} keeps the subject's thing off its market"
