from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, misfiled

# Round thirty-four (issue 13): names the tables lacked, in newsletter/lexicon/*-r34.tsv.
# Sentences written for this file; each failed before the round.

_NAMES_WITHOUT_A_COUNTRY = [
    # China's culture and tourism ministry, its bare Korean name
    ("문화여유부는 연휴 기간 해외 단체관광 상품 판매를 늘리겠다고 밝혔다.", CHINA),
    ("문화여유부가 공연 티켓 실명제를 전국으로 넓힌다.", CHINA),
    # an investment bank and its founder
    ("차이나르네상스가 홍콩 증시 상장 이후 처음으로 자사주를 사들였다.", CHINA),
    ("Bao Fan returned to the bank's board after two years away.", CHINA),
    # a space-debris firm in its Korean spelling
    ("애스트로스케일이 위성 수명 연장 서비스 계약을 따냈다.", JAPAN),
    # a British minister named without her country
    ("앤절라 레이너 장관은 임대주택 공급 목표를 다시 높이겠다고 말했다.", EUROPE),
]

_NEIGHBOURS = [
    # Korea's own culture ministry keeps its place
    ("문화체육관광부가 K팝 공연장 확충 예산을 늘렸다.", OTHER),
]


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES_WITHOUT_A_COUNTRY) == []


def test_neighbour_keeps_its_region() -> None:
    assert misfiled(_NEIGHBOURS) == []
