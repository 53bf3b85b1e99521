"""Round twenty-six, part a (issue 13): two more ends of a lead whose body in 로부터 acts.

Round eighteen's `_KO_RECEIVED_END` reads "…로부터 명령을 받았다", "…로부터 지정을 받았다": the
subject receives the body's act. The same act told as a passive verb was missed: "애플과 구글이
공정취인위원회로부터 … 규제 대상 사업자로 지정됐다" (designated, chosen, classed, named by the
body). So was a subsidy a government grants: "마이크론이 일본 정부로부터 … 보조금을 받게 됐다"
is the government's measure, as round twenty-five (part a) read "…보조금을 받는다. 상무부는 …"
and round twenty read the Commerce Department's grant. Aid or money between countries ("…로부터
통화스와프 지원을 받게 됐다") stays the receiver's: only 보조금/지원금/세액공제 count, and only
with a body, a country or a place in 로부터 (the caller checks the kind).
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

_KO_DESIGNATED_OR_SUBSIDISED_END = lazy_pattern(
    r"(?:(?:으로|로)\s(?:\S+\s){0,2}?(?:지정|선정|분류|지목)(?:됐다|되었다|된다|될\s예정이다)"
    r"|(?:보조금|지원금|세액공제)(?:[을를]\s)?(?:받(?:았다|는다|게\s됐다|게\s되었다|기로\s했다)"
    r"|을\s받게\s됐다))[.]?\s*$")


def designated_or_subsidised_end(text: str, start: int, end: int) -> bool:
    """Whether the lead text[start:end] ends in a designation by, or a subsidy from, the body."""
    tail = text[max(start, end - 40):end]
    if "됐다" not in tail and "되었다" not in tail and "된다" not in tail and "예정" not in tail \
            and "받" not in tail:
        return False
    return _KO_DESIGNATED_OR_SUBSIDISED_END().search(text, start, end) is not None
