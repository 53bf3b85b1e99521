"""Round twenty-four's families (c31-c34's misses, issue 13), in sentences written for this file.

Each first test's cases failed before their rule; the neighbours must not move.
docs/classify.md "Round twenty-four" lists the rules and how often each fires.
"""

from __future__ import annotations

import pytest

from newsletter.classify import classify
from newsletter.models import Summary
from tests.region_cases import EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the price (and an adverb) between the buyer and the passive verb
        ("인텔이 SK하이닉스에 현금 약 90억 달러에 최종 매각됐다. 거래는 2년에 걸쳐 마무리된다.",
         OTHER),
        ("도시바가 인피니언에 현금 약 12억 유로에 결국 인수됐다. 규제 당국의 심사가 길어졌었다.",
         EUROPE),
    ],
)
def test_buyer_after_price_takes_passive_purchase(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buyer itself is the subject: unchanged
        ("SK하이닉스가 인텔의 낸드 사업부를 90억 달러에 최종 인수했다.", OTHER),
        # a firm sold, the price only; no buyer named after it
        ("도시바의 메모리 사업부가 약 180억 달러에 최종 매각됐다.", JAPAN),
    ],
)
def test_buyer_after_price_neighbours(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a law obliging foreign firms, its enforcer named in a later sentence
        ("메타와 아마존이 광고 데이터를 이용자 동의 없이 쓰지 못하도록 의무화한 디지털서비스법이 "
         "이달 시행됐다. 위반 기업은 전 세계 매출의 6%를 과징금으로 낼 수 있다. 유럽연합 "
         "집행위원회가 감독을 맡는다.", EUROPE),
        ("Apple and Microsoft must let users delete preinstalled apps under a law that took "
         "effect on Monday. Violators face fines of up to 10% of sales. Japan's Fair Trade "
         "Commission will enforce it.", JAPAN),
        # the law named in the sentence after the duty, its maker by its leader
        ("애플과 구글 등 스마트폰 업체들은 충전 단자를 통일하지 않으면 최대 5억 루피의 벌금을 "
         "물게 된다. 새 전자기기법이 내년부터 시행되면서다. 나렌드라 모디 총리는 소비자를 위한 "
         "조치라고 말했다.", OTHER),
    ],
)
def test_law_binding_foreign_firms_is_its_makers(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the firm answers the law itself: no duty, the firm acts
        ("애플이 새 디지털시장법에 맞춰 유럽에서 앱 장터를 개방하겠다고 밝혔다. 팀 쿡 CEO는 "
         "보안이 약해질 수 있다고 말했다.", US),
        # the law binds firms of its own country: unchanged
        ("구글과 메타는 아동 보호를 의무화한 새 법에 따라 연령 확인을 도입해야 한다. 미국 "
         "연방거래위원회가 집행을 맡는다.", US),
    ],
)
def test_law_binding_firms_neighbours(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a prefecture and its regional banks, Japan never named
        ("시즈오카현에 본점을 둔 스루가은행이 부동산 대출 부실을 털어내고 3년 만에 흑자로 "
         "돌아섰다. 은행은 배당도 다시 하겠다고 밝혔다.", JAPAN),
        ("Gunma Bank and Iyo Bank said they would share a core banking system to cut costs as "
         "loan demand in their home regions shrinks.", JAPAN),
    ],
)
def test_prefectures_and_regional_banks(text: str, expected: Region) -> None:
    assert region_of(text) is expected


def test_prefecture_only_where_a_foreign_firm_acts() -> None:
    # a US firm building in a prefecture stays the firm's story
    assert region_of("Micron will build a new memory plant in Hiroshima and Yamaguchi, the "
                     "company said on Tuesday.") is US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nameless lead's measure, its law's signer in a relative clause of the next sentence
        ("배터리를 현지에서 만드는 업체들이 받는 생산 보조금이 두 배로 늘어난다. 바이든 대통령이 "
         "서명한 인플레이션 감축 법안에 이 같은 내용이 담겼다. 업계는 파나소닉과 도요타, 혼다 "
         "등 일본 업체들도 혜택을 볼 것으로 봤다.", US),
    ],
)
def test_signer_of_the_law_holding_a_nameless_measure(text: str, expected: Region) -> None:
    assert region_of(text) is expected


def test_signer_neighbour_named_subject_next() -> None:
    # the next sentence's own subject is named: it keeps the story
    assert region_of("배터리 업체들이 받는 생산 보조금이 두 배로 늘어난다. 일본 경제산업성은 "
                     "바이든 대통령이 서명한 법안에 맞춰 지원을 늘리기로 했다.") is JAPAN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "turned out to be not X, <apposition>, but Y" and "will not be X but Y"
        ("The winning bidder for the Dutch chip-tool maker turned out to be not Applied "
         "Materials, its longtime American rival, but Tokyo Electron, which offered $4 billion "
         "in cash.", JAPAN),
        ("The new anchor investor in Vietnam's budget airline will not be a Singapore "
         "sovereign fund but Nomura Holdings, which agreed to take a 25% stake.", JAPAN),
    ],
)
def test_not_x_but_y_after_be(text: str, expected: Region) -> None:
    assert region_of(text) is expected


def test_not_x_but_y_neighbour_without_but() -> None:
    # a plain denial names the actor in the subject: unchanged
    assert region_of("Nvidia will not be the supplier of the Japanese supercomputer, the "
                     "company said on Monday.") is US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a restriction on a foreign firm, told by the body that imposed it
        ("Huawei's cloud unit will be barred from bidding for public contracts, the "
         "European Commission said on Wednesday, citing security concerns.", EUROPE),
        ("Google, the American search giant, must stop paying phone makers to preinstall its "
         "browser, Japan's Fair Trade Commission said in an order issued on Tuesday.", JAPAN),
    ],
)
def test_body_reporting_its_restriction_on_a_foreign_firm(text: str,
                                                          expected: Region) -> None:
    assert region_of(text) is expected


def test_body_reporting_a_firms_own_news_neighbour() -> None:
    # no restriction: the firm's own plan, told by a ministry, stays the firm's
    assert region_of("Toyota will build a battery plant in North Carolina, the U.S. Commerce "
                     "Department said on Friday.") is JAPAN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare 정부는, its own minister opening the next sentence
        ("유로화 강세로 수출이 흔들리자 정부는 자동차 업계에 대한 긴급 금융 지원을 결정했다. "
         "로베르트 하베크 경제장관은 일자리를 지키기 위한 조치라고 설명했다.", EUROPE),
        ("엔저가 이어지자 정부는 외환시장에 개입했다. 경제산업성은 구체적인 규모를 밝히지 "
         "않았다.", JAPAN),
    ],
)
def test_bare_government_whose_body_speaks_next(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Korea's own: a Korean body, or none, opens the next sentence
        ("미국이 반도체 관세를 예고하자 정부는 업계 지원 대책을 내놨다. 산업통상자원부는 "
         "5조 원 규모의 금융 지원을 하겠다고 밝혔다.", OTHER),
        ("미국이 반도체 관세를 예고하자 정부는 업계 지원 대책을 내놨다. 미국 상무부의 발표 "
         "직후였다.", OTHER),
    ],
)
def test_bare_government_neighbours(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country inside a relative clause describing the firm that is the main subject
        ("미국 매출 비중이 절반을 넘었던 제약사 노바티스가 부진한 3분기 실적을 내놓으면서 "
         "주가가 9% 떨어졌다. 회사는 연간 전망을 낮췄다.", EUROPE),
        # (this one already passed: the firm's own clause is the main one)
        ("중국 공장 의존도가 한때 70%에 달했던 전자업체 소니가 생산 거점을 태국으로 옮기기로 "
         "했다.", JAPAN),
    ],
)
def test_subject_of_a_relative_clause_gives_way_to_the_firm(text: str,
                                                             expected: Region) -> None:
    assert region_of(text) is expected


def test_relative_clause_neighbour_connective() -> None:
    # a connective, not an adnominal: China acts in its own clause
    assert region_of("중국이 희토류 수출을 막자 일본 업체 도요타가 재고 확보에 나섰다. 중국 "
                     "상무부는 추가 조치를 예고했다.") is JAPAN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a law taking effect in a country, the firms it binds the next sentence's subject
        # (these passed before by the country's mentions; the rule makes it the lead subject)
        ("프랑스에서 스마트폰 제조사의 수리 부품 공급을 의무화하는 법률이 시행에 들어갔다. "
         "애플과 샤오미 등 제조사는 7년간 부품을 공급하지 않으면 과태료를 내야 한다.", EUROPE),
        ("인도에서 외국 전자상거래 업체의 자체 상품 판매를 막는 규정이 발효됐다. 아마존과 "
         "월마트 등 업체들은 판매 구조를 바꿔야 한다.", OTHER),
    ],
)
def test_law_in_force_in_a_country_is_the_countrys(text: str, expected: Region) -> None:
    assert region_of(text) is expected


def test_law_in_force_reason_names_the_country() -> None:
    # fails before the rule: the reason was "mentions 캐나다", the lead had no subject
    text = ("캐나다에서 온라인 플랫폼에 뉴스 사용료 지급을 의무화하는 법률이 시행에 들어갔다. "
            "메타와 구글, 틱톡 등 플랫폼 업체는 언론사와 계약하지 않으면 벌금을 물게 된다.")
    result = classify(Summary(text=text))
    assert result.region is OTHER and result.reason.startswith("lead subject 캐나다")
