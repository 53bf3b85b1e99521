from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-eight (Korean): two more shapes that hide a name inside a Korean cleft
# (newsletter/classify_r36_cleft.py, extended; now in classify_cleft_focus.py). Sentences
# written for this file; the
# *_is_the_focus tests failed before the change.

# "…한 것은 A가 아니라 X에 Y를 공급하는 B였다": a present adnominal in 하는 in the focus
_PRESENT_RELATIVE_IN_THE_FOCUS = [
    ("1분기 점유율 1위에 오른 것은 소니가 아니라 애플에 이미지센서를 공급하는 삼성전자였다.",
     OTHER),
    ("가장 큰 수혜를 본 것은 인텔이 아니라 테슬라에 배터리를 납품하는 파나소닉이었다.", JAPAN),
    ("수주전에서 이긴 것은 보잉이 아니라 델타항공에 엔진을 정비하는 롤스로이스였다.", EUROPE),
]

# "X가 …한 뒤에도 …를 늘린 곳은 A가 아니라 B였다": X is the subject of a fronted clause
_SUBJECT_OF_A_FRONTED_CLAUSE = [
    ("미국 정부가 관세를 올린 뒤에도 수출을 가장 빠르게 늘린 곳은 도요타가 아니라 "
     "BMW였다.", EUROPE),
    ("일본 정부가 보조금을 끊은 후에도 현지 생산을 늘린 곳은 혼다가 아니라 "
     "테슬라였다.", US),
]

_NEIGHBOURS = [
    # the cleft's own subject with no connective after it still acts
    ("알리바바가 해외 상장 무대로 택한 것은 런던이 아니라 뉴욕이었다.", CHINA),
    # a present adnominal in the focus naming no name after it keeps the whole focus
    ("흥행 1위를 차지한 것은 디즈니가 아니라 일본에서 제작하는 애니메이션이었다.", JAPAN),
    # a plain focus
    ("합병을 무산시킨 것은 중국 당국이 아니라 SK하이닉스였다.", OTHER),
]


def test_a_present_relative_in_the_focus_is_the_focus() -> None:
    assert misfiled(_PRESENT_RELATIVE_IN_THE_FOCUS) == []


def test_a_subject_of_a_fronted_clause_is_not_the_clefts_own_is_the_focus() -> None:
    assert misfiled(_SUBJECT_OF_A_FRONTED_CLAUSE) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []
