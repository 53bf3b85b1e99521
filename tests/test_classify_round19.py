"""Round nineteen's families (c21/c22's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round nineteen" lists the rules.
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
        # A Korean concessive in -되 closes its clause: the subject after it acts.
        ("독일 드레스덴 연구소는 남겨 두되 소니가 해외 개발 거점 다섯 곳을 정리하기로 했다.",
         JAPAN),
        ("미국 내 물류 거점은 유지하되 알리바바가 동남아 창고 절반을 매각한다.", CHINA),
    ],
)
def test_a_concessive_in_doe_ends_the_front(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_topic_without_a_concessive_still_leads() -> None:
    assert region_of("독일 폭스바겐은 드레스덴 공장을 닫고 소니와 손잡기로 했다.") == EUROPE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # By whose recommendation or order something stopped, however many words the stop
        # takes; whose regulation the subject comes under.
        ("중국 쇼핑앱 테무의 국내 광고 집행이 공정거래위원회의 시정명령에 따라 주요 포털과 "
         "동영상 플랫폼에서 일제히 중단됐다.", OTHER),
        ("미국 우버의 도쿄 배차 서비스가 국토교통성의 규제를 받게 됐다.", JAPAN),
        # A country before a body of several words, in 로부터.
        ("미국 퀄컴이 중국 반독점 규제 당국으로부터 인수 승인 보류 판정을 받았다.", CHINA),
    ],
)
def test_the_body_whose_act_the_subject_undergoes(text: str, expected: Region) -> None:
    assert region_of(text) == expected


def test_a_firm_that_stops_on_its_own_keeps_the_story() -> None:
    assert region_of("중국 틱톡이 자체 점검에 따라 국내 앱 장터에서 라이브 판매를 잠정 "
                     "중단했다.") == CHINA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The lexicon: Japan's transport safety board and coast guard, Tapestry, Wise.
        ("보잉 737 기체의 나리타공항 착륙 사고와 관련해 운수안전위원회는 조종사 과실 가능성을 "
         "조사하고 있다.", JAPAN),
        ("대형 백화점 매출이 줄자 태피스트리는 핸드백 가격을 내리기로 했다.", US),
        ("Wise, the payments firm, said its customer numbers rose 20% in the quarter.",
         EUROPE),
    ],
)
def test_names_the_lexicon_gained(text: str, expected: Region) -> None:
    assert region_of(text) == expected
