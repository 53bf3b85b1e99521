from tests.region_cases import EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-four (English): where a fronted clause is (classify_r34e_front). Sentences
# written for this file; each `*_is_*` test failed before the rule, the neighbours must not
# move.

# A time clause measured with an approximation: the main clause after it acts.
_APPROXIMATE_FRONT = [
    ("About a week after Beijing banned imports of Japanese seafood, Thailand said it would "
     "buy more scallops from Hokkaido.", OTHER),
    ("Around two months after Washington raised duties on steel, Mexico announced tariffs on "
     "Asian metal.", OTHER),
    ("Roughly a year after Tokyo lifted its curbs, Vietnam resumed shipments of dragon fruit.",
     OTHER),
]

# A gerund used as a modifier before a kind of firm, its name and a relative clause: the
# subject, not a front.
_GERUND_KIND_SUBJECT = [
    ("Mining group Glencore, which shut a smelter last year, will join the S&P 500 index next "
     "week.", EUROPE),
    ("Shipping line Maersk, which rerouted vessels around Africa, will list on the Nasdaq "
     "later this year.", EUROPE),
]

# Neighbours: a sum or count opened by "About"; a participle front that ends with a name.
_FRONT_STAYS = [
    ("About 300 workers at Toyota's Kentucky plant, most of them temporary staff, lost their "
     "jobs.", JAPAN),
    ("Facing fierce competition from China's Temu and Shein, Amazon launched a discount "
     "store.", US),
    ("A week after Beijing banned imports of Japanese seafood, Thailand said it would buy "
     "more scallops.", OTHER),
]


def test_approximate_front_is_the_main_clauses() -> None:
    assert misfiled(_APPROXIMATE_FRONT) == []


def test_gerund_kind_subject_is_the_subjects() -> None:
    assert misfiled(_GERUND_KIND_SUBJECT) == []


def test_front_stays() -> None:
    assert misfiled(_FRONT_STAYS) == []
