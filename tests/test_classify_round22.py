"""Round twenty-two's families (c27/c28's misses, issue 13), in sentences written for this file.

The first test's cases failed before their rule; the neighbours must not move.
docs/classify.md "Round twenty-two" lists the rules and how often each fires.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body of one country acting on a firm of another, its side named again after
        ("Tencent Music and Baidu were placed on a Pentagon list of firms it links to China's "
         "military, sending their shares down in Hong Kong. Being listed can bar them from "
         "U.S. defence contracts.", US),
        ("Xiaomi was put on a Pentagon list of companies tied to the Chinese army, and its "
         "shares fell in Hong Kong. The U.S. listing does not ban trade.", US),
        ("일본 소니가 경기도 평택에 짓는 센서 공장은 산업통상자원부로부터 2천억원의 보조금을 "
         "받는다. 산업통상자원부 장관은 공급망 투자라고 말했다.", OTHER),
        ("미국 드론업체 브링크가 중국 외교부의 제재 대상에 올라 부품 조달이 막혔다. 외교부는 "
         "대만 무기 판매에 대한 대응이라고 밝혔다.", CHINA),
        # a bare 상무부 whose home the summary gives as China
        ("미국과 일본, 한국산 에폭시 수지에 대해 상무부가 반덤핑 관세를 물리기로 했다. 상무부는 "
         "덤핑이 중국 산업에 피해를 줬다고 밝혔다.", CHINA),
        ("의류업체 갭과 장비업체 써모피셔가 상무부의 '신뢰할 수 없는 실체' 명단에 올랐다. 두 "
         "회사는 무역이 제한될 수 있다.", CHINA),
    ],
)
def test_round22_families(text: str, expected: Region) -> None:
    assert region_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the firm's own story: a one-line listing, its shares, its appeal, its own contract
        ("러시아 석유기업 루크오일이 미국 재무부의 제재 대상에 올랐다.", EUROPE),
        ("Shares of Nintendo slid after the U.S. Commerce Department opened a probe into "
         "game consoles.", JAPAN),
        ("Hanwha Ocean won a contract to overhaul U.S. Navy supply ships.", OTHER),
        ("인도 아다니그룹이 미국 법무부의 기소에도 항만 투자를 이어가겠다고 밝혔다.", OTHER),
        # a bare 상무부 that stays America's: a dateline in Washington, China as a target
        ("(워싱턴=연합뉴스) 상무부는 중국산 태양광 패널에 대한 조사에 착수했다.", US),
        ("보조금을 받은 기업은 중국에서 공장을 늘릴 수 없게 된다. 상무부는 반도체법 규정을 "
         "확정했다.", US),
        # a body acting on a firm of its own country, or named first: unchanged
        ("인텔이 한국 공정거래위원회로부터 과징금 처분을 받았다. 공정위는 리베이트가 경쟁사를 "
         "배제했다고 밝혔다.", OTHER),
        ("Intel was fined 400 million euros by the European Commission. The Commission said "
         "the rebates hurt rivals.", EUROPE),
        # China's 상무부 named with its country: unchanged
        ("중국 상무부는 미국산 대두에 보복 관세를 매기겠다고 밝혔다.", CHINA),
    ],
)
def test_round22_neighbours(text: str, expected: Region) -> None:
    assert region_of(text) == expected
