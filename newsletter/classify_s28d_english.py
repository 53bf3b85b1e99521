"""Three English shapes the subject rules misread (stop 28d, issue 13).

- A class of firms "led by" named ones ("Seven steelmakers led by X and Y agreed to …"): the
  subject is the group, and the group is its leaders' (a consortium's, a group's own country);
  the word rule stopped at "led" as the verb and found no name in "seven steelmakers".
- A fronted clause whose object list runs on in asides ("After fining several brokers,
  including units of A and B, over …, Korea lifted …"): a piece after a comma that opens with
  "including", "such as" or a preposition cannot be the main clause (a main clause opens with
  its subject), so the front runs on over it.
- A government as the lead's head ("The Dutch government will require ASML to …"): it acts;
  `body_on_firm` (a foreign body acting on a firm) must not hand the lead to a "by <country>"
  in an aside ("…, taking over a role played by U.S. rules"), since the head is no firm.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# "ten petrochemical companies led by", "A consortium headed by": an opening without names
# (lowercase words, a number), then a class noun, then the leaders' names up to the verb.
_EN_GROUP_LED_BY = lazy_pattern(
    r"(?:(?:[Tt]he|[Aa]n?|\d+|[A-Z][a-z]+)\s)?(?:[a-z][\w-]*\s){0,3}?"
    r"(?:companies|firms|groups?|makers|producers|manufacturers|banks|lenders|investors|"
    r"consortium|consortia|members|chipmakers|automakers|carmakers|refiners|operators|"
    r"insurers|shipbuilders|steelmakers|builders|suppliers|airlines|funds|businesses)\s"
    r"(?:led|headed|spearheaded|fronted)\sby\s"
    r"(?P<names>[A-Z][\w.&'-]*(?:\s(?:[A-Z][\w.&'-]*|and|&|of))*[\w.]*)")
# A piece after a comma that is not a clause: an aside of the object before it.
_EN_ASIDE_PIECE = lazy_pattern(
    r"(?:including|such as|among them|notably|especially|in particular|over|for|from|with|"
    r"against|amid|on|in|at|after|under)\s")
# A country word that names its government: "The Dutch government", "France's regulators".
_EN_GOVERNMENT_NOUN = lazy_pattern(
    r"(?:'s|’s)?\s(?:government|administration|cabinet|authorities|regulators?|ministry|"
    r"parliament)\b")


def group_led_by(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the leaders' names when the clause text[start:end] opens with a class of
    firms led by them, or None."""
    if " by " not in text[start:min(end, start + 90)]:
        return None  # the cheap test: most subjects are no one's group
    found = _EN_GROUP_LED_BY().match(text, start, end)
    return None if found is None else found.span("names")


def front_aside(sentence: str, start: int, stop: int) -> bool:
    """Whether sentence[start:stop], a piece after a fronted clause's comma, is an aside of
    the front (it opens as no main clause does: "including …", "over …")."""
    return _EN_ASIDE_PIECE().match(sentence, start, stop) is not None


def government_head(text: str, head: _Mention) -> bool:
    """Whether the head is a country word naming its government ("The Dutch government")."""
    return head.entry.kind == "country" and _EN_GOVERNMENT_NOUN().match(text, head.end) is not None
