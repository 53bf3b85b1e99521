from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop twenty-eight (issue 13): one reader for the cleft and "not X but Y"
# (newsletter/classify_cleft_focus.py): the focus is the actor. Sentences written for this file;
# every list but _NEIGHBOURS failed at 2294ddb, the code before the reader.

# The clause before the cleft names A as a subject, and the focus denies A: the cleft's role is
# the one denied to A, so the focus fills it.
_OWN_SUBJECT_DENIED = [
    ("지난달 유럽중앙은행이 금리를 내렸지만 투자자들을 더 놀라게 한 것은 유럽중앙은행이 아닌 "
     "캐나다 중앙은행이었다.", OTHER),
    ("같은 날 애플이 새 아이폰을 내놨지만 시장의 관심을 끈 것은 애플이 아니라 화웨이였다.", CHINA),
]

# A name denied inside the cleft's own clause ("X가 아니라 Y에서 사들인 것은") is no subject
# after an object, for any reader.
_DENIED_IN_THE_CLAUSE = [
    ("올가을 일본이 아니라 베트남에서 커피 원두를 대거 사들인 것은 독일 수입업체들이었다.", EUROPE),
    ("커피 원두를 일본이 아니라 베트남에서 사들인 것은 독일 업체들이었다.", EUROPE),
]

# A focus that names only a market or a use is a thing: the owner of what the cleft's
# clause acted on owns the story.
_THING_AS_FOCUS = [
    ("도요타 주가를 끌어올린 것은 내수 판매가 아니라 미국 수출용 하이브리드차 수요였다.", JAPAN),
    ("폭스바겐 실적을 떠받친 것은 유럽 판매가 아니라 중국향 SUV 수출이었다.", EUROPE),
]

# English: an apposition after the denied name; "went not to A but to B".
_ENGLISH = [
    ("Not Toyota, its spurned partner, but Volkswagen itself ended up buying the battery maker.",
     EUROPE),
    ("The Pentagon's latest drone contract went not to a U.S. startup but to Elbit Systems, "
     "which will build the aircraft in Texas.", OTHER),
]

# The wire's short spelling of Deere as a focus (lexicon us-s28.tsv).
_NAMED_FOCUS = [
    ("올해 가장 큰 타격을 입은 것은 한국 업체가 아니라 농기계 업체 디어였다.", US),
]

_NEIGHBOURS = [
    # the cleft's own subject, not denied in the focus, still acts (round eighteen)
    ("알리바바가 해외 상장 무대로 택한 것은 런던이 아니라 뉴욕이었다.", CHINA),
    # an origin in 산 names the makers: the focus's country acts
    ("유럽 시장을 휩쓴 것은 일본차가 아니라 중국산 전기차였다.", CHINA),
    # a country with an agent noun in the focus is the actor, not a market
    ("브라질산 대두를 가장 많이 사들인 것은 미국 업체가 아니라 중국 수입업체들이었다.", CHINA),
    # a body named in the focus acts ("X 위원회 심사")
    ("인수를 늦춘 것은 시장이 아니라 영국 경쟁시장청 심사였다.", EUROPE),
    # "Not A but B" with no apposition
    ("Not Nvidia but ASML was the biggest winner of the rally.", EUROPE),
]


def test_an_own_subject_the_focus_denies_gives_way_to_the_focus() -> None:
    assert misfiled(_OWN_SUBJECT_DENIED) == []


def test_a_name_denied_in_the_clefts_clause_is_no_subject() -> None:
    assert misfiled(_DENIED_IN_THE_CLAUSE) == []


def test_a_thing_as_focus_goes_to_the_owner_of_the_clauses_object() -> None:
    assert misfiled(_THING_AS_FOCUS) == []


def test_english_not_a_apposition_but_b_and_went_not_to_a_but_to_b() -> None:
    assert misfiled(_ENGLISH) == []


def test_a_focus_in_the_wires_short_spelling() -> None:
    assert misfiled(_NAMED_FOCUS) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []
