from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round twenty-eight part a's families (c45 and c46's misses, issue 13), in sentences written
# for this file. Each `*_is_*` test's cases failed before their rule; the neighbours must not
# move. docs/classify.md "Round twenty-eight, part a" lists the rules. Plain loops, no pytest.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def test_an_economy_named_by_its_rank_is_its_country() -> None:
    assert (
        misfiled(
            [
                (
                    "Retail sales in the world's second-biggest economy grew 3% in October, the "
                    "statistics bureau said.",
                    CHINA,
                ),
                (
                    "Hiring in the world’s largest economy slowed sharply in July as employers "
                    "held back.",
                    US,
                ),
                ("세계 2위 경제대국의 수출이 석 달 연속 줄었다.", CHINA),
                ("세계 최대 경제대국의 고용이 둔화됐다.", US),
            ]
        )
        == []
    )


def test_an_economy_named_by_its_rank_neighbours() -> None:
    assert (
        misfiled(
            [
                # a named subject still leads; the periphrasis is only a mention
                ("Toyota cut its sales forecast for the world's second-largest economy.", JAPAN),
                ("Samsung said demand in the world's largest economy stayed firm.", OTHER),
                # Germany is the euro zone's: Europe with or without the periphrasis
                (
                    "Industrial output in the euro zone's biggest economy fell for a third month.",
                    EUROPE,
                ),
            ]
        )
        == []
    )


def test_a_list_named_by_its_owner_as_a_modifier_is_the_owners() -> None:
    assert (
        misfiled(
            [
                (
                    "Xiaomi was placed last week on a Commerce Department blacklist, and its "
                    "shares slid.",
                    US,
                ),
                (
                    "Alibaba and Baidu were added on Tuesday to a Pentagon list of military-linked "
                    "firms.",
                    US,
                ),
                ("Huawei was put on a Washington list of firms barred from U.S. networks.", US),
            ]
        )
        == []
    )


def test_a_list_named_by_its_owner_neighbours() -> None:
    assert (
        misfiled(
            [
                # a ranking by an outlet is no act on the subject
                ("Sony was added to Fortune's list of most admired companies.", JAPAN),
                ("Toyota was named on Monday to a Bloomberg list of green leaders.", JAPAN),
            ]
        )
        == []
    )


def test_a_cause_of_two_sides_leading_a_body_to_act_is_the_bodys() -> None:
    assert (
        misfiled(
            [
                (
                    "U.S. tariffs and Chinese export curbs forced Toyota to cut output at three "
                    "plants.",
                    JAPAN,
                ),
                (
                    "Slowing U.S. demand and a weaker Chinese yuan prompted Samsung to trim its "
                    "chip forecast.",
                    OTHER,
                ),
            ]
        )
        == []
    )


def test_a_cause_leading_a_body_to_act_neighbours() -> None:
    assert (
        misfiled(
            [
                # one owner of the cause acts through it, as a measure's country does
                ("Beijing's export curbs on rare-earth magnets forced Ford to halt output.", CHINA),
                # a name that pushes is an actor
                ("Washington pushed Tokyo to tighten chip curbs.", US),
                # a cleft's "that" is no cause
                ("It was Brussels, not Washington, that forced Apple to adopt USB-C.", EUROPE),
            ]
        )
        == []
    )


def test_shares_named_by_their_class_are_the_subject() -> None:
    assert (
        misfiled(
            [
                ("미국 정부가 관세를 올리자 도요타와 혼다 등 자동차주가 급락했다.", JAPAN),
                ("중국 정부가 단체관광을 막자 아모레퍼시픽 등 화장품주가 일제히 내렸다.", OTHER),
            ]
        )
        == []
    )


def test_shares_named_by_their_class_neighbours() -> None:
    assert (
        misfiled(
            [
                # the bare share price and a target price keep their reading
                ("중국 정부가 여행 자제를 권고하자 시세이도 주가가 급락했다.", JAPAN),
                ("노무라증권이 소니의 목표주가를 올리자 소니 주가가 5% 뛰었다.", JAPAN),
            ]
        )
        == []
    )


def test_a_us_regional_bank_in_its_korean_spellings_is_american() -> None:
    assert (
        misfiled(
            [
                (
                    "신용 우려가 번진 가운데 지역은행 웨스턴 얼라이언스가 대출 피해를 공시했다.",
                    US,
                ),
                ("중국 경기 둔화 우려 속에 자이언스 뱅코프가 배당을 줄였다.", US),
            ]
        )
        == []
    )


def test_a_us_regional_bank_neighbours() -> None:
    assert (
        misfiled(
            [
                # a baseball team spelled alike is not the bank
                ("롯데 자이언츠가 부산에 새 구장을 짓기로 했다.", OTHER),
            ]
        )
        == []
    )
