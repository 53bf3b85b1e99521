import pytest

from tests.region_cases import OTHER, misfiled

# Review of lexicon round thirty-seven: names of the round that other regions also use.
# Sentences written for this file; each failed at 0621032 and was Other at a7e5bb6.

# The African Union's agency, as AP and Reuters spell it: not America's CDC.
_AFRICA_CDC = [
    ("The Africa Centers for Disease Control and Prevention said mpox cases in Congo had "
     "doubled in a month.", OTHER),
]

# Australia's public health insurance is also called Medicare.
_AUSTRALIAS_MEDICARE = [
    ("Medicare rebates will rise in Australia from July as Canberra tries to ease GP costs.",
     OTHER),
    ("메디케어 환급금이 7월부터 호주에서 3% 오른다.", OTHER),
]


def test_africa_cdc_is_other() -> None:
    assert misfiled(_AFRICA_CDC) == []


@pytest.mark.xfail(strict=True, reason="Medicare (us-r37) is also Australia's; no small fix: "
                   "a US Medicare story naming a foreign drugmaker needs the entry")
def test_australias_medicare_is_other() -> None:
    assert misfiled(_AUSTRALIAS_MEDICARE) == []
