from newsletter.classify_correct import rules_only
from tests.region_cases import CHINA, EUROPE, JAPAN, US, misfiled

# Round thirty-four (issue 13): a lead whose main subject is a class of ships, migrants, buyers
# or the like under a rule, or a class denied something ("받지 못한다", "설치할 수 없다"), is the
# story of the rule-maker the next sentence names (newsletter/classify_r34_class.py, called
# from classify_handover._class_under_rule). Sentences written for this file, read by the rules
# alone (the learned correction happened to rescue two of them before the rule); the *_is_*
# tests failed before the rule.

_MORE_CLASSES = [
    ("일본 해운사가 운영하거나 일본 조선소에서 건조된 선박은 유럽 항구에 들어올 때 별도의 "
     "수수료를 내야 한다. 집행위원회는 이 같은 조치를 확정했다고 밝혔다.", EUROPE),
    ("중국으로 돈을 보내는 이민자들은 내년부터 송금액의 2%를 세금으로 내야 한다. "
     "재무부는 이런 내용의 시행 규칙을 내놓았다.", US),
]

_DENIALS = [
    ("일본 업체가 만든 감시 카메라 제품은 앞으로 정부 청사에 설치할 수 없다. "
     "중국 국가안전부는 보안 점검 결과를 근거로 이같이 결정했다.", CHINA),
    ("중국계 업체가 만든 배터리 소재를 쓴 전기차는 다음 해부터 구매 보조금을 받지 못한다. "
     "독일 경제부는 이런 내용의 지침을 내놓았다.", EUROPE),
]

_NEIGHBOURS = [
    # a class, but no rule: the lead's own subject stands
    ("중국 조선소에서 건조된 선박은 지난해 세계 발주량의 절반을 넘었다.", CHINA),
    # a named firm as subject denied something: the firm's story
    ("도요타는 이번 분기 보조금을 받지 못한다. 회사는 가격을 동결하기로 했다.", JAPAN),
]


def test_a_class_of_ships_or_migrants_under_a_rule_is_the_makers() -> None:
    with rules_only():
        assert misfiled(_MORE_CLASSES) == []


def test_a_class_denied_by_a_rule_is_the_makers() -> None:
    with rules_only():
        assert misfiled(_DENIALS) == []


def test_neighbours_keep_their_readings() -> None:
    with rules_only():
        assert misfiled(_NEIGHBOURS) == []
