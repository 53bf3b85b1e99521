"""A second look at the rules' decision, reading the whole summary (issue 13, stop 28).

The rules decide from the main clause's subject. Some subjects do not say whose they are: a
bare "상무부", "정부", "the finance ministry" whose country only the rest of the summary tells.
Each stage here sees the rules' region and reason, the title, the body and every mention (a
title's mentions have sentence -1), and either returns a new (region, reason) or None to leave
the decision; the first stage that answers wins. Stages live in their own modules and are
listed in STAGES, in the order they are asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsletter.classify_body_owner import body_owner
from newsletter.classify_mentions import _Mention
from newsletter.models import Region

Stage = Callable[[Region, str, str, str, Sequence[_Mention]], "tuple[Region, str] | None"]

STAGES: tuple[Stage, ...] = (body_owner,)


def second_look(region: Region, reason: str, title: str, body: str,
                mentions: Sequence[_Mention]) -> tuple[Region, str]:
    """The rules' (region, reason), or the first stage's answer that changes it."""
    for stage in STAGES:
        if (answer := stage(region, reason, title, body, mentions)) is not None:
            return answer
    return region, reason
