""""The bloc" in a summary that names no one (round thirty-six, English).

"Developers offering general-purpose AI models in the bloc must now publish summaries of the
data used to train them …", "Companies selling crypto-assets to customers in the 27-nation bloc
must now hold a licence …": the story is a European Union rule taking effect, and the writer,
having named the Union in a headline or an earlier story, calls it only "the bloc". In a
summary with no name the tables know (the only place this test is read, the no-name fallback
in `classify.classify`), a bare "the bloc" or "the 27-nation / 27-member / 28-nation bloc" is
the EU, Europe's in this newsletter. A bloc with another size or a place before it ("the
10-nation bloc", "the Andean bloc") is someone else's and stays Other.
"""

from __future__ import annotations

from newsletter.classify_tables import FEDERAL
from newsletter.lazy_regex import lazy_pattern
from newsletter.models import Region

EU_BLOC = lazy_pattern(
    r"\b[Tt]he (?:2[78][- ](?:nation|member|country|member-state) )?bloc\b(?!\s+of\b)"
)


def names_the_eu_bloc(text: str) -> bool:
    """Whether `text` calls its actor only "the bloc" (the EU's usual second name)."""
    return "bloc" in text and EU_BLOC().search(text) is not None


def no_name_region(text: str) -> tuple[Region, str]:
    """Where a summary naming no one the tables know goes, and why: a federal body or law is
    America's (round twenty-two, "lost access to a federal tax credit"), "the bloc" the EU's,
    anything else Other."""
    if FEDERAL().search(text):
        return Region.US, ("no name recognised but a federal body or law, America's in this "
                           "newsletter: filed under US")
    if names_the_eu_bloc(text):
        return Region.EUROPE, ('no name recognised but "the bloc", the EU\'s second name: '
                               "filed under Europe")
    return Region.OTHER, "no country, company or person recognised: filed under Other"
