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
# on writers' fresh lines (docs/classify.md, "A learned correction" and "Stop 26: the words
# around each name"); these are the price it is said to pay. A sentence shorter than
# classify_correct.MIN_WORDS is never moved; tests/test_classify_correct.py checks that each
# one here still is.
LEARNED_OVERRIDES = frozenset({
    "American chipmaker Broadcom closed its purchase of VMware after clearing a review by "
    "China's State Administration for Market Regulation. Chinese regulators had set conditions "
    "on the deal.",
    "미중 무역협상 타결 직후 상무부가 반도체 보조금 지급을 시작한다고 밝혔다. "
    "상무부는 미국 기업 인텔에 먼저 지급한다.",
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
