"""Round twenty-three's families (c29/c30's misses, issue 13), in sentences written for this file.

The first test's cases failed before their rule; the neighbours must not move.
docs/classify.md "Round twenty-three" lists the rules and how often each fires.
"""

from __future__ import annotations

import pytest

from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capital or country as the passive's agent, acting on a foreign country's goods
        ("Australian barley, coal and wine were struck by Beijing with tariffs of up to 80%. "
         "Chinese officials cited dumping.", CHINA),
        ("Canadian lumber, potash and uranium were spared by Washington as it raised tariffs on "
         "goods from Canada. A White House fact sheet listed the exemptions.", US),
        # the lead names where the body acts ("in Japan"), nothing after it
        ("Samsung and Google must let rival browsers be chosen on phones sold in Japan, with the "
         "Japan Fair Trade Commission able to fine companies that refuse. The change starts "
         "next spring.", JAPAN),
    ],
)
def test_body_seat_named_in_lead(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place that is not the passive's agent is not a body
        ("Brazil's central bank cut its key rate by half a point while the Federal Reserve waited "
         "in Washington. Policymakers in Brasilia said inflation had eased.", OTHER),
        # a country of the body named in the lead, but not as where the act happens: the firm's
        ("러시아 해운사 소브콤플로트가 미국 재무부의 제재 대상에 올랐다.", EUROPE),
        # the firm answers the body: still the firm's story
        ("Google said it would appeal after the Japan Fair Trade Commission ordered it to change "
         "its search deals in Japan.", US),
        # a body of the firm's own country: unchanged
        ("Toyota was fined by the Japan Fair Trade Commission in Japan over supplier payments.",
         JAPAN),
    ],
)
def test_neighbours_do_not_move(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject listing two regions, the actor of a third region named after it
        ("Korean and Japanese airlines will pay more for jet fuel next quarter after Shell raised "
         "its Singapore price. The oil major cited refinery outages.", EUROPE),
        ("German and Japanese carmakers face higher chip costs after TSMC raised its wafer "
         "prices. The foundry cited power costs.", OTHER),
    ],
)
def test_listed_subject_gives_way_to_actor(text: str, expected: Region) -> None:
    assert region_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no actor after the list: the subject stands
        ("Chinese and Japanese refiners cut their runs after crude prices rose. Margins were "
         "thin.", JAPAN),
        # no list at all: the subject stands
        ("Japanese refiners will pay less next month after Saudi Aramco cut its price for Asian "
         "buyers.", JAPAN),
    ],
)
def test_listed_neighbours_do_not_move(text: str, expected: Region) -> None:
    assert region_of(text) is expected
