from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 d (issue 13): Korean clause shapes of family k4 (newsletter/classify_k4_clause.py and
# the wider head noun of classify_k3_clause's relative on the cleft's head). Sentences written
# for this file; each `*_acts` test failed before the rule, the `*_stays` ones must not move.

# "A사가 X 정부 보조금을 받아 … 들이고 …에 들어갔다": the money is a means; the firm acts.
_MONEY_AS_MEANS = [
    ("인텔이 일본 정부 보조금을 받아 구마모토 공장에 첨단 패키징 설비를 들여오고 시험 생산 "
     "준비에 들어갔다. 일본 내 공장에 이 설비가 도입되는 것은 처음이다.", US),
]

# "…한 사실이 X <field> 당국에 적발됐다": the body with a field word before it acts.
_FIELD_BODY = [
    ("일본 도요타의 멕시코 공장 건설 현장에서 일본인 기술자 30여 명이 취업 비자 없이 일해 온 "
     "사실이 멕시코 이민 당국에 적발됐다. 당국은 시공사에 작업 중단을 명령했다.", OTHER),
]

# "X 국적의 <person>이 이끄는 Y가": the nationality describes the person; Y is the subject.
_NATIONALITY = [
    ("일본 국적의 박준호 회장이 이끄는 투자회사 새봄캐피탈이 부도 위기에 몰린 유통업체의 협력사 "
     "대금을 대신 갚겠다고 밝혔다. 대주주 책임론이 커지자 내놓은 조치다.", OTHER),
]

# "A가 발주한 <a long head noun>을 따낸 것은 B가 아니라 C였다": A is a relative clause's subject.
_CLEFT_LONG_HEAD = [
    ("도요타가 발주한 3년간 50억달러 규모의 전고체 배터리 공급 사업을 따낸 것은 기존 "
     "협력사 파나소닉이 아니라 CATL이었다. CATL은 일본 공장 증설도 검토하고 있다.", CHINA),
]

# "…한 뒤, X성 Y에 본사를 둔 Z은행이 …했다고 W 매체들이 전했다": the outlet only reports; the
# unnamed firm is its seat's.
_OUTLET_SEAT = [
    ("유럽연합이 이란의 무기 개발을 돕는 외국 은행에 제재를 경고한 뒤, 광둥성 포산에 본사를 둔 "
     "남해농촌상업은행이 이란과의 무역 대금 결제를 잠정 중단했다고 이란 매체들이 전했다. 이 "
     "은행은 그동안 이란 교역의 주요 창구였다.", CHINA),
]

# "A사가 내놓은 칩을 들이지 말라는 지시가 B 등에 내려졌다고 D가 전했다. X 위원회는 …": an order
# given by no one the lead names; the body that opens the next sentence gave it.
_ORDER_NAMED_NEXT = [
    ("AMD가 중국 시장용으로 내놓은 'MI308 라이트'를 들이지 말라는 지시가 텐센트와 바이두 등에 "
     "내려졌다고 블룸버그가 전했다. 국가발전개혁위원회는 이미 받은 물량도 돌려보내라고 요구한 "
     "것으로 알려졌다.", CHINA),
]

# Neighbours: a lead that ends in the subsidy received, a receipt followed by an authority's
# act, a body with no country before it, and a nationality with no relative clause.
_STAYS = [
    ("인텔이 독일 정부로부터 100억유로 규모의 보조금을 받게 됐다. 독일 경제부는 공장 건설을 "
     "지원하기로 했다.", EUROPE),
    ("중국 비야디의 협력업체 직원 20여 명이 불법 체류 상태로 일해 온 사실이 출입국 당국에 "
     "적발됐다. 회사는 조사에 협조하겠다고 밝혔다.", CHINA),
    ("도쿄에 본사를 둔 소니가 인도 공장 증설 계획을 보류했다고 인도 매체들이 전했다. 회사는 "
     "수요 둔화를 이유로 들었다.", JAPAN),
    ("애플이 새로 내놓은 앱 결제 방식을 중단하라는 지시가 국내 통신사들에 내려졌다. 통신사들은 "
     "대응 방안을 검토하고 있다.", US),
    ("미국 국적의 투자자들이 일본 도쿄 도심 오피스 빌딩을 잇따라 사들이고 있다. 엔저가 "
     "이어지면서 매입 규모가 커졌다.", US),
]


def test_money_as_means_acts() -> None:
    assert misfiled(_MONEY_AS_MEANS) == []


def test_field_body_acts() -> None:
    assert misfiled(_FIELD_BODY) == []


def test_nationality_acts() -> None:
    assert misfiled(_NATIONALITY) == []


def test_cleft_long_head_acts() -> None:
    assert misfiled(_CLEFT_LONG_HEAD) == []


def test_neighbours_stay() -> None:
    assert misfiled(_STAYS) == []


def test_outlet_seat_acts() -> None:
    assert misfiled(_OUTLET_SEAT) == []


def test_order_named_next_acts() -> None:
    assert misfiled(_ORDER_NAMED_NEXT) == []


# Review of stop 28 d (branch s28d-review-k4): neighbours the k4 stages misread. Each failed
# on the merged k4 rules and passed before them (d47f6bb).
_REVIEW_STAYS = [
    # a country that is only where the suspect was going stands before a domestic body with
    # no field word between: Korean police act, not China's
    ("LG이노텍 엔지니어가 중국 이직 직전 경찰에 체포됐다. 경찰은 그가 카메라 모듈 설계 "
     "자료를 외장 하드에 옮겨 둔 것으로 보고 있다.", OTHER),
    # a nationality on a firm, not a person: the firm's home keeps its ship
    ("중국 국적의 해운사가 운영하는 화물선 훙타이58호가 대만 서부 해저 통신 케이블을 끊은 "
     "혐의를 받고 있다. 대만 해순서는 선박을 추적하고 있다.", CHINA),
    # a body named next that only reacts to the order did not give it
    ("해외 메신저 앱을 쓰지 말라는 지시가 중국 국영기업들에 내려졌다. 유럽연합 집행위원회는 "
     "우려를 나타냈다.", CHINA),
    # the reported clause is a passive whose agent is named: the agent acts, not the seat's firm
    ("오사카에 본사를 둔 모바일 게임사 하루카게임즈가 중국 넷이즈에 인수됐다고 중국 매체들이 "
     "전했다. 인수 금액은 공개되지 않았다.", CHINA),
]


def test_review_neighbours_stay() -> None:
    assert misfiled(_REVIEW_STAYS) == []
