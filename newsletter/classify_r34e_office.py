"""An American office or act in a summary that names no one (round thirty-four, English).

"Grocery importers will no longer pay reciprocal tariffs on coffee … under an executive order
signed on Friday", "Chip plants … will qualify for a 35% investment tax credit … under the tax
and spending package signed into law on July 4", "…, the president told reporters in the Oval
Office": the story's actor is a government the writer does not name, and the only words that
tell it are offices and acts of the American presidency. Round twenty-two filed a summary that
names no one but a federal body or law under US (`classify_tables.FEDERAL`); these are the same
kind of word: the Oval Office, an executive order, a bill signed into law, Capitol Hill. Only
the summary with no name the tables know reaches this test, so a text that names the
Philippines' executive order or Argentina's law signed into law keeps its named country.
"""

from __future__ import annotations

# Read inside `classify_tables.FEDERAL` (one alternation with its federal body or law).
AMERICAN_OFFICE = (
    r"\bOval Office\b|\b[Ee]xecutive [Oo]rders?\b|\bsigned (?:it |them )?into law\b"
    r"|\bCapitol Hill\b"
)
