from tests.region_cases import EUROPE, OTHER, US, misfiled

# Round thirty-eight (Korean): a bare 연방법원 in a summary that counts its money in one other
# federal country's currency and names America nowhere is that country's court, as round
# twenty-eight b reads a bare 연방정부 (newsletter/classify_r28b_body.py). Sentences written
# for this file; the *_is_that_countrys test failed before the change.

_BARE_COURT_BY_ITS_MONEY = [
    ("직원 임금을 체불한 광산업체 BHP가 연방법원으로부터 5000만 호주달러의 벌금을 "
     "부과받았다. 회사는 판결을 받아들이겠다고 밝혔다.", OTHER),
    ("연방법원은 통신사 로저스가 요금 약관을 어겼다며 2000만 캐나다달러의 배상을 "
     "명령했다. 로저스는 항소를 검토하고 있다.", OTHER),
    ("연방법원이 자동차 회사 폭스바겐에 배출가스 조작 피해자들에게 1억 유로를 배상하라고 "
     "판결했다. 폭스바겐은 판결을 존중한다고 밝혔다.", EUROPE),
]

_NEIGHBOURS = [
    # money in dollars: America's court
    ("연방법원이 구글에 검색 시장 독점 해소를 위해 20억 달러의 벌금을 부과했다. 구글은 항소할 "
     "방침이다.", US),
    # America named: the court stays America's, whatever the money
    ("미국 연방법원이 호주 광산업체 리오틴토에 1000만 호주달러의 배상을 명령했다.", US),
]


def test_a_bare_federal_court_counted_in_another_currency_is_that_countrys() -> None:
    assert misfiled(_BARE_COURT_BY_ITS_MONEY) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []
