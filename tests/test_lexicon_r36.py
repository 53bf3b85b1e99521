from tests.region_cases import EUROPE, OTHER, US, misfiled

# Round thirty-six (issue 13): two collisions in the tables. "메타" (Meta) matched inside
# 메타플랜트 (Hyundai's plant in Georgia), and "시그나" (Cigna) inside 시그나그룹 (the Austrian
# property group). Sentences written for this file; the collisions failed before the fix.

_COLLISIONS = [
    ("기아가 미국 조지아주 메타플랜트에서 전기 SUV 생산을 시작했다.", OTHER),
    ("현대차그룹 메타플랜트 아메리카가 미국 이민 당국의 단속 이후 가동을 재개했다.", OTHER),
    ("시그나그룹이 백화점 체인 지분을 매각하기로 했다.", EUROPE),
    ("시그나그룹 창업자가 빈 법원에 출석했다.", EUROPE),
    # "American" (US) inside "South American" (round 36's English helper noticed it).
    ("The South American bloc agreed to cut its common external tariff on machinery and "
     "medicines, trade ministers said after a two-day summit on Friday.", OTHER),
    ("South American soybean exporters shipped a record volume last month as harvests "
     "recovered from drought, grain traders said.", OTHER),
]

_NEIGHBOURS = [
    ("메타가 미국에서 새 AI 안경을 출시했다.", US),
    ("시그나가 의료보험 사업부 매각을 검토하고 있다.", US),
    ("메타플랫폼스가 유럽연합의 과징금에 항소했다.", US),
    ("American farmers shipped a record volume of soybeans last month, the Agriculture "
     "Department said.", US),
]


def test_longer_names_are_not_read_as_the_shorter_firm() -> None:
    assert misfiled(_COLLISIONS) == []


def test_the_shorter_firms_still_match() -> None:
    assert misfiled(_NEIGHBOURS) == []
