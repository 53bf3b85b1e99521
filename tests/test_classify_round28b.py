from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, Region, region_of

# Round twenty-eight b's families (c39-c42's misses, issue 13), in sentences written for this
# file. Each `*_is_*` test's cases failed before their rule; the neighbours must not move.
# docs/classify.md "Round twenty-eight, part b" lists the rules. Plain loops, no pytest import.

__all__ = ["CHINA", "EUROPE", "JAPAN", "OTHER", "US"]


def _misfiled(cases: list[tuple[str, Region]]) -> list[str]:
    return [f"{text[:40]}… → {region_of(text).value}, not {expected.value}"
            for text, expected in cases if region_of(text) is not expected]


def test_english_cleft_a_described_focus_after_but_is_the_focus() -> None:
    assert _misfiled([
        ("It was not a Korean chipmaker but three Japanese trading houses, led by Mitsui, "
         "that won the Australian lithium tender.", JAPAN),
        ("It was not Samsung but several Chinese phone brands, led by Xiaomi, that gained "
         "most share in India last quarter.", CHINA),
    ]) == []


def test_owners_noun_not_x_but_y_is_y() -> None:
    assert _misfiled([
        ("Apple's biggest camera-sensor supplier last year was not Samsung Electronics but "
         "Sony Semiconductor, which expanded its Kumamoto plant.", JAPAN),
        ("Toyota's largest battery partner in 2025 was not Panasonic but China's CATL, "
         "which opened a plant in Fujian.", CHINA),
    ]) == []


def test_english_cleft_neighbours() -> None:
    assert _misfiled([
        # the old shapes keep their reading
        ("It was not Brussels but a federal judge in Virginia who halted the merger.", US),
        ("The biggest buyer of the bonds was not a Japanese bank but U.S. hedge fund "
         "Citadel, filings show.", US),
        # an owner's noun with no denial: the owner's sentence
        ("Sony's chip unit was the biggest winner of the Japanese subsidy round.", JAPAN),
    ]) == []
