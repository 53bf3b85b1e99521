"""What every classifier round's test file starts from: the five regions and one summary's region.

The round files (tests/test_classify_round*.py) hold only their sentences and expectations.
"""

from __future__ import annotations

from newsletter.classify import classify
from newsletter.models import Region, Summary

US, CHINA, JAPAN, EUROPE, OTHER = (Region.US, Region.CHINA, Region.JAPAN, Region.EUROPE,
                                   Region.OTHER)

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US", "Region", "misfiled", "region_of"]


def region_of(text: str) -> Region:
    """The region a summary made of this text alone is filed under."""
    return classify(Summary(text=text)).region


def misfiled(cases: list[tuple[str, Region]]) -> list[str]:
    """The cases filed elsewhere than expected, each as "its start… → got, not expected"."""
    return [
        f"{text[:40]}… → {region_of(text).value}, not {expected.value}"
        for text, expected in cases
        if region_of(text) is not expected
    ]
