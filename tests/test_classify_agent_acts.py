from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 (issue 13): the agent of a passive and the speaker at the end act
# (newsletter/classify_agent_acts.py). Sentences written for this file; each `*_acts` test
# failed before the rule, the neighbours must not move.

# "the first … to be <participle> by X": the agent after "by" acts, as in "was given … by".
_FIRST_TO_BE = [
    ("Microsoft became the first firm to be designated a \"gatekeeper\" by Japan's Fair Trade "
     "Commission, clearing the way for new rules on its app store.", JAPAN),
    ("Tesla is the latest carmaker to be fined by Germany's Federal Motor Transport Authority "
     "over faulty software updates.", EUROPE),
    ("Samsung was the first foreign chipmaker to be awarded grants by the U.S. Commerce "
     "Department under the new programme.", US),
]

# "hit by <measure> from X", "hit with <measure> from X": the measure's maker acts.
_MEASURE_FROM = [
    ("SMIC was hit by new export curbs from the Commerce Department on Tuesday, when the agency "
     "added two of its subsidiaries to a trade list.", US),
    ("Micron was hit by fresh sanctions from the Cyberspace Administration of China, which said "
     "its chips posed security risks.", CHINA),
    # no "by": "hit with <measure> from X"
    ("Lenovo was hit with fresh import curbs from Washington this week, days after the talks "
     "in Geneva stalled.", US),
]

# "dropped from the portfolio of X": the holder decides.
_DROPPED_FROM_HOLDINGS = [
    ("Toyota and three Indian steelmakers were dropped from the portfolio of Norway's giant "
     "sovereign wealth fund over climate concerns.", EUROPE),
]

# A reported clause that closes inside quotes, then its named speaker.
_QUOTED_SPEAKER = [
    ("Tokyo's new chip subsidy plan is \"a gift to one company,\" Commerce Secretary Gina "
     "Raimondo told lawmakers on Thursday.", US),
    ("Berlin's plan for a digital levy is \"a tax on innovation,\" said Commerce Secretary "
     "Howard Lutnick on Tuesday.", US),
    ("Brussels' new rules on solar imports amount to \"a blockade,\" the chief executive of the "
     "Japanese trading house's Shanghai unit told Nikkei.", JAPAN),
]

# A speaker by role and owner after a reported clause: the owner says whose speaker it is.
_ROLE_OF_OWNER_SPEAKER = [
    ("If Tokyo tightens its rules, Vantor will move its listing, the chief executive of the "
     "Indian group's software arm said on Monday.", OTHER),
]

# Neighbours: an ordinary passive, a wish to be bought, the firm's own claim quoted, and a
# plain speaker keep their reading.
_STAY = [
    ("Sony wants to be bought by no one, its chief executive said on Monday.", JAPAN),
    ("Nvidia was hit by new curbs on its sales to China in April, the company said.", US),
    ("Samsung's Texas plant will be \"the most advanced in the world,\" Elon Musk told "
     "reporters.", OTHER),
    ("The yen will weaken further this year, the head of research at Nomura said.", JAPAN),
]


def test_first_to_be_agent_acts() -> None:
    assert misfiled(_FIRST_TO_BE) == []


def test_measure_maker_acts() -> None:
    assert misfiled(_MEASURE_FROM) == []


def test_holder_dropping_acts() -> None:
    assert misfiled(_DROPPED_FROM_HOLDINGS) == []


def test_speaker_after_quote_acts() -> None:
    assert misfiled(_QUOTED_SPEAKER) == []


def test_role_of_owner_speaker_acts() -> None:
    assert misfiled(_ROLE_OF_OWNER_SPEAKER) == []


def test_neighbours_stay() -> None:
    assert misfiled(_STAY) == []


# Review of stop 28 (attacker's sentences, written for this file): shapes near the new rules
# that they misread. Each failed after stop 28; all but the nested "of" were right before it.

# A role of an owner after a reported clause whose subject is a firm: the firm's own news told
# by another firm's boss stays the firm's, as the plain reader already keeps it.
_ROLE_AFTER_FIRM_CLAUSE = [
    ("Qualcomm will move part of its modem production to Vietnam, the chairman of Taiwan's "
     "Pegatron told shareholders on Friday.", US),
    ("Amazon will double its cloud spending in Japan next year, the chief executive of Japan's "
     "SoftBank said on Tuesday.", US),
]

# "the head of the <place> unit of <Firm>": the last "of" names the owner, not the place.
_ROLE_OF_UNIT_OF_OWNER = [
    ("Beijing's new curbs on gallium exports are \"a serious blow,\" the head of the Tokyo unit "
     "of U.S. chipmaker Micron said.", US),
    # "of X's rival Y": Y's man
    ("Laptop sales in Europe will shrink again this year, the chief executive of Dell's Chinese "
     "rival Lenovo said on Monday.", CHINA),
]

# "the first … to be <participle>" then a comma: a later "by" belongs to another clause.
_FIRST_TO_BE_PAST_COMMA = [
    ("Rivian became the first carmaker to be granted a testing licence in Munich, a step "
     "welcomed by Volkswagen.", US),
]

# "hit with tariffs on <goods> from X": X is where the goods come from, not who levies.
_MEASURE_ON_GOODS_FROM = [
    ("Mazda was hit with higher tariffs on engines from Mexico, its finance chief said on "
     "Thursday.", JAPAN),
]

# "the index of U.S.-listed Chinese companies": an index's "of" names its members, no holder.
_INDEX_OF_MEMBERS = [
    ("JD.com was removed from the benchmark index of U.S.-listed Chinese companies after the "
     "review.", CHINA),
]


def test_role_after_firm_clause_stays_firms() -> None:
    assert misfiled(_ROLE_AFTER_FIRM_CLAUSE) == []


def test_role_of_unit_of_owner() -> None:
    assert misfiled(_ROLE_OF_UNIT_OF_OWNER) == []


def test_first_to_be_stops_at_comma() -> None:
    assert misfiled(_FIRST_TO_BE_PAST_COMMA) == []


def test_measure_on_goods_from_origin() -> None:
    assert misfiled(_MEASURE_ON_GOODS_FROM) == []


def test_index_of_members_no_holder() -> None:
    assert misfiled(_INDEX_OF_MEMBERS) == []
