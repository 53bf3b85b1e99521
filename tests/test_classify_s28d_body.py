from newsletter import classify_second_look
from newsletter.classify import classify
from newsletter.classify_s28d_body import (
    duty_on_us_goods,
    fined_in_own_money,
    fronted_stake,
    measure_maker,
    own_institution,
)
from newsletter.models import Summary
from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 d (issue 13): bare bodies whose country the rest of the lead tells
# (newsletter/classify_s28d_body.py). Sentences written for this file; the *_is_* tests failed
# before the stages.

# a fronted "-자" clause headed by a country, then a bare body taking a stake in a firm
_FRONTED_STAKE = [
    ("중국이 갈륨 수출 허가를 잇달아 미루자 국방부가 알루미늄 업체 알코아의 최대주주로 "
     "올라섰다. 회사는 새 제련소를 짓기로 했다.", US),
    ("중국이 갈륨 수출을 끊자 미국의 공급망 재편에 정부가 직접 뛰어들었다. 국방부는 "
     "알루미늄 업체 알코아의 우선주 2억달러어치를 사들여 최대주주가 된다.", US),
]

# a bare government widening a named state institution of its own country
_OWN_INSTITUTION = [
    ("엔화 약세 속에 해외 인프라 수주 확대를 내건 정부가 일본정책투자은행(DBJ)의 출자 기능을 "
     "대폭 강화하는 방안을 검토하고 있다고 현지 언론이 전했다. 중소기업 지원도 늘린다.", JAPAN),
]

# a nameless measure in the lead, its maker opening the next sentence
_MEASURE_MAKER = [
    ("중국에서 지었거나 중국 선사가 소유한 화물선이 입항할 때마다 별도 검사를 받게 하는 "
     "조치가 다음 달부터 시행된다. 연방해사위원회(FMC)는 위반 시 입항을 막겠다는 방침이다.", US),
]

# a firm heading a reason clause, then an unknown authority fining it in its own money
_FINED_IN_OWN_MONEY = [
    ("챗봇 개발사 앤스로픽이 이용자 대화를 동의 없이 학습에 썼다며 정보보호청 '아가'가 "
     "900만유로의 과징금을 매겼다. 마드리드에 본부를 둔 이 기관은 시정 계획도 요구했다.",
     EUROPE),
]

# Withdrawn at review: a bare federal body beside a constitutional court (Europe's, since
# America has no constitutional court) took Korea's 헌법재판소 with America's bare 연방정부
# ("헌법재판소가 … 결론을 미루는 사이 연방정부는 …") to Europe; the lexicon gives a bare
# 헌법재판소 to Korea, and the shape is too rare to guard. The sentence stays America's.
_KOREAS_COURT_AND_US_FEDERAL = [
    ("헌법재판소가 대통령 탄핵심판 결론을 미루는 사이 연방정부는 수입 자동차 관세를 25%로 "
     "올렸다.", US),
]

# duties on American-made goods among others, laid by a bare 상무부
_DUTY_ON_US_GOODS = [
    ("미국·일본·인도산 나일론 수지에 최고 40%의 반덤핑 관세가 부과된다. 상무부는 조사 끝에 "
     "이들 나라 제품이 자국 업체들에 피해를 줬다고 판정했다.", CHINA),
]

# neighbours that keep their reading: a firm acting after a fronted clause,
# an international body's capital, a Korean 정부 and its own bank
_NEIGHBOURS = [
    ("중국이 희토류 수출을 막자 라이너스가 새 정련 공장 건설에 나섰다.", OTHER),
    ("정부가 국제통화기금(IMF)의 재원 확대에 20억달러를 내기로 했다.", OTHER),
    ("재무부가 세계은행의 자본금 확충을 다른 주주국들에 요구했다.", US),
    ("중국 업체가 만든 크레인에 별도 검사를 요구하는 조치가 다음 달부터 시행된다. 국방부는 "
     "보안 점검을 맡는다.", CHINA),
    ("중국이 발표한 희토류 수출 허가 조치가 이달부터 시행됐다. 연방해사위원회는 해운 "
     "영향을 점검하기로 했다.", CHINA),
    ("헌법재판소가 특별기금 편성에 제동을 건 뒤 연방정부가 10억달러 규모 지원금을 "
     "줄였다.", US),
    ("미국·일본산 나일론 수지에 관세가 부과된다. 러트닉 장관과 상무부는 보복을 "
     "검토했다.", US),
    ("구글이 검색 결과를 조작했다며 경쟁당국이 50억달러의 과징금을 매겼다.", US),
    ("정부가 수출입은행의 융자 기능을 확대하기로 했다. 조선업 지원이 목적이다.", OTHER),
]


# Review of stop 28 d (attacks written for this file; each failed before the review's fixes):
# neighbours of each stage an editor files otherwise than the stage did.
_REVIEW_NEIGHBOURS = [
    # own_institution: another country's institution widening only as what the body answers,
    # welcomes or asks for, not the body's own act; a country named beside the institution
    ("정부는 일본 국제협력은행(JBIC)의 역할 확대에 맞서 수출입은행의 해외 수주 지원 한도를 "
     "늘리기로 했다. 원전·방산 수출 경쟁에 대비한 조치다.", OTHER),
    ("정부가 한미 원전협력 사업을 위해 미국 국제개발금융공사(DFC)의 출자 기능을 확대해 "
     "달라고 요청했다.", OTHER),
    ("정부는 미국 국제개발금융공사(DFC)의 융자 기능을 늘리는 방안을 미국 측에 제안했다.",
     OTHER),
    ("재무부가 국제협력은행(JBIC)의 출자 기능 확대를 반겼다. 미일 투자 합의 이행이 빨라질 "
     "것이라는 평가다.", US),
    # fronted_stake: the fronted country is the bare body's own, so the firm may be foreign
    ("미국이 핵심광물 자립을 서두르자 국방부가 광산업체 일루카의 최대주주로 올라섰다.", US),
    # measure_maker: the lead's country is the measure's subject ("중국이 … 물리는 관세"); the
    # next sentence's body only reacts
    ("중국이 한국산 양극재에 물리는 반덤핑 관세가 이달부터 시행됐다. 한국무역협회는 업계 "
     "피해를 조사하겠다고 밝혔다.", CHINA),
    ("중국이 미국산 돼지고기에 부과하는 추가 관세가 다음 주부터 시행된다. 농무부는 수출 "
     "농가 지원책을 검토하고 있다.", CHINA),
    # fined_in_own_money: the wire's conversion "(약 …원)" of a dollar fine is not the
    # authority's money
    ("애플이 앱 결제 규정을 어겼다며 연방 법원이 3억달러(약 4천200억원)의 벌금을 물렸다.",
     US),
    ("메타가 이용자 정보를 광고주와 무단 공유했다며 당국이 6억달러(약 8천400억원)의 과징금을 "
     "부과했다.", US),
    # duty_on_us_goods: American-made goods as a condition of relief or a component, not the
    # goods the duty is laid on
    ("미국산 부품을 80% 이상 쓴 트럭에는 관세를 면제하는 조치가 시행된다. 상무부는 수입 업체들에 "
     "원산지 증명을 요구할 계획이다.", US),
    ("미국산 알루미늄을 쓰지 않은 외국산 변압기 부품에 추가 관세가 붙는다. 상무부는 다음 달부터 "
     "통관 심사를 강화한다.", US),
    ("상무부가 미국산 에탄 구매를 늘리는 나라에는 관세를 낮춰주겠다고 밝혔다. 협상은 다음 달 "
     "시작된다.", US),
]

# a euro fine the wire converts to won is still the euro's authority's
_FINED_CONVERTED = [
    ("차량호출 업체 우버가 운전기사 정보를 역외로 넘겼다며 당국이 2억9천만유로(약 4천300억원)의 "
     "과징금을 부과했다.", EUROPE),
]


def _without_new_stages(text: str) -> str:
    """The region the stages before stop 28 d gave (to show the tests fail without them)."""
    saved = classify_second_look.STAGES
    classify_second_look.STAGES = tuple(s for s in saved
                                        if s not in (fronted_stake, own_institution,
                                                          measure_maker, fined_in_own_money,
                                                          duty_on_us_goods))
    try:
        return classify(Summary(text=text)).region.value
    finally:
        classify_second_look.STAGES = saved


def test_a_bare_body_after_a_fronted_clause_taking_a_stake_is_the_firms_country() -> None:
    assert misfiled(_FRONTED_STAKE) == []


def test_a_bare_government_widening_its_own_institution_is_that_countrys() -> None:
    assert misfiled(_OWN_INSTITUTION) == []


def test_a_nameless_measure_is_its_next_sentences_makers() -> None:
    assert misfiled(_MEASURE_MAKER) == []


def test_an_unknown_authority_fining_in_its_own_money_is_that_moneys() -> None:
    assert misfiled(_FINED_IN_OWN_MONEY) == []


def test_koreas_court_beside_americas_federal_government_stays_americas() -> None:
    assert misfiled(_KOREAS_COURT_AND_US_FEDERAL) == []


def test_a_bare_commerce_ministry_levying_on_american_goods_is_chinas() -> None:
    assert misfiled(_DUTY_ON_US_GOODS) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []


def test_review_neighbours_keep_their_reading() -> None:
    assert misfiled(_REVIEW_NEIGHBOURS) == []


def test_a_converted_fine_is_the_fines_own_moneys() -> None:
    assert misfiled(_FINED_CONVERTED) == []


def test_the_cases_were_misfiled_before_the_stages() -> None:
    for text, expected in (_FRONTED_STAKE + _OWN_INSTITUTION + _MEASURE_MAKER
                           + _FINED_IN_OWN_MONEY
                           + _DUTY_ON_US_GOODS):
        assert _without_new_stages(text) != expected.value, text
