from tests.lexicon_rounds import round_terms, words_started
from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Stop 28d (issue 13): three English shapes (newsletter/classify_s28d_english.py) and names the
# tables lacked (newsletter/lexicon/*-s28d.tsv, the 와이즈 pattern in classify_tables).
# Sentences written for this file, with other names; each failed before the change.

_ENGLISH_SHAPES = [
    # a class of firms led by named ones is its leaders' group, after a fronted foreign clause
    ("As Chinese steel exports flooded the region, seven steelmakers led by POSCO and Hyundai "
     "Steel agreed to cut output under government pressure.", OTHER),
    ("As American rivals slashed prices, four shipbuilders led by Fincantieri agreed to pool "
     "orders.", EUROPE),
    # a fronted clause's object list in asides does not lead
    ("After fining several brokers, including units of Japan's Nomura and China's CITIC, over "
     "late trade reports, Singapore tightened its disclosure rules on Tuesday.", OTHER),
    ("After suing several carmakers, such as Germany's BMW, over emissions data, "
     "Texas settled with them on Friday.", US),
    # a government as the head acts; a "by <country>" in an aside is no body acting on it
    ("The Japanese government will require Tokyo Electron to seek permits before selling "
     "older etching tools, filling a gap left by U.S. controls. Officials in Washington "
     "welcomed the step.", JAPAN),
]

_NAMES = [
    ("미국 시장 둔화에도 엔스케일이 노르웨이 데이터센터 증설에 나섰다.", EUROPE),
    ("Backed by American investors, Nscale raised fresh funds for its data centres.", EUROPE),
    ("미국 상장을 추진하는 해외송금 핀테크 와이즈가 주주 승인을 얻었다.", EUROPE),
    ("미국 통신사 지분을 사들인 BCE가 구조조정에 나섰다.", OTHER),
    ("칠레 광산 파업 속에 프리포트맥모런이 구리 생산 전망을 낮췄다.", US),
    ("인도네시아 정부와 협상하는 프리포트-맥모런이 수출 허가를 받았다.", US),
    ("중국 철강 공세에 스무트홀리 관세법이 다시 거론됐다.", US),
]

# 와이즈 without a word that says it is the fintech is not matched (와이즈테크 is Australian).
_OTHER_FIRMS_SPELT_SO = [
    ("필리핀 메트로은행이 순이익이 20% 늘었다고 밝혔다. 은행은 배당을 늘린다.", OTHER),  # Metrobank
    ("미국 물류 시장에서 와이즈테크글로벌이 인수를 마무리했다.", OTHER),
]


def test_english_shapes_file_under_the_actor() -> None:
    assert misfiled(_ENGLISH_SHAPES) == []


def test_names_the_tables_lacked_file_under_their_region() -> None:
    assert misfiled(_NAMES) == []


def test_a_bare_wise_spelling_stays_out() -> None:
    assert misfiled(_OTHER_FIRMS_SPELT_SO) == []


def test_no_korean_name_of_the_stop_starts_another_word_in_the_bench() -> None:
    assert words_started(round_terms("s28d")) == set()


# Review of stop 28d (attacks on its shapes; sentences written for this file, each misfiled
# after the stop and filed right before it).
_MAIN_CLAUSE_AFTER_FRONT = [
    # a piece opening with a quantity or a place/time phrase can be the main clause itself:
    # what follows it is only a speaker's tag or a relative clause, no main clause
    ("Since the dispute began, over 200 Chinese suppliers have left Vietnam, the Vietnamese "
     "trade ministry said.", CHINA),
    ("After the EU vote, in Tokyo the industry ministry announced a probe into German steel, "
     "the German economy minister said.", JAPAN),
    ("After the walkout, on Tuesday Hyundai resumed output at its Ulsan plant, Japanese "
     "analysts said.", OTHER),
    ("After the recall, at least 30 Toyota dealers in Texas shut their doors, a U.S. dealers' "
     "group said.", JAPAN),
    ("After the EU vote, in Tokyo the industry ministry opened a probe into German steel, which "
     "Berlin called unfair.", JAPAN),
]

# a group that carries its own nationality ("French investors") is named already: the leaders
# do not replace it
_NAMED_GROUP_LED_BY = [
    ("French investors led by Canada's Brookfield agreed to buy a stake in EDF's grid unit.",
     EUROPE),
    ("Swiss lenders led by Japan's Nomura agreed to refinance the Zurich airport.", EUROPE),
    # leaders of two regions: the group is the first-named leader's
    ("Crude producers led by Saudi Arabia and Russia agreed to keep output curbs through "
     "March.", OTHER),
]

_NAMES_IN_CONTEXT = [
    # "the BCE" is the ECB in French, Spanish, Italian and Portuguese copy; BCE the Canadian
    # firm takes no article
    ("Le Figaro reported that the BCE would hold rates, citing people close to the "
     "Frankfurt-based bank.", EUROPE),
    # 와이즈 at the start of a longer Korean firm name (와이즈에이아이, 와이즈와이어즈) is not Wise
    ("국내 IT 서비스 업체 와이즈에이아이가 미국 법인을 설립했다.", OTHER),
    ("국내 콜센터 서비스 업체 와이즈와이어즈가 미국 시장에 진출했다.", OTHER),
]


def test_a_front_does_not_swallow_a_main_clause_opening_with_a_preposition() -> None:
    assert misfiled(_MAIN_CLAUSE_AFTER_FRONT) == []


def test_a_group_with_its_own_nationality_keeps_it() -> None:
    assert misfiled(_NAMED_GROUP_LED_BY) == []


def test_names_of_the_stop_stay_out_of_other_names() -> None:
    assert misfiled(_NAMES_IN_CONTEXT) == []
