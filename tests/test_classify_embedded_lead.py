from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 b (Korean): a lead whose main subject names no one, its names in a fronted or a
# relative clause or before a parent's unit (newsletter/classify_embedded_lead.py, and the
# passive connectives in 이자 in classify_tables.KO_CLAUSE_END_BARE). Sentences written for
# this file; each *_is_* test failed before its rule.

# "…이 꺾이자 X 등 업체들이 …": a passive in 이자 closes the fronted clause, so the market it
# names (대일본 = toward Japan) does not take the main subject's place
_PASSIVE_CONNECTIVE = [
    ("대일본 자동차 수출이 꺾이자 폭스바겐과 BMW 등 독일 완성차 업체들이 동남아로 눈을 "
     "돌리고 있다. 일본이 수입차 인증 기준을 강화한 것이 타격이 됐다.", EUROPE),
    ("대미국 철강 수출이 꺾이자 포스코와 현대제철 등 한국 철강사들이 유럽으로 눈을 돌리고 "
     "있다.", OTHER),
]

# "A 산하의 B 주가가", "A의 자회사 B 매출이": the numbers are the unit's, the parent describes it
_UNIT_OF_A_PARENT = [
    ("프랑스 르노 그룹 산하의 닛산 주가가 장중 급등했다. 신차 판매가 늘었다는 소식 덕분이다.",
     JAPAN),
    ("일본 소프트뱅크그룹의 자회사 ARM 매출이 처음으로 40억달러를 넘었다.", EUROPE),
]

# a thing someone made, then banned or delayed with no one named: the next sentence's subject
# is the agent the passive leaves out
_THING_UNDERGOES = [
    ("애플이 유행시킨 무선 이어폰 충전 단자가 2028년부터 사실상 퇴출된다. 유럽연합 "
     "집행위원회는 모든 기기에 USB-C 단자를 달도록 하는 새 규정을 내놨다.", EUROPE),
    # the relative clause holds an object ("개발을 이끄는", 이끌- losing its ㄹ), the thing a
    # genitive ("'…'의 출시가"): the parent that announces the delay is the agent
    ("프랑스 파리의 퀀틱드림이 개발을 이끄는 '스타워즈 이클립스'의 출시가 다시 미뤄졌다. "
     "모회사 넷이즈는 완성도를 높이기 위해 발매일을 2027년으로 연기한다고 밝혔다.", CHINA),
]

# "X가 이끄는 Y가": 이끄는 closes a relative clause (it had been read as a topic in 는)
_ILKKEUNEUN = [
    ("워런 버핏이 이끄는 버크셔해서웨이가 지분을 꾸준히 늘려 온 이토추상사가 5천억엔 규모의 "
     "자사주 매입 계획을 발표했다.", JAPAN),
]

# "A 총리가 …요청한 신임투표에서 패배해 내각이 …": the place noun ending the relative clause
# is taken by a connective verb of A's own clause; A leads, not the rating agency named next
_OWN_VERB_AFTER_RELATIVE = [
    ("올라프 숄츠 총리가 경기 부양책을 내세워 스스로 요청한 신임투표에서 패배해 연립정부가 "
     "무너졌다. 국채 금리가 뛰는 등 불안이 커지자 신용평가사 무디스도 전망을 낮췄다.", EUROPE),
    ("마르크 뤼터 총리가 이민 정책을 앞세워 직접 꾸린 연정 협상에서 실패해 내각이 "
     "총사퇴했다. 정국 불안이 커지자 신용평가사 무디스도 전망을 낮췄다.", EUROPE),
]

# a main subject after a fronted clause, or the next sentence's subject, that the tables lacked
# (lexicon china-s29.tsv; the guarded 타깃 in classify_tables.PATTERNS)
_NAME_THE_TABLES_LACKED = [
    ("온라인 쇼핑몰로 손님이 빠져나가자 타깃이 매장 200곳을 닫기로 했다. 회사 측은 남은 매장에 "
     "투자를 늘리겠다고 설명했다.", US),
    ("미국 화이자의 폐암 치료제를 정면 비교 임상에서 앞선 신약이 처음 나왔다. 아커소는 자사 "
     "항체가 환자의 생존기간을 늘렸다고 학회에서 밝혔다.", CHINA),
    ("미국 애브비의 '휴미라'를 비교 임상에서 앞선 약물이 처음 나왔다. 캉팡생물은 결과를 "
     "학회에서 공개했다.", CHINA),
]

_NEIGHBOURS = [
    # a delay with no named subject next: the studio's place stays
    ("영국 런던의 한 스튜디오가 개발을 이끄는 '신작'의 출시가 미뤄졌다. 부품 수급 탓이다.", EUROPE),
    ("마이크로소프트가 만드는 새 게임기의 출시가 미뤄졌다. 회사는 이유를 밝히지 않았다.", US),
    # 타깃, the word "target": not the retailer
    ("관세 전쟁의 주요 타깃은 중국 업체들이다.", CHINA),
    ("미국 정부가 관세를 올리자 타깃이 된 중국은 보복을 예고했다.", CHINA),
    # the relative clause's place noun, then another subject: that subject's (round sixteen)
    ("미국 마이크론이 히로시마에 짓는 생산라인에 일본 정부가 보조금 5천억엔을 지원한다.", JAPAN),
    # a postposition in 해 ("에 대해") is no verb of the first subject's
    ("중국 업체가 운영하는 공장에 대해 미국 상무부가 제재를 결정했다.", US),
    # a market in the main subject's own genitive: still the owner's
    ("소프트뱅크그룹의 중국 매출이 줄었다.", JAPAN),
    # a plain connective in 자 (listed before): unchanged
    ("반도체 재고가 쌓이자 마이크론이 감산에 들어갔다.", US),
    # a success of the thing, not a decision against it: the maker's
    ("파나소닉이 개발한 배터리가 처음으로 테슬라 차량에 탑재됐다. 테슬라는 주행거리를 앞세워 "
     "판매를 늘릴 계획이다.", JAPAN),
    # a delay with no one named next: the maker's
    ("닌텐도가 개발을 맡은 새 게임기의 출시가 다시 연기됐다. 부품 수급이 늦어진 탓이다.", JAPAN),
    # the next sentence's subject names no one: the relative clause's maker keeps it
    ("샤오미가 만든 전동 킥보드가 시장에서 퇴출된다. 안전 기준을 못 맞췄다는 이유다.", CHINA),
]


def test_a_passive_connective_in_ija_is_a_clause_end() -> None:
    assert misfiled(_PASSIVE_CONNECTIVE) == []


def test_a_unit_named_after_its_parent_is_the_owner() -> None:
    assert misfiled(_UNIT_OF_A_PARENT) == []


def test_a_thing_banned_with_no_agent_is_the_next_subjects() -> None:
    assert misfiled(_THING_UNDERGOES) == []


def test_a_name_the_tables_lacked_is_the_subject() -> None:
    assert misfiled(_NAME_THE_TABLES_LACKED) == []


def test_a_relative_clause_in_ilkkeuneun_is_closed() -> None:
    assert misfiled(_ILKKEUNEUN) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []


def test_a_connective_verb_after_the_relative_clause_is_the_subjects() -> None:
    assert misfiled(_OWN_VERB_AFTER_RELATIVE) == []


# Review of stop 28 b (constructed sentences; each was filed right before stop 28 b and wrong
# after it, and each test failed before its fix).

# 타깃 after a clause end is the common word "target" unless it is the subject in 이 that acts
_TARGET_THE_WORD = [
    ("러시아군이 야간 공습을 이어가면서 타깃은 우크라이나 서부의 전력망이었다.", EUROPE),
    ("유럽연합이 반덤핑 관세를 올렸지만 타깃은 여전히 비야디 등 중국 업체들이다.", EUROPE),
    ("북한 해킹 조직이 공격 범위를 넓히고 타깃도 가상화폐 거래소로 바뀌었다.", OTHER),
]

# "X의 자회사 Y 매각이", "X 산하의 Y 지분 매각이": selling a unit or a stake in it is the parent's
_PARENT_SELLS_ITS_UNIT = [
    ("일본 소프트뱅크그룹의 자회사 ARM 매각 협상이 결렬됐다.", JAPAN),
    ("중국 텐센트 그룹 산하의 라이엇게임즈 지분 매각이 추진된다.", CHINA),
    ("프랑스 르노 그룹 산하의 닛산 지분 매각이 마무리됐다. 매각 대금은 전기차 개발에 쓴다.",
     EUROPE),
]

# a thing delayed or withdrawn, then another firm or an analyst who neither decides it nor
# restates it: the maker keeps the story
_NOT_THE_AGENT = [
    ("소니가 개발을 이끄는 대작 게임의 출시가 또 미뤄졌다. 마이크로소프트는 반사이익을 기대하고 "
     "있다.", JAPAN),
    ("도요타가 개발한 소형 수소차의 출시가 연기됐다. 현대차는 새 수소 트럭을 예정대로 내놓는다.",
     JAPAN),
    ("틱톡이 도입한 실시간 쇼핑 기능이 중단됐다. 미국 아마존은 비슷한 기능을 넓힌다.", CHINA),
]

# "A가 …에 짓는 단지에 입주해 일본 B가 …": the connective verb's subject is the named firm next
_CONNECTIVE_OF_THE_NEXT_NAME = [
    ("삼성전자가 평택에 짓는 반도체 단지에 입주해 일본 소재업체 JSR이 현지 생산에 나선다.", JAPAN),
    ("인텔이 독일에 짓는 공장에 투자해 대만 TSMC가 유럽 진출을 앞당긴다.", OTHER),
]


def test_target_after_a_clause_end_is_the_word() -> None:
    assert misfiled(_TARGET_THE_WORD) == []


def test_a_parent_selling_its_unit_owns_the_phrase() -> None:
    assert misfiled(_PARENT_SELLS_ITS_UNIT) == []


def test_a_rival_or_analyst_next_is_not_the_agent() -> None:
    assert misfiled(_NOT_THE_AGENT) == []


def test_a_connective_verb_before_a_named_subject_is_that_subjects() -> None:
    assert misfiled(_CONNECTIVE_OF_THE_NEXT_NAME) == []


# A firm's product in a genitive, then a market: "BYD 전기차의 일본 판매가" is BYD's figure, as
# "도쿄일렉트론의 중국 매출이" is Tokyo Electron's (stop 28's review of the phrase owner).
_PRODUCT_THEN_MARKET = [
    ("BYD 전기버스의 일본 판매가 올해 들어 두 배로 늘었다. 회사는 딜러망을 넓힌다.", CHINA),
    ("CATL 배터리의 유럽 판매가 석 달째 줄었다. 회사는 현지 공장 증설을 서두른다.", CHINA),
    ("ASML 장비의 중국 판매가 급감했다. 회사는 올해 매출 전망을 낮췄다.", EUROPE),
    ("BMW 전기차의 중국 판매가 석 달째 줄었다. 회사는 가격을 내렸다.", EUROPE),
]


def test_a_product_in_a_genitive_then_a_market_is_the_makers() -> None:
    assert misfiled(_PRODUCT_THEN_MARKET) == []
