from tests.region_cases import EUROPE, JAPAN, US, misfiled

# Round thirty-eight (Korean): "N 달러가 넘는 벌금" is a quantity, not the sentence's subject
# (newsletter/classify_r38_amount.py). Sentences written for this file; the
# *_keeps_the_agent test failed before the rule.

# the fining body in 로부터 acts, though an amount in 가 + 넘는 stands before the fine and
# the firm opens the next sentence
_AMOUNT_BEFORE_THE_FINE = [
    ("독일 자동차 부품업체 보쉬가 배출가스 조작을 도운 혐의로 미국 환경보호청으로부터 "
     "3억 달러가 넘는 벌금을 부과받았다. 보쉬는 과거 유사한 사건에서 책임을 인정했다.", US),
    ("일본 전자업체 소니가 개인정보 유출 혐의로 유럽연합 집행위원회로부터 1억 유로가 넘는 "
     "과징금을 부과받았다. 소니는 판단에 불복해 항소할 방침이다.", EUROPE),
    ("스위스 제약사 노바티스가 리베이트 제공 혐의로 일본 후생노동성으로부터 10억 엔을 웃도는 "
     "과징금을 부과받았다. 노바티스는 내부 통제를 강화하겠다고 밝혔다.", JAPAN),
]

_NEIGHBOURS = [
    # the firm acts; the amount describes its own object
    ("일본 소프트뱅크가 미국 스타트업에 10억 달러가 넘는 자금을 투자했다. 소프트뱅크는 추가 "
     "투자도 검토하고 있다.", JAPAN),
    # a plain fine, no amount: unchanged
    ("독일 자동차 부품업체 보쉬가 미국 환경보호청으로부터 벌금을 부과받았다. 보쉬는 책임을 "
     "인정했다.", US),
]


def test_an_amount_before_exceeding_is_not_a_subject_the_fine_keeps_the_agent() -> None:
    assert misfiled(_AMOUNT_BEFORE_THE_FINE) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []
