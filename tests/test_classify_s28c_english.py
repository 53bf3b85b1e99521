from newsletter.classify_correct import rules_only
from tests.region_cases import CHINA, EUROPE, OTHER, US, misfiled

# Stop 28c (issue 13): English shapes the fresh blind sets c111-c114 missed
# (newsletter/classify_s28c_english.py). Sentences written for this file; each `*_is_*` test
# failed before the change, the neighbours must not move.

# A product word opening the sentence, then a role noun and a name: it describes the name.
_PRODUCT_AS_DESCRIPTION = [
    ("SHANGHAI (Reuters) - Robotaxi operator WeRide, whose investors include Nissan, raised "
     "about $120 million in a New York listing. The Guangzhou-based firm plans more cities.",
     CHINA),
    ("Robotaxi startup Baidu Apollo Go expanded its driverless fleet in Wuhan on Monday.",
     CHINA),
]

# Neighbours: a product that is the subject, or the product's own maker after it.
_PRODUCT_STAYS = [
    ("Tesla said its Robotaxi service would reach more cities in Texas next year.", US),
    ("Gemini developer Google said it would open an AI research hub in London.", US),
]

# "Among … was not X but Y": Y, after the denied X, is the subject.
_INVERTED_DENIAL = [
    ("Among the biggest winners of the new chip subsidies was not a Japanese supplier but "
     "Micron, the memory maker that expanded plants in Idaho and New York.", US),
    ("Chief among the beneficiaries of Brussels' battery fund were not Chinese cellmakers but "
     "Northvolt, which plans two more plants in Sweden.", EUROPE),
]

# Neighbour: a plain "Among …" sentence with no denial keeps its reading.
_INVERTED_STAYS = [
    ("Among the bidders was Samsung, which offered more than its Japanese rivals.", OTHER),
]

# A name the tables knew only without its accent.
_ACCENTED = [
    ("After Beijing imposed provisional duties on European cognac, Rémy Cointreau warned "
     "that its sales in China would stay weak.", EUROPE),
]


def test_product_before_role_is_description() -> None:
    assert misfiled(_PRODUCT_AS_DESCRIPTION) == []


def test_product_neighbours_stay() -> None:
    assert misfiled(_PRODUCT_STAYS) == []


def test_inverted_denial_is_focus() -> None:
    with rules_only():
        assert misfiled(_INVERTED_DENIAL) == []
    assert misfiled(_INVERTED_DENIAL) == []


def test_inverted_neighbours_stay() -> None:
    assert misfiled(_INVERTED_STAYS) == []


def test_accented_name_is_known() -> None:
    assert misfiled(_ACCENTED) == []
