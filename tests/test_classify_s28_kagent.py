from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28 b (issue 13): Korean passives and agents, bodies acting on foreign firms. Sentences
# written for this file, of the shapes of the blind lines c107-c110 missed, with other names.

# A cleft whose would-be own subject closes a relative clause on the clause's object
# (newsletter/classify_cleft_relative.py): "A가 문을 닫은 B를 되살린 것은 C가 아니라 D였다" is
# D's, who revived B; A only closed it.
_CLEFT_RELATIVE_ON_OBJECT = [
    ("소니가 문을 닫은 일본 개발사 그린하트를 되살린 것은 일본 업체가 아니라 넷마블이었다.", OTHER),
    ("지멘스가 생산을 멈춘 독일 공장을 사들인 것은 유럽 업체가 아니라 중국 BYD였다.", CHINA),
    ("알리바바가 지분을 판 미국 스타트업을 사들인 것은 중국 업체가 아니라 소프트뱅크였다.", JAPAN),
]

_CLEFT_NEIGHBOURS = [
    # the cleft's verb hands the object over: its focus is the one chosen, the subject acts
    ("애플이 설계를 마친 칩을 맡긴 곳은 삼성전자가 아니라 TSMC였다.", US),
    # sharing out what one has: the focus is the one given a share (review of stop 28 b)
    ("미국 퀄컴이 개발을 마친 차세대 모뎀 칩을 처음 배정한 곳은 미국 업체가 아니라 중국 "
     "샤오미였다.", US),
    ("소프트뱅크가 투자자를 모은 2호 펀드 자금을 투자한 곳은 미국 스타트업이 아니라 프랑스 "
     "미스트랄AI였다.", JAPAN),
    # a place as the focus: where the subject itself made it (round eighteen)
    ("테슬라가 설계를 바꾼 모델Y를 생산한 곳은 독일이 아니라 중국 상하이였다.", US),
    # no relative clause: the own subject chose (round eighteen)
    ("알리바바가 해외 상장 무대로 택한 것은 런던이 아니라 뉴욕이었다.", CHINA),
]


def test_a_relative_clause_on_the_clefts_object_keeps_its_subject_out() -> None:
    assert misfiled(_CLEFT_RELATIVE_ON_OBJECT) == []


def test_clefts_whose_own_subject_acts_keep_it() -> None:
    assert misfiled(_CLEFT_NEIGHBOURS) == []


# A lead ending in a passive whose agent is a body (newsletter/classify_passive_body.py): a
# finding received ("…했다는 잠정 판단을 받았다"), an arrest by a body in 에, and a bare body
# whose country a law of one country, or the unit of the firm arrested, tells.
_PASSIVE_AGENT_ACTS = [
    ("테슬라가 중국 국가시장감독관리총국으로부터 합작법인 설립 당시 부과된 조건을 어겼다는 잠정 "
     "판단을 받았다. 당국은 조사를 이어가겠다고 밝혔다.", CHINA),
    ("독일 지멘스가 해외부패방지법(FCPA) 위반 사건의 합의를 어겼다는 이유로 법무부로부터 3억 "
     "달러의 벌금을 부과받았다. 지멘스는 혐의를 인정했다.", US),
    ("중국 가전업체 하이얼의 인도 법인 간부들이 재무부 산하 집행국(ED)에 탈세 혐의로 "
     "체포됐다. 하이얼은 조사에 협조하겠다고 밝혔다.", OTHER),
    ("일본 소니의 베트남법인 직원들이 공안부 산하 경제경찰국에 뇌물 혐의로 체포됐다. 소니는 "
     "조사에 협조하겠다고 밝혔다.", OTHER),
]

_PASSIVE_NEIGHBOURS = [
    # a sanction reaches firms abroad: the unit's country says nothing of the body's
    ("한화오션의 미국 자회사 5곳이 중국 상무부로부터 거래 금지 제재를 받았다. 중국 기업은 "
     "이들과 거래할 수 없게 된다.", CHINA),
    # the body of the subject's own country
    ("도요타가 일본 국토교통성으로부터 인증 부정에 대한 시정 명령을 받았다. 도요타는 재발 "
     "방지를 약속했다.", JAPAN),
    # a bare body with no sign of whose it is: nothing to go on, the subject keeps the story
    ("핀란드 노키아가 뇌물 사건의 합의를 어겼다는 이유로 법무부로부터 벌금을 부과받았다. "
     "노키아는 항소하겠다고 밝혔다.", EUROPE),
]


def test_the_body_a_lead_undergoes_acts() -> None:
    assert misfiled(_PASSIVE_AGENT_ACTS) == []


def test_passive_neighbours_keep_their_region() -> None:
    assert misfiled(_PASSIVE_NEIGHBOURS) == []


# A phrase in 도 right after a subject in 이/가 is that subject's object too
# (newsletter/classify_additive_object.py), and Taiwan's prosecutors by the name only theirs
# have (lexicon other-s28k.tsv: 고등검찰서, 지방검찰서).
_ADDITIVE_OBJECT = [
    ("반도체 기술 유출 사건을 수사해 온 고등검찰서가 미국 마이크론의 현지 법인도 재판에 "
     "넘겼다. 검찰은 법인의 관리 책임도 따지겠다고 밝혔다.", OTHER),
    ("개인정보 유출 사건을 조사해 온 중국 국가인터넷정보판공실이 미국 테슬라의 현지 법인도 "
     "처벌 대상에 올렸다. 당국은 추가 조사를 예고했다.", CHINA),
    ("기밀 유출 사건과 관련해 지방검찰서가 일본 장비업체 디스코의 현지 자회사를 기소했다. "
     "검찰은 직원 관리 책임을 물었다.", OTHER),
]

_ADDITIVE_NEIGHBOURS = [
    # a clause closes between the two: the one in 도 is the main clause's subject
    ("미국이 철강 관세를 올리자 일본도 보복 관세를 예고했다. 일본 정부는 협상도 병행한다.",
     JAPAN),
    ("중국 정부가 희토류 수출을 막자 미국 국방부도 비축 확대에 나섰다. 국방부는 예산을 "
     "늘린다.", US),
]


def test_a_phrase_in_do_after_a_subject_is_its_object() -> None:
    assert misfiled(_ADDITIVE_OBJECT) == []


def test_a_subject_in_do_after_a_clause_still_acts() -> None:
    assert misfiled(_ADDITIVE_NEIGHBOURS) == []


# Review of stop 28 b: a firm's own organ is no body acting on it, and a bare 검찰/경찰 in a
# Korean lead is Korea's own even when the people it charges worked at a unit abroad.
_PASSIVE_NOT_A_FOREIGN_BODY = [
    ("독일 바스프가 해외부패방지법 위반 사건과 관련해 감독이사회로부터 경영진 교체 결정을 "
     "받았다. 바스프는 새 최고경영자를 선임한다.", EUROPE),
    ("SK하이닉스의 중국 법인 전 직원이 검찰에 반도체 기술 유출 혐의로 구속 기소됐다. "
     "SK하이닉스는 입장을 내지 않았다.", OTHER),
]

_PASSIVE_LOCAL_ENFORCER = [
    # "현지 경찰": the unit's country's police
    ("중국 레노버의 인도 법인 임원들이 현지 경찰에 탈세 혐의로 체포됐다. 레노버는 조사에 "
     "협조하겠다고 밝혔다.", OTHER),
]


def test_a_firms_organ_or_a_bare_korean_enforcer_is_not_the_units_country() -> None:
    assert misfiled(_PASSIVE_NOT_A_FOREIGN_BODY) == []


def test_the_local_enforcer_is_the_units_country() -> None:
    assert misfiled(_PASSIVE_LOCAL_ENFORCER) == []


# A commission cut short to its 위 ("공정위", "방통위") is a body word as the full 위원회 is.
_PASSIVE_SHORT_COMMISSION = [
    ("미국 메타가 방통위로부터 이용자 정보 제공 조건을 어겼다는 잠정 결론을 받았다. 메타는 "
     "의견서를 내겠다고 밝혔다.", OTHER),
]


def test_a_commission_cut_short_is_a_body() -> None:
    assert misfiled(_PASSIVE_SHORT_COMMISSION) == []
