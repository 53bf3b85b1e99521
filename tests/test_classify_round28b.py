from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round twenty-eight b's families (c39-c42's misses, issue 13), in sentences written for this
# file. Each `*_is_*` test's cases failed before their rule; the neighbours must not move.
# docs/classify.md "Round twenty-eight, part b" lists the rules. Plain loops, no pytest import.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


_FOCUS_AFTER_BUT = [
    (
        "It was not a Korean chipmaker but three Japanese trading houses, "
        "led by Mitsui, that won the Australian lithium tender.",
        JAPAN,
    ),
    (
        "It was not Samsung but several Chinese phone brands, led by Xiaomi, "
        "that gained most share in India last quarter.",
        CHINA,
    ),
]


def test_english_cleft_a_described_focus_after_but_is_the_focus() -> None:
    assert misfiled(_FOCUS_AFTER_BUT) == []


_OWNERS_NOUN = [
    (
        "Apple's biggest camera-sensor supplier last year was not Samsung "
        "Electronics but Sony Semiconductor, which expanded its Kumamoto plant.",
        JAPAN,
    ),
    (
        "Toyota's largest battery partner in 2025 was not Panasonic but "
        "China's CATL, which opened a plant in Fujian.",
        CHINA,
    ),
]


def test_owners_noun_not_x_but_y_is_y() -> None:
    assert misfiled(_OWNERS_NOUN) == []


_ENGLISH_NEIGHBOURS = [
    # the old shapes keep their reading
    ("It was not Brussels but a federal judge in Virginia who halted the merger.", US),
    (
        "The biggest buyer of the bonds was not a Japanese bank but U.S. hedge "
        "fund Citadel, filings show.",
        US,
    ),
    # an owner's noun with no denial: the owner's sentence
    ("Sony's chip unit was the biggest winner of the Japanese subsidy round.", JAPAN),
]


def test_english_cleft_neighbours() -> None:
    assert misfiled(_ENGLISH_NEIGHBOURS) == []


_SUBJECT_PHRASE = [
    (
        "2024년 상반기 한국 개인투자자들이 가장 많이 사들인 것은 국내 주식이 "
        "아니라 미국 테슬라 주식이었다. 증권가는 해외 투자 열기가 이어질 것으로 봤다.",
        OTHER,
    ),
    (
        "지난해 말 일본 대형 상사 미쓰비시상사가 새로 사들인 것은 미국산 LNG가 "
        "아니라 호주산 석탄이었다.",
        JAPAN,
    ),
]


def test_korean_cleft_a_name_opening_the_subject_phrase_is_the_doers() -> None:
    assert misfiled(_SUBJECT_PHRASE) == []


_DENIED = [
    (
        "전 세계 애니메이션 흥행 1위를 차지한 것은 미국 드림웍스의 '슈렉 5'가 "
        "아니라 설 연휴에 개봉한 '나타'였다. 이 영화는 본토에서만 50억 위안을 벌었다.",
        CHINA,
    ),
    (
        "올해 세계 게임 매출 1위에 오른 것은 미국 EA의 신작 '배틀필드'가 아니라 "
        "지난봄 출시된 '원신 2'였다. 이 게임은 상하이에서 개발됐다.",
        CHINA,
    ),
]


def test_korean_denied_name_is_background() -> None:
    assert misfiled(_DENIED) == []


_KOREAN_NEIGHBOURS = [
    # the subject named in 이/가 already acted (round twenty-one)
    (
        "지난달 중국 국영 해운사 코스코가 주문한 것은 한국산 선박이 아니라 자국 "
        "조선소의 컨테이너선이었다.",
        CHINA,
    ),
    # a subject after a denied one acts
    ("미국이 아니라 중국이 먼저 관세를 올렸다.", CHINA),
    ("미국 정부가 아니라 일본 정부가 먼저 관세를 올렸다.", JAPAN),
    # a subject before a denied complement is no denied phrase
    ("미국 정부가 승인한 것이 아니라 일본 정부가 허가를 내줬다.", JAPAN),
]


def test_korean_cleft_neighbours() -> None:
    assert misfiled(_KOREAN_NEIGHBOURS) == []


_AGAINST_THE_DATELINE = [
    (
        "(워싱턴=연합뉴스) 미국의 반도체 관세 인상에 맞서 집행위원회가 미국산 "
        "위스키와 오토바이에 보복 관세를 매기기로 했다.",
        EUROPE,
    ),
]


def test_bare_body_set_against_the_datelines_country_is_not_the_datelines() -> None:
    assert misfiled(_AGAINST_THE_DATELINE) == []


_OFFICIALS_BODY = [
    (
        "왕원타오 상무부 부장은 미국의 관세 인상에 단호히 대응하겠다고 밝혔다. "
        "상무부는 보복 조치를 검토 중이다.",
        CHINA,
    ),
    ("린젠 외교부 대변인은 일본 총리의 발언에 강하게 항의했다고 밝혔다.", CHINA),
]


def test_bare_body_between_an_official_and_the_title_is_the_officials() -> None:
    assert misfiled(_OFFICIALS_BODY) == []


_BODY_NEIGHBOURS = [
    # the dateline's bare body, no country before it
    ("(워싱턴=연합뉴스) 상무부가 중국산 태양광 패널에 반덤핑 관세를 매기기로 했다.", US),
    ("(베이징=연합뉴스) 상무부는 희토류 수출 허가 절차를 강화한다고 발표했다.", CHINA),
    # an American official's ministry stays America's
    ("러트닉 상무부 장관은 중국산 드론 수입을 막겠다고 밝혔다.", US),
]


def test_bare_body_neighbours() -> None:
    assert misfiled(_BODY_NEIGHBOURS) == []


_FEDERAL_BY_MONEY = [
    (
        "연방정부가 경영난에 빠진 항공사 루프트한자에 20억 유로의 긴급 대출을 승인했다.",
        EUROPE,
    ),
]


def test_bare_federal_government_counting_in_euros_is_europes() -> None:
    assert misfiled(_FEDERAL_BY_MONEY) == []


_FEDERAL_NEIGHBOURS = [
    ("연방정부가 반도체 공장 건설에 100억 달러 보조금을 지급하기로 했다.", US),
    # a country named: the money may be the target's
    (
        "연방정부는 중국산 배터리에 추가 관세를 매겼다. 중국 업체들은 5억 위안의 손실을 예상했다.",
        US,
    ),
]


def test_bare_federal_government_neighbours() -> None:
    assert misfiled(_FEDERAL_NEIGHBOURS) == []


_PLACE_AFTER_SETTING = [
    (
        "중국과 대만 업체들이 미국 시장 공략을 서두르는 가운데 일본 국회에서 반도체 "
        "지원 법안이 통과됐다.",
        JAPAN,
    ),
    (
        "미국 재무부가 대중 투자 규제를 확대하는 가운데 도쿄에서도 비슷한 조치가 "
        "나왔다. 새 제도는 내년부터 시행된다.",
        JAPAN,
    ),
    (
        "유럽 완성차 업체들이 감산에 나서는 와중에 서울에서 배터리 공급망 법안이 국회를 통과했다.",
        OTHER,
    ),
]


def test_nameless_subject_after_a_setting_is_the_place_in_eseo() -> None:
    assert misfiled(_PLACE_AFTER_SETTING) == []


_SETTING_NEIGHBOURS = [
    # a named main subject acts
    ("미국 상무부가 규제를 확대하는 가운데 중국 상무부가 보복 조치를 발표했다.", CHINA),
    # no place in 에서: the setting's subject still stands in
    ("미국 정부가 관세를 올리는 가운데 관련 법안이 발의됐다.", US),
]


def test_nameless_subject_after_a_setting_neighbours() -> None:
    assert misfiled(_SETTING_NEIGHBOURS) == []


_JAPANESE_STUDIOS = [
    (
        "로스앤젤레스에서 열린 시상식에서 애니메이션 '스즈메'가 장편상을 받았다. "
        "배급사 도에이는 해외 흥행이 이어질 것이라고 밝혔다.",
        JAPAN,
    ),
    (
        "뉴욕에서 열린 영화제에서 '바람의 기억'이 관객상을 받았다. 제작사 쇼치쿠는 "
        "북미 개봉을 서두르겠다고 밝혔다.",
        JAPAN,
    ),
    (
        "Studio Ghibli's new film opened at No. 1 in North America, beating "
        "Disney's summer release.",
        JAPAN,
    ),
]


def test_japanese_film_houses_are_japans() -> None:
    assert misfiled(_JAPANESE_STUDIOS) == []


_HELD_BACK = [
    (
        "삼성물산이 폴란드 원전 사업 계약을 앞두고 바르샤바 지방법원의 집행정지 결정에 "
        "발목을 잡혔다.",
        EUROPE,
    ),
    ("소니가 유럽연합 집행위원회의 반독점 심사에 발목을 잡혔다.", EUROPE),
]


def test_held_back_by_a_ruling_is_the_rulings_owners() -> None:
    assert misfiled(_HELD_BACK) == []


_HELD_BACK_NEIGHBOURS = [
    # no body owns the objection: the subject's story
    ("도요타가 미국 공장 확장 계획을 세웠지만 노조의 반대에 발목을 잡혔다.", JAPAN),
]


def test_held_back_neighbours() -> None:
    assert misfiled(_HELD_BACK_NEIGHBOURS) == []
