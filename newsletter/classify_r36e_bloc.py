""""The bloc" in a summary that names no one (round thirty-six, English).

"Developers offering general-purpose AI models in the bloc must now publish summaries of the
data used to train them …", "Companies selling crypto-assets to customers in the 27-nation bloc
must now hold a licence …": the story is a European Union rule taking effect, and the writer,
having named the Union in a headline or an earlier story, calls it only "the bloc". In a
summary with no name the tables know (the only place this test is read, the no-name fallback
in `classify.classify`), a bare "the bloc" or "the 27-nation / 27-member / 28-nation bloc" is
the EU, Europe's in this newsletter. A bloc with another size or a place before it ("the
10-nation bloc", "the Andean bloc") is someone else's and stays Other.

The same bloc as the place a rule for a class of firms applies, in a lead that may name others
("Companies importing steel … into the bloc will have to buy certificates …; Exporters in India,
China and Turkey …", "Steelmakers in China, India and Turkey shipping to the bloc will have to
pay for the carbon …"): round sixteen's class under a rule (`classify_english._class_under_rule`,
"Chipmakers such as TSMC that build in the United States will be …") gives such a lead to the
country named after "in/into/to"; the bloc is no name the tables know, so the lead went to the
exporters' countries named before it, or to no one. `bloc_under_rule` reads a class of firms
(the first word no firm's or person's name), then within the subject "in/into/to/within/across
the (27-nation) bloc", then a rule's verb ("must", "will have to", "will be required", …): the
bloc heads the lead, and the countries named before it in the subject only say where the class
is from. A bloc with a size other than 27/28 is not read, nor one in a text naming another
bloc (ASEAN, Mercosur, the GCC, …).
"""

from __future__ import annotations

from newsletter.classify_body_owner import home_by_evidence
from newsletter.classify_mentions import ENTRIES, _Entry, _Mention
from newsletter.classify_r34e_office import names_an_american_office
from newsletter.classify_tables import FEDERAL, SUBORDINATE_MODIFIER_BONUS
from newsletter.lazy_regex import lazy_pattern
from newsletter.models import Region

EU_BLOC = lazy_pattern(
    r"\b[Tt]he (?:2[78][- ](?:nation|member|country|member-state) )?bloc\b(?!\s+of\b)"
)


def names_the_eu_bloc(text: str) -> bool:
    """Whether `text` calls its actor only "the bloc" (the EU's usual second name)."""
    return "bloc" in text and EU_BLOC().search(text) is not None


def no_name_region(text: str) -> tuple[Region, str]:
    """Where a summary naming no one the tables know goes, and why: a federal body or law, or
    the presidency's offices and acts, are America's (round twenty-two, "lost access to a
    federal tax credit"; round thirty-four, "under an executive order"), "the bloc" the EU's,
    anything else Other."""
    if FEDERAL().search(text) or names_an_american_office(text):
        return Region.US, ("no name recognised but a federal body or law, America's in this "
                           "newsletter: filed under US")
    if names_the_eu_bloc(text):
        return Region.EUROPE, ('no name recognised but "the bloc", the EU\'s second name: '
                               "filed under Europe")
    if (home := home_by_evidence(text)) is not None:  # stop 28: its money, its own bodies
        return home
    return Region.OTHER, "no country, company or person recognised: filed under Other"


_CLASS_INTO_BLOC = lazy_pattern(
    r"(?:[A-Z][\w.'-]*\s)?(?:[a-z-]+\s){0,2}?(?:[A-Za-z-]*(?i:makers|manufacturers|companies"
    r"|firms|producers|suppliers|exporters|importers|platforms|providers|operators|developers"
    r"|retailers|banks|lenders|investors|brands|sellers|vendors|businesses|miners|refiners"
    r"|airlines|insurers|startups|marketplaces|traders|shippers|carriers|owners|employers"
    r"|multinationals|drugmakers))\b[^.;:]{0,160}?\b(?:in|into|to|within|across)\s"
    r"(the\s(?:2[78][- ](?:nation|member|country)\s)?bloc)\b(?!'|’|\s+of\b)"
)
# What a rule does to them (`classify_english._EN_RULE_VERB`'s words, with "must start" and
# "will need to"), right after the subject.
_RULE_VERB = lazy_pattern(
    r"[^.;,]{0,40}?\b(?:must|(?:will|would|shall)\s(?:(?:no longer|also|still|now|then|soon)\s)?"
    r"(?:be\s(?:exempt|required|allowed|barred|banned|subject|charged|taxed|forced|obliged"
    r"|able)|face|need|have to|pay|lose)|(?:are|is)\s(?:now\s)?(?:required|barred|banned"
    r"|obliged))\b"
)
_THE_EU = "EU"
# Another bloc named in the same text: "the bloc" is then likely that one ("Steelmakers in the
# bloc will have to cut output, ASEAN ministers agreed").
_ANOTHER_BLOC = lazy_pattern(
    r"\b(?:ASEAN|Mercosur|MERCOSUR|GCC|Gulf Cooperation Council|African Union|ECOWAS|BRICS"
    r"|EFTA|Eurasian Economic Union|Andean Community|Pacific Alliance|SADC|CARICOM)\b"
)


def bloc_under_rule(text: str, start: int, end: int, mentions: list[_Mention], sentence: int,
                    head_bonus: float) -> None:
    """Add a mention of the EU standing for "the bloc" whose rule a class of firms is under, as
    the lead's head (the names before it in the subject lose theirs), when the lead is so. It
    goes in its place by start, so that a lead naming only the bloc still names someone."""
    if "bloc" not in text[start:end]:
        return  # the cheap test: most leads name no bloc
    found = _CLASS_INTO_BLOC().match(text, start, end)
    if found is None or _RULE_VERB().match(text, found.end(), end) is None:
        return
    if _ANOTHER_BLOC().search(text) is not None:
        return  # ASEAN's, Mercosur's, the GCC's … rule, not the EU's
    first = ENTRIES.get(found.group().split(" ", 1)[0].removesuffix("'s").removesuffix("’s"))
    if first is not None and first.kind != "country":
        return  # "Apple suppliers shipping to the bloc …" are Apple's
    for m in mentions:
        if start <= m.start < found.start(1) and m.role in ("head", "modifier"):
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    eu = ENTRIES[_THE_EU]
    entry = _Entry(found.group(1), eu.group, Region.EUROPE, eu.kind, eu.description, eu.weight)
    at = next((n for n, m in enumerate(mentions) if m.start > found.start(1)), len(mentions))
    mentions.insert(at, _Mention(found.start(1), found.end(1), entry, sentence, role="head",
                                 bonus=head_bonus))
