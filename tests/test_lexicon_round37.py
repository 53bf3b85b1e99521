from newsletter.classify_mentions import ENTRIES
from tests.lexicon_rounds import round_terms, words_started
from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-seven (issue 13): a fourth breadth round in newsletter/lexicon/*-r37.tsv, weighted
# to the US (mid-size and small listed firms, federal bodies, acts and programmes named without
# the country, governors), then Japan's budget and cabinet vocabulary, regional banks and
# mid-caps, China's regulators, cities and firms. Sentences written for this file, most with
# another country named first; each failed before the round.

_NAMES_WITHOUT_A_COUNTRY = [
    # a rent-pricing software firm, a home-flipping platform and a farm-machinery maker
    ("한국 부동산 시장과 달리 리얼페이지는 임대료 산정 알고리즘 소송에 휘말렸다.", US),
    ("중국 경기 둔화 속에 오픈도어가 주택 매입 물량을 줄였다.", US),
    ("중국 경기 둔화 속에 밸몬트인더스트리스가 관개 장비 판매 전망을 낮췄다.", US),
    # a maritime commission and a defence act
    ("중국 해운사들의 운임 담합 의혹에 연방해사위원회가 조사에 착수했다.", US),
    ("국방수권법이 대만과의 방산 협력을 늘리는 조항을 담았다.", US),
    # Japan's budget and cabinet vocabulary and a regional bank
    ("보정예산 편성안이 각의결정된 날 중국도 경기 부양책을 내놨다.", JAPAN),
    ("미국 금리 인하 기대에 메부키파이낸셜그룹 주가가 올랐다.", JAPAN),
    # a battery maker and a lens maker, after Europe or the US is named
    ("유럽 수요 둔화 속에 선우다가 배터리 증설을 미뤘다.", CHINA),
    ("미국 관세 여파로 써니옵티컬이 멕시코 공장 계획을 접었다.", CHINA),
    # a Canadian retailer and a Turkish holding company
    ("미국 관세 부과 이후 캐나디안타이어가 가격 인상을 예고했다.", OTHER),
    ("유럽 경기 둔화 속에 사반즈홀딩이 에너지 자회사 지분을 팔았다.", OTHER),
    # a Swiss flavour maker, a Dutch publisher and a German gearbox maker
    ("중국 수요 둔화 속에 지보당이 향료 가격을 내렸다.", EUROPE),
    ("일본 경쟁사들과 달리 볼터스클루버는 인공지능 매출을 늘렸다.", EUROPE),
    ("중국 전기차 공세 속에 렝크가 전차 변속기 증산에 나섰다.", EUROPE),
]


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES_WITHOUT_A_COUNTRY) == []


# Each place a round-37 Korean name starts a longer word in a bench or test-data text (Korean
# names match at a word's start): read, and each still names the same firm, body or law.
_REVIEWED = {
    ("카프리홀딩스", "로부터"), ("생물보안법", "안이"), ("스타게이트 프로젝트", "용"),
    ("닝더", "스다이"), ("노르웨이은행투자관리", "청"),
    ("포트리스인베스트먼트", "그룹으로의"),  # c101 (bench at 6f5d1c0): the same firm
}


def _round_terms() -> list[str]:
    return round_terms("r37")


def test_no_korean_name_of_the_round_starts_another_word_in_the_bench() -> None:
    found = words_started(_round_terms())
    assert found <= _REVIEWED, sorted(found - _REVIEWED)


# Spellings the round left out (the files' headers say why): a Korean word, the start of a
# longer name of another region, a name shared across regions, or a body the tables had
# under a shorter name (the longer one would count the country and the body as one mention).
_LEFT_OUT = [
    "옥타", "시에나", "번지", "업스타트", "스냅", "루트", "레모네이드", "불리시", "니콜라", "이우",
    "우후", "방시", "한미은행", "중국 국무원", "미국 상원", "미국 국무부", "미국 국방부", "차임",
    "후지미", "도소", "마스코", "와하하", "인사원", "폴라리스",
]


def test_the_left_out_spellings_are_not_entries() -> None:
    assert [term for term in _LEFT_OUT if term in ENTRIES] == []
    assert not set(_LEFT_OUT) & set(_round_terms())
