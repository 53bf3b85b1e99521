"""Round twenty-nine, part a (issue 13): a bare 상무부 against America, China named only in a pair.

Round twenty-five b's `answering_america` gives a bare 상무부 to China where the story names
America only as the other side of the ministry's hostile act and China nowhere. Two shapes it
let slip: China named only inside a pair of both sides ("미중 정상회담의 후속 조치로 상무부가 …
수출통제의 시행을 유예한다고 밝혔다": the summit is both countries', no claim on the ministry),
and American firms named as the object of the bare ministry's own sentence, after it
("상무부는 미국 기업 일부를 겨냥했던 수출 제한 명단 적용도 멈추기로 했다"): round twenty-five
b took America only before the ministry's last mention, as "…명단에 올랐다. 상무부는 …".
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention


def china_only_in_a_pair(mentions: list[_Mention]) -> bool:
    """Whether every mention of China is one half of a pair of both sides ("미중", "미·중")."""
    china = [m for m in mentions if m.entry.region.value == "China"]
    return bool(china) and all(m.entry.kind == "pair" for m in china)


def america_in_the_ministrys_sentence(text: str, at: int, ministry: _Mention) -> bool:
    """Whether America, named at `at` after the bare ministry's last mention, is in that
    ministry's own sentence: no sentence end between them."""
    return ministry.start < at and "다." not in text[ministry.end : at]
