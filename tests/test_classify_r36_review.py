from tests.region_cases import JAPAN, OTHER, US, misfiled

# Review of round thirty-six: ordinary sentences its rules were not meant for. Sentences written
# for this file; each failed at 0621032 and was filed as expected at a7e5bb6.

# 런던 ends in 던 but is a noun, not a relative clause's verb: the cleft's own subject acts.
_LONDON_IN_CLEFT = [
    ("소프트뱅크가 런던 대신 Arm의 상장 무대로 택한 곳은 미국 나스닥이었다.", JAPAN),
    ("도요타가 런던 공장 대신 새 거점으로 고른 곳은 미국 켄터키였다.", JAPAN),
]

# A bare 상무부 on EU goods in a text whose electric-car duties are America's own.
_US_EV_DUTIES = [
    ("상무부는 유럽산 철강에 반덤핑 관세를 부과한다고 밝혔다. 트럼프 행정부는 앞서 중국산 "
     "전기차 관세를 100%로 올렸다.", US),
    ("상무부는 EU산 알루미늄에 대한 반덤핑 조사를 개시했다. 바이든 행정부는 지난해 중국산 "
     "전기차 관세를 네 배로 인상했다.", US),
]

# "hit with <country> measures" in a reported or subordinate clause, not the main verb.
_HIT_WITH_NOT_MAIN = [
    ("Sony said its chip unit was hit with U.S. export controls on advanced tools.", JAPAN),
    ("Toyota cut its forecast after its Chinese suppliers were hit with U.S. tariffs.", JAPAN),
]

# A named firm's suppliers, with the possessive: the firm's, as "Apple suppliers" are.
_OWNERS_SUPPLIERS = [
    ("Apple's suppliers shipping to the bloc will have to publish repair manuals, Apple said.",
     US),
]


def test_london_is_no_relative_clause() -> None:
    assert misfiled(_LONDON_IN_CLEFT) == []


def test_ministry_beside_americas_ev_duties_stays_us() -> None:
    assert misfiled(_US_EV_DUTIES) == []


def test_hit_with_outside_the_main_clause() -> None:
    assert misfiled(_HIT_WITH_NOT_MAIN) == []


def test_possessive_firm_keeps_its_suppliers() -> None:
    assert misfiled(_OWNERS_SUPPLIERS) == []


# "The bloc" of a rule in a text that names another bloc: that bloc's rule, not the EU's.
_ANOTHER_BLOCS_RULE = [
    ("Steelmakers in the bloc will have to cut output by 10%, ASEAN economic ministers agreed "
     "on Sunday.", OTHER),
    ("Exporters to the bloc will face lower tariffs once the Mercosur-EFTA deal takes effect.",
     OTHER),
    ("Brazilian exporters shipping to the bloc will pay lower tariffs under the new Mercosur "
     "common external tariff.", OTHER),
    ("Gulf airlines flying within the bloc will have to share passenger data, GCC interior "
     "ministers decided.", OTHER),
]


def test_another_blocs_rule_is_not_the_eus() -> None:
    assert misfiled(_ANOTHER_BLOCS_RULE) == []
