from tests.region_cases import CHINA, US, misfiled

# Round thirty-four (issue 13): a bare 상무부 that stops exports from a plant in China, or that
# defends its own country (자국) against America, is China's (newsletter/classify_r34_ministry.py).
# Sentences written for this file; the *_is_china tests failed before the rule.

_EXPORTS_FROM_CHINA = [
    ("독일 정부가 중국계 부품업체의 이사회를 교체하자 상무부는 이 회사 중국 공장에서 만든 "
     "전력 반도체의 수출을 금지했다. 유럽 가전업체들은 재고 확보에 나섰다.", CHINA),
    ("영국 정부가 웨이퍼 공장 매각을 명령한 지 사흘 만에 상무부가 해당 기업의 중국 내 공장에서 "
     "생산한 부품 수출을 중단시켰다.", CHINA),
]

_AGAINST_AMERICA = [
    ("미국 화학업체 세 곳의 폴리머 제품이 상무부로부터 반덤핑 조사를 받게 됐다. 상무부는 미국산 "
     "폴리머가 낮은 가격에 팔려 자국 업체가 피해를 입었다고 밝혔다.", CHINA),
    ("\"미국의 보복 관세에는 끝까지 맞설 것\"이라고 상무부 대변인이 말했다. 대변인은 자국 기업의 "
     "권익을 지키겠다고 덧붙였다.", CHINA),
]

_NEIGHBOURS = [
    # America's controls: exports *to* China
    ("상무부가 엔비디아 H20 칩의 대중 수출을 금지했다.", US),
    ("(워싱턴=연합뉴스) 상무부는 반도체 장비의 중국 수출을 제한하는 규정을 발표했다.", US),
    # American goods as the victim, and another country's goods probed
    ("상무부는 미국산 철강이 덤핑 피해를 입었다며 자국 업계를 지원하겠다고 밝혔다.", US),
    ("상무부는 베트남산 태양광 패널이 덤핑으로 팔려 자국 업체가 피해를 입었다고 판정했다.", US),
    # the ministry with its country before it
    ("미국 상무부는 미국산 철강이 덤핑 피해를 입었다며 자국 업계를 지원하겠다고 밝혔다.", US),
    # America's ministry on its own tariffs, with no 자국
    ("상무부는 미국의 새 관세가 캐나다의 보복을 부를 수 있다고 밝혔다.", US),
]


def test_a_ministry_stopping_exports_from_a_plant_in_china_is_china() -> None:
    assert misfiled(_EXPORTS_FROM_CHINA) == []


def test_a_ministry_defending_its_country_against_america_is_china() -> None:
    assert misfiled(_AGAINST_AMERICA) == []


def test_neighbours_keep_americas_ministry() -> None:
    assert misfiled(_NEIGHBOURS) == []
