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

from newsletter.classify_mentions import ENTRIES, _Mention
from newsletter.classify_tables import lazy_pattern

# "ten petrochemical companies led by", "A consortium headed by": an opening without names
# (lowercase words, a number, a capitalised word the tables lack), then a class noun, then the
# leaders' names up to the verb.
_EN_GROUP_LED_BY = lazy_pattern(
    r"(?:(?:[Tt]he|[Aa]n?|\d+|(?P<first>[A-Z][a-z]+))\s)?(?:[a-z][\w-]*\s){0,3}?"
    r"(?:companies|firms|groups?|makers|producers|manufacturers|banks|lenders|investors|"
    r"consortium|consortia|members|chipmakers|automakers|carmakers|refiners|operators|"
    r"insurers|shipbuilders|steelmakers|builders|suppliers|airlines|funds|businesses)\s"
    r"(?:led|headed|spearheaded|fronted)\sby\s"
    r"(?P<names>[A-Z][\w.&'-]*(?:\s(?:[A-Z][\w.&'-]*|and|&|of))*[\w.]*)")
# A piece after a comma that is not a clause: an aside of the object before it.
_EN_ASIDE_PIECE = lazy_pattern(
    r"(?:including|such as|among them|notably|especially|in particular|over|for|from|with|"
    r"against|amid|on|in|at|after|under)\s")
# What a main clause after the asides cannot be (review of 28d): a piece opening in lower case
# other than an article ("which Paris called unfair", "according to …", "demanding …"), or a
# speaker's tag closing the sentence ("…, the Vietnamese trade ministry said."). Then the
# "aside" was the main clause itself: "Since …, over 200 Chinese suppliers have left Vietnam,
# the ministry said", "After …, in Tokyo the industry ministry opened a probe, which …".
_EN_NO_MAIN_AFTER = lazy_pattern(
    r"(?!(?:the|an?|its|their)\s)[a-z]"
    r"|[^,;]{1,80}?\s(?:said|says|reported|reports|added|wrote|noted|told\s[\w.]+)"
    r"(?:\s(?:on\s\w+day|in\sa\s(?:statement|filing|report|note)|last\s\w+|this\s\w+))?"
    r"[.!?\"”']*\s*$")
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
    if found is None or found.group("first") in ENTRIES:
        # "French investors led by Canada's Brookfield": a group that names its own country is
        # named already; the word rule reads it, and the leaders do not replace it (review)
        return None
    start, stop = found.span("names")
    # "led by Saudi Arabia and Russia": the first-named leads (OPEC+ is Saudi-led), so the
    # group is the first leader's, not the coordination's last name (review of 28d)
    cut = text.find(" and ", start, stop)
    return start, stop if cut < 0 else cut


def front_aside(sentence: str, start: int, stop: int) -> bool:
    """Whether sentence[start:stop], a piece after a fronted clause's comma, is an aside of
    the front (it opens as no main clause does: "including …", "over …"). A preposition also
    opens main clauses ("over 200 firms left", "in Tokyo the ministry opened …"), so the piece
    is an aside only if a main clause still follows the asides it starts."""
    if _EN_ASIDE_PIECE().match(sentence, start, stop) is None:
        return False
    rest = stop + 2
    while (nxt := sentence.find(", ", rest)) > 0 and _EN_ASIDE_PIECE().match(sentence, rest, nxt):
        rest = nxt + 2  # ", including …, over …, Korea lifted …": asides in a row
    return _EN_NO_MAIN_AFTER().match(sentence, rest) is None


def government_head(text: str, head: _Mention) -> bool:
    """Whether the head is a country word naming its government ("The Dutch government")."""
    return head.entry.kind == "country" and _EN_GOVERNMENT_NOUN().match(text, head.end) is not None
