"""An American office or act in a summary that names no one (round thirty-four, English).

"Grocery importers will no longer pay reciprocal tariffs on coffee … under an executive order
signed on Friday", "Chip plants … will qualify for a 35% investment tax credit … under the tax
and spending package signed into law on July 4", "…, the president told reporters in the Oval
Office": the story's actor is a government the writer does not name, and the only words that
tell it are offices and acts of the American presidency. Round twenty-two filed a summary that
names no one but a federal body or law under US (`classify_tables.FEDERAL`); these are the same
kind of word: the Oval Office, an executive order, a bill signed into law, Capitol Hill. Only
the summary with no name the tables know reaches this test, so a text that names the
Philippines' executive order or Argentina's law signed into law keeps its named country; and a
text whose country the tables lack but which names its lawmakers or president ("Kenyan
lawmakers", "President Tinubu") is not read as America's.
"""

from __future__ import annotations

from newsletter.lazy_regex import lazy_pattern

_OFFICE = (
    r"\bOval Office\b|\b[Ee]xecutive [Oo]rders?\b|\bsigned (?:it |them )?into law\b"
    r"|\bCapitol Hill\b"
)
# Another country's presidency or legislature the tables do not name: a demonym before its
# office ("Kenyan lawmakers", "Sri Lankan President"), or a president by a name they lack
# ("signed by President Marcos"). Such a text is not America's.
_ELSEWHERE = (
    r"\b(?!(?:American|Republican|Democratic|Texan|Californian|Floridian|Alaskan|Hawaiian)\b)"
    r"[A-Z][a-z]+(?:an|ese)\s(?:President|Prime"
    r"|[Pp]resident|lawmakers|legislators|parliament|[Ss]enate|[Cc]ongress|government|officials"
    r"|authorities|police|courts?)\b|(?<!Vice )\bPresident\s(?!(?:Trump|Biden|Obama|Donald|Joe"
    r"|Barack)\b)[A-Z]"
)
# An office or act with no other country's presidency anywhere in the text (read in the no-name
# fallback, `classify_r36e_bloc.no_name_region`, beside `classify_tables.FEDERAL`).
_AMERICAN_OFFICE = lazy_pattern(
    r"\A(?!(?s:.*?)(?:" + _ELSEWHERE + r"))(?s:.*?)(?:" + _OFFICE + r")")


def names_an_american_office(text: str) -> bool:
    """Whether `text` names the American presidency's offices or acts and no other country's."""
    return _AMERICAN_OFFICE().search(text) is not None
