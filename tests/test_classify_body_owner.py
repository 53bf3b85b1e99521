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


# Review of stop 28 (attacks that the stage broke; each filed right before it):
# a won figure in parentheses is the wire's conversion of the amount before it, not money of
# its own
_NOT_MONEY_OF_ITS_OWN = [
    ("상무부는 차세대 메모리 공장에 보조금 38억달러(약 5조3천억원)를 지급하기로 했다고 밝혔다. "
     "공장은 2028년 가동된다.", US),
    ("재무부는 테러 단체에 자금을 댄 환전상 4명을 제재하고 이들의 자산 800만달러(약 110억원)를 "
     "동결했다.", US),
]

# a unit must end its word: "12·28 위안부 합의" is no yuan, "수출 통제 4원칙" no won
_NOT_A_CURRENCY_WORD = [
    ("정부는 12·28 위안부 합의 후속 조치를 점검하는 태스크포스를 꾸렸다. 피해자 단체는 "
     "진정성 있는 사과를 요구했다.", OTHER),
    ("상무부는 첨단 반도체 수출 통제 4원칙을 공개했다. 동맹국과의 협의도 이어가기로 했다.", US),
]

# Korea's government deals in others' money (buying abroad, borrowing abroad, prices abroad)
# without restating it in won: its bare 정부 is not re-filed by one foreign amount alone
_KOREAS_OWN_WITH_FOREIGN_MONEY = [
    ("정부는 2천500억엔 규모의 엔화 표시 외국환평형기금채권을 발행하기로 했다. 발행 금리는 "
     "다음 달 정해진다.", OTHER),
    ("정부가 해상초계기 6대를 30억유로에 들여오는 계약을 맺었다. 첫 기체는 2029년 도착한다.",
     OTHER),
]

# "X 내 자산" is the home's only when the act is freezing or barring it; a government letting
# its firms sell or buy assets in X acts at home
_ASSETS_IN_X_NOT_FROZEN = [
    ("재무부는 자국 기업들이 러시아 내 자산을 팔 수 있도록 허용하는 일반 면허를 내줬다.", US),
    ("정부는 중국 내 자산을 정리하려는 국내 중소기업들에 세금 감면을 해주기로 했다.", OTHER),
]


def test_money_that_is_a_conversion_is_no_home() -> None:
    assert misfiled(_NOT_MONEY_OF_ITS_OWN) == []


def test_a_currency_unit_must_end_its_word() -> None:
    assert misfiled(_NOT_A_CURRENCY_WORD) == []


def test_koreas_bare_government_keeps_its_home_over_one_foreign_amount() -> None:
    assert misfiled(_KOREAS_OWN_WITH_FOREIGN_MONEY) == []


def test_assets_in_a_country_not_frozen_are_no_home() -> None:
    assert misfiled(_ASSETS_IN_X_NOT_FROZEN) == []


# a sign of a country named in the bare body's own sentence is that country's side of the act:
# Korea's 정부 protesting what 일본 각의 adopted, its 외교부 answering China's sanctions list
_THE_NAMED_OTHER_SIDE = [
    ("정부는 일본 각의가 독도 영유권 주장을 되풀이한 외교청서를 의결한 데 대해 주한 일본 "
     "총괄공사를 불러 항의했다.", OTHER),
    ("외교부는 러시아의 제재 대상에 오른 국내 연구기관 두 곳과 관련해 러시아 측에 해명을 "
     "요구했다.", OTHER),
]


def test_a_sign_of_the_country_named_beside_the_body_is_the_other_side() -> None:
    assert misfiled(_THE_NAMED_OTHER_SIDE) == []


# a one-country body or law held up as a model is the compared country's, not the home's
_AS_A_MODEL = [
    ("국회는 국방수권법(NDAA)처럼 해마다 방위산업 지원 한도를 정하는 특별법을 통과시켰다. "
     "야당도 찬성했다.", OTHER),
    ("정부는 각의 결정과 같은 절차로 추경 편성을 서두르기로 했다. 여당은 환영했다.", OTHER),
]


def test_a_one_country_body_held_up_as_a_model_is_no_home() -> None:
    assert misfiled(_AS_A_MODEL) == []


# the worth of what the act is on (assets frozen, a sale blocked) is in its owner's money
_THE_WORTH_OF_ITS_OBJECT = [
    ("The Senate voted down an arms sale, worth about 900 billion won, of attack helicopters "
     "to a Gulf buyer.", US),
    ("The Treasury blacklisted five tanker operators and froze assets worth 25 million euros "
     "held in U.S. accounts.", US),
    ("재무부는 제재를 피해 원유를 나른 선박 회사 5곳을 제재하고 3천만유로 상당의 자산을 "
     "동결했다.", US),
]


def test_the_worth_of_the_acts_object_is_no_home() -> None:
    assert misfiled(_THE_WORTH_OF_ITS_OBJECT) == []
