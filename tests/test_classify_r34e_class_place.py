from tests.region_cases import EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-four (English): a class of firms or people in a place as the main subject
# (classify_r34e_class_place). Sentences written for this file; the `*_is_*` test failed
# before the rule, the neighbours must not move.

_CLASS_IN_PLACE = [
    ("After Washington raised duties on furniture, woodworking firms in Vietnam have started "
     "laying off staff.", OTHER),
    ("Following Beijing's ban on seafood, scallop exporters in Hokkaido are shipping more to "
     "Thailand.", JAPAN),
    ("Since Tokyo cut its subsidies, solar developers in Germany have shelved three projects.",
     EUROPE),
]

# Neighbours: a firm's name before "in" keeps the firm, a class named by its home keeps it;
# a class in a place with no front stays its place's.
_CLASS_STAYS = [
    ("After Beijing curbed exports, Apple in India said it would build a plant.", US),
    ("After Beijing curbed exports, Japanese automakers in Germany cut output.", JAPAN),
    ("Banks in Spain raised mortgage rates after the ECB's move.", EUROPE),
]


def test_class_in_place_is_the_places() -> None:
    assert misfiled(_CLASS_IN_PLACE) == []


def test_class_stays() -> None:
    assert misfiled(_CLASS_STAYS) == []
