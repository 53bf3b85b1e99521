"""A charge paid under a country's measure (round thirty part b, issue 13).

"Owners of Chinese-built vessels calling at American ports began paying new fees on Oct. 14
under a U.S. Trade Representative plan": the subject only pays what the measure charges, and
the measure's owner acts, as in round fourteen's "are required under a new Japanese law to …"
and round twenty-nine b's "must now …, after Australia's … ban took effect". Read only with
the main verb a payment of a charge ("began paying new fees", "must pay a levy", "paid
tariffs") and, in the same clause, "under a/an/the <owner …> plan/rule/law/order/…"; the owner
is the first country, place or body the tables know inside that phrase.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_LEVY_UNDER_MEASURE = lazy_pattern(
    r"\s(?:(?:began|begin|begins|started|start|starts|will\s+start|will\s+begin)\s+paying|"
    r"(?:must|will|now|to|would)\s+pay|pay|pays|paid|paying)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:fees?|charges?|levies|levy|duties|tariffs?|taxes|tax|tolls?)\b[^;:]{0,60}?\sunder\s+"
    r"(?:a|an|the)\s+((?:[\w.&'’-]+\s+){1,5}?)(?:plan|rules?|law|act|order|policy|regime"
    r"|programme|program|scheme|regulations?|measures?)\b"
)
_OWNERS = ("country", "place", "institution")


def levy_under_measure(
    text: str, subject_end: int, end: int, inside: list[_Mention]
) -> _Mention | None:
    """The owner of the measure under which the main clause's subject pays, or None."""
    lead = text[subject_end:end]
    if " under " not in lead or "pa" not in lead:
        return None  # the cheap test: most leads name no measure "under"
    found = _LEVY_UNDER_MEASURE().search(text, subject_end, end)
    if found is None:
        return None
    return next(
        (m for m in inside if found.start(1) <= m.start < found.end(1) and m.entry.kind in _OWNERS),
        None,
    )
