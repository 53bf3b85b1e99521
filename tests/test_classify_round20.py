"""Round twenty's families (c23/c24's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round twenty" lists the rules.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The lexicon: Saxony written with 주, Russia's telecoms watchdog, Birkenstock.
        ("인텔의 마그데부르크 공장 계획이 미뤄지자 작센주 정부가 반도체 보조금 일부를 "
         "배터리 연구에 돌리기로 했다.", EUROPE),
        ("유튜브 영상 재생 속도를 로스콤나드조르가 또다시 떨어뜨렸다.", EUROPE),
        ("Birkenstock raised its sales forecast after strong demand for clogs in America.",
         EUROPE),
    ],
)
def test_names_the_lexicon_gained(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_bare_state_government_stays_unnamed() -> None:
    # "주 정부" with no state named is still nobody's in particular: Korea's reading stays.
    assert region_of("주 정부가 반도체 전문 인력 양성 예산을 늘린다.") == OTHER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bid of the subject, however long, turned down in the passive: the agent acts.
        ("Sony's request to lift an export ban on image sensors sold to makers of military "
         "drones in Russia and Belarus was turned down by a federal court in Washington.", US),
        # Under investigation or review by a body: the body.
        ("Nvidia is under investigation by China's antitrust regulator over its purchase of "
         "an Israeli networking firm.", CHINA),
        ("Toyota remains under review by the European Commission for the way it shares "
         "dealer data.", EUROPE),
        # Barred, or losing access, after or as a country's body or measure acted.
        ("Samsung was barred from shipping chip tools to its plant in Xi'an after "
         "Washington's new export rules took effect.", US),
        ("Korean steelmakers lost duty-free access to American buyers as Tokyo's new export "
         "curbs kicked in.", JAPAN),
    ],
)
def test_english_what_the_subject_undergoes(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alibaba is under pressure from investors after a weak quarter.", CHINA),
        ("Huawei lost access to Google's apps after the ban.", CHINA),
        ("Sony was barred from the show after its booth caught fire.", JAPAN),
    ],
)
def test_english_neighbours_keep_their_subject(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The object first, the subject in 이/가 after it.
        ("미국 퀄컴 상하이 법인과 텍사스인스트루먼트 등 다섯 곳을 중국 상무부가 반덤핑 조사 "
         "대상에 넣었다.", CHINA),
        # The body a person leads, not the person's country; a firm led by someone likewise.
        ("미국 출신 조르지에바 총재가 이끄는 국제통화기금(IMF)이 세계 성장률 전망을 올렸다.",
         OTHER),
        ("중국 출신 임원이 이끄는 미국 테슬라가 상하이 공장 생산을 늘렸다.", US),
        # A country as the market a clause describes the subject by.
        ("인도 시장 의존도가 큰 반도체 업체 마이크론이 감산에 나섰다.", US),
        # A bare trade ministry answering a levy on a country's goods is that country's.
        ("미국이 중국산 태양광 패널에 대한 반덤핑 관세를 올리자 상무부는 미국산 폴리실리콘에 "
         "보복 관세를 매기겠다고 밝혔다.", CHINA),
        # A penalty for breaking a law: the law's maker.
        ("중국 알리바바가 유럽연합(EU) 디지털서비스법을 어긴 혐의로 3억유로의 과징금을 물게 "
         "됐다.", EUROPE),
        # The fine received from a body, the fine itself the subject: the body.
        ("미국 구글이 인도 경쟁위원회로부터 부과받은 1억달러의 과징금이 항소심에서 그대로 "
         "유지됐다.", OTHER),
        # A grant finalised by a body that the next sentence opens with.
        ("일본 도요타가 미국 에너지부로부터 배터리 공장 보조금을 최종 확정받았다. 에너지부는 "
         "공장 완공 시점에 맞춰 지급한다고 밝혔다.", US),
    ],
)
def test_korean_what_the_subject_undergoes(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject first, an object after it: the subject still acts
        ("미국 엔비디아가 중국 업체 세 곳을 협력사 명단에서 뺐다.", US),
        # an object inside a relative clause ("…를 가진"): the subject after it still acts
        ("엔비디아 지분 5%를 가진 일본 소프트뱅크가 반도체 펀드를 새로 만들었다.", JAPAN),
        # a country whose sales share describes the subject, the subject already leading
        ("일본 매출 비중이 높은 미국 애플이 아이폰 가격을 내렸다.", US),
        # keeping a law is the firm's own news
        ("중국 알리바바가 유럽연합(EU) 디지털서비스법을 지키기 위해 판매자 검증을 강화했다.",
         CHINA),
        # the fine describes the object of the firm's own verb
        ("미국 구글이 인도 경쟁위원회로부터 부과받은 과징금에 불복해 항소했다.", US),
        # a grant finalised, the next sentence about the plant: the firm's news
        ("일본 도요타가 미국 에너지부로부터 배터리 공장 보조금을 최종 확정받았다. 공장은 "
         "내년에 완공된다.", JAPAN),
    ],
)
def test_korean_neighbours_keep_their_subject(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_ban_on_imports_is_not_a_levy_answered() -> None:
    # No levy: the bare ministry is not given to the country whose goods were stopped.
    assert region_of("중국 정부가 일본산 가리비 수입을 중단하자 상무부는 일본 측에 "
                     "항의했다.") != JAPAN
