from newsletter.classify_mentions import ENTRIES
from tests.lexicon_rounds import round_terms, words_started
from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-five (issue 13): a third breadth round in newsletter/lexicon/*-r35.tsv (mid-size
# firms of every region and industry, their heads, central bankers and ministers, regulators,
# exchanges, provinces and cities). Sentences written for this file, most with another country
# named first; each failed before the round.

_NAMES_WITHOUT_A_COUNTRY = [
    # a seed maker and a chip designer, after China or Japan is named
    ("중국 당국의 수입 승인이 늦어지자 코테바가 유전자변형 종자 출하를 미뤘다.", US),
    ("Lattice Semiconductor cut its forecast as Chinese factories ordered fewer chips.", US),
    # an inverter maker and a parcel carrier, after the US or Europe is named
    ("미국 전력망 투자 붐에 선그로가 에너지저장장치 수주를 늘리고 있다.", CHINA),
    ("SF Holding opened a cargo hub in Hungary to speed parcels to European shoppers.", CHINA),
    # a machinery maker and a regional bank
    ("미국 주택 착공이 늘면서 코마쓰가 북미 건설장비 판매 목표를 올렸다.", JAPAN),
    ("미국 금리가 오르자 콩코르디아파이낸셜이 배당을 늘렸다.", JAPAN),
    # an airline, a pension fund, a retailer and a central banker outside the four regions
    ("미국 수요가 살아나자 버진오스트레일리아가 태평양 노선 좌석을 늘렸다.", OTHER),
    ("미국 국채 금리 급등 이후 케베크주투자공사가 채권 비중을 줄였다.", OTHER),
    ("Facing US rivals, Dollarama said it would open 70 more stores next year.", OTHER),
    ("After the Fed's cut, Olayemi Cardoso said he saw no reason to follow at once.", OTHER),
    # a steel trader, a salmon farmer and an airline's head, after the US is named
    ("미국산 철강 관세 여파로 클로크너가 북미 유통 사업을 매각한다.", EUROPE),
    ("미국의 연어 수입 관세 부과에 모위가 출하 계획을 조정했다.", EUROPE),
    ("Michael O'Leary said delays at Boeing would cap growth in summer fares.", EUROPE),
]


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES_WITHOUT_A_COUNTRY) == []


# Each place a round-35 Korean name starts a longer word in a bench or test-data text (Korean
# names match at a word's start): read, and each still names the same firm or body.
_REVIEWED = {
    ("라이파이젠은행", "인터내셔널"), ("미국 상무부", "로부터"), ("미국 연방대법원", "으로부터"),
    ("미국 재무부", "로부터"), ("미국 재무부", "와도"), ("베이원", "메디슨"), ("엔비전", "그룹에"),
    ("엔비전", "그룹이"), ("우시", "바이오로직스"), ("우시", "앱텍"), ("우시", "앱텍과"),
    ("우시", "앱텍은"), ("우시", "앱텍이"),  # c97 (bench at 6f5d1c0): WuXi AppTec, China too
}


def _round_terms() -> list[str]:
    return round_terms("r35")


def test_no_korean_name_of_the_round_starts_another_word_in_the_bench() -> None:
    found = words_started(_round_terms())
    assert found <= _REVIEWED, sorted(found - _REVIEWED)


# Spellings the round left out (the files' headers say why): a Korean word, the start of a
# longer name of another region, a name shared across regions, or a foreign firm's plant town.
_LEFT_OUT = [
    "말레", "밀레", "리들", "북해", "커넬", "리가", "다카", "신주", "압사", "정기선", "메리다",
    "파카", "비자", "타깃", "이온", "선전", "창사", "웨스트라피엣", "엘라벨", "그륀하이데",
    "박닌성", "BCE",  # BCE is a pattern since stop 28d's review (classify_tables says why)
]


def test_the_left_out_spellings_are_not_entries() -> None:
    assert [term for term in _LEFT_OUT if term in ENTRIES] == []
    assert not set(_LEFT_OUT) & set(_round_terms())
