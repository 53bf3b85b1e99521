from tests.region_cases import OTHER, US, misfiled

# Round thirty-four (English): a summary that names no one but an office or act of the
# American presidency (classify_r34e_office). Sentences written for this file; the `*_is_*`
# test failed before the rule, the neighbours must not move.

_AMERICAN_OFFICE = [
    (
        "Toy makers will be exempt from the new duties on imported plastics under an executive "
        "order signed late on Tuesday. Retail groups said the relief came too late for the "
        "holiday season.",
        US,
    ),
    (
        "Hospitals that serve rural counties will get a larger share of grant money under a "
        "health bill signed into law last week, ending months of wrangling between the two "
        "parties.",
        US,
    ),
    (
        "Drugmakers that cut list prices by half will avoid the planned levy on imported "
        "medicines, the president told reporters in the Oval Office on Monday.",
        US,
    ),
    (
        "Lobbyists for crypto exchanges spent a record sum on Capitol Hill this year as "
        "lawmakers weighed rules for stablecoins.",
        US,
    ),
]

# Neighbours: the same words beside a named country keep that country; a summary with neither
# a name nor such a word stays Other.
_NAMED_OR_NOTHING = [
    (
        "Manila will cap rice prices under an executive order signed by the Philippine president "
        "on Friday, the agriculture department said.",
        OTHER,
    ),
    (
        "Importers of used cars will pay lower duties under a reform Argentina's president "
        "signed into law on Thursday.",
        OTHER,
    ),
    (
        "Shoppers cut back on clothing and furniture last month as prices kept rising, a survey "
        "of retailers showed.",
        OTHER,
    ),
]


def test_american_office_is_us() -> None:
    assert misfiled(_AMERICAN_OFFICE) == []


def test_named_country_or_nothing_stays() -> None:
    assert misfiled(_NAMED_OR_NOTHING) == []
