from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

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
    # Korean spellings of firms the tables had only in English
    ("골드윈드가 해상풍력 터빈 수주를 크게 늘렸다.", CHINA),
    ("버켄스톡이 샌들 가격을 올리겠다고 밝혔다.", EUROPE),
    ("파이어플라이 에어로스페이스가 두 번째 달 착륙선 발사 일정을 공개했다.", US),
    # a state ore buyer, firms and a sports body the tables lacked
    ("CMRG가 철광석 장기 공급 계약 재협상을 요구했다.", CHINA),
    ("로즈타운모터스가 남은 공장 설비를 경매에 내놓았다.", US),
    ("PGA투어가 새 영리 법인의 지분을 선수들에게 나눠주기로 했다.", US),
    ("조조타운이 체형 측정 서비스를 해외로 넓힌다.", JAPAN),
    ("에이피알이 미용 기기 신제품을 미국과 일본에서 동시에 내놓았다.", OTHER),
]

_NEIGHBOURS = [
    # Korea's own culture ministry keeps its place
    ("문화체육관광부가 K팝 공연장 확충 예산을 늘렸다.", OTHER),
]


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES_WITHOUT_A_COUNTRY) == []


def test_neighbour_keeps_its_region() -> None:
    assert misfiled(_NEIGHBOURS) == []
