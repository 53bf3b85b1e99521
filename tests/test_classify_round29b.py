from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round twenty-nine b's families (c45, c46, c49 and c50's misses told by context, issue 13), in
# sentences written for this file. Each `*_is_*` test's cases failed before their rule; the
# neighbours must not move. docs/classify.md "Round twenty-nine, part b" lists the rules.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


_MID_SIZE_EUROPEAN = [
    (
        "KAMAZ, the truck maker, cut its output plan for the year as demand for heavy "
        "lorries slumped and borrowing costs stayed high.",
        EUROPE,
    ),
    (
        "아브토바즈가 신차 판매 부진으로 일부 직원의 근무일을 주 4일로 줄이기로 했다.",
        EUROPE,
    ),
    (
        "The Department for Business and Trade will cut grants for small exporters from "
        "April, officials said.",
        EUROPE,
    ),
    (
        "Ofwat ordered Thames Water to return 120 million pounds to customers after years of "
        "missed leakage targets.",
        EUROPE,
    ),
]


def test_european_mid_size_firms_and_agencies_without_a_country_is_europe() -> None:
    assert misfiled(_MID_SIZE_EUROPEAN) == []


_FEDERAL_CREDIT = [
    (
        "소형 주택 태양광 설비에 주던 최대 30%의 연방 세액공제가 연말을 끝으로 폐지된다. "
        "현대차와 도요타 등은 판매 대책을 서두르고 있다.",
        US,
    ),
]
_FEDERAL_CREDIT_IN_EUROS = [
    (
        "전기차 구매자에게 주던 최대 5천 유로의 연방 세액공제가 이달 말 폐지된다. "
        "완성차 업체들은 할인 폭을 늘리고 있다.",
        EUROPE,
    ),
]


def test_korean_bare_federal_tax_credit_is_us() -> None:
    assert misfiled(_FEDERAL_CREDIT) == []


def test_korean_federal_tax_credit_counted_in_euros_stays_europe() -> None:
    assert misfiled(_FEDERAL_CREDIT_IN_EUROS) == []


_SPEAKER_WITH_PARTICLE = [
    (
        "Washington's new chip rules could force the company to shut two data centres in the "
        "Gulf, G42 Chief Executive Peng Xiao and chairman Tahnoun bin Zayed al-Nahyan said.",
        OTHER,
    ),
]


# neighbour: the speaker read before the particle came in (a name the tables know opens it)
_SPEAKER_NEIGHBOURS = [
    (
        "Europe's methane rules could force the company to cut gas shipments to the bloc, "
        "Aramco Chief Executive Amin al-Nasser said on Tuesday.",
        OTHER,
    ),
]


def test_english_speaker_with_a_lowercase_particle_is_the_speaker() -> None:
    assert misfiled(_SPEAKER_WITH_PARTICLE) == []


def test_english_speaker_before_a_particle_keeps_its_reading() -> None:
    assert misfiled(_SPEAKER_NEIGHBOURS) == []


_DUTY_AFTER_MEASURE = [
    (
        "Chinese carmakers such as BYD must now pay higher duties on cars they ship to the "
        "bloc, under Brussels's new tariff rules.",
        EUROPE,
    ),
    (
        "Online platforms including X and Meta now have to remove flagged posts within 24 "
        "hours since India's new IT rules took effect.",
        OTHER,
    ),
]
# neighbours: a duty with no measure named by its owner stays the subject's; a measure whose
# owner is named only as a target ("sales to China") names no owner; a law's country that
# already outweighed the firms keeps its reading.
_DUTY_NEIGHBOURS = [
    (
        "Video apps including YouTube, TikTok and Instagram must now block under-16 accounts, "
        "after Denmark's age-limit law took effect.",
        EUROPE,
    ),
    ("Nvidia must now seek licences for its H20 chips, the company said on Tuesday.", US),
    (
        "Toyota must now rethink its battery plans after a slump in electric car sales in "
        "Europe, analysts said.",
        JAPAN,
    ),
]


def test_english_duty_after_a_countrys_measure_is_the_measures_owner() -> None:
    assert misfiled(_DUTY_AFTER_MEASURE) == []


def test_english_duty_without_an_owned_measure_stays_the_subjects() -> None:
    assert misfiled(_DUTY_NEIGHBOURS) == []


_HOME_OF_BUILDERS = [
    (
        "국내에 배터리 공장을 짓는 기업이 받는 생산 보조금이 내년부터 두 배로 늘어난다. "
        "오하이오와 테네시에서 공장을 짓는 업체들이 가장 큰 혜택을 볼 전망이다.",
        US,
    ),
]
# neighbours: Korea's own home, where the firms build in Korean places or nowhere named
_HOME_NEIGHBOURS = [
    (
        "국내에 배터리 공장을 짓는 기업이 받는 세액공제율이 내년부터 높아진다. "
        "울산과 청주에서 공장을 짓는 업체들이 혜택을 볼 전망이다.",
        OTHER,
    ),
    (
        "국내에 반도체 공장을 짓는 기업이 받는 세액공제율이 15%에서 20%로 오른다.",
        OTHER,
    ),
]


def test_korean_home_of_firms_building_in_one_foreign_country_is_that_country() -> None:
    assert misfiled(_HOME_OF_BUILDERS) == []


def test_korean_home_of_firms_building_in_korea_stays_korea() -> None:
    assert misfiled(_HOME_NEIGHBOURS) == []
