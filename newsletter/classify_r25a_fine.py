"""A fine received far from its agent, for newsletter.classify_korean (round twenty-five, part a).

"미국 메타가 인도 경쟁위원회(CCI)로부터 왓츠앱 … 남용했다는 이유로 약 21억 루피의 과징금을
부과받았다": the reason for the fine may stand between the agent in 로부터 and the fine, further
than the 50 letters the sanction is looked for in. When the lead itself ends in receiving the
fine or the sanction, the agent in 로부터 is still the one who imposes it, however long the
reason clause between them.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

# The lead ends in receiving a penalty: "…의 과징금을 부과받았다", "…벌금을 물게 됐다",
# "…제재를 받게 됐다", "…시정명령을 받았다".
_KO_PENALTY_END = lazy_pattern(
    r"(?:과징금|벌금|제재|시정명령|제재금)[을를]?\s?(?:부과)?(?:받(?:았다|는다|게\s됐다|게\s되었다)"
    r"|물게\s됐다)[.]?\s*$")


def penalty_ends_lead(text: str, agent_end: int, end: int) -> bool:
    """Whether the lead (text[:end]) ends in receiving a penalty after the agent at agent_end,
    with no second 로부터 between them (the fine is the agent's, not another body's)."""
    own = text.find("로부터", agent_end, end)  # the agent's own, past "(CCI)" if any
    if end - agent_end <= 50 or text.find("로부터", own + 3, end) >= 0:
        return False
    return _KO_PENALTY_END().search(text, agent_end, end) is not None
