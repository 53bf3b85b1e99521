from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 c (issue 13): Korean clause shapes whose subject is not the lead's strongest name
# (newsletter/classify_k3_clause.py). Sentences written for this file; each `*_acts` test
# failed before the rule, the `*_stays` ones must not move.

# "A가 …하는 것은 B가 …하기 때문이다": the cause's subject acts.
_CAUSE_CLEFT = [
    ("일본 부품업체들이 대금 회수에 애를 먹는 것은 미국 대형 은행들이 신용장 개설을 잇따라 "
     "미루고 있기 때문이다. 업계는 거래처 다변화를 검토하고 있다.", US),
    ("독일 완성차업체들이 배터리 부족에 시달리는 것은 중국 소재기업들이 수출 물량을 크게 "
     "줄였기 때문이다. 일부 공장은 감산에 들어갔다.", CHINA),
]

# "A사가 X 법원 배심원단으로부터 … 평결을 받았다": the jury's (its court's) country acts.
_JURY_VERDICT = [
    ("LG전자가 캘리포니아 중부 연방지방법원 배심원단으로부터 디스플레이 특허를 침해했다는 판단과 "
     "함께 2억 달러 규모의 배상 평결을 받았다. LG전자는 항소할 계획이다.", US),
]

# "A를 B 주도 컨소시엄이 인수하기로 했다": object first, then its subject.
_OBJECT_FIRST = [
    ("미국 장난감업체 마텔을 공공투자펀드(PIF) 주도 컨소시엄이 약 200억달러에 인수하기로 했다. "
     "사모펀드 칼라일과 KKR이 참여하는 이번 거래는 업계 최대 규모이며, 마텔은 거래 뒤 "
     "상장폐지된다.", OTHER),
]

# "A가 … 하고, X 국방부 등이 참여하는 합작법인을 통해 …": X only joins A's venture.
_JOINS_VENTURE = [
    ("LG화학이 미국 오하이오주에 양극재 공장을 짓기로 하고, 미국 에너지부 등이 참여하는 "
     "합작법인을 통해 자금을 마련하기로 했다. 회사는 2027년 가동을 목표로 한다.", OTHER),
]

# "X 출신 창업자들이 세운 Y에 … 베팅한 것은 A가 아니라 B였다": X's founders are a relative
# clause's subject, not the cleft's; the focus B acts.
_RELATIVE_ON_HEAD = [
    ("인도 출신 엔지니어들이 세운 보안업체 사이버랩에 약 100억달러를 베팅한 것은 사모펀드가 "
     "아니라 마이크로소프트였다. 이번 거래는 전액 현금으로 이뤄진다.", US),
]

# "X의 Y제도가 시행에 들어가면서 Z 기업들도 … 의무를 지게 됐다": who laid the burden acts.
_BURDEN_BORNE = [
    ("미국의 위구르강제노동방지법이 본격 시행에 들어가면서 일본 태양광 부품업체들도 공급망 "
     "증빙 의무를 지게 됐다. 업계는 조달처 점검에 나섰다.", US),
]

# Neighbours: a cleft of a name keeps its focus; a body that keeps a list acts.
_STAYS = [
    ("소니를 처음 앞지른 것은 미국 업체가 아니라 중국 샤오미였다. 샤오미는 출하량을 늘렸다.",
     CHINA),
    ("일본 중소 수출업체들이 내년부터 탄소 배출량 보고 의무를 지게 됐다. 경제산업성은 "
     "지원책을 내놓기로 했다.", JAPAN),
    ("파나소닉과 도시바가 일본 경제산업성이 관리하는 수출통제 명단에 올랐다. 두 회사는 대응을 "
     "검토하고 있다.", JAPAN),
]


def test_cause_cleft_acts() -> None:
    assert misfiled(_CAUSE_CLEFT) == []


def test_jury_verdict_acts() -> None:
    assert misfiled(_JURY_VERDICT) == []


def test_object_first_acts() -> None:
    assert misfiled(_OBJECT_FIRST) == []


def test_joins_venture_acts() -> None:
    assert misfiled(_JOINS_VENTURE) == []


def test_neighbours_stay() -> None:
    assert misfiled(_STAYS) == []


def test_relative_on_head_acts() -> None:
    assert misfiled(_RELATIVE_ON_HEAD) == []


def test_burden_borne_acts() -> None:
    assert misfiled(_BURDEN_BORNE) == []


# Review (stop 28 c): the cleft of a reason moves only a subject that undergoes. A subject that
# acts ("…을 낮춘 것은", "…을 늘리는 것은") keeps its news; the 때문 clause is its background.
_CAUSE_OF_AN_ACT = [
    ("SK하이닉스가 4분기 D램 출하 목표를 낮춘 것은 중국 수요가 예상보다 빠르게 줄었기 "
     "때문이다. 회사는 설비 투자도 일부 미루기로 했다.", OTHER),
    ("미국 퀄컴이 베트남 생산 비중을 늘리는 것은 중국 정부가 외국 기업 조사를 강화했기 "
     "때문이다. 퀄컴은 인도 공장도 검토하고 있다.", US),
    ("독일 BMW가 중국 공장 가동률을 낮춘 것은 중국 전기차 업체들이 가격 인하 경쟁을 "
     "벌였기 때문이다. BMW는 비용 절감에 나섰다.", EUROPE),
]


def test_cause_of_an_act_stays() -> None:
    assert misfiled(_CAUSE_OF_AN_ACT) == []


# Review: the cause's subject must act. A market or an economy ("중국 수요가", "중국 시장이")
# is a country's condition, and a subject a "…면서" clause closes is not the cause's own.
_CAUSE_NOT_AN_ACTOR = [
    ("대만 패널업체들이 재고 부담에 시달리는 것은 중국 수요가 예상보다 빠르게 줄었기 "
     "때문이다. 업계는 감산을 검토하고 있다.", OTHER),
    ("유럽 명품업체들이 실적 부진에 고전하는 것은 중국 시장이 급격히 위축됐기 때문이다. "
     "케링은 매장 수를 줄인다.", EUROPE),
    ("일본 조선업체들이 인력난에 시달리는 것은 미국 경기가 살아나면서 숙련공들이 대거 "
     "떠났기 때문이다. 업계는 외국인 인력을 늘린다.", JAPAN),
]


def test_cause_not_an_actor_stays() -> None:
    assert misfiled(_CAUSE_NOT_AN_ACTOR) == []


# Review: the jury's name is in the jury's own phrase. A country a particle closes off ("중국
# 화웨이를 상대로 낸 소송에서 배심원단으로부터") is the opponent's, not the court's.
_JURY_OPPONENT = [
    ("일본 파나소닉이 중국 BYD를 상대로 낸 배터리 특허 소송에서 배심원단으로부터 1억 달러 "
     "배상 평결을 받았다. BYD는 항소하겠다고 밝혔다.", JAPAN),
]


def test_jury_opponent_stays() -> None:
    assert misfiled(_JURY_OPPONENT) == []


# Review: the lead's own subject is not a fronted clause's ("미국이 …을 확정하자 대만 X가 …"):
# that clause is background, and the subject after it set up what the others join.
_JOINS_AFTER_FRONTED = [
    ("미국이 반도체 세액공제 확대를 확정하자 대만 UMC가 텍사스에 새 공장을 짓기로 하고, 일본 "
     "도시바 등이 참여하는 합작법인을 세운다. 공장은 2028년 가동된다.", OTHER),
]


def test_joins_after_fronted_acts() -> None:
    assert misfiled(_JOINS_AFTER_FRONTED) == []
