from tests.region_cases import CHINA, EUROPE, OTHER, US, misfiled

# Round thirty-six (English): a summary that names no one but "the bloc" (classify_r36e_bloc).
# Sentences written for this file; the `*_is_*` test failed before the rule, the neighbours
# must not move.

_EU_BLOC = [
    (
        "Carmakers selling new vehicles in the bloc will have to fit emergency braking systems "
        "from July, under safety rules adopted last year.",
        EUROPE,
    ),
    (
        "Online marketplaces with more than 45 million users in the 27-nation bloc must now "
        "publish how their recommendation systems rank products.",
        EUROPE,
    ),
    (
        "Fishing fleets will get smaller quotas for cod next year after ministers of the "
        "27-member bloc agreed new catch limits overnight.",
        EUROPE,
    ),
    (
        "Importers of palm oil must prove their shipments did not come from cleared forest "
        "before they enter the bloc, though smaller firms get an extra six months.",
        EUROPE,
    ),
]

# Neighbours: a bloc of another size or place, a bloc of shares, and a bloc beside a named
# country keep what they had.
_OTHER_BLOCS = [
    (
        "Leaders of the 10-nation bloc agreed to speed up talks on a regional digital economy "
        "pact at their summit on Sunday.",
        OTHER,
    ),
    (
        "Winemakers welcomed a trade pact with the Andean bloc, "
        "though farmers' groups warned of cheaper imports.",
        OTHER,
    ),
    (
        "A bloc of shareholders voted against the pay package at the annual meeting on Tuesday.",
        OTHER,
    ),
    (
        "Canada will join talks with the bloc on a defence procurement pact, Ottawa said.",
        OTHER,
    ),
]


def test_eu_bloc_is_europe() -> None:
    assert misfiled(_EU_BLOC) == []


def test_other_blocs_stay() -> None:
    assert misfiled(_OTHER_BLOCS) == []


# "The bloc" as the place of a rule for a class of firms, in a lead that may name other
# countries (classify_r36e_bloc.bloc_under_rule).
_BLOC_UNDER_RULE = [
    (
        "Companies importing timber, paper and rubber into the bloc will have to trace every "
        "shipment to the plot where it was grown. Suppliers in Brazil and Indonesia called the "
        "rules unworkable.",
        EUROPE,
    ),
    (
        "Glassmakers in Egypt, Vietnam and China shipping to the 27-nation bloc must report "
        "the emissions of each furnace from January.",
        EUROPE,
    ),
    (
        "Online sellers from China and India offering goods to shoppers in the bloc will be "
        "required to name a local representative, under rules agreed overnight.",
        EUROPE,
    ),
]

# Neighbours: the bloc as the subject's market with no rule on it, a bloc of another size, and
# a named firm's suppliers keep what they had.
_NO_BLOC_RULE = [
    (
        "Chinese carmakers selling into the bloc reported record sales in October, led by BYD.",
        CHINA,
    ),
    (
        "Exporters in Vietnam shipping to the 10-nation bloc will have to meet new labelling "
        "rules, Hanoi said.",
        OTHER,
    ),
    (
        "Apple suppliers shipping to the bloc will have to publish repair manuals, Apple said.",
        US,
    ),
]


def test_bloc_under_rule_is_europe() -> None:
    assert misfiled(_BLOC_UNDER_RULE) == []


def test_no_bloc_rule_stays() -> None:
    assert misfiled(_NO_BLOC_RULE) == []
