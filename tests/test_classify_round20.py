"""Round twenty's families (c23/c24's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round twenty" lists the rules.
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
        # The lexicon: Saxony written with 주, Russia's telecoms watchdog, Birkenstock.
        ("인텔의 마그데부르크 공장 계획이 미뤄지자 작센주 정부가 반도체 보조금 일부를 "
         "배터리 연구에 돌리기로 했다.", EUROPE),
        ("유튜브 영상 재생 속도를 로스콤나드조르가 또다시 떨어뜨렸다.", EUROPE),
        ("Birkenstock raised its sales forecast after strong demand for clogs in America.",
         EUROPE),
    ],
)
def test_names_the_lexicon_gained(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_bare_state_government_stays_unnamed() -> None:
    # "주 정부" with no state named is still nobody's in particular: Korea's reading stays.
    assert region_of("주 정부가 반도체 전문 인력 양성 예산을 늘린다.") == OTHER
