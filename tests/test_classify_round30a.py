from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of

# Round thirty part a's families (c51-c54's Korean misses where a foreign name sits inside a
# clause before the subject, or a bare body answers another country, issue 13), in sentences
# written for this file. Each `*_is_*` test's cases failed before their rule; the neighbours
# must not move. docs/classify.md "Round thirty, part a" lists the rules.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def _misfiled(cases: list[tuple[str, Region]]) -> list[str]:
    return [
        f"{text[:40]}… → {region_of(text).value}, not {expected.value}"
        for text, expected in cases
        if region_of(text) is not expected
    ]


def test_an_official_with_a_compound_title_is_the_officials_body() -> None:
    assert (
        _misfiled(
            [
                ("통상 협상 결과를 두고 왕원타오 상무부 국제무역대표가 입장을 밝혔다.", CHINA),
                ("관세 문제는 계속 논의하기로 했다고 허야둥 상무부 무역담당대표는 말했다.", CHINA),
            ]
        )
        == []
    )


def test_an_official_with_a_compound_title_neighbours() -> None:
    assert (
        _misfiled(
            [
                ("러트닉 상무부 장관이 반도체 관세를 예고했다.", US),
                ("미국 상무부 산업안보국이 수출 통제 명단을 넓혔다.", US),
            ]
        )
        == []
    )


def test_a_ministry_answering_america_with_china_as_a_partner_is_china() -> None:
    assert (
        _misfiled(
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
        _misfiled(
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
    assert _misfiled([("항서제약이 미국 제약사와 신약 기술수출 계약을 맺었다.", CHINA)]) == []
