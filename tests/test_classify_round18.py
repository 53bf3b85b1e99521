"""Round eighteen's families (c19/c20's misses, issue 13), in sentences written for this file.

Each case failed before its rule; docs/classify.md "Round eighteen" lists the rules.
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
        # A known name set off by an appositive after a fronted clause is the main subject.
        ("During a state visit by U.S. President Joe Biden to Riyadh, Aramco, the kingdom's oil "
         "giant, signed supply deals worth $20 billion.", OTHER),
        ("After Washington added more Chinese firms to its entity list, Huawei, the telecom "
         "equipment maker, said its sales had recovered anyway.", CHINA),
        ("With the Fed signalling more cuts, Toyota, the world's biggest carmaker, raised its "
         "profit forecast.", JAPAN),
    ],
)
def test_a_name_with_an_appositive_after_a_front_is_the_subject(text: str,
                                                                expected: Region) -> None:
    assert region_of(text) == expected


def test_a_list_of_names_in_the_front_still_belongs_to_it() -> None:
    assert region_of("After Washington, Brussels and Tokyo tightened curbs on chip tools, SMIC "
                     "said it would build more plants.") == CHINA
