from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty part a's families (c51-c54's Korean misses where a foreign name sits inside a
# clause before the subject, or a bare body answers another country, issue 13), in sentences
# written for this file. Each `*_is_*` test's cases failed before their rule; the neighbours
# must not move. docs/classify.md "Round thirty, part a" lists the rules.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def test_an_official_with_a_compound_title_is_the_officials_body() -> None:
    assert (
        misfiled(
            [
                ("통상 협상 결과를 두고 왕원타오 상무부 국제무역대표가 입장을 밝혔다.", CHINA),
                ("관세 문제는 계속 논의하기로 했다고 허야둥 상무부 무역담당대표는 말했다.", CHINA),
            ]
        )
        == []
    )


def test_an_official_with_a_compound_title_neighbours() -> None:
    assert (
        misfiled(
            [
                ("러트닉 상무부 장관이 반도체 관세를 예고했다.", US),
                ("미국 상무부 산업안보국이 수출 통제 명단을 넓혔다.", US),
            ]
        )
        == []
    )


def test_a_ministry_answering_america_with_china_as_a_partner_is_china() -> None:
    assert (
        misfiled(
            [
                (
                    "미국이 반도체 장비 수출 통제를 강화하자 상무부는 보복으로 미국 항공우주 업체 "
                    "세 곳을 수출통제 명단에 올렸다. 이들 업체는 중국과의 거래가 막힌다.",
                    CHINA,
                ),
            ]
        )
        == []
    )


def test_a_ministry_answering_america_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "상무부는 중국 드론 업체 세 곳을 수출통제 명단에 올렸다. 이들 업체는 "
                    "미국과의 거래가 막힌다.",
                    US,
                ),
                (
                    "중국 기업들이 우회 수출을 늘리자 상무부는 제재 명단을 넓혔다. 미국 "
                    "기업들은 중국과의 거래를 점검했다.",
                    US,
                ),
            ]
        )
        == []
    )


def test_hengrui_in_its_korean_spellings_is_china() -> None:
    assert misfiled([("항서제약이 미국 제약사와 신약 기술수출 계약을 맺었다.", CHINA)]) == []


def test_a_subject_before_a_relative_clause_on_its_object_is_the_subject() -> None:
    assert (
        misfiled(
            [
                (
                    "미국의 관세로 타격을 입은 캐나다가 관세율을 낮추는 합의를 이끌어냈다고 "
                    "장관이 밝혔다.",
                    OTHER,
                ),
                (
                    "미국 오라클과 실버레이크 컨소시엄에 미국 사업을 넘기기로 했던 틱톡이 "
                    "알고리즘을 새로 만들라는 요구를 받으면서 협상이 길어지고 있다.",
                    CHINA,
                ),
                (
                    "미국 애플과 구글에 부품을 공급해 온 대만 폭스콘이 생산을 늘리라는 요구를 "
                    "받으면서 증설이 빨라지고 있다.",
                    OTHER,
                ),
            ]
        )
        == []
    )


def test_a_subject_before_a_relative_clause_neighbours() -> None:
    assert (
        misfiled(
            [
                ("미국 마이크론이 히로시마에 짓는 생산라인에 일본 정부가 보조금을 준다.", JAPAN),
                ("중국 기업이 운영하는 선박을 미국 재무부가 제재했다.", US),
            ]
        )
        == []
    )


def test_the_same_day_is_no_clause_end() -> None:
    assert (
        misfiled(
            [
                (
                    "일본이 중국산 철강에 반덤핑 관세를 매기자 중국 상무부도 같은 날부터 일본 "
                    "기업이 생산하는 화학제품에 관세를 물렸다.",
                    CHINA,
                ),
            ]
        )
        == []
    )


def test_a_subject_in_a_clause_in_seoneun_before_a_place_is_background() -> None:
    assert (
        misfiled(
            [
                (
                    "중국 CATL의 대형 배터리 공장이 들어서는 독일 에르푸르트에서 폭스바겐이 "
                    "새 전기차 양산을 시작했다.",
                    EUROPE,
                ),
            ]
        )
        == []
    )


def test_a_subject_in_a_clause_in_seoneun_neighbours() -> None:
    assert (
        misfiled(
            [
                ("중국 CATL이 헝가리 데브레첸에 새 배터리 공장을 짓는다.", CHINA),
                ("헝가리 정부는 공장이 들어서는 데브레첸에 도로를 새로 놓기로 했다.", EUROPE),
            ]
        )
        == []
    )


def test_a_firms_site_named_by_its_place_is_the_firm() -> None:
    assert (
        misfiled(
            [
                (
                    "도요타가 체코 콜린에 새로 짓고 있는 유럽 첫 배터리 공장이 시험 가동에 "
                    "들어갔다.",
                    JAPAN,
                ),
                (
                    "팀 쿡 애플 CEO는 실적 발표에서 '2년 전 20%였던 중국 시장 점유율이 15%로 "
                    "내려왔다'고 말했다.",
                    US,
                ),
            ]
        )
        == []
    )


def test_a_firms_site_neighbours() -> None:
    assert (
        misfiled(
            [
                ("중국 지리자동차가 인수한 영국 로터스가 전기차 계획을 철회했다.", EUROPE),
                ("미국 인텔이 공장 건설을 미룬 폴란드 정부가 대만 TSMC 유치에 나섰다.", EUROPE),
            ]
        )
        == []
    )


def test_a_cleft_reported_by_a_source_is_the_focus() -> None:
    assert (
        misfiled(
            [
                (
                    "올해 세계 전기차 배터리 시장을 주도한 것은 일본 업체가 아니라 중국 "
                    "업체들이었다고 한국 시장조사업체 SNE리서치가 집계했다.",
                    CHINA,
                ),
            ]
        )
        == []
    )


def test_a_cleft_reported_by_a_source_neighbours() -> None:
    assert (
        misfiled(
            [
                (
                    "올해 방일 관광객 수를 끌어올린 것은 중국인이 아니라 한국인이었다고 "
                    "일본정부관광국이 밝혔다.",
                    JAPAN,
                ),
                ("세계 배터리 시장을 주도한 것은 중국 CATL이었다.", CHINA),
            ]
        )
        == []
    )
