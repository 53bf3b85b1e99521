from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-two (issue 13, stop 26): a second breadth round in newsletter/lexicon/*-r32.tsv
# (people, industry and infrastructure, money, each region's agencies and courts). Sentences
# written for this file, one per class of name the tables lacked; each failed before the round.

_NAMES_WITHOUT_A_COUNTRY = [
    # a machine-tool maker and a robot-parts maker
    ("마키노가 항공기 부품용 5축 가공기 신제품을 내놓고 수주 확대에 나섰다.", JAPAN),
    ("Harmonic Drive Systems raised its forecast as orders for robot gears picked up.", JAPAN),
    # a shipyard and a rail-car maker
    ("양쯔장조선이 컨테이너선 12척을 추가로 수주했다고 밝혔다.", CHINA),
    ("에파주가 고속도로 운영권 지분 인수를 마무리했다고 밝혔다.", EUROPE),
    # a central-bank board member and a regulator's head, named without their country
    ("해맥 총재는 물가가 목표를 웃도는 한 금리 인하를 서두를 이유가 없다고 말했다.", US),
    ("차야 가즈유키 위원장은 스마트폰 앱 시장의 경쟁 촉진법을 엄격히 집행하겠다고 말했다.", JAPAN),
    # an activist investor and two trading firms
    ("행동주의 투자자 펠츠가 식품업체 이사회 진입을 다시 시도하고 있다.", US),
    ("Interactive Brokers reported record client accounts for the quarter.", US),
    ("옵티버가 옵션 시장조성 부문의 인력을 늘리고 있다.", EUROPE),
    # an accounting regulator and a brokers' regulator
    ("PCAOB fined an audit firm for lapses in its reviews of small lenders.", US),
    ("FINRA fined a brokerage over misleading promotions on social media.", US),
    # a bank and a forge from outside the four regions, acting in Europe
    ("하포알림이 런던 지점을 닫고 유럽 영업을 줄이기로 했다.", OTHER),
    ("바라트포지가 독일 방산업체와 포탄 합작법인을 세운다.", OTHER),
]


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES_WITHOUT_A_COUNTRY) == []
