"""Round nineteen's families (c21/c22's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round nineteen" lists the rules.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean concessive in -되 closes its clause: the subject after it acts.
        ("독일 드레스덴 연구소는 남겨 두되 소니가 해외 개발 거점 다섯 곳을 정리하기로 했다.",
         JAPAN),
        ("미국 내 물류 거점은 유지하되 알리바바가 동남아 창고 절반을 매각한다.", CHINA),
    ],
)
def test_a_concessive_in_doe_ends_the_front(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_topic_without_a_concessive_still_leads() -> None:
    assert region_of("독일 폭스바겐은 드레스덴 공장을 닫고 소니와 손잡기로 했다.") == EUROPE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # By whose recommendation or order something stopped, however many words the stop
        # takes; whose regulation the subject comes under.
        ("중국 쇼핑앱 테무의 국내 광고 집행이 공정거래위원회의 시정명령에 따라 주요 포털과 "
         "동영상 플랫폼에서 일제히 중단됐다.", OTHER),
        ("미국 우버의 도쿄 배차 서비스가 국토교통성의 규제를 받게 됐다.", JAPAN),
        # A country before a body of several words, in 로부터.
        ("미국 퀄컴이 중국 반독점 규제 당국으로부터 인수 승인 보류 판정을 받았다.", CHINA),
    ],
)
def test_the_body_whose_act_the_subject_undergoes(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_firm_that_stops_on_its_own_keeps_the_story() -> None:
    assert region_of("중국 틱톡이 자체 점검에 따라 국내 앱 장터에서 라이브 판매를 잠정 "
                     "중단했다.") == CHINA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The lexicon: Japan's transport safety board and coast guard, Tapestry, Wise.
        ("보잉 737 기체의 나리타공항 착륙 사고와 관련해 운수안전위원회는 조종사 과실 가능성을 "
         "조사하고 있다.", JAPAN),
        ("대형 백화점 매출이 줄자 태피스트리는 핸드백 가격을 내리기로 했다.", US),
        ("Wise, the payments firm, said its customer numbers rose 20% in the quarter.",
         EUROPE),
    ],
)
def test_names_the_lexicon_gained(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A firm that avoided a penalty after a body accepted something: the body acts.
        ("Google avoided a possible antitrust fine after the European Commission accepted its "
         "pledges to open its ad exchange to rivals.", EUROPE),
        ("Amazon escaped a possible penalty after the Japan Fair Trade Commission accepted its "
         "plan to stop pressuring sellers on prices.", JAPAN),
    ],
)
def test_a_penalty_avoided_is_the_bodys_story(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_avoiding_something_no_body_decides_stays_the_firms() -> None:
    assert region_of("Microsoft avoided layoffs in its cloud unit after sales of its AI tools "
                     "jumped.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Goods that face a levy: the levy's maker, by name or by where the goods go.
        ("Japanese tires, machinery and steel will face import duties of up to 40% under a law "
         "passed by Brazil's Congress, aimed at countries without trade deals.", OTHER),
        ("Chinese solar panels and batteries will face import tariffs of up to 30% under a law "
         "passed by India's parliament.", OTHER),
        ("Carmakers from Japan, Mexico and Germany that send finished cars into the United "
         "States now face an extra 25% tariff under a new order.", US),
        ("Japanese and Korean steel that enters the European Union will face duties of up to "
         "25% under a rule adopted by the European Commission.", EUROPE),
    ],
)
def test_a_levy_faced_is_its_makers(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A levy that will cost a named firm: the firm tells its own bill.
        ("A 25% U.S. tariff on imported cars will cost Honda about 450 billion yen this fiscal "
         "year, the carmaker said.", JAPAN),
        ("A 20% Chinese levy on European brandy will cost Pernod Ricard about 100 million "
         "euros, the drinks maker said.", EUROPE),
        ("A 20% U.S. tariff on European cars will cost Volkswagen about 3 billion euros this "
         "year, the carmaker said.", EUROPE),
    ],
)
def test_a_levy_that_costs_a_firm_is_the_firms(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_firm_naming_its_own_levy_bill_keeps_it() -> None:
    assert region_of("Toyota said a new U.S. levy would cost it 1.2 trillion yen.") == JAPAN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Sellers that won orders as a buyer announced them: the buyer's news.
        ("Boeing, Airbus and Brazil's Embraer all won orders as Japan Airlines unveiled plans "
         "to buy up to 50 jets for its long-haul fleet.", JAPAN),
        ("Airbus and Boeing both won orders as Korean Air announced plans to buy 40 widebody "
         "jets.", OTHER),
    ],
)
def test_orders_won_as_a_buyer_announced_are_the_buyers(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_orders_won_with_no_buyer_named_stay_the_sellers() -> None:
    assert region_of("Airbus won orders worth $10 billion at the Paris Air Show.") == EUROPE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A firm put on a body's list: the list's owner acts.
        ("중국 드론업체 오텔로보틱스가 미국 상무부(BIS)의 '수출 통제 명단'에 오르면서 앞으로 "
         "출시하는 신제품은 미국산 부품을 들여올 수 없게 됐다.", US),
        ("중국 화웨이가 미국 연방통신위원회(FCC)의 '보안 위협 목록'에 추가되면서 현지 "
         "통신사들은 장비를 교체해야 한다.", US),
    ],
)
def test_a_listing_is_the_list_owners(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_body_that_lists_others_keeps_its_story() -> None:
    assert region_of("미국 상무부가 중국 반도체 기업 30곳을 수출통제 명단에 올렸다.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A plant a firm built, named with its place first: the firm's.
        ("미국 오하이오주 메리즈빌에 혼다가 세운 첫 북미 전기차 배터리 공장이 가동을 "
         "시작했다.", JAPAN),
        ("헝가리 데브레첸에 CATL이 지은 첫 유럽 배터리 공장이 출하를 시작했다.", CHINA),
    ],
)
def test_a_plant_a_firm_built_is_the_firms(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_buyer_of_anothers_plant_keeps_its_story() -> None:
    assert region_of("미국 포드가 일본 도요타가 세운 켄터키 공장을 인수했다.") == US


@pytest.mark.parametrize(
    "text",
    [
        # A breach reported by the body that found it: the body's finding.
        "구글이 검색 광고 시장에서 지위를 남용해 경쟁법을 어겼다고 일본 공정거래위원회가 "
        "발표했다.",
        "미국 인텔이 리베이트 금지 조건을 위반했다고 일본 공정거래위원회가 조사 결과를 "
        "발표했다.",
    ],
)
def test_a_breach_found_is_the_finders(text: str) -> None:
    assert region_of(text) == JAPAN


def test_a_firm_disputing_a_body_keeps_its_story() -> None:
    assert region_of("중국 당국의 조사가 부당하다고 엔비디아가 반박했다.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare body enforcing a foreign country's law named before it is that country's.
        ("미국 아마존과 이베이가 일본의 디지털플랫폼 거래투명화법에 따라 공정거래위원회의 규제를 "
         "받게 됐다. 두 회사는 판매자와의 계약 조건을 공개해야 한다.", JAPAN),
        ("미국 메타가 독일의 개정 경쟁제한방지법에 따라 공정거래위원회의 조사를 받게 됐다. "
         "메타는 협조하겠다고 밝혔다.", EUROPE),
        # No country before the law: the bare body stays Korea's, and its regulation acts.
        ("중국 알리익스프레스가 전자상거래법에 따라 공정거래위원회의 규제를 받게 됐다. 알리는 "
         "소비자 보호 조치를 내놓겠다고 밝혔다.", OTHER),
    ],
)
def test_a_bare_body_under_a_countrys_law(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A class of firms, named by examples, receiving a benefit where they build: that
        # country's policy.
        ("현대차나 도요타처럼 미국 땅에 전기차 공장을 짓는 업체는 앞으로 차 한 대당 최대 "
         "7500달러를 보조금으로 돌려받게 된다.", US),
        ("파나소닉이나 CATL처럼 헝가리 땅에 배터리 공장을 짓는 기업은 투자액의 20%를 보조금으로 "
         "받는다.", EUROPE),
    ],
)
def test_a_benefit_a_class_receives_is_the_countrys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_one_firm_receiving_a_benefit_keeps_its_story() -> None:
    assert region_of("도요타는 켄터키 공장 투자액의 30%를 미국에서 세액공제로 돌려받게 "
                     "된다.") == JAPAN


@pytest.mark.parametrize(
    "text",
    [
        # A ministry every country has, taking a stake in a firm: the firm's country's.
        "중국이 갈륨 수출을 막자 국방부가 반도체 소재업체 울프스피드의 최대 주주로 올라섰다.",
        "중국이 리튬 정제를 틀어쥐자 에너지부가 리튬 생산업체 앨버말 지분 5%를 확보했다.",
    ],
)
def test_a_bare_ministry_taking_a_stake_is_the_firms_countrys(text: str) -> None:
    assert region_of(text) == US


def test_a_bare_ministry_buying_from_a_firm_does_not_move() -> None:
    assert region_of("국방부가 록히드마틴과 F-35 추가 도입 계약을 맺었다.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An obligation on the lead's firms, whose law the next sentence says took effect in a
        # country: that country's rule.
        ("메타와 틱톡은 앞으로 16세 미만 이용자의 계정 개설을 중단해야 한다. 호주에서 "
         "온라인안전법 개정안이 시행되면서 두 회사에 새 의무가 생겼다.", OTHER),
        ("애플과 구글은 앞으로 자사 결제 외에 다른 결제 수단도 앱 안에서 허용해야 한다. 영국에서 "
         "디지털시장경쟁소비자법이 발효되면서 두 회사가 규제 대상이 됐다.", EUROPE),
    ],
)
def test_an_obligation_is_the_country_whose_law_took_effect(text: str,
                                                            expected: Region) -> None:
    assert region_of(text) == expected


def test_an_obligation_with_no_law_named_stays_the_firms() -> None:
    assert region_of("애플과 구글은 앞으로 자사 결제 외에 다른 결제 수단도 앱 안에서 허용해야 "
                     "한다. 두 회사는 소송을 검토하고 있다.") == US


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A rule finalised with no maker named: the body the next sentence says announced it;
        # the industry that awaited it only watches.
        ("일본 반도체 업계가 주목해 온 첨단 장비 수출 허가 세부 지침이 확정됐다. 중국 기업에 "
         "14나노 이하 장비를 팔려면 별도 허가를 받아야 한다고 상무부가 밝혔다.", US),
        ("한국 철강업계가 기다려 온 탄소국경조정제도(CBAM) 세부 규정이 공개됐다. 수입업자는 "
         "내년부터 배출량 인증서를 사야 한다고 유럽연합(EU) 집행위원회가 발표했다.", EUROPE),
    ],
)
def test_a_finalised_rule_is_the_announcing_bodys(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_finalised_rule_with_no_maker_named_does_not_move() -> None:
    assert region_of("일본 반도체 업계가 주목해 온 첨단 장비 수출 허가 세부 지침이 확정됐다. "
                     "업계는 대응책 마련에 나섰다.") == JAPAN
