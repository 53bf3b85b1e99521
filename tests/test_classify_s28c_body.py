from newsletter import classify_second_look
from newsletter.classify import classify
from newsletter.classify_s28c_body import federal_firm, mineral_controls, own_firm_stake
from newsletter.models import Summary
from tests.region_cases import CHINA, EUROPE, OTHER, US, misfiled

# Stop 28 c (issue 13): bare bodies whose country the act itself tells
# (newsletter/classify_s28c_body.py). Sentences written for this file; the *_is_* tests failed
# before the stages.

# a 연방 body acting on a firm of a federal country other than America
_FEDERAL_ON_A_FIRM = [
    ("경영난에 빠진 지멘스에 대해 연방정부가 공적자금 투입 조건으로 배당 중단을 요구하는 "
     "방안을 발표했다. 회사는 구조조정 계획을 다음 달 내놓기로 했다.", EUROPE),
    ("노바티스에 대해 연방정부가 약가 인하를 권고하는 보고서를 냈다. 업계는 연구개발 투자가 "
     "줄어들 것이라고 반발했다.", EUROPE),
]

# a bare body taking a stake in a firm: its own country's firm, final
_STAKE_IN_OWN_FIRM = [
    ("국방부가 알루미늄 업체 알코아의 최대주주에 올랐다. 국방부는 2억달러 규모 우선주를 "
     "인수하고, 회사는 중국 의존도를 줄이기 위한 새 제련소 건설 계획을 내놨다.", US),
]

# a bare ministry controlling the export of the minerals China wields
_MINERAL_CONTROLS = [
    ("미국의 반도체 장비 수출 규제 강화 이틀 만에 맞대응이 나왔다. 상무부는 5일 공고를 "
     "통해 게르마늄과 흑연의 대미 수출을 전면 금지한다고 밝혔다.", CHINA),
    ("일본과 유럽 완성차 업체들이 부품 부족을 걱정하는 가운데 상무부가 안티모니 수출 통제를 "
     "제련 장비까지 넓혔다.", CHINA),
    ("The commerce ministry said on Monday it would impose export controls on gallium and "
     "germanium refining equipment, a move that worries chipmakers in Japan and Europe.", CHINA),
]

# neighbours that keep their reading: an American 연방 body on an American firm, a named
# country's body, a Korean 정부 acting on a foreign firm, an American body answering China's
# controls
_NEIGHBOURS = [
    ("반도체 공장을 짓는 삼성전자에 대해 연방정부가 보조금 지급을 확정했다.", US),
    ("인텔에 대해 연방정부가 보조금 회수를 검토하고 있다. 회사는 공장 건설을 늦췄다.", US),
    ("독일 연방정부가 폭스바겐에 대해 전기차 보조금 재도입을 약속했다.", EUROPE),
    ("상무부는 희토류 수출 통제로 공급이 막힌 자국 업체를 위해 비축 물량을 늘리기로 했다.", US),
    ("The ministry said it would help carmakers hit by export controls on rare earths.", OTHER),
    ("공정위가 카카오의 지분 매각을 명령했다. 회사는 행정소송을 검토하고 있다.", OTHER),
    ("상무부는 중국의 갈륨 수출 금지에 대응해 국내 생산 지원책을 내놨다. 미국 업계는 "
     "환영했다.", US),
]


def _without_new_stages(text: str) -> str:
    """The region the stages before stop 28 c gave (to show the tests fail without them)."""
    saved = classify_second_look.STAGES
    # drop these three only: the stages merged after them (refusal, k3 clause) stay
    classify_second_look.STAGES = tuple(s for s in saved if s not in (
        federal_firm, own_firm_stake, mineral_controls))
    try:
        return classify(Summary(text=text)).region.value
    finally:
        classify_second_look.STAGES = saved


def test_a_federal_body_on_a_federal_countrys_firm_is_that_countrys() -> None:
    assert misfiled(_FEDERAL_ON_A_FIRM) == []


def test_a_bare_body_taking_a_stake_in_a_firm_is_the_firms_country() -> None:
    assert misfiled(_STAKE_IN_OWN_FIRM) == []


def test_a_bare_ministry_controlling_rare_mineral_exports_is_chinas() -> None:
    assert misfiled(_MINERAL_CONTROLS) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []


def test_the_cases_were_misfiled_before_the_stages() -> None:
    # every shape needs its stage: without them each case goes elsewhere
    for text, expected in _FEDERAL_ON_A_FIRM + _STAKE_IN_OWN_FIRM + _MINERAL_CONTROLS:
        assert _without_new_stages(text) != expected.value, text[:30]


def test_the_reason_says_what_the_body_did() -> None:
    text, _ = _FEDERAL_ON_A_FIRM[0]
    assert "a firm of a federal country" in classify(Summary(text=text)).reason


def test_the_egg_producer_is_american() -> None:
    # lexicon/us-s28c.tsv: the wire's 칼메인푸드 (Cal-Maine Foods); no name was recognised before
    assert misfiled([("사료값 상승에도 칼메인푸드는 달걀 판매 호조로 사상 최대 실적을 냈다.",
                      US)]) == []


# Review of stop 28 c (attack): America's bodies the stages took away. A 연방 court tries a
# foreign firm sued in its market; the act's amount in plain dollars is America's money; a bare
# 상무부 or "the ministry" whose own people, places or a heading country the summary names is
# that country's, whatever mineral it controls. Each was filed right before the stages.
_AMERICAS_OWN = [
    ("지멘스헬시니어스에 대해 연방대법원이 의료기기 특허 소송의 상고를 기각했다. 회사는 "
     "수억달러의 배상금을 물게 됐다.", US),
    ("타타컨설턴시에 대해 연방정부가 취업비자 남용 혐의로 2천500만달러의 벌금을 부과했다. "
     "회사는 혐의를 부인했다.", US),
    ("상무부는 질화갈륨(GaN) 전력반도체 제조 장비의 수출 통제를 강화한다고 밝혔다. 러트닉 "
     "장관은 동맹국과 보조를 맞추겠다고 말했다.", US),
    ("상무부는 흑연 음극재 생산 기술의 수출 통제를 강화하기로 했다. 워싱턴 관가에서는 추가 "
     "조치가 나올 것이라는 관측이 나온다.", US),
]
_OTHERS_OWN = [
    ("말레이시아가 자원 민족주의를 강화하고 있다. 상무부는 희토류 원광의 수출을 금지한다고 "
     "밝혔다.", OTHER),
    ("The ministry said it would tighten export controls on graphite to protect Vietnam's "
     "battery makers, a trade official told reporters in Hanoi.", OTHER),
]


def test_americas_bodies_and_others_ministries_keep_their_reading() -> None:
    assert misfiled(_AMERICAS_OWN + _OTHERS_OWN) == []


def test_the_review_cases_were_right_before_the_stages() -> None:
    for text, expected in _AMERICAS_OWN + _OTHERS_OWN:
        assert _without_new_stages(text) == expected.value, text[:30]


def test_a_bodys_ruling_on_a_stake_deal_is_not_its_own_purchase() -> None:
    # "X의 Y 지분 인수를 불허했다": X buys, the body rules; own_firm_stake must not read the
    # body as taking a stake in X (its reason would say so, and its answer is final)
    from newsletter.classify import _analyse, _decide
    from newsletter.classify_s28c_body import own_firm_stake

    for text in ("법무부가 닛폰스틸의 US스틸 지분 인수를 불허했다.",
                 "법무부가 소니의 미국 음반사 지분 인수에 제동을 걸었다."):
        analysis = _analyse("", text)
        region, reason = _decide(analysis, text)
        assert own_firm_stake(region, reason, "", text, analysis.mentions) is None, text
    text, _ = _STAKE_IN_OWN_FIRM[0]
    analysis = _analyse("", text)
    assert own_firm_stake(*_decide(analysis, text), "", text, analysis.mentions) is not None
