from tests.region_cases import EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-four (English): a deal's buyer acts (classify_r34e_takeover). Sentences written
# for this file; each `*_is_*` test failed before the rule, the neighbours must not move.

# The deal as a noun with its agent: "agreed to a takeover by …".
_DEAL_BY = [
    ("Britain's Spirent agreed to a takeover by Keysight worth about $1.5 billion, ending a "
     "bidding contest.", US),
    ("Italy's Brembo agreed to an acquisition by Honda worth 3 billion euros, the brakes maker "
     "said.", JAPAN),
    ("Germany's Aixtron backed a 2 billion euro takeover bid by Tokyo Electron, its board said.",
     JAPAN),
]

# A passive past an apposition whose place is "City, State-based", and an agent the tables
# lack told by its owner.
_AGENT_PAST_BASED = [
    ("Helix, the Austin, Texas-based chip designer, was bought by Infineon for $800 million.",
     EUROPE),
    ("Ardent, the Nashville, Tennessee-based hospital operator, was acquired by Northgate "
     "Health Partners, which is owned by Abu Dhabi's Mubadala, for $2 billion.", OTHER),
]

# Neighbours: the subject buys ("a takeover of"), deals with someone, or is sold to a buyer
# the rule does not reach; an apposition without a passive keeps its subject.
_BUYER_IS_SUBJECT = [
    ("Siemens agreed to a takeover of Altair Engineering for $10 billion.", EUROPE),
    ("Toyota agreed to a supply deal with Panasonic for battery cells.", JAPAN),
    ("Stripe, the San Francisco, California-based payments firm, bought a stake in a "
     "Dutch lender.", US),
    ("Airbnb was sued by a landlords' group, which is backed by hotel owners.", US),
]


def test_deal_by_is_the_buyers() -> None:
    assert misfiled(_DEAL_BY) == []


def test_agent_past_based_is_the_buyers() -> None:
    assert misfiled(_AGENT_PAST_BASED) == []


def test_buyer_is_subject_stays() -> None:
    assert misfiled(_BUYER_IS_SUBJECT) == []
