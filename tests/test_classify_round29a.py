from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round twenty-nine part a's families (c46-c50's misses where a body acts on a firm, issue 13),
# in sentences written for this file. Each `*_is_*` test's cases failed before their rule; the
# neighbours must not move. docs/classify.md "Round twenty-nine, part a" lists the rules.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def test_a_measure_undergone_from_a_body_is_the_body() -> None:
    assert (
        misfiled(
            [
                ("중국 통신장비업체 ZTE가 미국 상무부로부터 수출 제한 조치를 당했다.", US),
                ("일본 소니가 유럽연합 집행위원회로부터 시정 명령을 당했다.", EUROPE),
            ]
        )
        == []
    )


def test_a_measure_undergone_neighbours() -> None:
    assert (
        misfiled(
            [
                ("중국 화웨이가 미국 출장 중 해킹 공격을 당했다.", CHINA),
                ("일본 도요타가 미국 딜러들로부터 항의를 받았다.", JAPAN),
            ]
        )
        == []
    )


def test_a_nameless_subject_under_a_body_in_ro_buteo_is_the_body() -> None:
    assert (
        misfiled(
            [
                ("홍콩과 선전에 본사를 둔 해운사 세 곳이 미국 재무부로부터 제재를 받았다.", US),
                ("중국에서 설립된 무역업체 다수가 유럽연합(EU)으로부터 제재를 받았다.", EUROPE),
            ]
        )
        == []
    )


def test_a_nameless_subject_neighbours() -> None:
    assert (
        misfiled(
            [
                ("중국에 등록된 해운사 세 곳이 미국 항만에서 입항을 거부당했다.", CHINA),
                ("일본 전자업체 여러 곳이 올해 실적 전망을 낮췄다.", JAPAN),
            ]
        )
        == []
    )


def test_a_passive_after_an_apposition_of_names_is_its_agent() -> None:
    assert (
        misfiled(
            [
                (
                    "China's two biggest shipping lines, COSCO and China Merchants, were hit "
                    "with port fees by the U.S. Trade Representative.",
                    US,
                ),
                (
                    "Japan's largest carmaker, Toyota, was fined by the European Commission "
                    "over emissions data.",
                    EUROPE,
                ),
            ]
        )
        == []
    )


def test_a_passive_after_an_apposition_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "China's largest chipmaker, SMIC, which was blacklisted by the U.S. in "
                    "2020, raised its sales forecast.",
                    CHINA,
                ),
                ("Japan's largest carmaker, Toyota, raised its outlook on Tuesday.", JAPAN),
            ]
        )
        == []
    )


def test_a_subsidy_from_a_government_is_the_government() -> None:
    assert (
        misfiled(
            [
                (
                    "Taiwanese chipmaker TSMC will receive up to 5 billion euros in state aid "
                    "from the German government for its plant in Dresden.",
                    EUROPE,
                ),
                (
                    "South Korea's Samsung won $4.7 billion in subsidies from Washington for "
                    "its Texas fab.",
                    US,
                ),
            ]
        )
        == []
    )


def test_a_subsidy_neighbours() -> None:
    assert (
        misfiled(
            [
                ("French start-up Mistral AI received $2 billion in funding from Nvidia.", EUROPE),
                ("Toyota received a subsidy application from a U.S. dealer group.", JAPAN),
            ]
        )
        == []
    )


def test_a_review_cleared_on_the_way_is_the_firms() -> None:
    assert (
        misfiled(
            [
                (
                    "American chipmaker Broadcom closed its purchase of VMware after clearing a "
                    "review by China's State Administration for Market Regulation. Chinese "
                    "regulators had set conditions on the deal.",
                    US,
                ),
                (
                    "미국 브로드컴이 중국 국가시장감독관리총국의 최종 승인을 받아 VM웨어 인수를 "
                    "마무리했다. 중국 당국은 조건부 승인 이유를 설명했다.",
                    US,
                ),
            ]
        )
        == []
    )


def test_a_review_cleared_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "미국 브로드컴이 중국 국가시장감독관리총국의 최종 승인을 받았다. 중국 당국은 "
                    "조건부 승인 이유를 설명했다.",
                    CHINA,
                ),
                (
                    "Samsung Electronics and SK Hynix will need licences after the Commerce "
                    "Department revoked waivers for their plants in China.",
                    US,
                ),
            ]
        )
        == []
    )


def test_a_shared_body_name_with_american_initials_is_us() -> None:
    assert misfiled([("테라파워가 원자력규제위원회(NRC)의 건설 허가를 받았다.", US)]) == []


def test_a_shared_body_name_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "원자력규제위원회는 도쿄전력 가시와자키가리와 원전 7호기의 재가동을 승인했다.",
                    JAPAN,
                ),
                ("원자력규제위원회(NRA)는 간사이전력 다카하마 원전의 운전 연장을 인가했다.", JAPAN),
            ]
        )
        == []
    )


def test_a_us_department_in_its_other_form_is_us() -> None:
    assert (
        misfiled(
            [
                (
                    "Alarmed by Chinese export curbs on antimony, the Defense Department has "
                    "begun buying stockpiles of the metal.",
                    US,
                ),
                (
                    "Spurred by Chinese drone sales to Russia, the Homeland Security Department "
                    "issued new guidance.",
                    US,
                ),
            ]
        )
        == []
    )


def test_a_us_department_neighbours() -> None:
    assert (
        misfiled(
            [
                ("China's Defence Ministry said the drills would continue.", CHINA),
                (
                    "Australia's Defence Department signed a contract with a local shipbuilder.",
                    OTHER,
                ),
            ]
        )
        == []
    )


def test_a_firm_after_an_auxiliary_relative_clause_is_the_firm() -> None:
    assert (
        misfiled(
            [
                (
                    "아이폰 조립을 대만 폭스콘과 나눠 맡아온 고어텍이 베트남 공장을 늘리기로 했다.",
                    CHINA,
                ),
                (
                    "미국과 인도의 수입 규제로 수출길이 좁아진 진코솔라가 중동 공장을 짓기로 했다.",
                    CHINA,
                ),
            ]
        )
        == []
    )


def test_a_relative_clause_in_an_auxiliary_neighbours() -> None:
    assert (
        misfiled(
            [
                ("대만 폭스콘과 중국 럭스셰어가 인도 공장을 늘렸다.", CHINA),
                ("미국 정부가 지원해온 인텔이 오하이오 공장 완공을 미뤘다.", US),
            ]
        )
        == []
    )


def test_chinese_solar_makers_in_other_spellings_are_china() -> None:
    assert (
        misfiled(
            [
                ("유럽의 반덤핑 관세에도 징코솔라가 스페인 공장을 짓기로 했다.", CHINA),
                ("미국 세관이 론지그린에너지의 모듈 통관을 보류했다. 론지 측은 반발했다.", US),
            ]
        )
        == []
    )


def test_a_bare_ministry_against_american_firms_after_a_pair_is_china() -> None:
    assert (
        misfiled(
            [
                (
                    "미중 무역협상 타결 직후 상무부가 희토류 수출통제 강화 조치의 시행을 미룬다고 "
                    "밝혔다. 상무부는 미국 방산업체 10곳을 올렸던 수출통제 명단 적용도 멈췄다.",
                    CHINA,
                ),
            ]
        )
        == []
    )


def test_a_bare_ministry_after_a_pair_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "미중 무역협상 타결 직후 상무부가 반도체 보조금 지급을 시작한다고 밝혔다. "
                    "상무부는 미국 기업 인텔에 먼저 지급한다.",
                    US,
                ),
                ("미중 정상회담 이후 상무부는 중국 기업 20곳을 수출통제 명단에 올렸다.", US),
            ]
        )
        == []
    )


def test_a_sentence_opening_with_a_countrys_exports_is_its() -> None:
    assert (
        misfiled(
            [
                (
                    "Exports from Japan fell for a third month in October as shipments to "
                    "Southeast Asia and India slowed.",
                    JAPAN,
                ),
                (
                    "Shipments from the world's second-biggest economy to Europe and Latin "
                    "America surged in March.",
                    CHINA,
                ),
            ]
        )
        == []
    )


def test_a_countrys_exports_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "Imports from China into the European Union rose 8% in the first half, "
                    "Eurostat said.",
                    EUROPE,
                ),
            ]
        )
        == []
    )
