"""Round twenty-four's families (c31-c34's misses, issue 13), in sentences written for this file.

Each first test's cases failed before their rule; the neighbours must not move.
docs/classify.md "Round twenty-four" lists the rules and how often each fires.
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
        # the price (and an adverb) between the buyer and the passive verb
        ("인텔이 SK하이닉스에 현금 약 90억 달러에 최종 매각됐다. 거래는 2년에 걸쳐 마무리된다.",
         OTHER),
        ("도시바가 인피니언에 현금 약 12억 유로에 결국 인수됐다. 규제 당국의 심사가 길어졌었다.",
         EUROPE),
    ],
)
def test_buyer_after_price_takes_passive_purchase(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buyer itself is the subject: unchanged
        ("SK하이닉스가 인텔의 낸드 사업부를 90억 달러에 최종 인수했다.", OTHER),
        # a firm sold, the price only; no buyer named after it
        ("도시바의 메모리 사업부가 약 180억 달러에 최종 매각됐다.", JAPAN),
    ],
)
def test_buyer_after_price_neighbours(text: str, expected: Region) -> None:
    assert region_of(text) is expected
