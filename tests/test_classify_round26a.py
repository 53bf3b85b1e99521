from tests.region_cases import EUROPE, JAPAN, US, Region, region_of

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
