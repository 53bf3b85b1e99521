from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-six (issue 13): a relative clause inside a Korean cleft names a firm that is not
# the cleft's actor (newsletter/classify_r36_cleft.py, now in classify_cleft_focus.py).
# Sentences written for this file; the
# *_is_the_focus tests failed before the rule.

# "X가 보유하던 Y를 사들인 곳은 A가 아니라 B였다": X is the subject of 보유하던 only
_SUBJECT_OF_A_RELATIVE = [
    ("소프트뱅크가 운영하던 물류 자회사를 인수한 곳은 일본 업체가 아니라 미국 아마존이었다.", US),
    ("폭스바겐이 갖고 있던 배터리 공장 지분을 사들인 쪽은 유럽 기업이 아니라 중국 CATL이었다.",
     CHINA),
]

# "…한 것은 A가 아니라 X에 투자한 B였다": X only names whom B invested in
_RELATIVE_IN_THE_FOCUS = [
    ("인텔의 매각 계획을 막은 것은 미국 정부가 아니라 인텔에 지분을 투자한 소프트뱅크였다.", JAPAN),
    ("도요타와 닛산의 제휴를 깬 것은 일본 정부가 아니라 닛산에 출자한 르노였다.", EUROPE),
]

_NEIGHBOURS = [
    # the cleft's own subject, with no relative clause after it, still acts
    ("알리바바가 해외 상장 무대로 택한 것은 런던이 아니라 뉴욕이었다.", CHINA),
    # a relative clause in the focus that names no name after its verb keeps the focus
    ("흥행 1위를 차지한 것은 디즈니가 아니라 설 연휴에 개봉한 중국 애니메이션이었다.", CHINA),
    # a plain focus
    ("합병을 무산시킨 것은 중국 당국이 아니라 SK하이닉스였다.", OTHER),
]


def test_a_subject_of_a_relative_in_the_topic_is_not_the_clefts_own_is_the_focus() -> None:
    assert misfiled(_SUBJECT_OF_A_RELATIVE) == []


def test_a_name_in_a_relative_before_the_focus_is_not_the_focus_is_the_focus() -> None:
    assert misfiled(_RELATIVE_IN_THE_FOCUS) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []
