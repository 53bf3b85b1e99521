"""Where an English fronted clause ends when it holds commas of its own (round thirty-eight).

`classify_english._english_clauses` ends a fronted clause ("After …, X said") at its first
comma, and extends it over a bare list of names ("After Washington, Brussels and Tokyo
tightened curbs, SMIC …"). Two more shapes keep commas inside the front:

- the tail of a list opened by "the": "After spending heavily on studios in Japan, the United
  States and Canada, NetEase has …". The front ends in a name, and the piece after its comma
  is "the" + names + "and/or" + a name, then a comma: the list's tail, still the front's.
- an appositive on the front's last name: "After a year of talks with Seven & i Holdings, the
  Japanese owner of the 7-Eleven chain, Couche-Tard withdrew …". The front ends in a name,
  the piece after its comma is a short noun phrase "the/a/an … of/for/behind …" with no verb,
  and a capitalised word (the main subject) follows the next comma.

Both read only when the front itself ends in a capitalised word, so "After talks collapsed,
the United States and Canada, long allies, imposed …" keeps its subject.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

_NAME = r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|de))*"
_THE_LIST_TAIL = lazy_pattern(
    rf"(?:and\s+|or\s+)?the\s+{_NAME}(?:,\s+(?:the\s+)?{_NAME})*,?\s+(?:and|or)\s+"
    rf"(?:the\s+)?{_NAME}$"
)
_APPOSITIVE = lazy_pattern(
    r"(?:the|an?)\s+(?:[\w'’&.-]+\s+){0,5}?(?:of|for|behind|to)\s+[^,;:]{1,60}$"
)
# a person's name set off by commas after the piece ("the head of Samsung's foundry business,
# Han Jin-man, said"): the piece is that person's title, the main subject (review 3)
_NAME_IN_COMMAS = lazy_pattern(r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3},\s")
_VERBS = frozenset({
    "said", "says", "say", "has", "have", "had", "is", "was", "were", "are", "will", "would",
    "could", "can", "may", "might", "should", "did", "does", "do",
})


def _front_ends_in_name(sentence: str, comma: int) -> bool:
    last = sentence[:comma].rsplit(" ", 1)[-1]
    return last[:1].isupper() or last[:1].isdigit()


def front_inner_piece(sentence: str, start: int, comma: int) -> bool:
    """Whether sentence[start:comma] (the piece after the front's comma) is still the front's:
    the tail of a list opened by "the", or an appositive on the front's last name."""
    if not sentence.startswith(("the ", "a ", "an ", "and the ", "or the "), start):
        return False
    if not _front_ends_in_name(sentence, start - 2):
        return False
    if _THE_LIST_TAIL().match(sentence, start, comma) is not None:
        return True
    piece = sentence[start:comma]
    return (sentence[comma + 2:comma + 3].isupper()
            and not _VERBS.intersection(piece.split())
            and _NAME_IN_COMMAS().match(sentence, comma + 2) is None
            and _APPOSITIVE().match(sentence, start, comma) is not None)
