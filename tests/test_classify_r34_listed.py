from tests.region_cases import CHINA, JAPAN, OTHER, misfiled

# Round thirty-four (issue 13): a firm put on a body's list whose name runs to six words, or
# listed in a clause before a second act on it ("…명단에 오른 데 이어 …금지당했다"), is the
# list owner's story (newsletter/classify_r34_listed.py, called from classify_acted_on).
# Sentences written for this file; the *_is_* tests failed before the rule.

_LONG_LISTS = [
    ("BYD와 CATL이 인도의 국가 안보 우려 기업 관리 명단에 올랐다.", OTHER),
    ("틱톡이 호주의 정부 기기 설치 금지 앱 명단에 올랐다. 회사는 유감을 표했다.", OTHER),
]

_LISTED_THEN_ACTED_ON = [
    ("마이크론이 중국 국가인터넷정보판공실의 '핵심 정보 인프라 보안 위험' 명단에 오른 데 이어 "
     "현지 판매까지 금지당했다.", CHINA),
    ("엔비디아가 중국 시장감독관리총국의 반독점 조사 대상 명단에 오른 뒤 현지 판매까지 "
     "제한당했다.", CHINA),
]

_NEIGHBOURS = [
    # a list named, but no one put on it: the subject acts
    ("화웨이는 대만의 전략 하이테크 물자 수출 통제 명단과 무관하게 새 스마트폰을 내놓았다.", CHINA),
    # listed, then the firm's own act
    ("화웨이가 미국의 수출 통제 명단에 오른 뒤에도 칩 설계 인력을 늘리겠다고 밝혔다.", CHINA),
    ("알리바바가 미국의 투자 제한 명단에 오른 직후 자사주 매입 규모를 늘렸다.", CHINA),
    # the listed firm is the object of the subject's act
    ("소니가 미국 상무부의 제재 명단에 오른 중국 업체와의 거래를 끊었다.", JAPAN),
]


def test_a_firm_on_a_long_named_list_is_the_owners() -> None:
    assert misfiled(_LONG_LISTS) == []


def test_a_firm_listed_then_acted_on_is_the_owners() -> None:
    assert misfiled(_LISTED_THEN_ACTED_ON) == []


def test_neighbours_keep_their_readings() -> None:
    assert misfiled(_NEIGHBOURS) == []
