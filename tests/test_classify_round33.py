from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-three's families (c67-c82's misses told by context, issue 13), in sentences
# written for this file. Each `*_is_*` test's cases failed before their rule; the neighbours
# must not move. docs/classify.md "Round thirty-three" lists the rules.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


# A bare 공정거래위원회 in a text set in Japan (classify_r33_jftc).
_COMMISSION_IN_JAPAN = [
    (
        "도호쿠전력과 홋카이도전력 등 지방 전력사들이 입찰 담합으로 공정거래위원회로부터 모두 "
        "500억엔 규모의 과징금 처분을 받았다. 두 회사는 행정소송을 검토하고 있다.",
        JAPAN,
    ),
    (
        "공정거래위원회가 하도급 대금을 일방적으로 깎은 혐의로 오사카의 한 유통 대기업 본사를 "
        "현장 조사했다. 회사는 조사에 성실히 응하겠다고 밝혔다.",
        JAPAN,
    ),
]

# Neighbours: Korea's commission, which the text says is Korea's by a sum in won, the home
# market or a Korean firm.
_KOREAS_COMMISSION = [
    (
        "공정거래위원회가 가격을 담합한 혐의로 의류업체 다섯 곳과 유니클로 한국 법인에 모두 "
        "120억원의 과징금을 부과했다.",
        OTHER,
    ),
    (
        "공정거래위원회가 국내 편의점 시장 점유율 확대를 위한 세븐일레븐의 인수 계획을 "
        "조건부로 승인했다.",
        OTHER,
    ),
    # A sum in won followed by its particle ("12억원을", "12억 원을", "3000만원씩") is a sum in
    # won: the cue missed these until stop 27 (it refused any Hangul after 원, which was meant
    # for words like 원칙 and 원자력).
    (
        "공정거래위원회는 납품업체에 부당한 반품을 강요한 일본 의류업체 유니클로의 운영사에 "
        "과징금 12억원을 부과했다고 밝혔다. 위원회는 재발 방지 명령도 함께 내렸다.",
        OTHER,
    ),
    (
        "공정거래위원회는 대리점에 판매 목표를 강요한 일본 타이어업체 브리지스톤의 판매법인에 "
        "과징금 5억 원을 물렸다.",
        OTHER,
    ),
    (
        "공정거래위원회가 소니 게임기 판매점들에 가격을 지키라고 강요한 도쿄의 유통업체 두 곳에 "
        "각각 3000만원씩 과징금을 부과했다.",
        OTHER,
    ),
    (
        "공정거래위원회가 부품 단가를 담합한 일본계 베어링 업체 세 곳에 모두 1천억 원의 과징금을 "
        "부과하고 법인을 검찰에 고발했다.",
        OTHER,
    ),
]

# A sum in euros written close up ("14.60유로로", "25억유로를") tells a bare federal body's
# money (round twenty-eight b's federal_by_its_money), as "20억 유로" did.
_EUROS_CLOSE_UP = [
    (
        "연방정부가 철도망 현대화에 2030년까지 450억유로를 추가로 투입하기로 했다. 교통부는 "
        "노후 교량 4천여 곳을 먼저 보수하겠다고 밝혔다.",
        EUROPE,
    ),
]

# Neighbour: dollars keep the federal body America's.
_DOLLARS_FEDERAL = [
    (
        "연방정부가 철도망 현대화에 2030년까지 450억달러를 추가로 투입하기로 했다. 교통부는 "
        "노후 교량 4천여 곳을 먼저 보수하겠다고 밝혔다.",
        US,
    ),
]

# A bare 상무부 whose own sentence names America's government as another party
# (classify_r33_ministry).
_MINISTRY_NAMING_AMERICA = [
    (
        "캐나다 광산업체 세 곳이 중국의 보복 대상에 올랐다. 상무부는 이들 업체가 미국 정부의 "
        "핵심광물 비축 사업에 참여했다며 거래를 막았다.",
        CHINA,
    ),
]

# Neighbours: America's government naming its own ministry; no China named.
_AMERICAS_OWN_MINISTRY = [
    (
        "미국 정부는 중국산 드론 부품에 대한 조사를 확대하기로 했다. 상무부가 다음 달 결과를 "
        "발표한다.",
        US,
    ),
    (
        "상무부는 반도체 보조금을 받은 기업들이 미국 정부의 초과이익 공유 조건을 지켜야 한다고 "
        "밝혔다.",
        US,
    ),
]


def test_ministry_naming_america_is_chinas() -> None:
    assert misfiled(_MINISTRY_NAMING_AMERICA) == []


def test_americas_own_ministry_stays_american() -> None:
    assert misfiled(_AMERICAS_OWN_MINISTRY) == []


def test_commission_in_japan_is_japan() -> None:
    assert misfiled(_COMMISSION_IN_JAPAN) == []


def test_koreas_commission_stays_korea() -> None:
    assert misfiled(_KOREAS_COMMISSION) == []


def test_euros_close_up_are_the_federal_bodys() -> None:
    assert misfiled(_EUROS_CLOSE_UP) == []


def test_dollars_keep_the_federal_body_american() -> None:
    assert misfiled(_DOLLARS_FEDERAL) == []
