"""Where an English sentence's fronted clause is (round thirty-four, English).

Two openers the fronted-clause test (`classify_tables.EN_SUBORDINATE_START`) read wrong:

- a time clause measured with an approximation: "About a month after China halted chicken
  imports …, Brazil declared itself free of the disease". "A month after …", "Nearly a year
  after …" and "Two days after …" open a clause already; "About", "Around", "Roughly" and
  "Some" before the measure did not, so the whole sentence was one clause and the front's
  China led. Read only with a time unit and after/before/since/into/later right after.
- a noun phrase opened by a gerund used as a modifier: "Building materials group CRH, which
  moved its primary listing …, will join the S&P 500": "Building" looked like a participle
  ("Facing …, X said"), so CRH fell into a front and the object became the main subject. A
  gerund, up to three lowercase words ending in a kind of firm (group, giant, maker, …),
  a name and then ", which/who" is the subject with its description, not a clause.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

_APPROXIMATE_TIME = lazy_pattern(
    r"(?:About|Around|Roughly|Some)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|a few|several|\d+)\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)\s+"
    r"(?:after|before|since|into|later|on)\b"
)
_GERUND_KIND_NAME = lazy_pattern(
    r"[A-Z][a-z]+ing\s(?:[a-z-]+\s){0,3}?(?:group|giant|maker|firm|company|conglomerate|"
    r"supplier|producer|retailer|operator|chain|specialist|provider|house|line|major)\s"
    r"[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3},\s(?:which|who)\s"
)


def approximate_front(sentence: str) -> bool:
    """Whether `sentence` opens with "About a month after …" and the like."""
    return sentence[:1] in "ARS" and _APPROXIMATE_TIME().match(sentence) is not None


def gerund_kind_subject(sentence: str) -> bool:
    """Whether `sentence` opens with "Building materials group CRH, which …"."""
    return "ing " in sentence[:16] and _GERUND_KIND_NAME().match(sentence) is not None
