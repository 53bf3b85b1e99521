from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of

# Round twenty-six, part a (c39 and c40's misses, issue 13), in sentences written for this file.
# Each test's first cases failed before their rule; the neighbours must not move.
# docs/classify.md "Round twenty-six, part a" lists the rules and how often each fires.


def _check(cases: list[tuple[str, Region]]) -> None:
    wrong = [(text[:40], region_of(text), expected) for text, expected in cases
             if region_of(text) is not expected]
    assert not wrong


def test_cleft_subject_after_a_setting_or_a_topic_noun() -> None:
    _check([
        # a topic noun other than 것: the fined firms are the focus, the fining body acts
        ("연방카르텔청이 지난해 가장 무거운 벌금을 물린 상대는 구글이 아니라 미국 완구업체 "
         "해즈브로였다. 해즈브로는 항소하지 않기로 했다.", EUROPE),
        # a time before the subject and an adverb in 이 after it
        ("지난 분기 일본 도요타가 가장 많이 사들인 것은 중국산 배터리가 아니라 미국산 리튬이었다.",
         JAPAN),
        ("올해 상반기 독일 폭스바겐이 가장 많이 사들인 것은 중국산 배터리가 아니라 미국산 "
         "리튬이었다.", EUROPE),
        # neighbours: a cleft whose clause has no subject, and one with two subjects
        ("보조금을 가장 많이 받은 기업은 한국 삼성전자가 아닌 미국 인텔이었다.", US),
        ("관세가 오르자 정부가 가장 먼저 찾은 것은 중국이 아니라 일본이었다.", JAPAN),
    ])


def test_lexicon_names_of_round26a() -> None:
    _check([
        ("허야둥 대변인은 네덜란드의 조치가 명백한 차별이라고 말했다.", CHINA),
        ("Shares of Advanced Micro-Fabrication Equipment rose after Washington widened its "
         "export curbs.", CHINA),
        ("SBI신세이은행이 미국 사모펀드와 손잡고 대출 사업을 넓힌다.", JAPAN),
        ("갈리폴루 총재는 미국의 관세가 물가를 끌어올릴 수 있다고 경고했다.", OTHER),
        ("하원 중국특별위원회는 중국 배터리 업체에 대한 조사를 촉구했다.", US),
    ])


def test_financial_crisis_is_no_korean_body() -> None:
    _check([
        # 금융위기 is the crisis, not 금융위 (Korea's financial regulator)
        ("도쿄증시의 이 은행은 금융위기 때 받은 공적자금을 모두 갚았다.", JAPAN),
        ("금융위는 가상자산 거래소에 대한 검사를 강화한다고 밝혔다.", OTHER),
    ])


def test_passive_past_a_list_of_names_and_a_list_owners_body() -> None:
    _check([
        # a subject holding a list of names in commas: the agent after "by" acts
        ("Steel pipes from India, Indonesia, Brazil and Mexico were slapped with new "
         "anti-dumping duties by the Commerce Department on Tuesday.", US),
        ("Textile makers in Bangladesh, Pakistan and Sri Lanka were hit with tariffs by "
         "the European Commission after a review.", EUROPE),
        # a body the tables lack after "by": the list's owner acts for it
        ("Two Chinese drone makers were added to Tokyo's end-user list by the trade ministry, "
         "which cited military use.", JAPAN),
        # neighbours: a relative clause's passive is background
        ("Huawei, which was added to the list by the Commerce Department, launched a new "
         "phone in Shenzhen.", CHINA),
    ])


def test_designation_or_subsidy_from_a_body_is_the_bodys() -> None:
    _check([
        # designated by the body, told as a passive verb
        ("아마존과 메타가 유럽연합 집행위원회로부터 디지털시장법의 게이트키퍼로 지정됐다. "
         "두 회사는 반년 안에 의무를 지켜야 한다.", EUROPE),
        # a subsidy a government grants a foreign firm
        ("대만 TSMC가 독일 정부로부터 드레스덴 공장 건설에 50억 유로의 보조금을 받게 됐다.",
         EUROPE),
        # neighbours: money between countries stays the receiver's
        ("아르헨티나가 중국으로부터 통화스와프 지원을 받게 됐다.", OTHER),
    ])
