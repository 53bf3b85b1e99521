from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round twenty-five, part b's families (c37 and c38's misses, issue 13), in sentences written
# for this file. Each `*_is_*` test's cases failed before their rule; the neighbours must not
# move. docs/classify.md "Round twenty-five, part b" lists the rules and how often each fires.
# Plain loops, no pytest import: the file opens with the shared cases' import, as asked.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def test_bare_ministry_acting_against_america_is_chinas() -> None:
    assert misfiled([
        # American firms put on the bare ministry's list
        ("미국 방산업체 세 곳이 상무부의 수출통제 명단에 추가됐다. 상무부는 이들 업체가 대만에 "
         "무기를 팔아 국가 안보를 해쳤다고 설명했다.", CHINA),
        # America's own measure answered by the bare ministry
        ("미국이 반도체 장비 수출 규제를 강화하자 상무부가 갈륨과 게르마늄 수출통제를 발표했다. "
         "허가 없이 해외로 내보낼 수 없게 된다.", CHINA),
        # a third country's firm's American unit, sanctioned
        ("독일 물류기업의 미국 법인 두 곳이 상무부의 제재 대상에 올랐다. 상무부는 이들과의 거래를 "
         "금지했다.", CHINA),
    ]) == []


def test_bare_ministry_neighbours() -> None:
    assert misfiled([
        # a friendly act on American firms: America's own ministry
        ("미국 반도체 기업 세 곳이 상무부의 보조금 지원 대상에 선정됐다. 상무부는 공장 건설을 "
         "돕겠다고 밝혔다.", US),
        # China named as the target: America's ministry, as the tables read it
        ("상무부가 화웨이 계열사 20여 곳을 수출통제 명단에 올렸다. 미국 기업은 허가 없이 이들에 "
         "부품을 팔 수 없다.", US),
        # the ministry named as America's
        ("미국 상무부가 미국 기업들의 러시아 거래를 금지했다. 위반하면 벌금을 문다.", US),
    ]) == []


def test_law_named_in_quotes_or_as_an_act_is_its_makers() -> None:
    assert misfiled([
        # the law's name in quotes before its particle
        ("메타와 틱톡이 미성년자 계정을 따로 관리하도록 하는 '온라인 아동보호법'이 1일 시행됐다. "
         "영국 통신규제청은 위반 업체에 벌금을 물릴 수 있다.", EUROPE),
        # an English law named as an Act, capitalised
        ("Cloud providers such as Amazon and Microsoft must now report outages within 24 hours "
         "as the Digital Operational Resilience Act took effect in the European Union.", EUROPE),
    ]) == []


def test_law_neighbours() -> None:
    assert misfiled([
        # the law's maker is the firms' own country: the firm's story stays
        ("애플이 앱 결제를 개방하도록 하는 '앱 공정법'이 시행됐다. 미국 연방거래위원회는 점검에 "
         "나선다.", US),
        # "act" as a verb, no law named
        ("Sony must act fast to rescue its game unit, analysts said.", JAPAN),
    ]) == []


def test_firms_classed_by_the_next_sentences_body_are_its() -> None:
    assert misfiled([
        ("중국 드론업체 DJI와 감시카메라업체 하이크비전이 '국가안보 위협 기업'으로 지정됐다. 미 "
         "연방통신위원회는 두 회사 장비의 신규 인증을 막겠다고 밝혔다.", US),
    ]) == []


def test_classed_neighbours() -> None:
    assert misfiled([
        # a list with no owner named: already the next body's by round twelve's route
        ("일본 반도체 장비업체 도쿄일렉트론과 스크린이 수출 심사 강화 명단에 새로 올랐다. 중국 "
         "상무부는 두 회사가 군사 용도 전용을 막지 못했다고 밝혔다.", CHINA),
        # no body opens the next sentence: the firm's own story
        ("삼성전자가 국가전략기술 기업으로 지정됐다. 회사는 세액공제를 받게 된다.", OTHER),
        # the body of the firm's own region: no change of region either way
        ("화웨이가 '국가 챔피언 기업'으로 지정됐다. 중국 공업정보화부는 지원을 늘린다.", CHINA),
    ]) == []


def test_bare_competition_watchdogs_are_their_countrys() -> None:
    assert misfiled([
        ("The Competition Bureau is suing Amazon over fake discounts shown to shoppers, asking a "
         "tribunal to order refunds and a penalty.", OTHER),
        ("The CCI ordered Apple to open its App Store to rival payment systems after a four-year "
         "probe found it had abused its dominance.", OTHER),
    ]) == []


def test_firm_named_only_in_a_bodys_reason_is_background() -> None:
    assert misfiled([
        ("미국 아마존이 자사 상품을 검색 결과 상단에 부당하게 올렸다며 경쟁위원회(CCI)가 "
         "아마존에 시정 명령과 과징금을 부과했다. 아마존은 검색 알고리즘을 바꿔야 한다. 아마존 "
         "측은 항소를 검토하고 있다.", OTHER),
    ]) == []


def test_reason_neighbours() -> None:
    assert misfiled([
        # the firm is the main subject and gives its own reason: its story
        ("애플이 규제가 과도하다며 인도 정부의 명령에 반발했다. 애플은 법적 대응을 검토한다.", US),
    ]) == []


def test_firms_the_tables_lacked() -> None:
    assert misfiled([
        ("Backed by a fresh loan from its creditors, WeWork said it would reopen 40 offices "
         "in London and Paris.", US),
        ("Squeezed by cocoa prices in Ghana, Barry Callebaut raised what it charges chocolate "
         "makers.", EUROPE),
        ("브라질 항공사의 주문이 나오자 AVIC의 주가가 급등했다.", CHINA),
    ]) == []


def test_levy_maker_named_after_the_levy() -> None:
    assert misfiled([
        # the levy's place
        ("Japanese steel pipes will face duties of up to 40% in Canada after a trade tribunal "
         "found they were sold below cost.", OTHER),
        # the owner of the plan the levy follows
        ("Chinese electric cars from BYD, Nio and Xpeng will face new tariffs of up to 30% after "
         "member states backed the European Commission's proposal on Tuesday.", EUROPE),
        # the after-clause's subject
        ("Steel from Japan's Nippon Steel, JFE and Kobe Steel will face extra duties of 25% after "
         "the European Commission approved a safeguard on Monday.", EUROPE),
    ]) == []


def test_levy_neighbours() -> None:
    assert misfiled([
        # the levy's maker named by "under a measure approved by": round twenty-one's reading
        ("Chinese cars will face a 100% duty under a measure approved by Canada on Monday.",
         OTHER),
        # a place after the follow-up's "after": not the levy's
        ("Toyota will face higher tariffs after it shifted output to plants in Mexico.", JAPAN),
    ]) == []
