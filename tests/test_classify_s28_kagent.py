from tests.region_cases import CHINA, JAPAN, OTHER, US, misfiled

# Stop 28 b (issue 13): Korean passives and agents, bodies acting on foreign firms. Sentences
# written for this file, of the shapes of the blind lines c107-c110 missed, with other names.

# A cleft whose would-be own subject closes a relative clause on the clause's object
# (newsletter/classify_cleft_relative.py): "A가 문을 닫은 B를 되살린 것은 C가 아니라 D였다" is
# D's, who revived B; A only closed it.
_CLEFT_RELATIVE_ON_OBJECT = [
    ("소니가 문을 닫은 일본 개발사 그린하트를 되살린 것은 일본 업체가 아니라 넷마블이었다.", OTHER),
    ("지멘스가 생산을 멈춘 독일 공장을 사들인 것은 유럽 업체가 아니라 중국 BYD였다.", CHINA),
    ("알리바바가 지분을 판 미국 스타트업을 사들인 것은 중국 업체가 아니라 소프트뱅크였다.", JAPAN),
]

_CLEFT_NEIGHBOURS = [
    # the cleft's verb hands the object over: its focus is the one chosen, the subject acts
    ("애플이 설계를 마친 칩을 맡긴 곳은 삼성전자가 아니라 TSMC였다.", US),
    # a place as the focus: where the subject itself made it (round eighteen)
    ("테슬라가 설계를 바꾼 모델Y를 생산한 곳은 독일이 아니라 중국 상하이였다.", US),
    # no relative clause: the own subject chose (round eighteen)
    ("알리바바가 해외 상장 무대로 택한 것은 런던이 아니라 뉴욕이었다.", CHINA),
]


def test_a_relative_clause_on_the_clefts_object_keeps_its_subject_out() -> None:
    assert misfiled(_CLEFT_RELATIVE_ON_OBJECT) == []


def test_clefts_whose_own_subject_acts_keep_it() -> None:
    assert misfiled(_CLEFT_NEIGHBOURS) == []
