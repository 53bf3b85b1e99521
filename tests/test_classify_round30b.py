from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty b's families (c51-c54's English misses and those told by context, issue 13), in
# sentences written for this file. Each `*_is_*` test's cases failed before their rule; the
# neighbours must not move. docs/classify.md "Round thirty, part b" lists the rules.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


_EUROPEAN_NAMES = [
    (
        "Nebius Group raised $1 billion in convertible notes to pay for new data centres in "
        "Kansas City and Finland.",
        EUROPE,
    ),
    (
        "The world's largest sovereign wealth fund cut its stake in Tesla and Alphabet after a "
        "quarter of weak returns on American technology shares.",
        EUROPE,
    ),
]

_BODY_SPEAKER_WITH_TAIL = [
    (
        "Qualcomm failed to report its purchase of Autotalks for review, the State "
        "Administration for Market Regulation said on Tuesday.",
        CHINA,
    ),
    (
        "Google abused its dominance of online search advertising, the Korea Fair Trade "
        "Commission said.",
        OTHER,
    ),
]

_MARKET_CAUSE = [
    (
        "Weak spending by Chinese tourists forced Shiseido to cut its full-year forecast.",
        JAPAN,
    ),
    ("Weak demand in China forced Toyota to cut output at two plants.", JAPAN),
    ("Slowing sales to Chinese buyers pushed Hermes to lower its growth target.", EUROPE),
]

_LEVY_UNDER_MEASURE = [
    (
        "Chinese steelmakers began paying new duties of up to 50% under a European Commission "
        "safeguard plan on Monday.",
        EUROPE,
    ),
    (
        "Owners of Japanese-made cars must pay a new annual levy under a Beijing city rule "
        "meant to cut congestion.",
        CHINA,
    ),
]

_CREDIT_BY_ITS_GIVER = [
    (
        "국내에 배터리 공장을 새로 짓는 업체들이 받는 생산 세액공제가 늘어난다. 트럼프 대통령이 "
        "서명한 예산 법안에 이 조항이 들어갔다.",
        US,
    ),
    (
        "일본과 한국 자동차 업체들이 미국 현지 투자로 받을 수 있는 보조금 혜택이 줄어든다.",
        US,
    ),
    (
        "대만과 한국 기업들이 일본에 공장을 짓고 받는 보조금이 두 배로 늘어난다.",
        JAPAN,
    ),
]

_FEDERAL_PAST_WORRY = [
    (
        "미국의 방위 공약이 약해질 수 있다는 우려가 커지자 연방하원이 1천억 유로 규모의 국방 "
        "특별기금 법안을 가결했다.",
        EUROPE,
    ),
    (
        "연방상원은 2천억 유로 규모의 에너지 지원 패키지를 승인했다. 이로써 독일 가계의 난방비 "
        "부담이 줄어들 전망이다.",
        EUROPE,
    ),
]

_TRADING_PLACE = [
    (
        "SMIC and chip designer Cambricon were added on Friday to a Commerce Department list "
        "of companies it says aid China's military, sending their shares lower in Shanghai "
        "and Hong Kong.",
        US,
    ),
    (
        "Xiaomi and drone maker DJI were placed on Tuesday on a Pentagon list of firms it says "
        "work with China's army, sending their shares down in Hong Kong and Shenzhen.",
        US,
    ),
]

_NEIGHBOURS = [
    # the place of trading stays background, not the firm it describes
    ("Sony's shares jumped in Tokyo after it raised its profit forecast.", JAPAN),
    # a bare federal legislature in dollars, or with America acting, stays America's
    ("연방하원이 1조 2천억 달러 규모의 인프라 법안을 통과시켰다.", US),
    (
        "미국 정부가 관세를 올리자 연방하원은 500억 유로 규모의 보복 조치를 논의했다.",
        US,
    ),
    # 국내 with a Korean signer, or none, stays Korea's home
    (
        "국내에 반도체 공장을 새로 짓는 기업들이 받는 세액공제가 늘어난다. 이재명 대통령이 "
        "서명한 개정 법안에 이 내용이 담겼다.",
        OTHER,
    ),
    # a credit the firms take with no place of investment keeps its takers
    ("대만 반도체 기업들이 받는 보조금 혜택이 줄어든다.", OTHER),
    # a deal between two sides is no one's measure
    ("Japanese carmakers will pay tariffs of 15% under the U.S.-Japan trade deal.", JAPAN),
    # a measure's owner still acts through it (round twenty-eight a)
    ("Beijing's export curbs forced Ford to halt output at its Chicago plant.", CHINA),
    ("Japan's new tariffs pushed Tesla to raise its prices there.", JAPAN),
    # the bare "Nebius" was European already; a US firm told by its own name stays American
    ("Nebius signed a five-year deal to supply GPU capacity to Meta.", EUROPE),
    (
        "Sony Group will spin off its financial unit, the company said on Tuesday.",
        JAPAN,
    ),
    (
        "Apple will pay $95 million to settle a privacy suit over Siri, the Department of "
        "Justice said.",
        US,
    ),
]


def test_european_names_are_europe() -> None:
    assert misfiled(_EUROPEAN_NAMES) == []


def test_body_speaker_with_tail_is_its_region() -> None:
    assert misfiled(_BODY_SPEAKER_WITH_TAIL) == []


def test_market_cause_is_the_firms() -> None:
    assert misfiled(_MARKET_CAUSE) == []


def test_levy_under_measure_is_its_owners() -> None:
    assert misfiled(_LEVY_UNDER_MEASURE) == []


def test_credit_by_its_giver_is_the_givers() -> None:
    assert misfiled(_CREDIT_BY_ITS_GIVER) == []


def test_federal_past_worry_is_the_moneys() -> None:
    assert misfiled(_FEDERAL_PAST_WORRY) == []


def test_trading_place_is_background() -> None:
    assert misfiled(_TRADING_PLACE) == []


def test_neighbours_keep_their_reading() -> None:
    assert misfiled(_NEIGHBOURS) == []
