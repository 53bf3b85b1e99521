from tests.region_cases import CHINA, US, misfiled

# Round thirty-six (issue 13): a bare 상무부 answering the EU's duties on electric cars with
# measures on EU goods (anti-dumping, anti-subsidy) is China's: only China's cars bear those
# duties (newsletter/classify_r36_ministry.py). Sentences written for this file; the *_is_china
# tests failed before the rule.

_ANSWERING_THE_EU = [
    ("EU가 전기차 상계관세를 확정하자 상무부는 EU산 치즈에 대한 반보조금 조사에 착수했다. "
     "네덜란드와 프랑스 낙농업계가 긴장하고 있다.", CHINA),
    ("이탈리아 와인업계가 촉각을 곤두세운 가운데 상무부가 유럽연합(EU)산 와인에 최고 40%의 "
     "임시 반덤핑 관세를 매기기로 했다. 전기차를 둘러싼 중·EU 무역 갈등이 번지고 있다.", CHINA),
    ("상하이 상무부가 아니라 베이징 상무부가 유럽산 돼지고기에 반덤핑 관세를 부과했다. "
     "EU의 전기차 관세에 대한 맞대응이다.", CHINA),
]

_NEIGHBOURS = [
    # America's ministry on EU goods, with no EV duties answered
    ("상무부는 EU산 철강에 대한 반덤핑 관세를 5년 더 연장하기로 했다.", US),
    # the ministry with its country before it
    ("미국 상무부는 EU가 전기차 관세를 올리자 EU산 알루미늄에 반덤핑 관세를 매겼다.", US),
    # America's ministry probing EU goods while EV credits are debated at home
    ("상무부가 EU산 자동차 부품에 대한 반덤핑 조사를 시작했다. 의회는 전기차 세액공제 축소를 "
     "논의하고 있다.", US),
]


def test_a_ministry_answering_the_eus_ev_duties_is_china() -> None:
    assert misfiled(_ANSWERING_THE_EU) == []


def test_americas_ministry_on_eu_goods_stays_american() -> None:
    assert misfiled(_NEIGHBOURS) == []
