from tests.region_cases import CHINA, EUROPE, JAPAN, US, misfiled

# Round thirty-six (English): a passive whose agent is the country of the measure received,
# "was hit with Chinese sanctions" (classify_r36e_measure). Sentences written for this file;
# the `*_is_*` test failed before the rule, the neighbours must not move.

_MEASURE_OF_COUNTRY = [
    (
        "American satellite maker Orbitex was hit with Chinese sanctions over its contracts "
        "with Taiwan's air force, freezing its assets in the mainland.",
        CHINA,
    ),
    (
        "Several U.S. chemical exporters were slapped with Japanese anti-dumping duties on "
        "Thursday after a two-year investigation.",
        JAPAN,
    ),
    (
        "A Chinese steel trader has been hit with fresh American sanctions for shipping "
        "Iranian ore, cutting it off from dollar clearing.",
        US,
    ),
    (
        "U.S. tech group Brightline got struck with British fines for failing to protect "
        "customer data, the largest such penalty this year.",
        EUROPE,
    ),
]

# Neighbours: a measure with no country, a measure received in a relative clause, and a
# nationality that is no measure's keep the subject's story.
_SUBJECT_KEEPS = [
    (
        "U.S. drone maker Skyrider was hit with steep tariffs on imported motors, and said it "
        "would raise prices.",
        US,
    ),
    (
        "Japan's Kansai Steel, which was hit with Chinese sanctions last year, reported a "
        "record profit on Friday.",
        JAPAN,
    ),
    (
        "U.S. chipmaker Micronix was hit with Chinese demand falling for a third quarter, "
        "and cut its outlook.",
        US,
    ),
]


def test_measure_of_country_is_its_country() -> None:
    assert misfiled(_MEASURE_OF_COUNTRY) == []


def test_subject_keeps_its_story() -> None:
    assert misfiled(_SUBJECT_KEEPS) == []
