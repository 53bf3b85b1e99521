"""Round twenty-eight, part b (issue 13): a nameless main subject told by its place.

"한국과 일본 조선사들이 … 속도를 내는 가운데 미국 상원에서 … 법안이 발의됐다", "미국 상무부가
… 규제를 잇달아 확대하는 가운데 헤이그에서도 후속 조치가 나왔다": a fronted clause closed by
가운데, 와중에 or 속에 is the setting; the main subject names no one ("법안이", "후속 조치가"),
and the name in 에서 between the setting and that subject says where, and by whom, the news
was made. Before this round the setting's subject stood in for the nameless one (round
twelve's nearest named subject), so the story went to the country the setting names.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import SUBORDINATE_MODIFIER_BONUS, lazy_pattern

# The end of a fronted setting clause: "…하는 가운데", "…하던 와중에", "…하는 속에".
_SETTING_END = lazy_pattern(r"[는던] (?:가운데|와중에|속에),? ")
_ACTING = ("country", "place", "institution")


def place_after_setting(
    text: str,
    spans: list[tuple[tuple[int, int], bool]],
    inside: list[_Mention],
    head_bonus: float,
) -> bool:
    """True (and the place made the lead's head) when the main subject names no one and a
    country, place or body in 에서 stands between a setting clause's end and that subject."""
    main = next((span for span, is_main in spans if is_main), None)
    if main is None or any(main[0] <= m.start < main[1] for m in inside):
        return False
    # the last setting before the main subject
    setting = next(reversed(list(_SETTING_END().finditer(text, inside[0].start, main[0]))), None)
    if setting is None:
        return False
    place = next(
        (
            m
            for m in reversed(inside)
            if setting.end() <= m.start < main[0]
            and m.entry.kind in _ACTING
            and m.phrase_particle.startswith("에서")
        ),
        None,
    )
    if place is None:
        return False
    for m in inside:
        if m.start < setting.end() and m.role in ("head", "modifier"):
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    place.role, place.bonus = "head", head_bonus
    return True
