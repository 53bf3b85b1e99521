from tests.region_cases import JAPAN, OTHER, misfiled

# Round thirty-four (issue 13): a bare 공정거래위원회 told by Japan's own order (배제조치명령,
# newsletter/classify_r34_jftc.py), and Japan's smartphone competition act by its name
# (newsletter/lexicon/japan-r34.tsv). Sentences written for this file; the *_is_japan tests
# failed before the round.

_JAPANS_ORDER = [
    ("미국 아마존이 입점업체에 최저가를 강요했다는 이유로 공정거래위원회로부터 "
     "배제조치명령을 받았다. 아마존은 명령을 따르겠다고 밝혔다.", JAPAN),
    ("공정위가 음원 유통업체 두 곳에 배제조치명령을 내렸다. "
     "위원회는 계약 관행을 고치라고 요구했다.", JAPAN),
]

_JAPANS_ACT = [
    ("구글과 애플을 겨냥한 스마트폰 경쟁촉진법이 이달 시행됐다. 두 회사는 외부 결제를 열어야 한다.",
     JAPAN),
    ("'스마트폰 소프트웨어 경쟁촉진법'이 전면 시행되면서 공정거래위원회는 애플과 구글의 앱 장터 "
     "운영을 감시하기 시작했다.", JAPAN),
    ("The Mobile Software Competition Act took full effect, forcing Apple to allow rival app "
     "stores.", JAPAN),
]

_NEIGHBOURS = [
    # Korea's commission issues 시정명령
    ("미국 아마존이 입점업체에 최저가를 강요했다는 이유로 공정거래위원회로부터 시정명령을 받았다.",
     OTHER),
    # the term, but a sum in won: Korea's commission
    ("공정거래위원회가 배제조치명령과 함께 과징금 30억원을 부과했다.", OTHER),
    # the term, but the home market named
    ("공정위는 국내 배달앱 업체에 배제조치명령에 준하는 시정 조치를 내렸다.", OTHER),
]


def test_a_commission_issuing_japans_order_is_japan() -> None:
    assert misfiled(_JAPANS_ORDER) == []


def test_japans_smartphone_act_is_japan() -> None:
    assert misfiled(_JAPANS_ACT) == []


def test_neighbours_keep_koreas_commission() -> None:
    assert misfiled(_NEIGHBOURS) == []
