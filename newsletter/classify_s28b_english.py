"""Three English shapes the fresh blind sets c107-c110 missed (issue 13, stop 28b).

Each reader is a shape of language, not a name; the conventions say who acts:

- a unit as the subject: "A unit of CATL broke ground on a plant in West Java", "The Mexican
  subsidiary of Ganfeng opened …", "Zijin Gold International, the overseas unit of miner Zijin
  Mining, raised …" (a name the tables lack, described as someone's unit). A unit files under
  its owner's home, wherever it builds, as "Toyota's Kentucky plant" is Japan's; the owner
  after "of" is the subject, not a background name ("Zeekr, a unit of Geely" keeps Geely in
  the background, since Zeekr itself is known and acts), and a country or a place before the
  unit's noun only says where the unit sits (`unit_owner`, `owner_of_subject_unit`);
- a levy under a measure whose maker follows: "Chinese-made electric vehicles will face a 100%
  surtax … under measures announced by Ottawa", "… under rules Canada's finance ministry
  unveiled": the goods only undergo the levy; the government that imposes it acts, even named
  after the goods or by its capital alone (`EN_UNDER_A_MEASURE_BY`, read by
  `classify_acted_on`, which also reads "surtax" as a levy now, and, where no maker is named,
  the country goods "ship to" in the present as it read "shipped to");
- the denied part of "not X but Y": "The buyer of Covestro turned out to be not a European
  chemical rival but Abu Dhabi National Oil Co": the focus Y acts (the cleft reader already
  says so); what the sentence denies is named only to be set aside, so X's names weigh as
  background, and a background word inside X ("rival") does not reach past "but" to make Y
  background (`settle_denial`, called by `classify_cleft_focus`); "It is no longer X but Y
  that …" denies X as "not" does (`classify_tables.EN_CLEFT`), and X is set aside even when Y
  is a name the tables lack.

Each reader bails out on a substring test first: most leads hold none of the key words.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Protocol

from newsletter.classify_tables import BACKGROUND_FACTOR, EN_BACKGROUND_BEFORE, lazy_pattern


class _Weighed(Protocol):
    """What `settle_denial` reads and sets of a mention (classify_mentions._Mention; not
    imported, since classify_mentions asks `owner_of_subject_unit` while it is imported)."""

    start: int
    background: bool
    factor: float


# The nouns that make a phrase someone's part: "unit", "subsidiary", "affiliate", "arm".
_UNIT = r"(?:units?|subsidiar(?:y|ies)|affiliates?|arm|division|branch|offshoot)"
# The owner after "of": up to three lowercase words of its kind ("miner", "battery giant"), then
# capitalised words ("Bank of China", "Japan's Nidec" hold "of" and "'s").
_OWNER = (r"(?:the\s)?(?:[a-z][\w-]*\s){0,3}?(?P<owner>[A-Z][\w.&'’-]*"
          r"(?:\s(?:[A-Z][\w.&'’-]*|&|de|of(?=\s[A-Z])))*)")
# The subject is the unit itself: "A unit of CATL broke", "The Mexican subsidiary of Ganfeng
# opened", "An affiliate of Japan's Nidec said"; a lowercase word (the verb) follows the owner.
# The words before the unit's noun only describe it: a second determiner there opens another
# phrase, so a verb came between ("The Commerce Department blacklisted a unit of Huawei", "A
# Chinese court ordered two units of X to pay": the court acts, the unit is its object).
_EN_UNIT_OF = lazy_pattern(
    r"(?:A|An|The)\s(?:(?!(?:an?|the|its|their|his|her|two|three|four|several|some|both|all"
    r"|another)\s)[\w.'’&-]+\s){0,4}?(?P<unit>" + _UNIT + r")\sof\s" + _OWNER
    + r"(?=\s[a-z])")
# ... and a past tense right after a name there is that verb, before a bare plural object ("The
# Treasury sanctioned units of Rosneft"); a participle that describes ("The Hong Kong listed
# unit of …", mostly hyphenated) is not.
_EN_VERB_BEFORE_UNIT = lazy_pattern(
    r"[A-Z][\w.&'’-]*\s(?!(?:listed|based|owned|controlled|backed|funded|run)\s)[a-z]+ed\s")
# A name, then an appositive that makes it someone's unit, then the verb: "Zijin Gold
# International, the overseas gold unit of miner Zijin Mining, raised …".
_EN_NAME_A_UNIT_OF = lazy_pattern(
    r"(?P<name>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,4}),\s(?:the|a|an)\s(?:[\w.'’&-]+\s){0,4}?"
    + _UNIT + r"\sof\s" + _OWNER + r",\s(?=[a-z])")
_UNIT_WORDS = ("unit", "subsidiar", "affiliate", " arm ", "division", "branch", "offshoot")


def unit_owner(text: str, start: int, end: int, known: Container[str]) -> tuple[int, int] | None:
    """The span of the owner when the clause text[start:end] opens with a unit as its subject
    ("A unit of CATL broke ground …", "X, the overseas unit of miner Y, raised …" with X a name
    `known` lacks), or None. The owner's span is the subject: a place or a country before the
    unit's noun ("The Mexican unit of …") says only where the unit sits."""
    opening = text[start:min(end, start + 160)]
    if not any(word in opening for word in _UNIT_WORDS):
        return None  # the cheap test: most subjects are no one's unit
    found = _EN_UNIT_OF().match(text, start, end)
    if found is not None:
        if _EN_VERB_BEFORE_UNIT().search(text, start, found.start("unit")) is not None:
            return None  # the unit is the object of the verb before it
        return found.span("owner")
    found = _EN_NAME_A_UNIT_OF().match(text, start, end)
    if found is None or _holds_known(found.group("name"), known):
        return None  # "Zeekr, a unit of Geely, …", "Japan's Hino Motors, …": the name acts
    # the subject runs to the appositive's closing comma, so that a passive after it is read
    # as the main verb's ("…, the overseas unit of Y, was fined by Peru's regulator")
    return found.start("owner"), found.end() - 1


def _holds_known(name: str, known: Container[str]) -> bool:
    """Whether some run of the name's words (or a possessive's owner) is a name `known` holds:
    "Japan's Hino Motors" holds "Hino Motors" (and "Japan")."""
    words = name.replace("’", "'").replace("'s ", " ").split()
    return any(" ".join(words[i:j]) in known
               for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def owner_of_subject_unit(text: str, at: int, known: Container[str]) -> bool:
    """Whether the name at `at` is the owner of a unit that opens its sentence as the subject
    (see `unit_owner`, `known` the names the tables know): then "unit of" makes it no
    background name, it is the actor."""
    sentence = text.rfind(". ", 0, at)
    start = 0 if sentence < 0 else sentence + 2
    owner = unit_owner(text, start, min(len(text), at + 200), known)
    return owner is not None and owner[0] == at


# The measure a levy is laid under, then its maker: "under a bill approved by the Senate",
# "under measures announced by Ottawa" (no article, a plural), "under new rules unveiled by
# Canada's finance ministry"; and with the maker before its verb, "under measures Ottawa
# announced", "under rules that Canada's finance ministry unveiled". The match ends where the
# maker's name starts.
_MEASURE = (r"(?:measure|law|bill|decree|rule|plan|order|proclamation|regulation|package"
            r"|polic(?:y|ie))s?")
_MADE = (r"(?:approved|passed|adopted|signed|imposed|issued|announced|unveiled|introduced"
         r"|finalised|finalized|revised|set\sout|laid\sout|enacted|decreed)")
EN_UNDER_A_MEASURE_BY = lazy_pattern(
    r"\s(?:under|in)\s(?:(?:an?|the)\s)?(?:\S+\s){0,2}?" + _MEASURE
    + r"\s(?:" + _MADE + r"\sby\s(?:the\s)?"
    + r"|(?:that\s)?(?:the\s)?(?=[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}"
    r"(?:(?:'s|’s)\s(?:[\w-]+\s){0,3}?[\w-]+)?\s(?:(?:has|had|have)\s)?" + _MADE + r"\b))")


# The denial before the focus: "not"/"no longer", then what is denied, then "but".
# The last denial wins: "It was not lost on anyone that not X but Y …" denies X.
_EN_DENIAL = lazy_pattern(
    r"(?:^|.*\s)(?:[Nn]ot(?!\s+(?:only|just|merely)\s)|[Nn]o\s+longer)\s+(?P<denied>.+?)"
    r"\s+but\s+(?:to\s+)?$")  # "not only A but B" denies nothing: both act


def settle_denial(text: str, start: int, focus: tuple[int, int],
                  mentions: Sequence[_Weighed]) -> None:
    """Weigh the names of "not X but Y" as the sentence means them, once the focus Y is read:
    X's names are background (named only to be set aside), and a name in Y made background by a
    word inside X ("not a European chemical rival but Abu Dhabi …": "rival" is X's) is not."""
    before = text[start:focus[0]]
    if " but " not in before:
        return  # the cheap test: "It was Y that …" denies no one
    denial = _EN_DENIAL().search(before)
    if denial is None:
        return
    denied = (start + denial.start("denied"), start + denial.end("denied"))
    for m in mentions:
        if denied[0] <= m.start < denied[1] and not m.background:
            m.background = True
            m.factor *= BACKGROUND_FACTOR
        elif (focus[0] <= m.start < focus[1] and m.background
              # no background word of the focus's own ("but a unit of X" keeps X background)
              and EN_BACKGROUND_BEFORE.search(text[focus[0]:m.start]) is None):
            m.background = False
            m.factor /= BACKGROUND_FACTOR
