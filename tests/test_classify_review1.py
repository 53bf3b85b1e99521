from tests.region_cases import EUROPE, JAPAN, OTHER, US, misfiled

# Review of round thirty-four (issue 13): ordinary wire sentences the round's rules were not
# meant for. Sentences written for this file.

# classify_r34_ministry: another country answers America's tariffs; the bare 상무부 (America's
# by the tables) then speaks for its own firms. "미국의 … 관세 … 맞서" is the other country's act.
_OTHER_COUNTRY_ANSWERS_AMERICA = [
    ("캐나다 정부가 미국의 철강 관세에 맞서 보복 관세를 예고하자 상무부는 자국 기업 보호 방안을 "
     "발표했다.", US),
    ("멕시코가 미국의 자동차 관세에 맞대응하겠다고 하자 상무부는 자국 산업을 지키겠다고 "
     "밝혔다.", US),
]

# classify_r34e_takeover.deal_by: a regulator or government that approves a deal by a buyer is
# the actor; only the firm sold (or its board) "approving a takeover by X" hands over to X.
_REGULATOR_APPROVES_DEAL = [
    ("The European Commission approved the acquisition by Microsoft of Activision Blizzard.",
     EUROPE),
    ("Brussels approved the acquisition by Microsoft of Activision Blizzard on Monday, ending "
     "a long antitrust review.", EUROPE),
]


def test_a_bare_ministry_after_another_country_answers_americas_tariffs_stays_americas() -> None:
    assert misfiled(_OTHER_COUNTRY_ANSWERS_AMERICA) == []


def test_a_regulator_approving_a_deal_by_a_buyer_keeps_the_lead() -> None:
    assert misfiled(_REGULATOR_APPROVES_DEAL) == []


# Lexicon round thirty-five: Halifax (and 핼리팩스) under Canada. Britain's largest mortgage
# lender of that name publishes the monthly house-price index the wires report; the Canadian
# port is rarely the story's actor.
_HALIFAX_THE_LENDER = [
    ("Halifax, the mortgage lender owned by Lloyds Banking Group, said British house prices "
     "rose 0.3% in May.", EUROPE),
    ("Halifax said house prices in Britain fell for a second month in October as mortgage "
     "rates stayed high.", EUROPE),
    ("영국 최대 모기지 업체 핼리팩스는 집값이 두 달 연속 하락했다고 발표했다.", EUROPE),
    ("핼리팩스는 영국의 6월 평균 주택가격이 전달보다 0.3% 올랐다고 밝혔다.", EUROPE),
]

# Lexicon round thirty-five: 하이파 (Haifa) opens 하이파이 (hi-fi), read as Israel's city.
_HI_FI = [
    ("독일 하이파이 오디오 업체들이 미국의 관세 여파로 가격을 올렸다.", EUROPE),
    ("일본 하이파이 업체들이 미국 관세에 대응해 생산을 옮긴다.", JAPAN),
]


def test_halifax_the_british_lender_is_not_read_as_canada() -> None:
    assert misfiled(_HALIFAX_THE_LENDER) == []


def test_hi_fi_is_not_haifa() -> None:
    assert misfiled(_HI_FI) == []


# classify_r34e_office: another country's president or lawmakers, named by a demonym or a title
# the tables lack, sign a bill into law or an executive order: not America's presidency.
_ANOTHER_PRESIDENCY = [
    ("Kenyan lawmakers passed a finance bill that the president signed into law on Wednesday.",
     OTHER),
    ("Ghanaian lawmakers approved a bill on Tuesday, and the president signed it into law.",
     OTHER),
    ("Rice importers will pay lower tariffs under an executive order signed by President "
     "Marcos.", OTHER),
    ("The minimum wage will rise to 70,000 naira under a bill signed into law by President "
     "Tinubu.", OTHER),
]


def test_another_countrys_law_or_order_is_not_americas() -> None:
    assert misfiled(_ANOTHER_PRESIDENCY) == []


# classify_r34_jftc: 배제조치명령 in a text that also names Korea's own order (시정명령), the
# term the module itself gives as Korea's commission's: the commission is Korea's.
_KOREAS_OWN_ORDER = [
    ("공정거래위원회가 배제조치명령에 준하는 시정명령을 애플에 내렸다.", OTHER),
    ("공정위는 메타에 시정명령을 내리면서 이번 조치가 배제조치명령과 같은 효력을 갖는다고 "
     "설명했다.", OTHER),
]


def test_a_commission_issuing_a_corrective_order_stays_koreas() -> None:
    assert misfiled(_KOREAS_OWN_ORDER) == []
