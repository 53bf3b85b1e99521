from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round twenty-seven's families (c39-c44's misses, issue 13), in sentences written for this
# file. Each `*_is_*` test's cases failed before their rule; the neighbours must not move.
# docs/classify.md "Round twenty-seven" lists the rules. Plain loops, no pytest import.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def test_passive_past_a_time_adverb_is_the_agents() -> None:
    assert misfiled([
        ("Amazon and Microsoft are now barred by a new German law from bundling their "
         "cloud storage with office software.", EUROPE),
        ("Tesla is also ordered by the Korea Fair Trade Commission to repay buyers.", OTHER),
    ]) == []


def test_passive_past_an_initials_dot_is_the_agents() -> None:
    assert misfiled([
        ("Hitachi's $3 billion offer for U.K. rail maker Alstom Signal was rejected by "
         "President Emmanuel Macron.", EUROPE),
        ("Tencent's proposed stake in U.S. game studio Riot was blocked by President Donald "
         "Trump on security grounds.", US),
    ]) == []


def test_passive_widened_neighbours() -> None:
    assert misfiled([
        # a relative clause's passive stays background
        ("Sony, which was now fined by the European Commission, opened a studio in Osaka.",
         JAPAN),
        # no passive: the subject acts
        ("Hitachi now sells rail signals to the U.S. and Canada.", JAPAN),
    ]) == []


def test_ministry_answering_americas_act_on_chinese_goods_is_chinas() -> None:
    assert misfiled([
        ("미국이 중국산 전기차에 100% 관세를 매기자 상무부는 미국 방산업체 세 곳을 수출통제 "
         "명단에 추가했다. 상무부는 보복 조치라고 밝히지 않았다.", CHINA),
        ("미국 정부가 중국산 드론에 관세를 매기자 상무부는 미국 드론업체 두 곳을 제재 명단에 "
         "올렸다. 상무부는 안보를 이유로 들었다.", CHINA),
    ]) == []


def test_ministry_answering_americas_act_neighbours() -> None:
    assert misfiled([
        # China named past the fronted clause: America's ministry acting on Chinese firms
        ("미국이 중국산 전기차에 100% 관세를 매기자 상무부는 중국 배터리 업체 세 곳을 수출통제 "
         "명단에 추가했다. 상무부는 우회 수출을 막기 위한 조치라고 밝혔다.", US),
        # no hostile act: a subsidy is America's own
        ("미국이 중국산 전기차에 100% 관세를 매기자 상무부는 미국 배터리 업체 세 곳에 보조금을 "
         "주기로 했다. 상무부는 공급망을 키우기 위한 조치라고 밝혔다.", US),
    ]) == []


def test_back_on_or_off_a_trust_list_is_the_owners() -> None:
    assert misfiled([
        ("Taiwan was removed from China's whitelist of chip suppliers.", CHINA),
        ("The Philippines was restored to Korea's 'white list' of exporters after a year.", OTHER),
        ("Germany was returned to Japan's white list of trusted buyers of chip chemicals.", JAPAN),
    ]) == []


def test_back_on_list_neighbours() -> None:
    assert misfiled([
        # no list: a plain return stays the subject's
        ("Nissan was returned to profit by cost cuts at its U.S. plants.", JAPAN),
    ]) == []


def test_trade_word_speaker_is_the_one_firm_named() -> None:
    assert misfiled([
        ("Chinese export curbs on gallium cost Umicore about 40 million euros in lost sales, "
         "the group said, and it trimmed its outlook.", EUROPE),
        ("U.S. chip controls cut Tokyo Electron's China revenue by a fifth last quarter, the "
         "company said on Tuesday.", JAPAN),
    ]) == []


def test_trade_word_speaker_neighbours() -> None:
    assert misfiled([
        # two firms named: no antecedent to pick, the plain reading stands
        ("Japanese rules now let Sony and Apple share app payments with rivals, the company "
         "said.", JAPAN),
        # a named speaker is the plain rule's
        ("Chinese tariffs cut exports of Airbus jets by a third, Airbus chief Guillaume Faury "
         "said.", EUROPE),
    ]) == []
