"""The story's actor is the subject of the main clause, not the first country named (issue 13).

Hand-written sentences for each shape the issue names, and floors on our own development set
(tests/data/classify-dev.jsonl: made-up summaries written for this repo, many of them traps for
a first-mention rule) and on the public held-out set in bench/.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsletter.classify import classify
from newsletter.classify_correct import rules_only
from newsletter.models import Region, Summary

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT / "tests" / "data" / "classify-dev.jsonl"
# The fourth round's dev batches (bench/dev/batch*.txt, written before each change and scored
# once unseen; docs/classify.md has the first scores).
DEV_BATCHES = sorted((ROOT / "bench" / "dev").glob("batch*.jsonl"))
HELDOUT = ROOT / "bench" / "heldout-regions.jsonl"

US, CHINA, JAPAN, EUROPE, OTHER = (Region.US, Region.CHINA, Region.JAPAN, Region.EUROPE,
                                   Region.OTHER)


from tests.region_cases import LEARNED_OVERRIDES, region_of  # noqa: E402  (the rules' alone for LEARNED_OVERRIDES)


def _classified(text: str):  # type: ignore[no-untyped-def]
    """classify() of the text alone; the rules' reading for a sentence in LEARNED_OVERRIDES."""
    if text in LEARNED_OVERRIDES:
        with rules_only():
            return classify(Summary(text=text))
    return classify(Summary(text=text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fronted clause names another country first.
        ("미국 정부가 수출 규제를 강화한 데 이어 네덜란드 정부도 장비 수출 허가 요건을 넓혔다.",
         EUROPE),
        ("중국 경기 둔화 우려에 따라 BMW가 올해 이익 전망을 낮췄다.", EUROPE),
        ("미국이 관세를 올리자 캐나다 정부가 보복 관세 목록을 발표했다.", OTHER),
        ("일본은행이 금리를 올린 다음 날 뉴욕증시가 급락했다.", US),
        ("중국 딥시크가 새 모델을 내놓은 뒤 엔비디아 시가총액이 크게 줄었다.", US),
        ("미국 정부가 장비 수출을 막은 지 2년 만에 중국 SMIC가 수율을 끌어올렸다.", CHINA),
        # Relative clauses: the name inside the clause describes the subject.
        ("엔비디아와 손잡은 소니가 로봇용 센서를 내놨다.", JAPAN),
        ("마이크로소프트가 투자한 프랑스 스타트업이 데이터센터 건설에 나섰다.", EUROPE),
        ("중국 시장 의존도가 높은 독일 폭스바겐이 현지 공장 두 곳을 닫는다.", EUROPE),
        ("아마존이 최대 주주인 앤트로픽이 도쿄에 사무소를 열었다.", US),
        # "... 것과 관련해 X가": X acts.
        ("애플이 수수료 체계를 바꾼 것과 관련해 유럽연합(EU) 집행위원회가 조사에 나섰다.", EUROPE),
        ("중국이 군사훈련을 벌인 것과 관련해 일본 정부가 강하게 항의했다.", JAPAN),
        # Place and time asides, datelines.
        ("일본 소니그룹은 9일(미국 뉴욕 현지시간) 열린 설명회에서 매출 목표를 올렸다.", JAPAN),
        ("(워싱턴=뉴스1) 이서연 특파원 = 멕시코 정부가 중국산 자동차 관세를 올렸다.", OTHER),
        # A topic stays the subject of a quoted clause after it.
        ("레이쥔 회장이 샤오미 SUV 주문이 24만 대를 넘었다고 밝혔다.", CHINA),
        ("도요타는 미국 내 판매가 10% 늘었다고 밝혔다.", JAPAN),
        # An owner heads its phrase: Tokyo Electron's China sales.
        ("도쿄일렉트론의 중국 매출 비중이 20%대로 떨어졌다.", JAPAN),
        # News outlets report; the story is what they report.
        ("월스트리트저널(WSJ)은 바이트댄스가 AI 투자를 늘린다고 보도했다.", CHINA),
        # English fronted clauses yield to the main clause.
        ("Two days after Washington widened its export curbs, Tokyo Electron raised its "
         "forecast.", JAPAN),
        ("Stung by U.S. tariffs on steel, Canada's finance minister unveiled a relief fund.",
         OTHER),
        ("Following a record quarter at Microsoft, Mistral AI said it would double capacity.",
         EUROPE),
        ("In a blow to Tesla, BYD outsold the U.S. carmaker in Europe.", CHINA),
        ("Citing Chinese competition, the Federal Communications Commission banned new drones.",
         US),
        ("Nubank, the lender backed by Warren Buffett's Berkshire Hathaway, opened in Mexico.",
         OTHER),
        ("The day after Washington cut tariffs, Vietnam raised its export forecast.", OTHER),
        ("According to Bloomberg, Sony plans to spin off its chip unit.", JAPAN),
        # A fronted clause may name several places, with commas of its own.
        ("After Washington, Brussels and Tokyo tightened curbs on chip tools, China's SMIC "
         "said it would rely on local suppliers.", CHINA),
        ("Despite sanctions from Washington, Brussels and London, Russia's oil exports rose.",
         EUROPE),
        ("Despite sanctions from Washington and Brussels, Turkey's exports to Russia rose.",
         OTHER),
        ("In Tokyo, Sony said profit rose, beating forecasts.", JAPAN),
        ("Encouraged by Washington, the Philippines signed a deal to buy Japanese ships.", OTHER),
        ("중국 기업이 아닌 대만 기업이 멕시코 최대 외국인 투자자로 올라섰다.", OTHER),
        # A sentence that opens with a name ending in -ing is not a fronted clause.
        ("Boeing, the U.S. planemaker, said China would buy 500 jets.", US),
        # An ending no list holds ("굴자"): the 이/가 subject before a topic noun with 은/는 is
        # the embedded one.
        ("중국 정부가 희토류 수출 허가를 두고 까다롭게 굴자 미국 국방부는 희토류 업체 지분을 "
         "사들였다.", US),
        # "X 가운데 Y는": Y among X, not a clause ending in 가운데.
        ("미국의 규제 수혜를 기대했던 일본 장비 업체들 가운데 가나다전자는 실적 전망을 "
         "낮췄다.", JAPAN),
        # "일본산" says where a product is made, not who acts.
        ("일본 정부가 규제를 푼 지 2년 만에 한국의 일본산 소재 수입이 회복했다.", OTHER),
        # A time word with 은/는 is an adverb, not the subject.
        ("미국 정부가 규제를 강화했지만 올해는 중국 기업들이 설비 투자를 늘렸다.", CHINA),
        # A subject that names nobody leaves the story to the one in its complement.
        ("업계는 중국 기업들이 내년에 점유율을 더 늘릴 것으로 본다.", CHINA),
        # "X와는 달리": a comparison, not a topic.
        ("미국과는 달리 일본은행은 금리를 올렸다.", JAPAN),
        # An English passive: the agent acts ("by the European Commission").
        ("Apple was fined 500 million euros by the European Commission.", EUROPE),
        ("TikTok was banned by India in 2020.", OTHER),
        ("Huawei, which was blacklisted by Washington in 2019, launched a new phone.", CHINA),
        ("Toyota was hit by a cyberattack by Chinese hackers.", JAPAN),
        # Korean: who fines or sanctions acts; who invests does not take the story.
        ("애플이 EU 집행위원회로부터 5억 유로의 과징금을 부과받았다.", EUROPE),
        ("오픈AI가 소프트뱅크로부터 400억 달러를 투자받았다.", US),
        # A name before a role noun describes the subject after it.
        ("Apple supplier Foxconn said its AI server sales doubled.", OTHER),
        ("Tesla rival BYD cut prices on seven models in Europe.", CHINA),
        ("테슬라 경쟁사 비야디가 유럽에서 가격을 내렸다. 테슬라는 유럽 판매가 줄었다.", CHINA),
        # An object's relative clause does not unseat the main subject.
        ("삼성전자가 엔비디아가 요구한 사양을 맞춘 제품을 공급한다.", OTHER),
        # A news outlet at the end does not hide the subjects before it.
        ("미국의 제재가 강화되자 화웨이의 자체 칩 판매가 늘었다고 차이신이 보도했다.", CHINA),
        # A main subject that names nobody after "A가 B가 ...라고 밝히면서": A speaks for it,
        # not B inside A's quoted clause.
        ("인피니언이 중국 수요가 회복될 것이라고 밝히면서 주가가 7% 올랐다.", EUROPE),
        # 상무부장 is China's commerce minister; the US one is 상무장관 or 상무부 장관.
        ("왕원타오 상무부장은 미국 측에 수출 통제 완화를 요구했다.", CHINA),
        ("러트닉 상무부 장관은 일본 측에 투자 확대를 요구했다.", US),
        # More fronted adjectives.
        ("Unable to buy American chips, Alibaba built its own accelerator.", CHINA),
        # A generic institution after a country name is that country's.
        ("호주 연방정부는 미국산 소고기 수입 제한을 풀었다.", OTHER),
        # A description, then the name it describes between commas.
        ("Microsoft's biggest software rival in Europe, SAP, said U.S. customers were waiting.",
         EUROPE),
        ("Nvidia's main supplier of memory, SK Hynix, said U.S. demand doubled.", OTHER),
        # "X의 수출 통제 강화에 대응해": background, even when the subject is a name the
        # tables lack.
        ("가나다희토는 미국의 수출 통제 강화에 대응해 가격을 올렸다. 중국 업계는 환영했다.",
         CHINA),
        # "늘리는 가운데": a verb before 가운데, not a topic; and a name the tables lack that
        # ends like a verb ("…르는") after "프랑스 배터리 스타트업" is the topic.
        ("미국 GM과 한국 SK온이 공장을 늘리는 가운데 프랑스 배터리 스타트업 가나다르는 자금난에 "
         "빠졌다.", EUROPE),
        # A firm's Japanese unit.
        ("미국 아마존과 소프트뱅크가 세운 가나다재팬은 물류 로봇을 출시했다.", JAPAN),
        # English fronts opening with "To", "Not long after".
        ("To counter Chinese dominance in batteries, India approved a subsidy scheme.", OTHER),
        ("Not long after Google cut prices in China, the European Commission opened a probe.",
         EUROPE),
        ("Beyond U.S. tariffs, Sony blamed weak demand for lower camera sales.", JAPAN),
        # "대미 수출은": exports to the US, of whoever the sentence is about.
        ("독일 연방통계청이 발표한 통계에서 대미 수출은 석 달째 줄었다.", EUROPE),
    ],
)
def test_the_main_clause_decides(text: str, expected: Region) -> None:
    assert region_of(text) is expected, classify(Summary(text=text)).reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("국제통화기금(IMF)이 세계 성장률 전망을 올렸다. 미국과 중국의 전망도 상향됐다.", OTHER),
        ("경제협력개발기구(OECD)가 미국의 관세가 교역을 위축시킬 것이라고 경고했다.", OTHER),
        ("The World Bank cut its global growth forecast, blaming U.S. trade policy.", OTHER),
        ("주요 7개국(G7) 정상들이 중국의 과잉생산에 공동 대응하기로 했다.", OTHER),
        ("유럽의회가 AI법 시행을 1년 유예하는 안을 가결했다.", EUROPE),
        ("유럽중앙은행이 예금금리를 2%로 동결했다.", EUROPE),
        ("나토 회원국들이 국방비를 늘리기로 합의했다.", EUROPE),
        # World markets belong to no section.
        ("국제유가가 사우디의 증산 발표에 5% 급락했다. 미국 셰일업체들의 생산도 늘었다.", OTHER),
        # Three regions or more acting together are an international story.
        ("미국과 일본, 유럽연합(EU)이 희토류 공급망 협력에 합의했다.", OTHER),
        ("미국, 일본, 유럽 등 주요국이 중국산 반도체에 공동 대응하기로 했다.", OTHER),
        ("U.S., Japanese and European officials agreed to coordinate export controls.", OTHER),
        # Two are not: the last named is the head, as before.
        ("미국과 중국이 관세 휴전을 연장했다.", CHINA),
    ],
)
def test_international_bodies_are_other_unless_european(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "대만 경제부가 미국의 반도체 관세에 대비해 지원 예산을 편성했다.",
        "인도 정부가 애플 협력사 유치를 위해 보조금을 늘렸다.",
        "브라질 중앙은행이 미국의 관세 부과에도 기준금리를 유지했다.",
        "사우디아라비아가 중국 기업과 손잡고 태양광 단지를 짓는다.",
        "미국 정부가 한국산 세탁기에 관세를 매기자 LG전자는 테네시 공장 생산을 늘렸다.",
        "칠레 정부가 중국 비야디의 양극재 공장 계획 철회로 타격을 입었다.",
    ],
)
def test_stories_elsewhere_that_mention_the_us_or_china_in_passing_are_other(text: str) -> None:
    assert region_of(text) is OTHER


def test_a_counterpart_named_in_every_later_sentence_does_not_outweigh_the_actor() -> None:
    text = ("일본 정부가 미국과의 합의에 따라 대미 투자 기금 지침을 확정했다. 미국 측은 거부권을 "
            "갖는다. 미국 상무부는 첫 투자처를 거론했다. 미국 의회 일각에서는 비판도 나온다.")
    assert region_of(text) is JAPAN


def test_a_time_aside_names_no_one() -> None:
    # "(미국 뉴욕 현지시간)" says when; with it the US is not even a rival.
    reason = classify(Summary(text="9일(미국 뉴욕 현지시간) 일본 소니그룹은 매출 목표를 "
                                   "올렸다.")).reason
    assert reason == "lead subject 소니그룹 (Japanese company)", reason


def test_a_subject_the_tables_lack_leaves_the_lead_sentences_setting() -> None:
    # "가나다메모리" is made up: no table knows it, so where it listed speaks, not the US
    # named in the next sentence.
    text = "가나다메모리가 도쿄증시에 상장했다. 미국 업체와의 합병은 무산됐다."
    assert region_of(text) is JAPAN


def test_the_reason_names_the_main_subject_and_what_it_outweighs() -> None:
    reason = classify(Summary(text="미국 정부가 규제를 강화한 데 이어 네덜란드 정부도 요건을 "
                                   "넓혔다.")).reason
    assert reason.startswith("lead subject 네덜란드"), reason
    assert "outweighs 미국 (US)" in reason


def test_a_subject_inside_the_main_clauses_complement_is_not_the_actor() -> None:
    # "A는 B가 ...했다고 밝혔다" is A's statement; turning it around must change the answer.
    assert region_of("소니는 엔비디아 주가가 급등했다고 전했다.") is JAPAN
    assert region_of("엔비디아는 소니 주가가 급등했다고 전했다.") is US


def _score(path: Path) -> tuple[float, dict[str, float], list[str]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    labelled: Counter[str] = Counter()
    found: Counter[str] = Counter()
    misses: list[str] = []
    for record in records:
        # The rules' reading: these dev batches tuned the rules (round four); the learned
        # correction's own measure is on writers it never saw (docs/classify.md).
        with rules_only():
            result = classify(Summary(text=record["text"], title=record.get("title")))
        acceptable = {record["region"], *record.get("acceptable", [])}
        labelled[record["region"]] += 1
        if result.region.value in acceptable:
            found[record["region"]] += 1
        else:
            misses.append(f"{record['text'][:50]}: expected {record['region']}, got "
                          f"{result.region.value} ({result.reason})")
    recall = {region: found[region] / count for region, count in labelled.items()}
    return sum(found.values()) / len(records), recall, misses


def test_dev_set_is_at_least_98_percent_with_no_region_below_95() -> None:
    records = DEV_SET.read_text(encoding="utf-8").splitlines()
    assert len(records) >= 150
    accuracy, recall, misses = _score(DEV_SET)
    assert set(recall) == {r.value for r in Region}
    assert accuracy >= 0.98, "\n".join(misses)
    assert min(recall.values()) >= 0.95, (recall, misses)


def test_public_heldout_set_stays_at_least_96_percent() -> None:
    accuracy, _, misses = _score(HELDOUT)
    assert accuracy >= 0.96, "\n".join(misses)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb used as a postposition closes the phrase before it: what comes first is an
        # adverbial, not part of the subject ("기조와" is not "A and B").
        ("영국 영란은행의 금리 인하 행보와 달리 일본은행이 단기금리를 0.75%로 올렸다.", JAPAN),
        ("구글의 광고 기술 독점 논란과 관련해 캐나다 경쟁국이 소송을 냈다.", OTHER),
        ("중국산 태양광 패널의 덤핑 공세에 맞서 인도 정부가 반덤핑 관세를 연장했다.", OTHER),
        ("닛산과의 합병 협상 결렬을 계기로 혼다가 자사주 1조 엔어치를 사들이기로 했다.", JAPAN),
        ("애플의 앱스토어 수수료 인하에 이어 구글도 안드로이드 결제 수수료를 낮췄다.", US),
        ("오랫동안 미국 업체들이 독점해 온 EUV 광원 시장에서 일본 기가포톤이 첫 수주에 성공했다.",
         JAPAN),
        ("유럽 업체들이 장악해 온 풍력 터빈 시장에서 중국 밍양이 점유율 1위에 올랐다.", CHINA),
        # ... but a topic in 은/는 before such an adverbial stays the story's actor.
        ("노키아는 미국 정부의 통신장비 보조금에 힘입어 북미 매출이 늘었다.", EUROPE),
        # "…될수록" closes a clause; 허가 ("permit") is a noun, not "허 + 가".
        ("미국의 관세가 높아질수록 멕시코 공장을 둔 일본 닛산의 부담은 커진다.", JAPAN),
        ("유럽연합의 합병 허가 지연에 미국 마이크론이 이탈리아 공장 투자를 보류했다.", US),
        # A fine in a clause that describes the subject: the subject still acts.
        ("공정위로부터 과징금을 부과받은 구글이 국내 앱 결제 정책을 바꿨다.", US),
        ("미국 법무부로부터 벌금을 부과받은 화웨이가 새 칩을 공개했다.", CHINA),
        # "X가 최대 고객인 Y가": a noun with the copula 인 closes a relative clause.
        ("애플이 최대 고객인 대만 TSMC가 2나노 공정 가격을 10% 올린다.", OTHER),
        ("엔비디아가 최대 고객인 SK하이닉스가 HBM 증산에 나섰다.", OTHER),
        ("도요타가 모회사인 덴소가 반도체 사업을 분사한다.", JAPAN),
        ("애플이 고객사인 대만 폭스콘이 인도 공장을 늘린다.", OTHER),
        # Past adnominals of stems in 루/쓰/뜨 (미룬, 쓴, 뜬) close a relative clause.
        ("미국 인텔이 공장 건설을 미룬 폴란드 정부가 대안으로 대만 TSMC 유치에 나섰다.", EUROPE),
        ("미국 마이크론이 투자를 미룬 싱가포르 정부가 대만 UMC 유치에 성공했다.", OTHER),
        ("독일 정부가 보조금 100억 유로를 쓴 미국 인텔이 마그데부르크 공장을 포기했다.", US),
        # "X가 아니라 Y가": Y acts.
        ("미국 인텔이 아니라 대만 UMC가 일본 라피더스의 제휴 상대로 선정됐다.", OTHER),
    ],
)
def test_postposition_verbs_and_auxiliaries_close_the_fronted_phrase(text: str,
                                                                    expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A firm files under its home country wherever it builds (the evaluators' convention).
        ("대만 TSMC가 독일 드레스덴 공장 착공식을 열었다.", OTHER),
        ("삼성전자가 미국 텍사스 테일러 팹에 장비 반입을 시작했다.", OTHER),
        ("Toyota will add a hybrid line at its Kentucky plant.", JAPAN),
        ("Foxconn began assembling Nvidia servers at a new factory in Guadalajara.", OTHER),
        ("BYD will open its first European car plant in Szeged next month.", CHINA),
    ],
)
def test_a_firm_files_under_its_home_wherever_it_builds(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A description that opens the sentence, then the subject.
        ("A company once dismissed by Silicon Valley, Chinese carmaker Xpeng now supplies "
         "software to Volkswagen.", CHINA),
        ("A brand once written off by Wall Street, Nintendo sold 10 million Switch 2s.",
         JAPAN),
        ("Once a supplier to Apple and Tesla, Panasonic Energy now sells batteries to Lucid.",
         JAPAN),
        # A relative clause after the front's name belongs to the front.
        ("Unlike Airbus, which is still short of engines, Embraer raised its delivery target.",
         OTHER),
        # "For X," names the topic.
        ("For Intel, the Apple order is proof that its foundry can win big customers.", US),
        ("For Sony, the Nvidia partnership opens a new market for image sensors.", JAPAN),
        # "X's <country> plant" is X's.
        ("Hyundai's Georgia plant started producing hybrids for the U.S. market.", OTHER),
        ("CATL's Spanish plant with Stellantis will open in 2026, the company said.", CHINA),
        # "U.S.-listed shares of X", "Hong Kong-listed X": X's.
        ("U.S.-listed shares of Baidu fell 6% after its cloud revenue missed estimates.", CHINA),
        ("Nasdaq-listed PDD Holdings said Temu's U.S. sales fell by a third.", CHINA),
    ],
)
def test_english_topics_owners_and_compound_modifiers(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


def test_boe_is_the_display_maker_in_korean_and_the_bank_of_england_in_english() -> None:
    assert region_of("BOE가 아이폰용 OLED 패널 출하를 늘렸다.") is CHINA
    assert region_of("BOE 디스플레이 패널 가격이 올랐다.") is CHINA
    assert region_of("The BOE held Bank Rate at 4%.") is EUROPE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names given without their country, of every region (issue 13's last floor).
        ("캄브리콘이 상반기 흑자 전환에 성공했다.", CHINA),
        ("창장메모리가 300단 낸드 양산에 들어갔다.", CHINA),
        ("안타스포츠가 독일 스포츠 브랜드 지분을 사들였다.", CHINA),
        ("레조낙이 반도체 소재 가격을 올렸다.", JAPAN),
        ("미쓰비시상사가 캐나다 LNG 사업 지분을 늘렸다.", JAPAN),
        ("독일연방카르텔청이 아마존의 가격 통제 관행을 문제 삼았다.", EUROPE),
        ("라인메탈이 탄약 공장 증설에 나섰다.", EUROPE),
        ("타타일렉트로닉스가 아이폰 부품 공장을 세운다.", OTHER),
        ("스위기가 퀵커머스 투자를 늘린다.", OTHER),
        ("쿠슈타르가 편의점 인수전에서 물러났다.", OTHER),
        ("다난타라가 첫 해외 투자처를 정했다.", OTHER),
        ("베인캐피털이 일본 기업 인수에 5000억 엔을 쓴다.", US),
        ("메타엑스가 커촹반 상장 심사를 통과했다.", CHINA),
        # Korean spells Japanese names two ways (도요타/토요타, 미쓰비시/미츠비시, 기시다/키시다):
        # each entry stands for both.
        ("타케다제약이 미국 바이오기업을 인수했다.", JAPAN),
        ("쿄세라가 감산한다. 미국 고객사의 주문이 줄었다.", JAPAN),
        ("키시다 전 총리가 미국을 방문했다.", JAPAN),
        ("토시바가 미국 원전 사업을 정리했다.", JAPAN),
        ("코마츠가 미국 관세 부담을 호소했다.", JAPAN),
        # Korean spelling variants of the same firm.
        ("오르스테드가 미국 해상풍력 손실로 증자에 나섰다.", EUROPE),
        ("토요타가 미국 공장 증설을 발표했다.", JAPAN),
        ("래피더스가 미국 고객을 확보했다.", JAPAN),
        ("BE세미컨덕터가 하이브리드 본딩 장비 주문이 늘었다고 밝혔다.", EUROPE),
        ("Lina Khan said the FTC would appeal the ruling.", US),
        ("Anta Sports agreed to buy a stake in a German sportswear brand.", CHINA),
        ("Tepco will restart a reactor at Kashiwazaki-Kariwa.", JAPAN),
        ("Bundeskartellamt opened a review of Microsoft.", EUROPE),
        ("Public Investment Fund raised its stake in Nintendo.", OTHER),
    ],
)
def test_names_without_their_country(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


BLIND_SETS = (ROOT / "bench" / "blind-regions-a.jsonl", ROOT / "bench" / "blind-regions-b.jsonl",
              ROOT / "bench" / "blind-regions-c1.jsonl")  # c1: the fourth round tuned on it


@pytest.mark.parametrize("path", BLIND_SETS, ids=lambda p: p.name)
def test_public_blind_sets_stay_at_least_99_percent_with_no_region_below_97(path: Path) -> None:
    # Public since the third round tuned on them; the fresh unseen set is reported apart.
    accuracy, recall, misses = _score(path)
    assert accuracy >= 0.99, "\n".join(misses)
    assert min(recall.values()) >= 0.97, (recall, misses)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "이 회사", "해당 업체" as the main subject point back to the firm named before.
        ("EU 집행위원회가 쉬인을 초대형 플랫폼으로 지정한 지 반년이 지났지만, 이 회사의 유럽 "
         "매출은 오히려 40% 늘었다.", CHINA),
        ("미국 법무부가 엔비디아에 대한 반독점 조사를 시작했으나 해당 업체의 주가는 2% 오르는 "
         "데 그쳤다.", US),
    ],
)
def test_a_main_subject_that_points_back_is_the_firm_named_before(text: str,
                                                                  expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fine in a relative clause before the object: the main subject still acts.
        ("구글이 유럽연합(EU)으로부터 부과받은 과징금에 불복해 소송을 냈다.", US),
        ("메타는 EU 집행위원회로부터 부과받은 벌금을 납부하지 않겠다고 밝혔다.", US),
        ("애플이 EU 집행위원회로부터 5억 유로의 과징금을 부과받았다.", EUROPE),
        # A firm's unit named by its country is the firm's.
        ("삼성전자 미국법인은 새 갤럭시 폴더블의 현지 출고가를 올렸다.", OTHER),
        ("도요타 북미 판매법인이 하이브리드 차량 가격을 인상했다.", JAPAN),
        ("LG에너지솔루션 중국 법인이 현지 공장 증설에 나섰다.", OTHER),
        ("소니 유럽지사는 플레이스테이션 판매가 늘었다고 밝혔다.", JAPAN),
        # Japan's competition watchdog by its Japanese name.
        ("공정취인위원회가 애플과 구글에 앱 결제 개방을 요구했다.", JAPAN),
    ],
)
def test_fourth_round_shapes(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Clefts: the focus before the copula acts, not what "아닌/아니라" or "not … but" denies.
        ("엔비디아 지분을 가장 많이 늘린 곳은 미국 연기금이 아닌 노르웨이 국부펀드였다.", EUROPE),
        ("전기버스 세계 판매 1위에 오른 것은 중국 비야디가 아니라 스웨덴 볼보였다.", EUROPE),
        ("오픈AI에 가장 먼저 투자를 약속한 것은 소프트뱅크그룹이었다.", JAPAN),
        ("It was not Samsung but Sony that posted the biggest jump in image-sensor sales.", JAPAN),
        ("It was BYD, not Tesla, that sold the most electric cars in Europe in April.", CHINA),
        # A quote that opens the sentence: the speaker after it acts.
        ("'미국 시장 없이는 성장도 없다. 관세는 감수하겠다'라고 도요타 사장이 말했다.", JAPAN),
        ("\"중국산 부품 의존을 줄이겠다\"고 폭스바겐 CEO가 밝혔다.", EUROPE),
        ("“Beijing will not bow to pressure,” Japan's trade minister said after talks in Tokyo.",
         JAPAN),
        # A quoted name is not speech: it stays the subject.
        ("'딥시크'가 미국 앱스토어 무료 앱 1위에 올랐다.", CHINA),
        ("\"중국산 철강이 넘친다\"는 유럽 업계의 호소에 EU 집행위원회가 수입 쿼터를 줄였다.",
         EUROPE),
        # A short name after the foreign body it abbreviates is that body.
        ("애플이 앱 결제를 강제했다며 일본 공정거래위원회가 시정을 명령했다. 공정위는 애플의 "
         "해명을 받아들이지 않았다. 공정위는 과징금도 검토한다. 미국 애플은 반발했다. "
         "애플은 소송을 검토하고 있다.", JAPAN),
        # An English passive whose subject phrase runs on past the subject rule's cut.
        ("Nvidia's networking unit and two Chinese distributors were named in a complaint "
         "filed by the European Commission.", EUROPE),
        ("Meta was fined 1.2 billion euros by Ireland's Data Protection Commission.", EUROPE),
    ],
)
def test_clefts_quotes_short_forms_and_passives(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 줄어든 (줄어들다): a past adnominal of a stem in 들 closes a relative clause.
        ("미국 판매가 석 달 새 크게 줄어든 폭스바겐이 북미 공장 감산에 들어갔다.", EUROPE),
        # An event "held" somewhere embeds no subject: the speaker before it acts.
        ("시진핑 국가주석이 25일 베이징에서 열린 회의에서 세계 공급망이 흔들리고 있다며 "
         "협력을 촉구했다.", CHINA),
        ("우에다 총재가 도쿄에서 개최된 포럼에서 미국 경제가 둔화하고 있다고 말했다.", JAPAN),
        # A lead that says only that its subject was fined: the body that fined it acts.
        ("구글과 아마존이 반독점법 위반으로 과징금을 부과받았다. 영국 경쟁시장청(CMA)은 두 "
         "회사가 클라우드 시장을 왜곡했다고 판단했다.", EUROPE),
        ("Apple and Meta were fined a combined 700 million euros. The European Commission said "
         "both had breached the Digital Markets Act.", EUROPE),
    ],
)
def test_relative_stems_in_deul_events_held_and_fines_without_agent(text: str,
                                                                    expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A cleft with any topic, when it denies one name for another.
        ("반도체 장비 수주전의 최종 승자는 미국 어플라이드머티리얼즈가 아닌 "
         "일본 도쿄일렉트론이었다.", JAPAN),
        # ... but a topic that is a name keeps its sentence, and a verb in 였다 is no copula.
        ("소니는 올해 미국 시장에서 가장 많이 성장한 일본 기업이었다.", JAPAN),
        ("중국 정부가 허가를 늦추자 미국 국방부는 희토류 업체 지분을 사들였다.", US),
        # A lead that says firms were put on a list, the body that did it named next.
        ("중국 드론 업체 10여 곳이 수출 통제 명단에 올랐다. 미국 상무부는 이들이 군과 연계됐다고 "
         "밝혔다.", US),
        ("Not Samsung but Sony was the biggest gainer on the Tokyo exchange on Monday.", JAPAN),
        # 건 for 것은; a relative clause before the focus; "The … was not X but Y".
        ("가장 먼저 금리를 내린 건 미국 연준이 아니라 유럽중앙은행이었다.", EUROPE),
        ("올해 도쿄 증시에서 가장 많이 오른 종목은 미국 AI 투자의 덕을 본 "
         "어드밴테스트였다.", JAPAN),
        ("The largest buyer of U.S. Treasuries in March was not China but Britain, data showed.",
         EUROPE),
    ],
)
def test_clefts_with_any_topic_lists_and_not_but(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 수주가 is 수주 (orders won) with its particle, not the noun 주가.
        ("대만 TSMC가 투자를 미루면서 도쿄일렉트론의 3분기 수주가 예상을 밑돌았다.", JAPAN),
        # 증시가 is 증시 with its particle, not 시가 (a price).
        ("미국이 금리를 내리자 일본 증시가 사상 최고치를 기록했다.", JAPAN),
        # A place after an owner in 's is where the owner's plant is.
        ("Hyundai's Georgia plant will build hybrids for Ford, Jim Farley said.", OTHER),
        ("Samsung Electronics' Texas unit will start making 2-nanometre chips next year.", OTHER),
    ],
)
def test_orders_won_and_the_owners_plant(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize("path", DEV_BATCHES, ids=lambda p: p.name)
def test_fourth_round_dev_batches_stay_at_least_97_percent(path: Path) -> None:
    accuracy, _, misses = _score(path)
    assert accuracy >= 0.97, "\n".join(misses)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name, then an appositive that describes it, then the verb.
        ("Pegatron, Apple's second-biggest iPhone assembler, said it would expand in Texas.",
         OTHER),
        ("Rapidus, the chip venture backed by Toyota and Sony, said Broadcom would test its chips.",
         JAPAN),
        # The name after an owner's role noun is the subject.
        ("Nvidia's biggest memory supplier SK Hynix said HBM prices would rise.", OTHER),
        ("Tesla's biggest battery supplier CATL said it would build a plant in Spain.", CHINA),
    ],
)
def test_english_appositives_after_a_name_and_roles_before_one(text: str,
                                                               expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Who reported it, at the end: the reported clause's named subject is the news ...
        ("북한이 동해상으로 탄도미사일을 발사했다고 일본 방위성이 밝혔다.", OTHER),
        ("중국 해경이 센카쿠 열도 인근 해역에 진입했다고 일본 해상보안청이 발표했다.", CHINA),
        # ... but a speaker who reacts still acts, and a clause without a name leaves the
        # speaker.
        ("미국이 관세를 올렸다며 중국 상무부가 강하게 반발했다.", CHINA),
        ("지난달 수출이 8% 늘었다고 일본 재무성이 발표했다.", JAPAN),
        # A firm or a person that reports its own news is the actor, whatever the reported
        # clause names: its own demand, a customer, or a government's act on it.
        ("미국 애플향 카메라 모듈 주문이 늘어 분기 매출 전망을 올렸다고 소니가 밝혔다.", JAPAN),
        ("유럽 정부들의 보조금 축소 뒤 전기차 판매가 줄었다고 비야디가 발표했다.", CHINA),
        ("미국 아마존이 투자한 자회사를 내년에 상장하겠다고 인도 타타그룹 회장이 밝혔다.", OTHER),
        # ... unless the reported clause's subject is a foreign government or regulator that
        # acts on it: then the government acts, as when the firm is its object.
        ("중국 정부가 자사 제품 판매를 허가했다고 마이크론이 밝혔다.", CHINA),
        ("유럽연합 집행위원회가 틱톡에 과징금을 부과했다고 바이트댄스가 밝혔다.", EUROPE),
        ("중국인 관광객의 면세 구매가 줄었다고 일본 백화점 미쓰코시가 밝혔다.", JAPAN),
        # An outlet reporting another country's act leaves the story to that act.
        ("미국 정부가 인텔 지분 인수를 검토했다고 로이터통신이 보도했다.", US),
        ("일본 정부가 라피더스에 추가 보조금을 주기로 했다고 블룸버그통신이 전했다.", JAPAN),
        # An agency on its own country's act keeps it.
        ("일본 기업들이 설비투자를 늘렸다고 일본 재무성이 밝혔다.", JAPAN),
    ],
)
def test_a_reported_clause_is_the_news_when_the_reporter_comes_last(text: str,
                                                                    expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A subject inside a relative clause whose noun takes 에/을/를 only describes that
        # noun; the subject named after it, or before it with no clause end between, acts.
        ("독일 인피니언이 드레스덴에 세우는 전력반도체 공장에 유럽연합(EU) 집행위원회가 9억유로의 "
         "보조금을 승인했다.", EUROPE),
        ("미국 인텔이 말레이시아에 짓는 패키징 공장에 대만 정부가 인력 지원을 약속했다.", OTHER),
        ("중국 상무부가 미국 기업이 대주주로 있는 합작사에 대해 반덤핑 조사를 개시했다.", CHINA),
        ("일본 정부가 반도체 자급을 겨냥해 대만 TSMC가 구마모토에 운영하는 공장에 추가 보조금을 "
         "주기로 했다.", JAPAN),
        # Not when a clause end comes first: the subject after it is the main one.
        ("중국이 갈륨 수출을 막자 미국 상무부도 중국 기업이 지분을 가진 자회사까지 규제 대상에 "
         "넣었다.", US),
        # A fronted clause in -자 closes on any verb stem, 솟/뛰/떨 included.
        ("중국의 리튬 가격이 치솟자 독일 폭스바겐이 호주 광산 지분을 사들였다.", EUROPE),
        ("엔화 가치가 뛰자 일본 토요타가 미국 공장 증설 계획을 앞당겼다.", JAPAN),
        ("Dentsu said it would cut 3,400 jobs at its overseas unit based in London.", JAPAN),
        ("PARIS (AFP) - 덴츠가 해외 광고 사업 매각을 검토한다고 밝혔다.", JAPAN),
        ("Arm이 미국 엔비디아를 제치고 첫 자체 서버 칩 고객을 확보했다.", EUROPE),
    ],
)
def test_a_subject_in_a_relative_clause_only_describes_its_noun(text: str,
                                                               expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A passive's agent acts, also after a listing aside, after "will be", and in
        # "not by X but by Y"; the subject only undergoes it.
        ("Two American chip-tool makers, including Lam Research, were added to an export "
         "control list by China's commerce ministry on Friday.", CHINA),
        ("Several European drugmakers, such as Novartis and Sanofi, were hit with fines by "
         "Tokyo's fair trade regulator over Washington-linked supply deals.", JAPAN),
        ("Intel's stake in Mobileye will be sold not by a U.S. bank but by Mizuho, which "
         "won the mandate last week.", JAPAN),
        ("The U.S. and German operations of Siemens Energy will be bought by Saudi Aramco.",
         OTHER),
        # Not a passive's agent: "not by" with nobody after "but by" leaves the subject.
        ("Toyota's U.S. plant was hit not by tariffs alone, analysts said.", JAPAN),
    ],
)
def test_a_passive_agent_acts_after_an_aside_or_not_x_but_y(text: str,
                                                            expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


def test_c2_tuned_on_stays_at_least_99_percent_with_no_region_below_97() -> None:
    # c2 was scored once unseen (153/160 at cbe5df0), then tuned on in the fifth round.
    accuracy, recall, misses = _score(ROOT / "bench" / "blind-regions-c2.jsonl")
    assert accuracy >= 0.99, "\n".join(misses)
    assert min(recall.values()) >= 0.97, (recall, misses)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A noun that ends like a verb (아이폰, 반도체 라인) after the relative clause's verb
        # is still the clause's noun.
        ("미국 퀄컴이 베트남에 짓는 스마트폰 설계센터에 베트남 정부가 세제 혜택을 주기로 했다.",
         OTHER),
        # A subject in 이/가 before another owner's curbs ("중국의 … 통제에 대비해") acts; the
        # curbs are the owner's background.
        ("일본 정부가 중국의 갈륨 수출 통제에 대비해 캐나다 광산업체의 호주 제련소에 출자하기로 "
         "했다.", JAPAN),
        ("독일 정부가 미국의 철강 관세에 맞서 인도 타타스틸의 네덜란드 공장 지원을 검토했다.",
         EUROPE),
    ],
)
def test_a_relative_noun_like_a_verb_and_a_subject_before_anothers_curbs(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # -자 after a verb stem in a final consonant (겪/잃/쌓/넣/끊/열) ends a fronted clause
        # as 하자 does; nouns in 자 (투자, 적자, 소비자) keep other stems.
        ("미국 인텔이 적자를 겪자 대만 UMC가 인텔과의 공정 협력을 확대했다.", OTHER),
        ("일본 소니가 점유율을 잃자 중국 샤오미가 유럽 스마트폰 광고를 늘렸다.", CHINA),
        ("중국 업체들이 재고를 쌓자 독일 인피니언이 전력반도체 가격을 내렸다.", EUROPE),
        ("미국이 대화의 문을 열자 중국 상무부가 희토류 수출 허가를 재개했다.", CHINA),
    ],
)
def test_a_fronted_clause_in_ja_after_a_consonant_stem(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Initials in brackets spell the body named before them ...
        ("Taiwan's Fair Trade Commission (FTC) fined Qualcomm on Monday.", OTHER),
        ("인터넷 규제를 맡은 국가인터넷정보판공실(CAC)이 애플에 앱 삭제를 지시했다.", CHINA),
        # ... unless that name is one every country uses: then the initials say whose it is.
        ("공정거래위원회(JFTC)가 아마존재팬에 시정 권고를 내렸다.", JAPAN),
        # Agencies known by their initials or short names, without their country.
        ("The FSA ordered SBI Holdings to tighten its anti-money-laundering checks.", JAPAN),
        ("NHTSA opened a probe into 280,000 Hyundai sedans over airbag faults.", US),
        ("BaFin은 N26에 신규 고객 유치를 제한하는 명령을 내렸다.", EUROPE),
        ("OFAC added two Hong Kong shipping firms to its sanctions list on Friday.", US),
        ("해관총서가 한국산 화장품 통관 절차를 강화했다.", CHINA),
        # Hong Kong's and Macau's officials, named without their city.
        ("행정장관이 새 인재 비자 제도를 발표하며 한국 기업 유치에 나섰다.", CHINA),
        ("Chief Executive John Lee said the city would cut stamp duty for Korean buyers.", CHINA),
        ("입법회가 가상자산 거래소 허가제를 통과시켰다.", CHINA),
    ],
)
def test_initials_in_brackets_agencies_by_initials_and_hong_kong_officials(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A passive onto someone's sanctions or entity list: whose list it is acts.
        ("Two Korean drone parts makers were put on Washington's entity list on Tuesday.", US),
        ("Skydio, a U.S. drone maker, was added to China's export-control list last week.",
         CHINA),
        ("Dutch chip tool maker Nexus Litho has been placed on Tokyo's end-user list.", JAPAN),
        # Not any list: a supplier or best-seller list is no one's act on the subject.
        ("Sony was named to Apple's supplier list again.", JAPAN),
    ],
)
def test_an_english_passive_onto_a_list_is_the_lists_owners(text: str,
                                                            expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A main subject the tables lack, named before beside a known firm ("A와 B를 … B가"),
        # acts as that firm's kind would; the fronted clause's subject does not.
        ("미국이 화웨이와 룽신을 제재 명단에 올린 뒤 룽신이 상하이 증시 상장을 미뤘다.", CHINA),
        ("중국이 독일 바스프와 한스켐을 반덤핑 조사 대상에 올린 뒤 한스켐이 중국 공장 매각을 "
         "검토했다.", EUROPE),
    ],
)
def test_a_nameless_main_subject_joined_earlier_to_a_known_firm(text: str,
                                                                expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean passive takeover: the buyer after 에/에게 acts ("bought by").
        ("영국 반도체 설계사 그래프코어가 일본 소프트뱅크에 인수됐다.", JAPAN),
        ("독일 부품업체 오스람의 조명 사업이 중국 무린썬에 매각될 예정이다.", CHINA),
        ("미국 제약사 세젠이 화이자에게 인수된다.", US),
        # Whose inquiry or sanction the subject undergoes acts.
        ("미국 인텔이 중국 국가시장감독관리총국의 반독점 조사를 받게 됐다.", CHINA),
        ("일본 닛산이 유럽연합 집행위원회의 보조금 심사를 받는다.", EUROPE),
        # Not in a clause that only describes a noun: the subject still acts.
        ("일본 도시바가 미국 사모펀드에 인수된 뒤 반도체 투자를 늘렸다.", JAPAN),
        ("독일 지멘스가 중국 당국의 조사를 받은 자회사를 팔았다.", EUROPE),
    ],
)
def test_a_korean_passive_buyer_or_inquirer_acts(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name of several words whose last letters look like a particle (사나에, 바르니에,
        # 나바로, 고노 다로) is still the head of the subject phrase it opens.
        ("\"중국 의존은 줄여야 한다\"는 발언을 거둘 뜻이 없다고 다카이치 사나에 총리가 밝혔다.",
         JAPAN),
        ("미국과의 무역 협상을 서두를 이유가 없다고 미셸 바르니에 전 총리가 말했다.", EUROPE),
        ("중국산 철강에 관세를 더 매겨야 한다고 피터 나바로 고문이 주장했다.", US),
    ],
)
def test_a_name_ending_like_a_particle_heads_its_phrase(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The passive must end the sentence: after a connective the subject still acts.
        ("중국 화웨이가 미국의 제재를 받으면서도 스마트폰 매출을 늘렸다.", CHINA),
        ("일본 도시바가 미국 펀드에 매각됐지만 반도체 투자는 계속하기로 했다.", JAPAN),
        ("미국 인텔이 중국 당국의 반독점 조사를 받고 있다.", CHINA),
    ],
)
def test_a_korean_passive_agent_only_when_the_passive_ends_the_sentence(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A concessive or time-fronted clause ends before the main subject: "…음에도",
        # "…는데도", "…기 며칠 전,", "…한 지 이틀 만에" all close what came first.
        ("미국의 대중국 수출 통제가 한층 강화됐음에도 일본 니콘은 중국 판매 목표를 올렸다.", JAPAN),
        ("미국의 반도체 규제가 더 엄격해졌음에도 니콘은 중국 판매 목표를 올렸다.", JAPAN),
        ("한국의 배터리 규제가 강화됐음에도 파나소닉은 현지 판매 목표를 올렸다.", JAPAN),
        ("유럽연합의 규제가 까다로운데도 텐센트는 독일 게임사 인수를 마쳤다.", CHINA),
        ("중국의 규제가 강화되는데도 소니는 현지 공장 증설을 이어 갔다.", JAPAN),
        ("유럽연합의 반독점 조사가 진행 중인데도 중국 텐센트는 독일 게임사 인수를 마쳤다.",
         CHINA),
        ("독일 폭스바겐의 파업이 시작되기 이틀 전, 미국 상무부는 자동차 관세 유예를 발표했다.",
         US),
        ("중국 정부가 희토류 수출을 막은 지 사흘 만에 일본 경제산업성은 비축분 방출을 결정했다.",
         JAPAN),
    ],
)
def test_a_korean_concessive_or_time_clause_ends_the_fronted_part(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A cleft with articles: the one after "but" is the actor.
        ("It was not the European Central Bank but the Federal Reserve that moved first on rates"
         " this week.", US),
        ("It was not the Bank of England but the People's Bank of China that cut rates on"
         " Monday.", CHINA),
    ],
)
def test_an_english_cleft_with_articles_names_the_actor_after_but(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A topic in 은/는 is never inside a relative clause: the adnominal verb after it
        # describes its object, and the topic still acts.
        ("영국 HSBC의 위기가 불거지기 이틀 전, 재무부와 연준은 문을 닫은 지방은행 예금을"
         " 보호하겠다고 발표했다.", US),
        ("독일 지멘스가 철수하기 직전, 경제산업성은 매각된 공장 설비를 사들이기로 했다.", JAPAN),
    ],
)
def test_a_korean_topic_is_not_inside_a_relative_clause(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X와 나란히 선 Y는", "X와 만난 Y는": the one stood beside or met is not part of the
        # subject phrase after the relative clause.
        ("도쿄에서 이시바 일본 총리와 나란히 선 젠슨 황 엔비디아 최고경영자는 현지 투자를"
         " 늘리겠다고 말했다.", US),
        ("베이징에서 시진핑 중국 국가주석과 만난 올라프 숄츠 독일 총리는 무역 확대를"
         " 약속했다.", EUROPE),
        ("워싱턴에서 바이든 미국 대통령과 마주 앉은 기시다 총리는 방위비 증액을 설명했다.",
         JAPAN),
        ("시진핑 중국 국가주석과 나란히 선 소니 회장은 현지 공장 증설을 약속했다.", JAPAN),
        ("마크롱 프랑스 대통령과 함께 선 현대차 사장은 유럽 공장 투자를 발표했다.", OTHER),
    ],
)
def test_a_korean_companion_before_a_relative_clause_is_not_the_subject(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An object fronted before the main subject ("…인수를 X가 막았다"): the subject acts,
        # even when its name's last word ends like a verb ("조 바이든").
        ("중국 BYD가 추진해 온 미시간 공장 건설을 조 바이든 대통령이 끝내 막았다.", US),
        ("일본 도요타가 준비해 온 합작 계획을 조 바이든 행정부가 승인했다.", US),
    ],
)
def test_a_korean_fronted_object_leaves_the_later_subject_acting(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Korea's own regulators named without Korea act for Korea (Other), not for the
        # foreign firm they fine or inspect.
        ("중국 쉬인이 회원 정보를 해외로 넘겼다며 개인정보위는 과징금을 매겼다.", OTHER),
        ("미국 화이자 백신의 이상 반응 신고가 늘자 식약처는 긴급 점검에 나섰다.", OTHER),
    ],
)
def test_korean_regulators_named_without_korea_are_korean(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare "정부는" as the main subject, no country in its phrase, is Korea's own
        # government in a Korean report; after a named country it stays that country's.
        ("일본 오사카 공장 화재로 발이 묶인 교민을 귀국시키기 위해 정부는 군 수송기를 보냈다.",
         OTHER),
        ("독일 현지 법인 직원들이 억류되자 정부는 영사 협력팀을 급히 파견했다.", OTHER),
        ("중국산 철강 유입이 늘자 일본 정부는 반덤핑 관세를 매기기로 했다.", JAPAN),
    ],
)
def test_a_bare_korean_government_subject_is_korea(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A purchase in the progressive passive ("is being bought by"): the buyer acts, not
        # the stake's or the unit's owner named first.
        ("A 30% stake in Brazil's Banco Pan is being bought by Mizuho Financial Group from "
         "local shareholders for about $900 million.", JAPAN),
        ("U.S. drugmaker Pfizer's consumer health unit is being bought by Bayer for $4 "
         "billion, the German company said.", EUROPE),
    ],
)
def test_an_english_progressive_passive_names_the_buyer(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A body the tables give to Korea, right after another country's name, is that
        # country's.
        ("중국 알리익스프레스의 회원 정보 처리를 두고 프랑스 개인정보보호위원회는 조사에 착수했다.",
         EUROPE),
        ("미국 구글의 검색 광고 계약을 두고 일본 공정위는 시정 명령을 내렸다.", JAPAN),
        # A bare "정부가" after a foreign leader is that leader's government; a bare
        # "정부는" reacting to a foreign leader is still Korea's.
        ("올라프 숄츠 독일 총리가 의회 신임투표에서 지면서 정부가 해산됐다.", EUROPE),
        ("트럼프 미국 대통령이 새 관세를 발표하자 정부는 긴급 대책회의를 열었다.", OTHER),
        ("마크롱 프랑스 대통령이 원전 수주전에 나서자 정부가 체코에 특사를 보냈다.", OTHER),
    ],
)
def test_a_korean_body_after_a_foreign_name_is_theirs(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X 산하의 Y는": the owner before the genitive describes the named head, who acts.
        ("중국 지리자동차 산하의 볼보는 벨기에 공장의 전기차 생산을 두 배로 늘렸다.", EUROPE),
        ("인도 타타그룹(재벌) 산하의 재규어랜드로버는 슬로바키아 공장의 생산을 재개했다.", EUROPE),
    ],
)
def test_an_owner_before_a_named_korean_head_describes_it(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean passive purchase with a foreign seller's unit first: the buyer in 에 acts
        # (Japan's large life insurers are in the tables).
        ("독일 알리안츠의 미국 연금 사업이 메이지야스다생명에 인수된다.", JAPAN),
        ("프랑스 악사의 미국 생명보험 사업이 스미토모생명에 약 20억달러에 팔린다.", JAPAN),
    ],
)
def test_a_korean_passive_purchase_names_the_buyer(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean "not X but Y" with a title that passes to Y ("…로 넘어갔다"): Y holds it.
        ("세계 최대 파운드리라는 왕좌는 대만 TSMC가 아니라 미국 인텔로 넘어갔다.", US),
        ("가장 많이 팔린 전기차라는 자리는 미국 테슬라의 모델Y가 아니라 중국 비야디 제품으로 "
         "돌아갔다.", CHINA),
    ],
)
def test_a_korean_title_passing_to_y_not_x_is_ys(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lead whose only subject is a bare "정부는" is Korea's even when it names no one
        # else and a later sentence names a foreign country.
        ("정부는 내년도 수출 지원 예산을 두 배로 늘리기로 했다. 일본발 엔저 충격으로 가격 "
         "경쟁력이 떨어진 기업을 돕는다는 취지다.", OTHER),
    ],
)
def test_a_lead_with_only_a_bare_government_is_korea(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A passive after a restrictive relative clause that lists names: the buyer acts.
        ("A 40% stake in a new Renault unit that will make Clio, Captur and Twingo engines is "
         "being bought by Geely for about 800 million euros.", CHINA),
    ],
)
def test_an_english_passive_after_a_relative_clause_names_the_buyer(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


# Round nine: c6's misses as general rules (own sentences, none from an evaluation set).

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A passive whose participle is irregular or not a purchase ("sought", "courted",
        # "probed", "pressed"): the agent after "by" acts, as with "bought by".
        ("Germany's Continental is being courted by Denso for its brake and chassis business.",
         JAPAN),
        ("A majority stake in Italian truck maker Iveco is being sought by India's Tata Motors.",
         OTHER),
        ("U.S. toymaker Mattel is being probed by China's market regulator over its pricing.",
         CHINA),
        ("Nvidia's H20 chip is being kept out of state data centres by Beijing's cyberspace "
         "regulator.", CHINA),
    ],
)
def test_an_english_passive_with_any_participle_names_the_agent(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A가 B로부터 …를 받았다/통보받았다/승인받았다": a body that orders, approves or
        # notifies acts on the subject, as one that fines does; the subject's names only
        # undergo it.
        ("미국 구글이 일본 공정거래위원회로부터 검색 앱 기본 탑재를 중단하라는 명령을 받았다.",
         JAPAN),
        ("중국 샤오미가 EU 집행위원회로부터 스마트폰 수리 정보 공개 요구를 통보받았다.", EUROPE),
        ("일본 도요타의 미국 법인이 중국 상무부로부터 희토류 자석 수입 허가를 받았다.", CHINA),
        ("중국 바이트댄스 산하 틱톡이 미국 연방거래위원회로부터 아동 개인정보 보호 위반으로 "
         "과징금을 부과받았다. 틱톡은 중국 본사와 협의해 항소하겠다고 밝혔다.", US),
        # A country before a body the tables lack ("독일 환경부로부터", "미국 국방부로부터").
        ("미국 테슬라가 독일 환경부로부터 그뤼네하이데 공장 용수 사용 제한 명령을 받았다.",
         EUROPE),
        ("중국 DJI가 미국 국방부로부터 군 연계 기업 명단 유지 통보를 받았다.", US),
        # Aid or money received is the receiver's news, not the giver's.
        ("칠레 정부가 미국 재무부로부터 긴급 외화 대출 지원을 받게 됐다.", OTHER),
    ],
)
def test_a_korean_body_acting_from_ro_buteo_is_the_actor(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare ministry or central bank named again after "<country> <body>" is that
        # country's, not the one the tables give the bare word to.
        ("일본 파나소닉의 미국 법인이 중국 상무부의 수출통제 명단에 추가됐다. 상무부는 이 법인이 "
         "대만에 군수 부품을 공급했다고 밝혔다.", CHINA),
        ("중국 해운사 코스코의 유럽 자회사가 영국 재무부의 제재 명단에 올랐다. 재무부는 이 회사가 "
         "러시아산 원유를 실어 날랐다고 밝혔다.", EUROPE),
        ("미국 국방부가 중국 드론 업체들을 군 연계 기업 명단에 올리자 중국 국방부는 즉각 "
         "반발했다. 국방부는 미국 정부가 사실을 왜곡했다고 주장했다.", CHINA),
    ],
)
def test_a_bare_body_named_again_keeps_the_country_named_with_it(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A policy whose subject is a class of firms ("Chipmakers such as X that build plants
        # in the United States will be exempt …"): the country whose market the rule governs
        # acts, not the examples named.
        ("Solar panel makers such as Jinko that assemble modules in the United States will get "
         "a ten-year extension of their production tax credit.", US),
        ("Foreign cloud providers operating in Japan will have to keep government data on "
         "domestic servers from April.", JAPAN),
        ("Battery makers such as CATL and LG that build plants in the European Union will be "
         "required to disclose the carbon footprint of each cell.", EUROPE),
        ("Streaming services such as Netflix and Disney that operate in Japan will have to fund "
         "local anime production under a new law.", JAPAN),
        # Lowercase words before the class noun ("Foreign ride-hailing apps", "Large online
        # platforms").
        ("Large cloud providers such as Amazon and Microsoft that host data in Japan will have "
         "to report outages within an hour.", JAPAN),
        ("Foreign food delivery apps such as Meituan's Keeta that operate in the European Union "
         "must treat riders as employees.", EUROPE),
        ("Big tech platforms like Google that sell ads in the United States will owe a new "
         "digital services levy.", US),
        # A class named by its nationality under another country's rule is that country's;
        # the same class acting on its own ("will raise prices") stays its own.
        ("Chinese automakers selling in Europe will face higher tariffs from July under a "
         "decision by Brussels.", EUROPE),
        ("Japanese chipmakers building plants in the United States will receive a 35% tax "
         "credit.", US),
        ("Japanese automakers in the United States will raise prices next month.", JAPAN),
        # A first word in capitals or with dots ("US", "U.S.", "EU").
        ("U.S. drugmakers that sell medicines in Japan will have to cut list prices by 5% "
         "under the new pricing rule.", JAPAN),
        ("EU airlines flying into China must file passenger data with Beijing a day ahead.",
         CHINA),
        ("Chinese e-commerce giants such as Temu that sell into the United States will lose "
         "their duty-free exemption in May.", US),
        # Korean: "<country>에서 …하는 … 업체들은 …해야 한다 / 면제받는다".
        ("일본에서 영업하는 미국 애플과 구글 같은 앱 장터 사업자들은 올해 말부터 외부 결제를 "
         "허용해야 한다.", JAPAN),
        ("미국에 공장을 짓는 일본 도요타 같은 완성차 업체들은 부품 관세를 면제받는다.", US),
        ("중국에서 데이터를 처리하는 독일 폭스바겐 같은 외국 기업은 내년부터 보안 심사를 "
         "받아야 한다.", CHINA),
    ],
)
def test_a_class_of_firms_in_a_country_under_a_rule_is_that_countrys(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean cleft whose focus is a long owner phrase ("X가 아니라 일본 오사카에 본사를 둔
        # 부품 업체 Y였다"): the whole focus is the actor.
        ("영국 반도체 설계업체 지분을 사들인 것은 미국 업체가 아니라 일본 교토에 본사를 둔 "
         "전자부품 업체 무라타제작소였다.", JAPAN),
        ("미국 오하이오의 배터리 공장을 인수한 것은 일본 업체가 아니라 중국 상하이에 본사를 둔 "
         "배터리 소재 기업 한 곳이었다.", CHINA),
        ("튀르키예 원전 설계 계약을 따낸 것은 한국 업체가 아니라 프랑스 파리에 본사를 둔 국영 "
         "전력회사 EDF였다.", EUROPE),
    ],
)
def test_a_korean_cleft_with_a_long_focus_names_the_focus(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X(INITIALS)가 …하자 Y는 …": the initials name the fronted clause's body once more,
        # not a second actor; and "미국 자본이 절반 이상인 X에" is a relative clause inside
        # the main clause's object, not another subject.
        ("미국 무역대표부(USTR)가 일본산 자동차 부품 관세를 올리자 일본 경제산업성은 미국 자본이 "
         "절반 이상인 부품 업체의 보조금 심사를 미뤘다.", JAPAN),
        ("미국 연방통신위원회(FCC)가 중국산 통신장비의 신규 인증을 막자 중국 공업정보화부는 미국 "
         "기업이 지분 절반 이상인 합작사에 대한 보안 심사를 강화하기로 했다.", CHINA),
        ("유럽연합 집행위원회(EC)가 중국산 철강에 세이프가드를 발동하자 중국 상무부는 유럽 자본이 "
         "30% 이상인 현지 공장에 대한 반보조금 조사에 착수했다.", CHINA),
    ],
)
def test_a_reaction_after_a_body_named_with_its_initials_is_the_reactors(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X 업체가 아니라 <country> <city>에 본사를 둔 … 업체 한 곳이": the denied subject does
        # not act, and where the firm is based says whose it is.
        ("일본 업체가 아니라 중국 선전에 본사를 둔 드론 업체 한 곳이 미국 국방부 납품 계약을 "
         "따냈다.", CHINA),
        ("미국 업체가 아니라 독일 뮌헨에 본사를 둔 소프트웨어 업체 한 곳이 일본 NTT의 클라우드 "
         "사업을 인수했다.", EUROPE),
        ("대만 업체가 아니라 일본 구마모토에 본사를 둔 장비 업체 한 곳이 인텔 공장 수주를 "
         "따냈다.", JAPAN),
    ],
)
def test_a_denied_subject_yields_to_the_firm_based_in_a_country(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "…를 문제 삼자", "차질을 빚자", "우려를 낳자" end a fronted reaction clause.
        ("미국 재무부가 엔화 약세를 환율 조작으로 문제 삼자 일본 재무성은 개입 사실을 공개했다. "
         "재무성은 미국 측과 협의했다고 밝혔다.", JAPAN),
        ("미국 재무부가 원화 약세를 문제 삼자 일본 재무성은 엔화 매수 개입에 나섰다.", JAPAN),
        ("미국 상무부가 캐나다산 목재 관세로 마찰을 빚자 캐나다 정부는 보복 관세를 검토했다.",
         OTHER),
    ],
)
def test_more_reaction_endings_close_the_fronted_clause(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An English cleft whose focus carries an apposition before "that": the focus acts;
        # a focus the tables lack is described by its apposition.
        ("It was not Samsung but Kioxia, the flash memory maker spun off from Toshiba, that won "
         "the largest share of Apple's NAND orders.", JAPAN),
        ("It was not Airbus but Comac, the state-owned Shanghai planemaker, that took the "
         "biggest order at the show.", CHINA),
        ("It was not Intel but Nvidia, whose chips dominate AI training, that joined the Dow "
         "index this year.", US),
    ],
)
def test_an_english_cleft_with_an_apposition_names_the_focus(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A가 (X에도 불구하고 / X에 따라 / X와 관련해) B가 …할 것이라고 밝혔다": the adverbial
        # does not close A's clause when the sentence ends in A's own report; B sits in the
        # quote. An outlet named before the report verb keeps the reported clause's story.
        ("인피니언이 미국 관세 불확실성에도 불구하고 중국 전기차 수요가 내년에 회복될 것이라고 "
         "밝혔다.", EUROPE),
        ("소니가 엔화 강세에 따라 미국 매출이 줄 것이라고 전망했다.", JAPAN),
        ("BYD가 유럽연합의 상계관세와 관련해 유럽 판매량이 오히려 늘었다고 말했다.", CHINA),
        ("미국이 관세를 올린 데 따라 중국 수출이 줄었다고 블룸버그가 보도했다.", CHINA),
    ],
)
def test_a_speaker_before_an_adverbial_and_a_quote_is_the_actor(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


# Round ten (c7/c8's kinds), each with made-up sentences.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fronted clause that opens with a spelled-out span of time, and a participle's
        # aside after it, belong to the front.
        ("Eighteen months after Wall Street's first ether funds began trading, the Financial "
         "Services Agency in Tokyo is drafting rules for crypto brokers.", JAPAN),
        ("Less than a week after Chinese carmakers cut prices, threatening sales at U.S. "
         "dealers, Mexico's economy minister announced new duties on imported cars.", OTHER),
        ("A few days after Washington tightened chip curbs, prompting fears at U.S. suppliers, "
         "the Bank of Korea cut its growth forecast.", OTHER),
        ("Fifteen years after Apple opened its first store in Shanghai, Xiaomi said it would "
         "open two thousand shops abroad.", CHINA),
    ],
)
def test_a_fronted_span_of_time_and_its_aside_are_background(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A passive after a relative clause set off by commas: its agent acts.
        ("Samsung, which bought German speaker maker Harman years ago, is being investigated "
         "by China's market regulator over pricing.", CHINA),
        ("Apple, which sells most iPhones in China, was fined by the European Commission over "
         "music streaming.", EUROPE),
        ("Sony, who makes most of its sensors in Japan, was fined by regulators in Brussels "
         "over data transfers.", EUROPE),
        # Officials named by their place act for it.
        ("Toyota was charged by federal prosecutors in Brooklyn with hiding emissions data "
         "from buyers.", US),
        ("Nissan's former chairman was indicted by prosecutors in Tokyo over unreported pay "
         "promised by the French carmaker Renault.", JAPAN),
        # The relative clause's own passive stays inside it.
        ("Huawei, which was blacklisted by Washington in 2019, launched a new phone in "
         "Shenzhen.", CHINA),
    ],
)
def test_a_passive_after_a_relative_clause_and_an_agent_by_its_place(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X 등이 …는데도 중국의 지난해 수출이 …": a date after the owner in 의 sits in the
        # main subject's phrase.
        ("한국과 대만, 일본 등이 잇달아 관세로 맞서는데도 중국의 지난해 알루미늄 수출이 사상 "
         "최대를 기록했다.", CHINA),
        ("미국과 유럽이 보조금 경쟁을 벌이는 가운데 일본의 지난달 반도체 장비 수출이 크게 "
         "늘었다.", JAPAN),
        ("중국이 희토류 수출을 막았는데도 독일의 지난해 전기차 생산이 오히려 늘었다.", EUROPE),
    ],
)
def test_a_date_after_an_owner_stays_in_the_main_subject(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 머스크 is the Danish shipping line among ships and freight, Elon Musk otherwise.
        ("예멘 반군의 상선 공격이 잇따르자 머스크는 홍해 항로 운항을 중단하고 선박을 "
         "희망봉으로 돌렸다.", EUROPE),
        ("머스크가 아시아와 유럽을 잇는 컨테이너 운임을 다음 달부터 올리기로 했다.", EUROPE),
        ("중국 해운사들이 운임을 낮추자 머스크도 선복을 줄였다.", EUROPE),
        ("머스크가 테슬라 주식 일부를 팔았다.", US),
        ("일론 머스크가 화성 탐사선을 실은 선박 사진을 올렸다.", US),
    ],
)
def test_a_name_with_two_readings_is_read_by_its_context(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bracketed initials say whose a ministry every country has is; a body named for
        # all of America (전미…) is America's.
        ("노보 노디스크와 사노피 등이 만든 약을 대상으로 한 가격 협상에서 보건복지부(HHS)는 "
         "메디케어 지급 가격을 낮추기로 했다.", US),
        ("보건복지부는 내년 의대 정원을 늘리기로 했다.", OTHER),
        ("부동산 수수료 소송에서 패소한 전미부동산중개인협회(NAR)는 배상금을 물기로 "
         "합의했다.", US),
        ("전미자동차노조가 스텔란티스 공장에서 파업에 들어갔다.", US),
        ("독일 BMW가 전미자동차노조와 임금 협상을 시작했다.", EUROPE),
    ],
)
def test_initials_and_a_nationwide_name_say_whose_a_body_is(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare body named again later with its country is that country's when nothing
        # else in the text is Korea's.
        ("애플의 결제 강제와 관련해 공정거래위원회는 시정명령을 내렸다. 일본 공정위가 애플에 "
         "이런 명령을 내린 것은 처음이다.", JAPAN),
        ("구글의 광고 사업을 두고 공정거래위원회가 조사에 착수했다. 대만 공정위는 다음 달 "
         "결론을 낼 예정이다.", OTHER),
        ("애플의 결제 강제와 관련해 공정거래위원회는 시정명령을 내렸다. 국내 앱 개발사들이 "
         "환영했고 일본 공정위도 조사 중이다.", OTHER),
        # "The country's <Body>": the country the story is set in.
        ("The country's Fair Trade Commission ordered Apple to open its app store to rivals. "
         "Officials in Tokyo said the order was the first of its kind.", JAPAN),
        ("Indonesia banned sales of the new iPhone. The country's Industry Ministry said Apple "
         "had not met local-content rules.", OTHER),
        ("The nation's Competition Bureau fined Amazon for misleading prices, officials in "
         "Ottawa said.", OTHER),
    ],
)
def test_a_bare_body_takes_the_country_the_text_gives_it(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A rule for a class of firms "from" elsewhere that build "on <country> soil", and the
        # Korean "…기업이라도 <country> 안에 …면 …면제받게 된다", is that country's.
        ("Chipmakers from Taiwan, South Korea and Japan that build plants on American soil, "
         "or promise to, will be spared a planned tariff on imported chips.", US),
        ("Battery makers from China and Korea that open plants on European soil will receive "
         "subsidies under the new rules.", EUROPE),
        ("Automakers from Japan that rely on Chinese parts will face higher costs.", JAPAN),
        ("대만과 한국 반도체 기업이라도 미국 안에 공장을 짓고 있다면 새 관세를 면제받게 "
         "된다.", US),
        ("중국 배터리 업체라도 유럽 땅에 공장을 세우면 보조금 혜택을 받게 된다.", EUROPE),
        ("일본과 한국 기업이라도 인도에 생산 거점을 두면 관세 혜택을 받는다.", OTHER),
    ],
)
def test_a_class_of_firms_from_abroad_under_a_countrys_rule(
        text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day word after a topic is no verb in ㄹ closing a relative clause.
        ("미국이 장비 수출을 막자 중국 상무부는 이튿날 갈륨 수출을 금지한다고 발표했다.", CHINA),
        ("유럽연합이 전기차 관세를 매기자 중국 상무부는 다음날 돼지고기 조사에 착수했다.", CHINA),
        ("중국이 희토류 수출을 제한하자 일본 경제산업성은 전날 비축 물량을 풀었다.", JAPAN),
    ],
)
def test_a_day_word_after_a_topic_is_no_verb(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reported clause without quotes, then its speaker: the speaker acts when the
        # clause's subject names only a country or a place.
        ("The U.S. dollar's grip on trade is slowly loosening, People's Bank of China Governor "
         "Pan Gongsheng told a forum in Shanghai.", CHINA),
        ("American chip curbs have failed to slow the industry, Huawei founder Ren Zhengfei "
         "told state media.", CHINA),
        ("Washington's tariffs will hurt exporters more than expected, Bank of Japan Governor "
         "Kazuo Ueda told lawmakers.", JAPAN),
        # Not when the clause names a firm: it is the firm's story.
        ("Samsung's Texas fab will make Tesla's next AI chips, Elon Musk said.", OTHER),
    ],
)
def test_a_speaker_after_an_unquoted_report_acts(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Batch 67's misses: a "whose" clause before the passive verb, and two role words
        # between a speaker's firm and name.
        ("Grab, whose riders work across Southeast Asia, was fined by the competition "
         "commission in Seoul over a merger it never reported.", OTHER),
        ("Netflix, whose shows top the charts in Korea, was questioned by tax officials in "
         "Tokyo over its local revenue.", JAPAN),
        ("Airbnb, whose hosts list flats across Spain, was told by the consumer ministry in "
         "Madrid to pull thousands of listings.", EUROPE),
        ("Western sanctions have barely dented Russian oil flows, Rosneft chief executive Igor "
         "Sechin told investors.", EUROPE),  # Russia files under Europe
        ("American tariffs will not stop Chinese carmakers from going abroad, BYD executive "
         "vice president Stella Li told reporters.", CHINA),
        ("Japan's weak yen is drawing buyers to European luxury goods, LVMH chief financial "
         "officer Cecile Cabanis told analysts.", EUROPE),
    ],
)
def test_a_whose_clause_and_two_role_words(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name joined by 와/과 to one in an adverbial ("캐나다와 유럽 시장에서는") is in that
        # adverbial too: it does not stand in for a main subject the tables lack.
        ("캐나다와 유럽 일부 시장에서는 이미 팔리던 비만 치료제가 마침내 미국에서도 판매된다. "
         "식품의약국(FDA)은 9일 판매를 승인했다.", US),
        ("대만과 유럽 일부 시장에서는 흔한 간편결제 서비스가 일본에도 상륙한다. 금융청은 새 "
         "규정을 내놨다.", JAPAN),
        ("독일과 미국 공장에서 먼저 쓰인 용접 로봇이 중국에도 들어간다. 중국 공업정보화부는 "
         "보조금을 주기로 했다.", CHINA),
    ],
)
def test_a_name_joined_to_an_adverbial_does_not_stand_in(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name in -ed with 's ("Orsted's", "Wolfspeed's") is no fronted participle
        # ("Battered by …, X said"): the sentence is not split at its first comma.
        ("Orsted's Sunrise Wind farm off New York was ordered to stop work by the Commerce "
         "Department's ocean bureau, even though most turbines were up.", US),
        ("Wolfspeed's Mohawk Valley fab was bought by Japan's Renesas, after months of talks "
         "with lenders.", JAPAN),
        ("Insmed's lung drug was cleared by the European Commission, weeks after a delay in "
         "Washington.", EUROPE),
    ],
)
def test_a_name_in_ed_with_s_is_no_participle(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round eleven: a state's official acts for America in a passive ("sued by the
        # <State> attorney general"); the states the tables lacked are named now.
        ("Lenovo was sued by the Kansas attorney general over laptops sold with spyware.", US),
        ("Zalando was taken to court by the Iowa attorney general over fees hidden at "
         "checkout.", US),
        ("BYD was investigated on Monday by the Missouri attorney general over a battery "
         "recall.", US),
        # a place before its court or official, in 로부터
        ("쉬인이 오클라호마주 법무장관으로부터 허위 광고 혐의로 소송을 당했다.", US),
        ("도요타의 중국 법인 임원이 베이징 법원으로부터 뇌물 혐의로 징역형을 선고받았다.", CHINA),
        ("일본 상사 미쓰이의 중국 지사 직원이 상하이 법원으로부터 징역 2년을 선고받았다.", CHINA),
        # an agent that only describes the subject's object still leaves the subject acting
        ("도요타가 베이징 법원으로부터 받은 판결에 대해 항소하겠다고 밝혔다.", JAPAN),
    ],
)
def test_a_place_official_in_a_passive_acts(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round eleven: "<firm>'s <country> unit was raided by the country's <body>": the body
        # acts, for the country of the unit, named or not in the tables.
        ("Apple's Japanese unit was raided on Friday by the country's Fair Trade Commission "
         "over app store rules.", JAPAN),
        ("Amazon's German unit was searched by the country's cartel office over pricing rules "
         "for sellers.", EUROPE),
        ("Uber's Indian unit was fined by the country's competition regulator over surge "
         "pricing.", OTHER),
        ("Meta's Korean unit was fined by the nation's Fair Trade Commission over ad data.",
         OTHER),
    ],
)
def test_the_countrys_body_as_a_passive_agent(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round eleven: sued or charged by a place's official in 에게 ("…주 법무장관에게
        # 피소됐다"): the official acts for the place.
        ("알리바바가 텍사스주 법무장관에게 소비자 기만 혐의로 피소됐다.", US),
        ("테무가 몬태나주 검찰총장에게 개인정보 유출 혐의로 제소됐다.", US),
        ("샤오미가 미국 법무부에 기술 탈취 혐의로 기소됐다.", US),
        # no passive: the subject still acts
        ("샤오미가 미국 오하이오주에 공장을 짓는다.", CHINA),
    ],
)
def test_sued_by_an_official_in_ege(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round eleven: a lead whose measure takes effect with no agent, America named as its
        # owner or market, then a bare 재무부/상무부/법무부: the ministry is America's and acts.
        ("중국의 AI 기업에 대한 미국 자본의 투자를 막는 규정이 다음 달 시행된다. 재무부는 이날 "
         "최종안을 공개했다.", US),
        ("중국산 드론의 신규 판매가 미국에서 금지된다. 상무부는 안보 위험을 이유로 들었다.", US),
        ("러시아 업체의 보안 프로그램이 미국 시장에서 퇴출된다. 상무부는 사용자 정보 유출 "
         "위험을 지적했다.", US),
        # America only as the target: another country's measure, its own ministry
        ("중국의 희토류 수출 통제가 미국 기업을 겨냥해 시행된다. 상무부는 이날 허가제를 "
         "도입한다고 밝혔다.", CHINA),
        # an active lead: its subject acts
        ("중국 정부가 미국산 대두에 보복 관세를 부과한다. 상무부는 이날 성명을 냈다.", CHINA),
    ],
)
def test_a_bare_us_ministry_after_a_measure_taking_effect(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round eleven: approval won from someone ("won approval from", "received clearance
        # from"): who approves acts, as "…로부터 승인을 받았다" does, after an owner's plant too.
        ("Toyota's battery plant in Poland won approval from the European Commission for state "
         "aid of 1.2 billion euros.", EUROPE),
        ("Nvidia won approval on Friday from China's market regulator for its purchase of a "
         "networking firm.", CHINA),
        ("Hyundai's $5.5 billion battery venture in Georgia received clearance from Washington "
         "for tax credits.", US),
        # the approval inside a relative clause is not the main verb
        ("Intel's Magdeburg fab, which won approval from Brussels last year, was shelved on "
         "Monday.", US),
    ],
)
def test_who_approves_acts(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round eleven: a passive's agent after a long aside ("overtaken as the world's top
        # seller of … in the final quarter of 2023 by BYD").
        ("Elon Musk's Tesla was overtaken as the biggest seller of battery-powered cars across "
         "Europe in the last three months of 2024 by BYD.", CHINA),
        ("Apple was displaced as the top-selling smartphone brand in China's largest cities in "
         "the second half of the year by Huawei.", CHINA),
        ("Intel was replaced as the largest supplier of server processors to American cloud "
         "firms over the past two years by AMD's EPYC line.", US),
    ],
)
def test_a_passive_agent_after_a_long_aside(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round twelve: a Korean lead whose main subject names no one, its names only in a
        # complement ("…했다는 판단이 나왔다"), a background clause ("…한 데 이어", "…하는
        # 가운데", "…한 지 … 안 돼") or objects and adverbials, leaves the story to the next
        # sentence's named subject.
        ("메타가 이용자 동의 없이 광고에 개인정보를 썼다는 판단이 나왔다. "
         "아일랜드 데이터보호위원회는 과징금 부과 절차에 들어갔다.", EUROPE),
        ("중국 경기 부양책이 곧 나올 것이라는 경고가 나왔다. 국제통화기금(IMF)은 아시아 성장률 "
         "전망을 낮췄다.", OTHER),
        ("일본이 반도체 소재 수출을 조인 데 이어 이번에는 배터리 원료를 둘러싼 갈등이 "
         "불거졌다. 중국 상무부는 흑연 수출 허가제를 도입한다고 밝혔다.", CHINA),
        ("미국 연준이 인하를 미루는 가운데 30년 만에 초저금리 시대가 끝났다. 우에다 총재가 이끄는 "
         "일본은행은 금리를 0.5%로 올렸다.", JAPAN),
        ("독일 코메르츠방크가 매각된 지 한 달도 안 돼 또 하나의 은행이 문을 닫았다. 뉴욕커뮤니티"
         "뱅코프는 당국의 승인을 받아 자산을 넘겼다.", US),
        ("애플과 구글 앱 장터에 대한 과징금이 확정됐다. 유럽연합(EU) 집행위원회는 두 회사가 "
         "디지털시장법을 어겼다고 판단했다.", EUROPE),
        # a clause of cause keeps its actor: Indonesia's cut moved the market
        ("인도네시아 정부가 니켈 수출을 막기로 하면서 배터리 원료 시장이 요동쳤다. "
         "중국 화유코발트는 재고 확보에 나섰다.", OTHER),
        # a relative clause on the subject names its owner
        ("TSMC가 만든 3나노 칩이 처음 스마트폰에 들어갔다. 애플은 배터리 수명이 늘었다고 밝혔다.",
         OTHER),
        # a class of firms, or a bare ministry of unsaid country, is not handed the story
        ("EU에서 팔리는 모든 스마트폰에 교체형 배터리가 의무화된다. 애플과 삼성전자 등 "
         "제조사들은 설계를 바꿔야 한다.", EUROPE),
        ("중국산 흑연이 들어간 부품은 수출 허가를 받도록 하는 규정이 새로 나왔다. 상무부는 관련 "
         "기술 이전도 막았다.", CHINA),
    ],
)
def test_a_nameless_lead_leaves_the_story_to_the_next_subject(text: str,
                                                              expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round twelve: what is done to the lead's subject by someone the lead does not name
        # (체포됐다, 추방됐다), a list's owner, a body in 에서 that passes a bill, pressure
        # received from a body, and "품에 안겼다" (bought).
        ("텍사스주 공장에서 일하던 한국인 근로자 50여명이 체포됐다. 미국 이민세관단속국(ICE)은 "
         "불법 고용 혐의를 조사하고 있다고 밝혔다.", US),
        ("미국 반도체 장비업체 20여곳이 중국 상무부의 수출 통제 명단에 올랐다. 미국 정부는 "
         "강하게 반발했다.", CHINA),
        ("미국산 전기차 보조금을 없애는 법안이 독일 연방의회에서 가결됐다. 테슬라는 유감을 표했다.",
         EUROPE),
        ("카카오가 일본 총무성으로부터 현지 자회사 지분을 줄이라는 압박을 받았다.", JAPAN),
        ("영국 반도체 설계업체 알파웨이브가 결국 퀄컴 품에 안겼다.", US),
    ],
)
def test_what_is_done_to_the_subject_is_the_doers(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round twelve: an English passive whose agent is a law, a measure or a body the tables
        # lack: the country that owns it or where it applies acts, not a target.
        ("Google and Apple were forced by a new app store law, which took effect last year, to "
         "allow outside payment systems in South Korea.", OTHER),
        ("Temu and Shein were hit by import duties approved by French lawmakers on cheap "
         "parcels.", EUROPE),
        ("Microsoft was ordered by the Competition Commission on Monday to unbundle Teams, the "
         "first such order India's watchdog has issued against a US software firm.", OTHER),
        # a target country is not the measure's maker
        ("AMD was hit by new export rules on sales of its AI chips to China, cutting its "
         "forecast.", US),
        # a title before the agent's name; a body with its article after a reported clause
        ("Nippon Steel was handed a final approval by President Donald Trump for its purchase "
         "of U.S. Steel.", US),
        ("Oil demand in Asia will keep rising through 2030 as China's refiners expand, the "
         "International Energy Agency said on Thursday.", OTHER),
        # no name at all but a federal body or law
        ("Home buyers lost access to a federal mortgage subsidy at the end of the month.", US),
    ],
)
def test_an_english_agent_that_is_a_measure_or_titled(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round thirteen: whose approval, inquiry or order the lead ends in receiving, in 의
        # or in 로부터 (조사, 심사 join the orders); the order received closing a clause when
        # what follows names no subject.
        ("미국 어도비의 피그마 인수가 영국 경쟁시장청의 승인을 받았다.", EUROPE),
        ("일본 도시바의 공장 매각이 중국 국가시장감독관리총국의 심사를 받게 됐다.", CHINA),
        ("한국 쿠팡 앱의 신규 가입이 일본 개인정보보호위원회의 권고에 따라 중단됐다.", JAPAN),
        ("미국 인텔이 중국 국가시장감독관리총국으로부터 반독점 조사를 받게 됐다.", CHINA),
        ("중국 ZTE가 미국 상무부로부터 수출 금지 조치를 받으면서 스마트폰 생산이 멈췄다.", US),
        # guards: the approval in a clause before the main verb; aid received in a clause
        ("테슬라가 중국 당국의 승인을 받은 뒤 상하이에서 새 모델을 출시했다.", US),
        ("도요타가 미국 정부로부터 보조금을 받으면서 켄터키 공장 증설에 나섰다.", JAPAN),
    ],
)
def test_an_act_received_from_a_body_is_the_bodys(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round thirteen: a long body named again by its tail; 들어선/세워진 close a relative
        # clause; an outlet named by its country reports another's act.
        ("미국 애플이 국가인터넷정보판공실로부터 앱 심사 불합격 판정을 받았다. 판공실은 애플 "
         "앱 배포를 중단하라고 지시했으며, 애플은 당국과 협의하겠다는 입장을 냈다.", CHINA),
        ("대만 폭스콘의 전기차 공장이 들어선 구마모토현은 도로 예산을 늘렸다.", JAPAN),
        ("미국 인텔의 반도체 공장이 세워진 작센안할트주는 세수 전망을 높였다.", EUROPE),
        ("도요타가 인도 배터리 업체를 인수했다고 인도 현지 매체들이 보도했다.", JAPAN),
    ],
)
def test_a_short_name_a_relative_clause_and_a_countrys_outlets(text: str,
                                                              expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round thirteen: a rule for a class of firms whose maker opens the next sentence
        # (a bare ministry with the tables' reading); a lead that names no one at all.
        ("미국 애플과 중국 샤오미 등 스마트폰 제조사는 앞으로 배터리를 교체할 수 있게 만들어야 "
         "하며, 어기면 벌금을 물게 된다. 유럽연합(EU) 집행위원회는 새 규정을 확정했다.", EUROPE),
        ("보조금을 받은 배터리 기업은 앞으로 중국산 소재를 쓸 수 없게 된다. 재무부는 세부 "
         "지침을 발표했다.", US),
        ("수입 태양광 패널에 대한 관세가 다음 달부터 두 배로 오른다. 무역법 201조에 따른 이번 "
         "조치에 대해 상무부는 국내 업체 보호를 위한 것이라고 설명했다. 베트남과 말레이시아산 "
         "제품이 주로 영향을 받는다.", US),
        # guard: a class of firms with no rule-maker named stays theirs
        ("중국 CATL 등 배터리 업체들은 올해 유럽 생산을 늘려야 한다. 업계는 관세를 걱정한다.",
         CHINA),
        # a bare body every country has, in a text naming only one region's markets
        ("10년 만기 길트 금리가 급등하고 파운드화가 흔들리자 재무부는 예산안 발표를 앞당기겠다고 "
         "밝혔다.", EUROPE),
        # guard: with a country named, the tables' reading stands
        ("위안화가 급락하자 미국 재무부는 중국을 환율 관찰대상국 명단에 올렸다.", US),
        # English: a country's body the tables lack, speaking after a reported clause
        ("Google abused its dominance in search advertising, Japan's antitrust watchdog said on "
         "Tuesday, ordering it to change its contracts.", JAPAN),
    ],
)
def test_a_rule_makers_and_a_nameless_leads_next_sentence(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fourteen: an English passive after an apposition that describes a subject the
        # tables lack, and a deal's passive in the infinitive ("agreed to be acquired by").
        ("Acme Forge, an Ohio maker of steel castings, was bought by Japan's Nippon Steel for "
         "$300 million.", JAPAN),
        ("Brightline Tools, a Texas-based maker of drills, agreed to be acquired by Bosch for "
         "about $2 billion.", EUROPE),
        ("Bluepeak Drones, the biggest U.S. maker of delivery drones, was hit by Chinese "
         "sanctions on its battery suppliers.", CHINA),
        # guard: an apposition with no passive after it leaves the subject's place acting
        ("Acme Forge, an Ohio maker of steel castings, said it would hire 300 workers.", US),
        # the body named by its seat
        ("Hit by a 25% U.S. tariff on its steel, the government in Ottawa raised duties on "
         "American whiskey.", OTHER),
        # Korean: a list with an adverb before its verb; an act before the agent in 로부터;
        # the verdict of the owner's review
        ("중국 드론 업체 10여 곳이 미국 상무부의 수출통제 명단에 새로 올랐다. 업체들은 반발했다.",
         US),
        ("독일 폭스바겐이 배출가스 규정을 어겼다는 최종 판정을 미국 환경보호청(EPA)으로부터 "
         "받았다.", US),
        ("미국 퀄컴이 중국 국가인터넷정보판공실의 보안 심사에서 부적격 판정을 받았다.", CHINA),
        # guard: aid received stays the receiver's
        ("일본 라피더스가 정부로부터 보조금을 받았다.", JAPAN),
    ],
)
def test_a_passive_after_an_apposition_and_acts_received(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fourteen: a connective 높이자/줄이자; a watch list's country in the next sentence;
        # a described focus after "but" in an English cleft; a duty under a country's law; a
        # speaker after a long reported clause.
        ("중국이 철강 수출을 늘이자 유럽 철강사 아르셀로미탈이 감산 계획을 내놨다.", EUROPE),
        ("국제에너지기구(IEA)가 비축유 방출량을 줄이자 미국 엑슨모빌이 증산 계획을 밝혔다.", US),
        ("대만이 다시 환율 관찰대상국에 올랐다. 미국 재무부는 대만의 대미 흑자를 이유로 "
         "들었다.", US),
        ("It was not Tokyo but a state court in Texas that first ordered the carmaker to pay "
         "damages.", US),
        ("Samsung and LG are required under a new European battery law to disclose the carbon "
         "footprint of their cells.", EUROPE),
        # guard: a duty with no country's law leaves the subject acting
        ("Samsung and LG are required under the contract to deliver the panels by March.", OTHER),
        ("Japanese and Korean chipmakers that build fabs on American soil will be able to claim "
         "a larger tax credit for tools and equipment bought and installed before the end of next "
         "year under the revised and widened rules for the program, the U.S. Treasury "
         "Department said on Friday.", US),
    ],
)
def test_connectives_watch_lists_clefts_and_duties_under_law(text: str,
                                                            expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fourteen: a quoted title whose first word looks like a verb ('붉은 …', '검은 …')
        # is part of the subject phrase, not a clause end.
        ("닌텐도 스위치와 PC로 출시된 넷이즈의 액션 게임 '붉은 달 전설'이 첫 주에 300만 장 "
         "팔렸다.", CHINA),
        # guard: a real relative clause before the owner still closes
        ("소니가 투자한 텐센트의 신작 '별의 노래'가 첫 주에 300만 장 팔렸다.", CHINA),
    ],
)
def test_a_quoted_title_is_part_of_the_subject(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fifteen: a country right before a body binds it, though the tables file the
        # bare name under another country; a Korean passive's agent in 에 의해.
        ("오스트리아 연방대법원은 구글의 광고 계약이 경쟁법에 어긋난다고 판결했다.", EUROPE),
        ("애플의 앱 수십 개가 앱스토어에서 중국 당국에 의해 삭제됐다.", CHINA),
        ("인텔 반도체 수입이 세관총서에 의해 일시 중단됐다. 업계는 공급망 차질을 우려했다.", CHINA),
        # guards: the bare court stays America's; an adnominal passive leaves the subject acting
        ("연방대법원은 트럼프 행정부의 관세가 위법이라고 판결했다.", US),
        ("일본 정부는 중국 당국에 의해 중단된 수산물 수입의 재개를 요구했다.", JAPAN),
    ],
)
def test_a_country_binds_the_body_after_it_and_a_passives_agent(text: str,
                                                                expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fifteen: a wire dateline's city gives a bare body its country when no country
        # before it does.
        ("(베이징=연합뉴스) 상무부는 10일 갈륨과 게르마늄 수출을 허가제로 바꾼다고 밝혔다. "
         "미국과 유럽 업계는 공급 차질을 우려했다.", CHINA),
        ("(런던=연합뉴스) 재무부는 내년 예산안에서 소득세 기준을 동결한다고 밝혔다.", EUROPE),
        # guards: a country named with the body, or before it, keeps the tables' reading
        ("(베이징=연합뉴스) 미국 상무부는 중국 기업 20곳을 수출통제 명단에 올렸다.", US),
        ("(베이징=연합뉴스) 미국이 관세를 올리자 상무부는 보복을 예고했다.", US),
    ],
)
def test_a_datelines_city_gives_a_bare_body_its_country(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fifteen: goods named by their origin in a reported clause do nothing; the body
        # that reports the figure is whose news it is.
        ("중동산 원유 수입이 사상 최대를 기록했다고 일본 재무성이 밝혔다.", JAPAN),
        # guard: an actor in the reported clause still acts
        ("중국 해경선이 센카쿠 영해에 들어왔다고 일본 해상보안청이 밝혔다.", CHINA),
    ],
)
def test_goods_by_origin_in_a_reported_clause(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fifteen: a list's owner with a unit and initials before its 의; an English
        # list's owner ("put back on Tokyo's list").
        ("일본 장비 업체 3곳이 상무부 산업안보국(BIS)의 우려 거래자 명단에 올랐다. "
         "일본 정부는 유감을 표명했다.", US),
        ("Taiwan was put back on the European Union's list of tax havens. Taipei called the "
         "decision unfair.", EUROPE),
        # guard: a list with no owner named leaves the hand-over as before
        ("Three Korean firms were added to a sanctions list. The U.S. Treasury said more would "
         "follow.", US),
    ],
)
def test_a_lists_owner_with_its_unit_or_in_english(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fifteen: a committee, panel or watchdog named by its seat, after "a" too.
        ("Weeks after Japanese carmaker Nissan cut jobs, a parliamentary panel in Paris "
         "summoned the head of Renault.", EUROPE),
        ("A Senate committee in Washington grilled the chief executive of Chinese retailer "
         "Temu.", US),
        # guard: a firm in a city is no body named by its seat
        ("Weeks after Samsung cut prices, a startup in Shenzhen launched a rival phone.", OTHER),
    ],
)
def test_a_committee_named_by_its_seat(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round fifteen: a content clause before the verdict of the owner's review.
        ("일본 유니클로가 프랑스 경쟁당국의 현장 조사에서 가격 담합 정황이 있다는 판정을 "
         "받았다.", EUROPE),
        # guard: a verdict received in someone else's review with no owner named stays the
        # subject's
        ("일본 유니클로가 자체 품질 점검에서 기준을 충족했다는 판정을 받았다.", JAPAN),
    ],
)
def test_a_content_clause_before_the_owners_verdict(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: a firm named with its country in a clause that closes before the
        # actor. Verbs of leaving and holding in their adnominal form close the clause
        # (떠난, 물러난, 손뗀, 빠진, 밀려난), and so does an auxiliary ("양분해 온") before a
        # subject whose own clause runs on into "…하겠다는 계획을".
        ("일본 파나소닉이 떠난 멕시코 공장에서 중국 비야디가 배터리 조립을 시작했다.", CHINA),
        ("미국 포드가 물러난 인도 시장에서 일본 스즈키가 점유율을 더 높였다.", JAPAN),
        ("독일 지멘스가 손뗀 가전 사업부를 중국 하이얼이 넘겨받아 새 브랜드를 내놨다.", CHINA),
        ("미국 GM이 빠진 러시아 시장에서 중국 체리자동차가 판매 1위에 올랐다.", CHINA),
        ("한국 업체들이 밀려난 베트남 가전 시장에서 중국 샤오미가 1위에 올랐다.", CHINA),
        ("삼성전자와 SK하이닉스가 양분해 온 D램 시장에서 중국 CXMT가 점유율을 15%로 높이겠다는 "
         "계획을 공개했다.", CHINA),
    ],
)
def test_a_firm_named_in_a_clause_that_closes_before_the_actor(text: str,
                                                               expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: a name before a copula that closes a clause ("…였지만,", "…이지만,")
        # is no subject ("였지만" is no particle 만), and the cleft or topic it completes
        # closes before the subject after it, which acts.
        ("영국 반도체 설계사 인수전의 승자는 엔비디아가 아니라 소프트뱅크였지만, 엔비디아는 "
         "데이터센터 매출을 두 배로 늘렸다.", US),
        ("유럽 배터리 공장 수주를 따낸 곳은 한국 LG에너지솔루션이 아니라 중국 CATL이었지만, "
         "일본 파나소닉은 북미 공장 증설로 맞섰다.", JAPAN),
        ("애플 아이폰의 최대 조립업체는 대만 폭스콘이지만, 중국 럭스셰어가 인도 공장을 세워 "
         "물량을 늘리고 있다.", CHINA),
    ],
)
def test_a_copula_clause_closes_before_the_actor(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: acts received. A court in 에서 sentences as an agent in 로부터 does
        # (its place, or the place and the court in one word); "전 직원" is a former
        # employee, no verb; initials may follow a body before its 로부터, and the body
        # named again by its name or last words in a later sentence is the same country's.
        ("미국 보잉의 일본 법인 임원이 도쿄지방재판소에서 벌금형을 선고받았다.", JAPAN),
        ("중국 화웨이의 전 직원이 미국 텍사스주 법원에서 징역 5년을 선고받았다.", US),
        ("네덜란드 ASML 출신 엔지니어가 중국 선전 중급인민법원에서 영업비밀 유출 혐의로 "
         "실형을 선고받았다.", CHINA),
        ("일본 도요타가 미국 법원에서 배상 판결을 받았다.", US),
        ("미국 아마존이 판매자 수수료 문제와 관련해 멕시코 경제경쟁위원회(COFECE)로부터 "
         "과징금을 부과받았다. 경쟁위원회는 아마존이 입점 업체를 차별했다고 판단했다. "
         "아마존은 불복 소송을 내겠다고 밝혔다.", OTHER),
        # English: a penalty received "from" someone; a judicial passive whose place is in "in"
        ("A senior Astellas Pharma employee was jailed for three and a half years in Beijing "
         "on espionage charges.", CHINA),
        ("Meta was hit with a 2.1 billion rupee fine from India's competition regulator over "
         "WhatsApp's privacy policy.", OTHER),
        ("Two Toyota engineers were arrested in Shanghai on suspicion of stealing battery "
         "secrets.", CHINA),
    ],
)
def test_acts_received_from_a_court_or_a_body(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: names the tables lacked, in the spellings writers use: a firm's name
        # written with a space before its last word, a Japanese firm spelt from the katakana,
        # a Chinese start-up in a cleft's focus, Korea's trade commission bare.
        ("일본 ANA홀딩스와 손잡은 전기 수직이착륙기 업체 아처 에비에이션이 오사카 시범 비행을 "
         "마쳤다.", US),
        ("미국 엔비디아의 주문이 늘자 반도체 검사장비 업체 아드반테스트가 연간 실적 전망을 "
         "올렸다.", JAPAN),
        ("중동 국부펀드와 합작사를 세운 것은 중국 니오가 아니라 전기차 스타트업 휴먼 "
         "호라이즌스였다.", CHINA),
        ("일본산 스테인리스 강판 수입이 늘자 무역위원회는 일본 철강사 제품에 반덤핑 관세를 "
         "매기자고 건의하기로 했다.", OTHER),
    ],
)
def test_names_in_the_spellings_writers_use(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: a bare national body as the main subject (a finance ministry, a
        # central bank, currency authorities) is the country whose currency the lead names,
        # not the country named in the fronted clause.
        ("As U.S. yields climbed and the yen sank past 160, the Ministry of Finance sold "
         "dollars for the first time since April.", JAPAN),
        ("Despite a rebound in the euro as U.S. inflation cooled, the central bank kept rates "
         "on hold.", EUROPE),
        ("Amid a slump in the rupee as U.S. tariffs took effect, the finance ministry cut fuel "
         "taxes.", OTHER),
        ("As Washington pressed Tokyo on the yen, the Ministry of Finance said it had no target "
         "level.", JAPAN),
        ("미국 국채 금리가 오르며 엔화 가치가 달러당 160엔대로 떨어지자 외환당국이 시장에 "
         "개입했다.", JAPAN),
    ],
)
def test_a_bare_national_body_is_the_currencys_country(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: a benefit for a class of firms named by examples ("A와 B 등 …하는
        # 기업들이 받는 세액공제가 늘어난다") is the policy of the country where they build, or
        # of the maker the next sentence names; the firms named as examples only receive it.
        ("삼성전자와 TSMC처럼 미국에 공장을 짓는 반도체 기업들이 받을 투자세액공제가 35%로 "
         "늘어난다.", US),
        ("쉬인과 테무 등 중국 온라인 플랫폼들이 누려온 소액 소포 면세 혜택이 사라진다. 일본 "
         "재무성은 내년 4월부터 모든 수입 소포에 소비세를 매기기로 했다.", JAPAN),
        ("아마존과 이베이 등 미국계 온라인 플랫폼들이 누려온 소액 수입품 면세 혜택이 사라졌다. "
         "인도네시아 정부가 전자상거래 수입품 면세 기준을 없앴기 때문이다.", OTHER),
        ("폭스바겐과 BMW 같은 독일 완성차 업체들이 받아온 중국 내 전기차 구매 보조금이 올해 말 "
         "종료된다. 중국 재정부는 보조금 대신 세제 지원을 늘리겠다고 밝혔다.", CHINA),
        ("A tax credit for chipmakers such as Samsung and TSMC that build plants on U.S. soil "
         "will rise to 35% from 25%.", US),
    ],
)
def test_a_benefit_for_a_class_of_firms_is_the_policy_makers(text: str,
                                                             expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: a local firm the tables lack is the place's named before it; "the won"
        # is Korea's currency (not the verb), which a bare finance ministry then belongs to.
        ("Weeks after Bosch quit its Suzhou plant in China, local rival Hikang restarted "
         "production there.", CHINA),
        ("독일 보쉬가 떠난 중국 쑤저우 공장을 현지 업체 하이캉이 인수해 가동을 재개했다.", CHINA),
        ("미국 월마트가 철수한 독일 시장에서 현지 유통업체 카우프란트가 점유율을 늘렸다.", EUROPE),
        ("As U.S. yields jumped and the won fell past 1,450, the finance ministry pledged to "
         "calm the market.", OTHER),
    ],
)
def test_a_local_firm_and_the_won(text: str, expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Round sixteen: a body in 에서 that an order or a fine is received from acts, as one in
        # 로부터 does; so does the body a fine is paid to ("…에 과징금을 물게 됐다"). English:
        # "will pay a fine to X", "received a corrective order from X".
        ("미국 구글이 일본 공정거래위원회에서 시정명령을 받았다.", JAPAN),
        ("미국 애플이 프랑스 경쟁당국에서 과징금 처분을 받았다.", EUROPE),
        ("일본 소니가 미국 연방거래위원회(FTC)에서 과징금을 부과받았다.", US),
        ("중국 틱톡이 아일랜드 데이터보호위원회(DPC)에 5억 유로의 과징금을 물게 됐다.", EUROPE),
        ("미국 메타가 나이지리아 경쟁당국에 2억2천만 달러의 벌금을 내기로 했다.", OTHER),
        ("TikTok will pay a 500 million euro fine to Ireland's Data Protection Commission over "
         "children's data.", EUROPE),
        ("Meta agreed to pay a $220 million penalty to Nigeria's consumer protection "
         "regulator.", OTHER),
        ("Google received a corrective order from Japan's Fair Trade Commission over its "
         "search deals.", JAPAN),
    ],
)
def test_a_body_an_order_is_received_from_or_a_fine_paid_to(text: str,
                                                             expected: Region) -> None:
    result = _classified(text)
    assert result.region is expected, result.reason
