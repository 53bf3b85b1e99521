from newsletter.classify import classify
from newsletter.classify_correct import rules_only
from newsletter.models import Summary
from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28b (issue 13): three English shapes the fresh blind sets c107-c110 missed
# (newsletter/classify_s28b_english.py). Sentences written for this file; each `*_is_*` test
# failed before the rule, the neighbours must not move.

# A unit as the subject: its owner acts, wherever the unit builds.
_UNIT_SUBJECT = [
    ("A unit of Tianqi Lithium broke ground on Tuesday on a hydroxide refinery in Western "
     "Australia, part of a venture with Australian partners that runs from mining to "
     "recycling.", CHINA),
    # a country before the unit's noun says where the unit sits
    ("The Vietnamese subsidiary of Panasonic opened a battery pack line near Hanoi with "
     "Vietnamese suppliers.", JAPAN),
    # a name the tables lack, described as someone's unit
    ("Andes Gold Holdings, the overseas gold unit of miner CMOC, raised about $2 billion in a "
     "Toronto listing. Its mines sit mostly in Africa, Central Asia and South America.", CHINA),
]

# Neighbours: a known name that is someone's unit acts itself; a passive's agent still acts
# after a unit subject.
_UNIT_STAY = [
    ("Volvo Cars, the Swedish unit of Geely, will build a plant in Slovakia with Slovak "
     "suppliers.", EUROPE),
    ("A unit of Ganfeng was fined by Mexico's competition watchdog over a supply deal.", OTHER),
    ("Andes Copper Holdings, the overseas unit of CMOC, was fined by Chile's environmental "
     "regulator over spills at a mine.", OTHER),
]

# Goods that face a levy under a measure whose maker follows: the maker acts, named after the
# goods by its capital, with no article before the measure, or before its own verb.
_MEASURE_MAKER = [
    ("Japanese steel and Thai cars will face a 25% surtax, and aluminium from Vietnam a 10% "
     "levy, under measures announced by Canberra after Washington moved first.", OTHER),
    ("Chinese solar panels will face a 40% tariff under rules that Canada's finance ministry "
     "unveiled on Friday.", OTHER),
    # no maker named: the country the goods are shipped to, in the present too
    ("Japanese carmakers such as Toyota and Nissan face tariffs of up to 30% on cars they ship "
     "to Brazil after lawmakers there approved higher duties.", OTHER),
]

# "not X but Y": X's names are set aside; a "rival" inside X does not make Y background.
_DENIED_RIVAL = [
    ("The winning bidder for Evonik's coatings arm turned out to be not a European chemical "
     "rival but Saudi Aramco, which agreed to pay about 3 billion euros for the German "
     "business.", OTHER),
    ("The new owner of Volvo's truck unit will be not a European rival but Geely, which agreed "
     "to pay 4 billion euros for the Swedish business.", CHINA),
]

# "It is no longer X but Y that …" denies X as "not" does, even when Y is a name the tables
# lack.
_NO_LONGER = [
    ("It is no longer Shiseido or Kao but home-grown brands such as Florasis that top cosmetics "
     "sales in China.", CHINA),
]

_DENIAL_STAY = [
    ("Not a German rival but Mitsui emerged as the top bidder for the Hamburg gas terminal.",
     JAPAN),
    ("It was not Bayer or BASF but little-known brands from Shandong that won the biggest share "
     "of China's pesticide tenders.", CHINA),
]


def test_unit_subject_is_owners() -> None:
    assert misfiled(_UNIT_SUBJECT) == []


def test_unit_neighbours_stay() -> None:
    assert misfiled(_UNIT_STAY) == []


def test_measure_maker_is_actor() -> None:
    assert misfiled(_MEASURE_MAKER) == []


def test_denied_rival_is_set_aside() -> None:
    # the learned correction had covered for the rules here: the rules read it now
    with rules_only():
        assert misfiled(_DENIED_RIVAL) == []
    assert misfiled(_DENIED_RIVAL) == []
    reason = classify(Summary(text=_DENIED_RIVAL[0][0])).reason
    assert reason.startswith("lead subject Saudi Aramco"), reason


def test_no_longer_is_denial() -> None:
    assert misfiled(_NO_LONGER) == []


def test_denial_neighbours_stay() -> None:
    assert misfiled(_DENIAL_STAY) == []


# Review of stop 28b: where the new readings misfired (sentences written for this file).
# A unit after the main verb is its object: the one who acts on it files the story.
_UNIT_OBJECT = [
    ("The Justice Department indicted a unit of ZTE on Thursday, accusing it of shipping "
     "American chips to Iran.", US),
    ("A Japanese court ordered an affiliate of Hyundai to pay 2 billion yen to a former dealer "
     "in Osaka.", JAPAN),
    ("The SEC charged a division of Infosys with misleading investors over accounting lapses.",
     US),
    # a bare plural object, with no determiner of its own
    ("The State Department sanctioned subsidiaries of Sinopec on Friday over Iranian oil "
     "purchases.", US),
]

# An export levy is laid by the country the goods leave, not the one they are sold to.
_EXPORT_LEVY = [
    ("Philippine nickel miners will face a new export duty on ore they ship to China, Manila's "
     "finance department said on Tuesday.", OTHER),
]

# "no longer only A but also B" adds B and denies nothing, as "not only" does: A stays the
# subject.
_NO_LONGER_ONLY = [
    ("It is no longer only Microsoft but also its cloud customers in Singapore that are paying "
     "more for chips.", US),
]


def test_unit_as_object_is_not_subject() -> None:
    assert misfiled(_UNIT_OBJECT) == []


def test_export_levy_is_home_countrys() -> None:
    assert misfiled(_EXPORT_LEVY) == []


def test_no_longer_only_denies_nothing() -> None:
    assert misfiled(_NO_LONGER_ONLY) == []


# An international body only sets the rules a country's levy follows; it lays no levy itself.
_INTERNATIONAL_RULES = [
    ("Japanese wheat importers will pay tariffs under rules approved by the WTO decades ago, "
     "which Tokyo's farm ministry wants to keep.", JAPAN),
]


def test_international_rules_make_no_maker() -> None:
    assert misfiled(_INTERNATIONAL_RULES) == []
