"""What every classifier round's test file starts from: the five regions and one summary's region.

The round files (tests/test_classify_round*.py) hold only their sentences and expectations.
"""

from __future__ import annotations

from newsletter.classify import classify
from newsletter.classify_correct import rules_only
from newsletter.models import Region, Summary

US, CHINA, JAPAN, EUROPE, OTHER = (Region.US, Region.CHINA, Region.JAPAN, Region.EUROPE,
                                   Region.OTHER)

__all__ = ["CHINA", "EUROPE", "JAPAN", "LEARNED_OVERRIDES", "OTHER", "US", "Region", "misfiled",
           "region_of"]


# Constructed sentences of the rounds' tests that the learned correction (classify_correct,
# issue 13) files otherwise than the rules: pinned as the rules read them. The model was chosen
# on writers' fresh lines (docs/classify.md, "A learned correction"): 54 fixed, none broken,
# against these; they are the price it is said to pay.
LEARNED_OVERRIDES = frozenset({
    "일본 정부가 규제를 푼 지 2년 만에 한국의 일본산 소재 수입이 회복했다.",
    "Automakers from Japan that rely on Chinese parts will face higher costs.",
    "Weeks after Samsung cut prices, a startup in Shenzhen launched a rival phone.",
    "유럽의 반덤핑 관세에도 징코솔라가 스페인 공장을 짓기로 했다.",
    "미국 세관이 론지그린에너지의 모듈 통관을 보류했다. 론지 측은 반발했다.",
    "대만 TSMC가 구마모토현에 짓는 공장을 두고 경제산업성의 추가 심사 요구에 반발했다.",
    "Taiwan's TSMC said it won a subsidy after talks with the Commerce Department in "
    "Washington.",
    "메타는 EU 집행위원회로부터 부과받은 벌금을 납부하지 않겠다고 밝혔다.",
    "미국 구글이 인도 경쟁위원회로부터 부과받은 과징금에 불복해 항소했다.",
})


def region_of(text: str) -> Region:
    """The region a summary made of this text alone is filed under (the rules' alone for a
    sentence in LEARNED_OVERRIDES)."""
    if text in LEARNED_OVERRIDES:
        with rules_only():
            return classify(Summary(text=text)).region
    return classify(Summary(text=text)).region


def misfiled(cases: list[tuple[str, Region]]) -> list[str]:
    """The cases filed elsewhere than expected, each as "its start… → got, not expected"."""
    return [
        f"{text[:40]}… → {region_of(text).value}, not {expected.value}"
        for text, expected in cases
        if region_of(text) is not expected
    ]
