from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of

# Round twenty-five, part a (c35 and c36's misses, issue 13), in sentences written for this file.
# Each test's first cases failed before their rule; the neighbours must not move.
# docs/classify.md "Round twenty-five, part a" lists the rules and how often each fires.


def _check(cases: list[tuple[str, Region]]) -> None:
    wrong = [(text[:40], region_of(text), expected) for text, expected in cases
             if region_of(text) is not expected]
    assert not wrong


def test_fine_far_from_its_body_is_the_bodys() -> None:
    _check([
        # a long reason clause between the body in 로부터 and the fine the lead ends in
        ("미국 구글이 일본 공정거래위원회(JFTC)로부터 스마트폰 제조사에 자사 검색 앱을 먼저 깔도록 "
         "요구해 경쟁 검색 업체들의 시장 진입을 가로막았다는 이유로 약 40억 엔의 과징금을 "
         "부과받았다. 구글은 결정에 불복할 방침이다.", JAPAN),
        ("중국 테무가 독일 연방카르텔청으로부터 입점 판매자들에게 가격을 마음대로 정하지 못하도록 "
         "강요하고 경쟁 쇼핑몰에서의 판매를 제한했다는 이유로 약 2억 유로의 벌금을 부과받았다.",
         EUROPE),
        # neighbours: the fine near its body, and a lead with no body at all
        ("애플이 EU 집행위원회로부터 과징금을 부과받았다.", EUROPE),
        ("미국 구글이 검색 시장에서 경쟁사들의 진입을 가로막아 온 관행을 바꾸기로 하면서 "
         "앞으로 광고 수익의 일부를 개발자들에게 돌려주기로 했다고 밝혔다.", US),
    ])


def test_lexicon_names_of_round25a() -> None:
    _check([
        ("롬이 차량용 전력반도체 공장의 가동률을 낮추기로 했다. 중국 업체들의 저가 공세가 거셌다.",
         JAPAN),
        ("Disco said its quarterly shipments rose as orders from TSMC and Samsung Electronics "
         "stayed strong.", JAPAN),
        ("바이오엔테크가 미국 화이자와 함께 만든 새 백신의 임상 결과를 공개했다.", EUROPE),
        ("싼성궈젠이 미국 제약사와 맺은 기술수출 계약으로 선급금을 받았다.", CHINA),
        ("달러인덱스가 유로화와 엔화 강세 속에 석 달째 하락했다.", US),
        ("국제비상경제권한법(IEEPA)에 근거한 관세의 적법성을 두고 항소법원이 심리를 시작했다.", US),
        # neighbours: 롬 only as a whole word, not inside 크롬
        ("구글이 크롬 브라우저에 새 AI 기능을 넣었다.", US),
    ])


def test_notice_or_closed_way_goes_to_the_body_named_next() -> None:
    _check([
        # a notice received with no giver: the body the next sentence opens with gave it
        ("한국 삼성전자가 미국 고객사에 희토류 자석을 보내지 말라는 통보를 받았다. 중국 상무부는 "
         "이번 조치가 국가 안보를 위한 것이라고 설명했다.", CHINA),
        # a way closed: whoever the next sentence says closed it acts
        ("일본 닌텐도의 새 게임기가 유럽 시장에서 판매 길이 막혔다. EU 집행위원회가 배터리 "
         "교체 규정을 이유로 출시를 허가하지 않았기 때문이다.", EUROPE),
        # a country before a body the tables lack, opening the next sentence
        ("영국 반도체 설계업체의 전 직원 2명이 기밀 유출 혐의로 기소됐다. 한국 수원지방검찰청은 "
         "이들이 설계 자료를 중국 업체에 넘겼다고 밝혔다.", OTHER),
        # kept on another's list, its owner named next
        ("일본과 독일, 인도 등 7개국이 지식재산권 우선감시대상국 목록에 그대로 남았다. "
         "무역대표부(USTR)는 연례 보고서에서 이들 나라의 단속이 미흡하다고 지적했다.", US),
        # left off a list, or a subsidy received, its giver named next
        ("영국과 캐나다, 일본 등 동맹국들이 알루미늄 관세 면제 대상에서 빠졌다. 백악관은 예외를 "
         "두지 않겠다고 밝혔다.", US),
        ("한국 SK하이닉스가 인디애나 패키징 공장 건설에 4억5천만 달러의 보조금을 받는다. "
         "상무부는 반도체법에 따른 지원을 확정했다고 밝혔다.", US),
        # neighbour: a notice with no body named next keeps its subject
        ("미국 인텔이 고객사들로부터 납기 지연에 대한 항의를 받았다. 인텔은 공급을 늘리겠다고 "
         "밝혔다.", US),
    ])


def test_measure_or_restriction_the_subject_undergoes() -> None:
    _check([
        # several countries' firms under a measure one leader signed
        ("Mexican, Canadian and Japanese steelmakers will face a 50% duty on shipments from "
         "next month, under a proclamation signed by President Donald Trump.", US),
        # firms that must now do something because a body of another region acted
        ("TSMC and Samsung Electronics will have to seek approval for every shipment of "
         "advanced chips to Chinese customers after the Commerce Department rescinded a blanket "
         "exemption.", US),
        # neighbour: a firm's own news with an "after" clause about itself
        ("Toyota will raise output in Kentucky after the plant finished a retooling.", JAPAN),
    ])


def test_origin_of_goods_is_no_actor() -> None:
    # a lead naming only where goods come from; the press reports who acted: the reported
    # clause's subject is the lead's (before: only a mention among others)
    from newsletter.classify import classify  # the reason, which region_of does not give
    from newsletter.models import Summary
    text = ("한국산 세탁기에 매기던 세이프가드 관세가 사라진다. 하워드 러트닉 상무장관이 한미 협의 "
            "결과를 반영한 고시를 냈다고 한국 매체들이 보도했다.")
    assert classify(Summary(text=text)).reason.startswith("lead subject 하워드 러트닉")
    _check([
        (text, US),
        # neighbour: a country named as an actor in the lead keeps the story
        ("일본이 중국산 전기차에 매기던 관세를 낮췄다. 중국 언론들이 이를 크게 보도했다.", JAPAN),
    ])


def test_benefit_of_a_class_goes_to_the_legislature_passing_it() -> None:
    _check([
        # firms as examples of a class whose benefit rises; the bill passes a legislature next
        ("미국 인텔과 한국 삼성전자 같은 외국 기업까지 혜택을 보는 반도체 투자 세액공제율이 "
         "30%에서 40%로 오른다. 관련 조항을 담은 개정안이 유럽의회를 통과했다.", EUROPE),
        # neighbour: a firm's own benefit, no class
        ("미국 인텔이 받는 반도체 보조금이 늘어난다. 인텔은 오하이오 공장 투자를 앞당긴다.", US),
    ])


def test_firm_acting_under_another_regions_law_or_order() -> None:
    _check([
        ("미국 오픈AI가 EU 인공지능법에 따라 범용 모델의 학습 데이터 요약을 공개한다.", EUROPE),
        ("미국 메타가 인도 경쟁위원회의 명령에 따라 왓츠앱 데이터 공유를 중단한다.", OTHER),
        ("구글이 캐나다 정부의 온라인뉴스법에 따라 언론사에 매년 1억 캐나다달러를 내기로 했다.",
         OTHER),
        ("OpenAI must disclose summaries of its training data under the EU AI Act from August.",
         EUROPE),
        ("Google will pay Canadian publishers C$100 million a year under Canada's Online News "
         "Act.", OTHER),
        ("Meta was ordered by India's competition commission to stop sharing WhatsApp user data "
         "with its other apps.", OTHER),
        # neighbours: the firm's own rules
        ("Toyota will cut prices in China under its own new pricing rules.", JAPAN),
        ("삼성전자가 자체 규정에 따라 미국 공장 투자를 늦춘다.", OTHER),
    ])


def test_bare_commerce_ministry_against_american_firms_is_chinas() -> None:
    _check([
        ("상무부가 미국 방산업체 레이시온 등 4곳을 수출통제 명단에 올리고 갈륨 수출을 금지했다. "
         "대만 무기 판매에 대한 보복이다.", CHINA),
        ("미국 마이크론이 상무부로부터 중국 내 판매 금지 조치를 받았다.", CHINA),
        # neighbours: America's controls on chips and on Chinese firms
        ("상무부가 엔비디아의 H20 칩 수출을 금지했다.", US),
        ("상무부가 중국 반도체 업체 30여 곳을 수출 제한 명단에 추가했다.", US),
    ])
