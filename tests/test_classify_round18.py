"""Round eighteen's families (c19/c20's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round eighteen" lists the rules.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A known name set off by an appositive after a fronted clause is the main subject.
        ("During a state visit by U.S. President Joe Biden to Riyadh, Aramco, the kingdom's oil "
         "giant, signed supply deals worth $20 billion.", OTHER),
        ("After Washington added more Chinese firms to its entity list, Huawei, the telecom "
         "equipment maker, said its sales had recovered anyway.", CHINA),
        ("With the Fed signalling more cuts, Toyota, the world's biggest carmaker, raised its "
         "profit forecast.", JAPAN),
    ],
)
def test_a_name_with_an_appositive_after_a_front_is_the_subject(text: str,
                                                                expected: Region) -> None:
    assert region_of(text) == expected


def test_a_list_of_names_in_the_front_still_belongs_to_it() -> None:
    assert region_of("After Washington, Brussels and Tokyo tightened curbs on chip tools, SMIC "
                     "said it would build more plants.") == CHINA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A firm's kind before its name, with an acronym in the description.
        ("With Washington limiting sales of Nvidia's H20 in the country, domestic GPU designer "
         "Moore Threads raised its revenue forecast.", CHINA),
        ("After the Fed's rate cut lifted U.S. shares, homegrown AI startup Zhipu filed for a "
         "listing in Shanghai.", CHINA),
        ("As European buyers turned to cheaper cells, domestic EV battery maker CATL said it "
         "would build a third plant in Hungary.", CHINA),
        ("Three months after Washington's export ban, local DRAM maker CXMT began shipping HBM "
         "samples.", CHINA),
        # A name the tables lacked, after "Private … company".
        ("Private rocket company LandSpace plans a second launch from Jiuquan next year, ahead of "
         "SpaceX's next flight.", CHINA),
    ],
)
def test_a_firms_kind_before_its_name(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_country_adjective_before_the_kind_still_counts() -> None:
    assert region_of("German drugmaker Bayer said it would cut jobs in the United States.") == (
        EUROPE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A cleft whose clause has its own subject: the focus is what it chose or blamed.
        ("소니가 새 반도체 공장 부지로 고른 곳은 구마모토가 아니라 미국 텍사스였다.", JAPAN),
        ("도요타가 감산의 원인으로 꼽은 것은 수요 부진이 아니라 중국산 희토류 공급 차질이었다.",
         JAPAN),
        ("폭스바겐이 전기차 배터리 조달처로 택한 것은 한국 업체가 아니라 중국 CATL이었다.", EUROPE),
        # …across a connective that shares the subject.
        ("BYD가 유럽 첫 공장을 지으면서 입지로 정한 곳은 독일이 아니라 헝가리였다.", CHINA),
    ],
)
def test_a_clefts_own_subject_acts(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_cleft_with_no_subject_of_its_own_keeps_its_focus() -> None:
    assert region_of("인텔 지분을 확보한 곳은 소프트뱅크가 아닌 미국 정부였다.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare body the tables give Korea is the body of the country whose authorities the
        # next sentence names.
        ("애플이 앱 개발사에 외부 결제를 막았다며 공정거래위원회로부터 시정명령을 받았다. 일본 "
         "당국이 앱 장터 운영사에 이런 명령을 낸 것은 두 번째다.", JAPAN),
        ("아마존이 입점 업체에 최저가를 강요했다며 공정거래위원회가 과징금을 부과했다. 독일 경쟁 "
         "당국은 조사를 2년 넘게 이어왔다.", EUROPE),
        ("엔비디아가 인수 신고를 늦게 했다며 공정위가 벌금을 매겼다. 중국 정부는 미국 반도체 "
         "기업에 대한 압박을 이어가고 있다.", CHINA),
    ],
)
def test_a_bare_body_is_the_authorities_named_next(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_bare_body_stays_koreas_when_korea_is_named() -> None:
    assert region_of("구글이 검색 광고 시장을 독점했다며 공정거래위원회가 과징금을 부과했다. 한국 "
                     "기업들은 환영했다.") == OTHER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A listing received from a body is the body's act, like an order or a sanction.
        ("미국 드론업체 스카이디오가 중국 상무부로부터 수출 통제 대상 지정을 받았다. 대만에 무기를 "
         "판 데 대한 보복이다.", CHINA),
        ("일본 화학업체 도레이가 미국 상무부로부터 우려 거래자 지정을 받았다. 러시아 군수업체에 "
         "부품을 댄 혐의다.", US),
        ("중국 배터리업체 CATL이 미국 국방부로부터 중국 군사기업 지정을 받으면서 주가가 "
         "급락했다.", US),
    ],
)
def test_a_listing_received_is_the_bodys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A finding or an order received with no one giving it: the next sentence's body.
        ("미국 반도체업체 인텔의 칩이 보안 심사에서 부적합 판정을 받았다. 판정을 내린 "
         "국가인터넷정보판공실은 통신사들에 구매 중단을 권고했다.", CHINA),
        ("일본 도요타의 하이브리드차가 배출가스 시험에서 불합격 판정을 받았다. 미국 환경보호청은 "
         "판매 중단을 검토하고 있다.", US),
        ("중국 틱톡의 미국 법인이 데이터 보호 위반으로 영업정지 처분을 받았다. 아일랜드 "
         "데이터보호위원회는 개인정보 이전이 불법이었다고 밝혔다.", EUROPE),
    ],
)
def test_a_finding_received_is_the_next_sentences_body(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A passive's agent named as "the state of …", "the government of …".
        ("TikTok was sued by the state of Texas over child safety on its app.", US),
        ("Shein has been fined by the government of India for mislabelling imported clothes.",
         OTHER),
        ("Tesla was taken to court by the city of Berlin over water use at its plant.", EUROPE),
        ("Toyota was sued by the state of New York over emissions data.", US),
    ],
)
def test_the_polity_of_a_place_as_a_passives_agent(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dow (the chemicals group) by its short name: America's, as Dow Jones is.
        ("네덜란드 테르뇌전 공장의 가동을 멈추기로 했다고 다우가 밝혔다. 유럽의 가스값이 너무 "
         "높다는 이유다.", US),
        ("Dow said it would shut three European plants, including a cracker in Germany, as "
         "energy costs bite.", US),
    ],
)
def test_dow_by_its_short_name(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Gulf of Mexico's coast is America's ports and refineries, not Mexico.
        ("허리케인이 멕시코만 연안 정유시설을 덮치면서 휘발유 선물 가격이 급등했다.", US),
        ("Dockworkers at ports on the East and Gulf Coast walked off the job after talks with "
         "the port operators broke down.", US),
    ],
)
def test_the_gulf_coast_is_americas(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_mexicos_government_still_acts_in_the_gulf() -> None:
    assert region_of("멕시코 정부는 멕시코만 심해 유전 개발에 외국 자본을 허용하기로 "
                     "했다.") == OTHER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names the tables lacked: China's state fund and a Swedish games group.
        ("미국이 관세를 올리자 중앙후이진이 은행주 매입에 나섰다.", CHINA),
        ("After Washington's tariff shock sent shares tumbling, Central Huijin said it had "
         "bought more exchange-traded funds.", CHINA),
        ("마이크로소프트와의 협업이 끝나자 엠브레이서는 스튜디오 두 곳을 팔았다.", EUROPE),
    ],
)
def test_names_the_tables_lacked(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A regulator by its full name, speaking after the news: it found or ruled, it acts.
        ("Apple and Google must let rivals run app stores on phones sold in the country from "
         "December, the Japan Fair Trade Commission said.", JAPAN),
        ("Meta broke the bloc's digital rules by charging users for an ad-free service, the "
         "European Commission said on Tuesday.", EUROPE),
        ("Nvidia's H20 chips carry security risks for users in the country, the Cyberspace "
         "Administration said in a statement.", CHINA),
    ],
)
def test_a_regulator_by_its_full_name_after_the_news(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_person_after_a_firms_news_does_not_take_it() -> None:
    assert region_of("Samsung's Texas fab will make Tesla's next AI chips, Elon Musk "
                     "said.") == OTHER
