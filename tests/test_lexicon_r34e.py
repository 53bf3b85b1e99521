from tests.region_cases import JAPAN, OTHER, US, misfiled

# Round thirty-four (English): newsletter/lexicon/*-r34e.tsv. A firm whose name begins with
# another region's body (Treasury Wine Estates read as the U.S. Treasury: a data error), and
# two bodies the tables lacked. Sentences written for this file; each failed before the round.

_NAMES = [
    ("Treasury Wine Estates raised its dividend after a strong year for its premium reds.", OTHER),
    ("Jet fuel bills will top $250 billion this year, the International Air Transport "
     "Association said, as carriers wait for new planes from Boeing.", OTHER),
    ("The Consumer Affairs Agency told a diet-supplement seller to stop claims that its pills "
     "melt belly fat.", JAPAN),
]

# Neighbour: the bare Treasury is still America's.
_BARE_TREASURY = [
    ("The Treasury said it would sell more short-term bills to refill its cash account.", US),
]


def test_names_file_under_their_region() -> None:
    assert misfiled(_NAMES) == []


def test_bare_treasury_stays_american() -> None:
    assert misfiled(_BARE_TREASURY) == []
