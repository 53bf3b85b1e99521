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


# Review of stop 28 (attacker's sentences, written for this file; each failed at 8dbce73).
# A focus that denies a phrase of the own subject's country ("X 업체가 아니라"), not the subject's
# name itself, sets no role aside: the subject still chose, and acts.
_OWN_SUBJECTS_COUNTRY_DENIED_IN_A_PHRASE = [
    ("일본이 올해 반도체 보조금을 가장 많이 몰아준 것은 일본 업체가 아니라 미국 마이크론이었다.",
     JAPAN),
    ("중국 정부가 올해 갈륨 수출 허가를 가장 먼저 내준 것은 중국 기업이 아니라 프랑스 "
     "르노였다.", CHINA),
]

# A use word followed by a maker ("일본 산업용 로봇 업체들", "중국 산업용 배터리 제조사들"):
# the country names the makers, who act; it is no market.
_USE_WORD_THEN_MAKERS = [
    ("동남아 공장 자동화 수요를 가져간 것은 독일 업체가 아니라 일본 산업용 로봇 업체들이었다.",
     JAPAN),
    ("호주 전력망 입찰을 휩쓴 것은 한국 업체가 아니라 중국 가정용 배터리 제조사들이었다.", CHINA),
    # the maker is sought in the focus only: "회사 측이" after the copula is the speaker
    ("슈나이더일렉트릭 주가를 끌어올린 것은 유럽 수요가 아니라 미국 데이터센터용 배전반 "
     "수주였다고 회사 측이 밝혔다.", EUROPE),
]

# "… went not to A but to B" where B is only a place or a country: where the thing went, not
# who took it; the owner of what went acts.
_WENT_TO_A_PLACE = [
    ("Rivian's second assembly plant went not to Georgia but to Mexico, which offered cheaper "
     "land.", US),
    ("The bulk of Germany's new development aid went not to Ukraine but to Indonesia, where it "
     "will fund power lines.", EUROPE),
]

# "Not only A, <apposition>, but B too": both act; the first stays the subject.
_NOT_ONLY = [
    ("Not only Honda, Japan's second-largest carmaker, but BMW too cut its China sales "
     "forecast.", JAPAN),
]


def test_a_focus_denying_the_subjects_country_in_a_phrase_keeps_the_subject() -> None:
    assert misfiled(_OWN_SUBJECTS_COUNTRY_DENIED_IN_A_PHRASE) == []


def test_a_use_word_before_makers_is_no_market() -> None:
    assert misfiled(_USE_WORD_THEN_MAKERS) == []


def test_went_not_to_a_place_keeps_the_owner() -> None:
    assert misfiled(_WENT_TO_A_PLACE) == []


def test_not_only_a_but_b_keeps_a() -> None:
    assert misfiled(_NOT_ONLY) == []
