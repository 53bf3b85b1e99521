"""More classes a rule is laid on, and rules that deny (round thirty-four, issue 13).

Round nine's `_class_under_rule` (newsletter/classify_handover.py) reads a lead whose main subject
is a class of firms, goods or travellers under a rule ("…배터리를 단 전기차는 …받아야 한다. 재무부는
…") as the rule-maker's story, the maker named by the next sentence's subject. Its lists missed
two shapes:

- the class is ships, migrants, buyers, owners, users, drivers, investors, students or workers
  ("중국 조선소에서 건조된 선박은 미국 항구에 들어올 때 수수료를 내야 한다. 미 무역대표부는 …");
- the rule denies rather than requires: "받지 못한다", "팔 수 없다", "들여올 수 없게 된다"
  ("중국 기업이 지분 25% 이상을 가진 업체의 부품을 쓴 전기차는 세액공제를 받지 못한다. 재무부는
  …").

Firms or countries named in the class ("중국 해운사가 운영하는 선박은") are examples, as round nine
has them; the next sentence's subject must still be found by the older code.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

_MORE_CLASS = lazy_pattern(
    r"(?:선박|이민자|송금인|구매자|소유자|보유자|이용자|사용자|운전자|투자자|유학생|근로자|"
    r"노동자|수입품|수입차|수입업자|판매자)(?:들)?[은는도]$")
_DENIAL = lazy_pattern(
    r"(?:받지|하지|쓰지|팔지|들여오지|받을\s수\s없|할\s수\s없|쓸\s수\s없|팔\s수\s없)"
    r"(?:\s못한다|다|게\s된다)")


def is_more_class(text: str, main: tuple[int, int]) -> bool:
    """Whether the lead's main subject is one of this round's classes under a rule."""
    return _MORE_CLASS().search(text, main[0], main[1]) is not None


def is_denial(text: str, start: int, end: int) -> bool:
    """Whether a rule that denies ends the lead between start and end."""
    return _DENIAL().search(text, start, end) is not None
