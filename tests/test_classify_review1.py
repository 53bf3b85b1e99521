from tests.region_cases import EUROPE, US, misfiled

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
