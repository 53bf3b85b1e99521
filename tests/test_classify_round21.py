"""Round twenty-one's families (c25/c26's misses, issue 13), in sentences written for this file.

Each case in the first tests failed before its rule; the neighbours must not move.
docs/classify.md "Round twenty-one" lists the rules.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive past an appositive: the agent after "by"
        ("Amazon, long criticised by unions at home, was fined 32 million euros by France's "
         "data protection authority over warehouse surveillance.", EUROPE),
        ("Apple, the iPhone maker, was ordered by the European Commission to open its "
         "payment chip to rival wallets.", EUROPE),
        ("Three Chinese drone makers, among them a unit of DJI, were put on an export "
         "blacklist last week by the Commerce Department.", US),
        # the same with no appositive: a long subject, the agent after the verb
        ("Qualcomm's $4 billion purchase of an Israeli modem designer was approved with "
         "conditions by South Korea's Fair Trade Commission.", OTHER),
        # a subject pulled, banned or outsold in a country: the country
        ("Temu will be removed from app stores in Vietnam after the trade ministry said it "
         "had not registered.", OTHER),
        ("Toyota and Honda were outsold in Thailand as Chinese brands cut prices.", OTHER),
        # a levy paid on goods shipped to a country, with a person signing the order
        ("Samsung, LG and Sony are among electronics makers that will pay a 20% duty on "
         "televisions shipped to American retailers under an order signed by President "
         "Trump.", US),
        ("Japanese steelmakers such as Nippon Steel face duties of 30% on coils shipped to "
         "Canada after Ottawa approved new safeguards.", OTHER),
    ],
)
def test_english_doers_gained(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cleft whose focus names the doer, the focus's own modifiers aside
        ("삼성전자의 인수 계획을 무산시킨 것은 가격이 아니라 중국 국가시장감독관리총국의 "
         "승인 지연이었다.", CHINA),
        ("도시바 매각 협상을 끝낸 것은 베인캐피털이 아니라 도요타였다.", JAPAN),
        ("아마존 물류센터 매각을 멈춘 것은 싱가포르 펀드의 인수를 둘러싼 유럽연합 "
         "집행위원회 조사였다.", EUROPE),
        # a foreign country's law in quotes, a bare body enforcing it
        ("미국 메타가 내년부터 일본의 '디지털 플랫폼 거래투명화법'에 따라 "
         "공정거래위원회의 엄격한 규제를 받게 됐다.", JAPAN),
        # a firm owned by another, fined by a body: the body, not the owned firm
        ("한국 카카오가 소유한 멜론이 독일 연방카르텔청으로부터 2억유로의 과징금을 "
         "부과받았다.", EUROPE),
        # a thing done under someone's lead
        ("태국 방콕의 새 5G 망이 화웨이의 주도로 구축됐다.", CHINA),
        # a subject blocked or banned in a country
        ("미국 오픈AI의 챗봇이 독일에서 접속 차단됐다.", EUROPE),
        ("미국 우버의 배달 서비스가 스페인에서 영업 정지됐다.", EUROPE),
    ],
)
def test_korean_doers_gained(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause's ban is background: the firm's own verb leads
        ("Netflix, whose app was blocked in Russia last year, said its subscribers rose 5%.",
         US),
        # the cleft's doer named before it: the focus is only the place chosen
        ("소니가 새 공장 부지로 고른 것은 대만이 아니라 구마모토였다.", JAPAN),
        # "A가 아닌 B였다" keeps the negated name out
        ("세계 전기차 판매 1위에 오른 것은 미국 테슬라가 아닌 중국 비야디였다.", CHINA),
        # an appositive with no passive: the subject acts
        ("Nvidia, the chip designer, said demand from Chinese buyers fell.", US),
    ],
)
def test_neighbours_keep_their_reading(text: str, expected: Region) -> None:
    assert region_of(text) == expected
