"""Round seventeen's families (c17/c18's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round seventeen" lists the rules.
"""

from __future__ import annotations

import pytest

from newsletter.classify import classify
from newsletter.models import Region, Summary

US, CHINA, JAPAN, EUROPE, OTHER = (Region.US, Region.CHINA, Region.JAPAN, Region.EUROPE,
                                   Region.OTHER)


def region_of(text: str) -> Region:
    return classify(Summary(text=text)).region


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The firms put their own name on a list; the next sentence's body keeps it.
        ("일본 부품사 도레이와 TDK 등 30여 곳이 우려 거래자 명단에 이름을 올렸다. 미 상무부는 "
         "이들이 러시아 군수업체에 부품을 공급했다고 밝혔다.", US),
        # A list named in quotes.
        ("독일 화학업체 바스프와 랑세스가 '신뢰할 수 없는 실체 목록'에 추가됐다. 중국 상무부는 대만에 "
         "무기를 판 업체와 거래했다는 이유를 들었다.", CHINA),
    ],
)
def test_a_list_the_lead_ends_on_is_the_next_bodys(text: str, expected: Region) -> None:
    assert region_of(text) == expected
