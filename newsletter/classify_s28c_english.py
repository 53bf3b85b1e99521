"""English shapes the fresh blind sets c111-c114 missed (issue 13, stop 28c).

- A product's name used as a description before a firm: "Robotaxi developer Pony.ai",
  "Smartwatch maker Zepp Health". A capitalised word (capitalised only because it opens the
  sentence) that the tables know as someone's product, followed by a lowercase role noun and
  then a capitalised name, says what the named firm does; it is not the product's owner
  acting. The mention is dropped (`describes_a_name`), so the firm after it is the subject.
- An inverted "not X but Y" with a fronted predicate: "Among the biggest winners of the
  subsidy was not a Korean supplier but Enphase, …". The cleft reader (EN_CLEFT) wants "It
  was not X but Y that …"; here the subject Y follows its verb, after the denied X, so the
  first name (X's) read as the subject. Y is the focus (`inverted_focus`, asked by
  `classify_cleft_focus._english_focus`).
- A bare plural body and its place: "In a case tied to U.S. export controls, prosecutors in
  Singapore charged …": round fourteen read "the government in New Delhi" only with an
  article; the place says whose body it is all the same (`bare_body_in_place`, asked by
  `classify_english._english_subject_span`).

Each bails out on a cheap test first (the mention's kind, " but ", " in "): they run on
every product mention or sentence of a long text.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

# A role noun right after the product word, then a capitalised name: "developer Pony.ai".
_ROLE_THEN_NAME = lazy_pattern(
    r"\s(?:developer|maker|operator|startup|start-up|company|firm|supplier|provider|"
    r"manufacturer|builder|designer|platform|giant|pioneer|specialist|producer|group)"
    r"s?\s[A-Z]")


def describes_a_name(text: str, start: int, end: int, kind: str) -> bool:
    """Whether a product mention at text[start:end] only describes the firm named after it
    ("Robotaxi developer Pony.ai"): the product opens its sentence (so its capital says
    nothing) and a role noun and a capitalised name follow."""
    if kind != "product" or not text[start:start + 1].isupper():
        return False
    before = text[:start].rstrip()
    opens = not before or before[-1] in ".!?-–—:\"“" or before.endswith(")")
    return opens and _ROLE_THEN_NAME().match(text, end) is not None


# "Among the biggest winners … was not X but Y": a fronted predicate ("Among …", "Chief among
# …", "Top of the list …"), its verb, the denied X, then Y, the sentence's real subject. The
# fronted phrase runs straight into its verb, with no comma: after one ("Of note, Toyota said
# its rival was not Honda but BYD", "Among the bidders was Toyota, whose chief said …") a
# clause with its own subject follows, and the denial is only reported inside it.
_EN_INVERTED_DENIAL = lazy_pattern(
    r"\s*(?:(?:Chief|Foremost|First|High)\s+)?(?:Among|Atop|Top of|Of)\s[^.,]{3,160}?\s"
    r"(?:was|were|is|are|has been|have been)\s+not\s+[^,.]+?,?\s+but\s+(?:an?\s+|the\s+)?"
    r"(?P<focus>[A-Z][^,.]*)")


def inverted_focus(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of Y in "Among … was not X but Y, …", or None."""
    if " but " not in text[start:end]:
        return None
    found = _EN_INVERTED_DENIAL().match(text, start, end)
    return found.span("focus") if found is not None else None


# A body in the plural with no article, then its place: "prosecutors in Singapore charged …",
# "Regulators in Brussels fined …". Round fourteen read the place of "the government in New
# Delhi" (an article first); a bare plural is the same body, and the same place says whose.
_BARE_BODY_IN_PLACE = lazy_pattern(
    r"(?:[Pp]rosecutors|[Rr]egulators|[Pp]olice|[Aa]uthorities|[Oo]fficials|[Ll]awmakers"
    r"|[Ii]nvestigators|[Jj]udges|[Cc]ourts|[Ll]egislators|[Cc]ustoms officers)"
    r" in [A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}")


def bare_body_in_place(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a subject "prosecutors in Singapore" opening text[start:end], or None."""
    if " in " not in text[start:start + 30]:
        return None  # the cheap test
    found = _BARE_BODY_IN_PLACE().match(text, start, end)
    return found.span() if found is not None else None

