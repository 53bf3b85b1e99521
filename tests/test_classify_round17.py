"""Round seventeen's families (c17/c18's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round seventeen" lists the rules.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The firms put their own name on a list; the next sentence's body keeps it.
        ("일본 부품사 도레이와 TDK 등 30여 곳이 우려 거래자 명단에 이름을 올렸다. 미 상무부는 "
         "이들이 러시아 군수업체에 부품을 공급했다고 밝혔다.", US),
        # A list named in quotes.
        ("독일 화학업체 바스프와 랑세스가 '신뢰할 수 없는 실체 목록'에 추가됐다. "
         "중국 상무부는 대만에 무기를 판 업체와 거래했다는 이유를 들었다.", CHINA),
    ],
)
def test_a_list_the_lead_ends_on_is_the_next_bodys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An inquiry or sanction undergone at the lead's end; its agent opens the next sentence.
        ("퀄컴이 이스라엘 오토톡스를 인수하면서 사전 신고를 하지 않았다는 이유로 "
         "반독점 조사 대상에 올랐다. 중국 시장감독관리총국은 이 거래를 들여다보겠다고 밝혔다.",
         CHINA),
        ("마이크론이 보안 심사를 받게 됐다. 중국 국가인터넷정보판공실은 마이크론 제품을 심사한다고 "
         "밝혔다.", CHINA),
        ("구글이 검색 광고 끼워팔기 혐의로 조사를 받게 됐다. 일본 공정거래위원회는 구글에 자료 "
         "제출을 요구했다.", JAPAN),
        ("아마존이 입점업체 차별 의혹으로 제재 대상이 됐다. 인도 경쟁위원회는 조사 보고서를 "
         "공개했다.", OTHER),
    ],
)
def test_an_inquiry_undergone_is_the_next_sentences_body(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A finding, a decision or a warning letter before its agent in 로부터.
        ("아마존은 입점업체에 불리한 조건을 강요했다는 판단을 인도 경쟁위원회로부터 받았다.",
         OTHER),
        ("틱톡은 현지 법인을 닫으라는 결정을 캐나다 정부로부터 받았다.", OTHER),
        ("구글은 광고 사업 분리를 요구하는 경고장을 유럽연합 집행위원회로부터 받았다.", EUROPE),
        ("바이두는 자율주행 데이터를 국외로 옮겼다는 결론을 한국 개인정보보호위원회로부터 받았다.",
         OTHER),
    ],
)
def test_a_finding_before_its_agent_is_the_agents(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An inquiry drawn, faced or come under from a body: the body acts.
        ("Amazon faces a fresh antitrust probe from India's Competition Commission over its "
         "treatment of small sellers.", OTHER),
        ("Nvidia's acquisition of an Israeli networking firm came under scrutiny from Japan's Fair "
         "Trade Commission this week.", JAPAN),
        ("Google has triggered an investigation from the European Commission into its ad-tech "
         "business.", EUROPE),
    ],
)
def test_an_inquiry_drawn_from_a_body_is_the_bodys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_facing_a_hard_quarter_is_no_inquiry() -> None:
    # a neighbour that must not move: "faces" with no inquiry and no "from"
    assert region_of("Tesla faces a tough quarter as sales in China slow.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean desk's 국내 ("at home") before a nameless main subject: Korea's news.
        ("EU의 인공지능법 시행에 맞춰 국내에서도 AI기본법이 내년부터 시행된다.", OTHER),
        ("미국과 마찬가지로 국내에서도 전기차 보조금이 줄어든다.", OTHER),
        ("중국 업체들의 저가 공세 속에 국내에서도 태양광 패널 공장 두 곳이 문을 닫았다.", OTHER),
    ],
)
def test_home_before_a_nameless_subject_is_korea(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_home_does_not_outweigh_a_named_subject() -> None:
    # a neighbour that must not move: the main subject names a firm
    assert region_of("국내에서도 엔비디아가 새 데이터센터용 칩을 내놓았다.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A firm's plant abroad is the firm's, with its place named first in a dateline or 에서.
        ("TSMC의 애리조나 제2공장이 시험 생산에 들어갔다.", OTHER),
        ("미국 애리조나주 피닉스에서 6일 TSMC의 첫 미국 공장 장비 반입식이 열렸다.", OTHER),
        ("독일 드레스덴에서 TSMC의 유럽 첫 공장 기공식이 열렸다.", OTHER),
    ],
)
def test_a_taiwanese_firms_plant_abroad_is_the_firms(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names the tables lacked, in the spellings writers use.
        ("코인체크가 해킹 피해를 본 고객에게 보상금을 지급하기로 했다.", JAPAN),
        ("DMM Bitcoin said it would wind down after a hack drained its wallets.", JAPAN),
        ("알버말이 칠레 염호 개발 계획을 미루기로 했다.", US),
        ("위즈에어가 아부다비 합작사를 청산한다.", EUROPE),
        ("피오테크가 새 박막 증착 장비를 내놓았다.", CHINA),
    ],
)
def test_names_the_tables_lacked(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A rule for travellers, goods or firms named only as examples; its maker follows.
        ("한국 여권 소지자는 다음 달부터 비자 없이 중국을 30일간 방문할 수 있게 된다. 중국 "
         "외교부는 무비자 대상국을 늘린다고 밝혔다.", CHINA),
        ("일본인 관광객은 내년부터 비자 없이 브라질에 입국할 수 있게 된다. 브라질 외교부는 "
         "상호주의 원칙에 따른 조치라고 밝혔다.", OTHER),
        ("테슬라와 BYD 등은 내년부터 차량 데이터를 현지 서버에 저장해야 한다. 인도 정부는 새 "
         "데이터 규정을 공포했다.", OTHER),
    ],
)
def test_a_rule_for_travellers_goods_or_named_examples(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A law aimed at foreign firms takes effect in a country: the country's act.
        ("틱톡과 메타의 청소년 이용을 겨냥한 온라인안전법이 이달부터 호주에서 시행된다. 두 "
         "회사는 연령 확인 장치를 갖춰야 한다.", OTHER),
        ("아마존과 알리바바의 입점업체 차별을 막는 플랫폼법이 1일 인도에서 발효됐다. 위반 "
         "기업은 매출의 10%를 과징금으로 낸다.", OTHER),
    ],
)
def test_a_law_taking_effect_in_a_country_is_the_countrys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A country's 's before a body the tables file under America by default.
        ("Japan's Supreme Court ruled in favour of the plaintiffs.", JAPAN),
        ("Brazil's Justice Department opened a case against Meta.", OTHER),
        ("India's Supreme Court ordered Google to pay.", OTHER),
    ],
)
def test_a_countrys_body_in_english_is_the_countrys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_body_that_names_its_country_stays_its() -> None:
    # a neighbour that must not move
    assert region_of("The U.S. Supreme Court refused to hear Brazil's appeal.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A series of common nouns in the fronted clause: its commas are still the front's.
        ("Weeks after Tokyo curbed shipments of fluorides, photoresists and etching gas to South "
         "Korea, Samsung found new suppliers.", OTHER),
        ("Days after Washington blacklisted drone makers, chip designers and cloud firms in "
         "China, Beijing retaliated with export curbs.", CHINA),
    ],
)
def test_a_series_in_a_fronted_clause_is_the_fronts(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An opening topic makes the estimate; a relative clause inside the complement does not
        # close it.
        ("소니는 지난달 출시된 닌텐도 새 게임기의 판매 호조로 애플의 게임 매출이 줄어들 것으로 "
         "내다봤다.", JAPAN),
        ("닛산은 태국 공장에서 조립한 테슬라 부품의 납품이 늦어질 것으로 분석했다.", JAPAN),
    ],
)
def test_an_opening_topics_estimate_is_the_topics(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A suit ruled on in a court named in 에서: the court's country acts.
        ("화웨이가 미국 정부의 제재를 풀어 달라며 낸 소송이 텍사스 연방법원에서 기각됐다. 재판부는 "
         "정부 판단에 근거가 있다고 봤다.", US),
        ("삼성전자가 낸 특허 무효 심판 청구가 일본 지식재산고등재판소에서 받아들여지지 않았다. "
         "재판부는 특허가 유효하다고 판단했다.", JAPAN),
    ],
)
def test_a_suit_ruled_on_in_a_court_is_the_courts(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A place glued to a court the tables lack, as the next sentence's subject.
        ("미국 오픈AI의 챗봇이 쓴 기사도 저작권 보호를 받을 수 있다는 판결이 나왔다. "
         "항저우인터넷법원은 기사를 무단 전재한 업체가 배상해야 한다고 판결했다.", CHINA),
        ("영국 ARM의 설계를 쓴 칩도 수출 통제 대상이라는 결정이 나왔다. 도쿄지방법원은 이 칩을 "
         "들여온 업체에 벌금을 물렸다.", JAPAN),
    ],
)
def test_a_place_glued_to_its_court_speaks_for_it(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb of rivalry in its adnominal form is no topic in 는; the rival named with 와
        # belongs to its clause.
        ("스위스 로슈와 항암제 시장을 놓고 다투는 화이자가 먹는 항암제의 임상 결과를 "
         "공개했다.", US),
    ],
)
def test_a_verb_of_rivalry_is_no_topic(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A one-syllable verb in 은 ("품은") closes a relative clause; it is no topic.
        ("중국 매출 비중이 큰 스위스 시계업체를 품은 LVMH가 아시아 매장을 줄인다.", EUROPE),
        ("미국 판매 비중이 큰 독일 부품사를 품은 도요타가 생산 계획을 바꿨다.", JAPAN),
    ],
)
def test_a_consonant_stem_adnominal_closes_a_clause(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # COMAC's jets, named for their maker.
        ("에어버스와 보잉이 나눠 가진 시장에 ARJ21이 동남아 노선으로 도전한다.", CHINA),
        ("보잉 737 맥스의 인도가 늦어지는 사이 C919가 새 주문 100대를 따냈다.", CHINA),
    ],
)
def test_comacs_jets(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A government's measure that kept the subject from something: the government acts.
        ("애플의 아이폰16이 인도네시아 정부의 판매 금지 조치로 현지 매장에 깔리지 못했다.", OTHER),
        ("테슬라의 모델Y가 태국 정부의 수입 관세 조치로 현지 판매 길이 막혔다.", OTHER),
        ("샤오미의 전기차가 미국 정부의 커넥티드카 금지 조치로 미국 시장에 들어가지 못했다.", US),
    ],
)
def test_a_measure_that_kept_the_subject_out_is_its_makers(text: str,
                                                           expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Travellers in 도 as the subject of a rule; its maker follows.
        ("일본 여권 소지자도 내달부터 비자 없이 중국에 30일간 머물 수 있게 된다. 중국 외교부는 "
         "무비자 대상국을 늘린다고 밝혔다.", CHINA),
        ("미국 관광객도 내년부터 전자 비자로 인도에 입국할 수 있게 된다. 인도 내무부는 새 비자 "
         "규정을 발표했다.", OTHER),
    ],
)
def test_travellers_in_do_under_a_rule(text: str, expected: Region) -> None:
    assert region_of(text) == expected
