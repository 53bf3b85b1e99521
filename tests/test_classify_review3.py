from tests.region_cases import JAPAN, OTHER, US, misfiled

# Review of round thirty-eight (review 3). Sentences written for this file.

# A cleft whose own subject is followed by a span of time in 뒤/후 ("3년 뒤", "그 뒤"): the
# name is the cleft's own subject, not a fronted clause's (classify_r36_cleft._FRONTED_AFTER,
# now classify_cleft_focus._FRONTED_AFTER).
_TIME_SPAN_IN_A_CLEFT = [
    ("애플이 3년 뒤 새 생산기지로 택한 곳은 중국이 아니라 인도였다.", US),
    ("애플이 2년 후 새 생산기지로 택한 곳은 중국이 아니라 인도였다.", US),
    ("도요타가 1년 뒤 새 배터리 공급처로 고른 곳은 CATL이 아니라 LG에너지솔루션이었다.", JAPAN),
    ("도요타가 그 뒤 배터리 공급처로 고른 곳은 CATL이 아니라 LG에너지솔루션이었다.", JAPAN),
]


def test_a_span_of_time_in_a_cleft_keeps_its_own_subject() -> None:
    assert misfiled(_TIME_SPAN_IN_A_CLEFT) == []


# An English front whose comma is followed by a person's title "the head of X's …" and then
# the person's name: the title is the main subject, not an appositive on the front's last
# name (classify_r38e_front._APPOSITIVE). The test fails at f6bdd24.
_A_TITLE_AFTER_THE_FRONT = [
    ("After a meeting with Elon Musk in Austin, the head of Samsung's foundry business, "
     "Han Jin-man, said the deal was close.", OTHER),
]


def test_a_title_after_the_front_is_the_main_subject() -> None:
    assert misfiled(_A_TITLE_AFTER_THE_FRONT) == []


# A bare 연방법원 (or 연방정부) counted in yen or yuan: neither Japan nor China has a federal
# body, so the money names the firm's home, not the court's (classify_r28b_body).
_FEDERAL_COURT_IN_YEN_OR_YUAN = [
    ("연방법원이 도요타에 배상금 300억 엔을 지급하라고 판결했다.", US),
    ("연방법원은 BYD에 2억 위안의 배상을 명령했다.", US),
]


def test_a_bare_federal_court_in_yen_or_yuan_is_not_japans_or_chinas() -> None:
    assert misfiled(_FEDERAL_COURT_IN_YEN_OR_YUAN) == []
