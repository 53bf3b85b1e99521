from newsletter.classify import classify
from newsletter.models import Summary
from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 (issue 13): a bare body ("정부가", "연방의회는", "외교부는", "상무부가") as the deciding
# subject, whose country only the rest of the summary tells (newsletter/classify_body_owner.py).
# Sentences written for this file; the *_is_the_homes tests failed before the stage.

# its money, in the body's own sentence
_BY_ITS_MONEY = [
    ("부동산 침체로 자금난에 빠진 지방 은행들에 정부가 3천억위안을 긴급 투입하기로 했다. "
     "자금을 받는 곳에는 공상은행과 농업은행 등이 포함된다.", CHINA),
    ("에너지 위기 이후 연방의회는 2천억유로 규모의 가스 요금 지원 기금을 승인했다. "
     "야당은 재정 규율이 무너졌다고 비판했다.", EUROPE),
]

# the country named as the home of the act: assets within it frozen, its own sanctions list,
# its content counted in goods made abroad
_BY_THE_HOME_OF_THE_ACT = [
    ("외교부는 대만에 무기 부품을 판 방산업체 네 곳의 중국 내 자산을 동결하고 거래를 "
     "금지한다고 밝혔다.", CHINA),
    ("해외 공장에서 만든 제품이라도 중국산 갈륨이 일정 비율 이상 들어갔다면 수출 허가를 받도록 "
     "하는 규정을 상무부가 발표했다. 미국과 유럽 반도체 업계는 공급망 혼란을 우려했다.", CHINA),
]

# a summary naming no one: its money and a body only one country has
_NO_NAME = [
    ("각의는 사상 최대 규모의 내년도 방위 예산안을 의결했다. 정부는 정기국회에 예산안을 "
     "낼 계획이다.", JAPAN),
    ("부동산 침체로 자금난에 빠진 지방 은행들에 정부가 3천억위안을 긴급 투입하기로 했다.",
     CHINA),
    ("개인정보 유출 사고를 낸 보험 앱 운영사를 상대로 여러 주 법무장관들이 공동 소송을 냈다.", US),
]

_NEIGHBOURS = [
    # America's 상무부 acting on Chinese firms: China is the act's target, not its home
    ("상무부가 중국 반도체 기업 12곳을 수출 통제 명단에 올렸다. "
     "이들 기업은 미국 기술을 쓰려면 별도 허가를 받아야 한다.", US),
    # Korea's 외교부 bringing workers home from a place named with its country: the act's other
    # side, not its home
    ("미국 텍사스주 공장에서 이민세관단속국에 체포된 기술자들을 데려오기 위해 외교부가 "
     "전세기를 보냈다.", OTHER),
    # money of a country the body's sentence names is the value of the goods acted on
    ("상무부는 3천억엔 규모의 일본산 철강에 반덤핑 관세를 부과하기로 했다. 업계는 반발했다.", US),
    # the default owner's own money keeps its reading
    ("정부가 반도체 설비 투자에 5조원을 지원하기로 했다. 업계는 환영했다.", OTHER),
]


def test_a_bare_body_by_its_money_is_the_homes() -> None:
    assert misfiled(_BY_ITS_MONEY) == []


def test_a_bare_body_by_the_home_of_its_act_is_the_homes() -> None:
    assert misfiled(_BY_THE_HOME_OF_THE_ACT) == []


def test_a_summary_naming_no_one_by_its_money_and_bodies_is_the_homes() -> None:
    assert misfiled(_NO_NAME) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []


def test_the_reason_says_whose_and_by_what() -> None:
    text, _ = _BY_ITS_MONEY[1]
    reason = classify(Summary(text=text)).reason
    assert reason.startswith("lead subject 연방의회 (Europe's, by 유로)")
