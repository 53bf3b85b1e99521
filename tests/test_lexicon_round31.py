from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-one (issue 13, stop 26): breadth of world knowledge in newsletter/lexicon/*-r31.tsv.
# Sentences written for this file, one per class of name the tables lacked (a rail maker, an
# ad group, a game-engine maker, an insurer, a battery-materials maker, a central-bank governor
# named without his country, a Canadian retailer in Korean); each failed before the round.

_NAMES_WITHOUT_A_COUNTRY = [
    ("Stadler will build twenty hydrogen trains for a regional operator, the company said.",
     EUROPE),
    ("와브텍이 기관차 300대를 공급하는 장기 계약을 따냈다고 밝혔다.", US),
    ("Omnicom completed its purchase of Interpublic, creating the world's largest ad group.",
     US),
    ("게임엔진 업체 유니티가 설치 횟수에 따른 요금 정책을 철회했다.", US),
    ("솜포홀딩스가 해외 특종보험사 인수를 검토하고 있다고 밝혔다.", JAPAN),
    ("중웨이신소재가 전구체 공장 증설에 나서며 니켈 조달처를 늘리고 있다.", CHINA),
    ("글라핀스키 총재는 기준금리를 동결하고 연내 인하 가능성을 열어뒀다.", EUROPE),
    ("Remedy Entertainment wrote down the value of its latest shooter after weak sales.",
     EUROPE),
    ("알리망타시옹 쿠시타드가 일본 세븐앤아이홀딩스 인수 제안을 철회했다.", OTHER),
]


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES_WITHOUT_A_COUNTRY) == []


def test_nxp_is_dutch_in_korean_too() -> None:
    # The lexicon helper's find: us.tsv listed NXP반도체 as American (NXP is Eindhoven's).
    assert misfiled([("NXP반도체가 차량용 반도체 공장 증설 계획을 발표했다.", EUROPE)]) == []
