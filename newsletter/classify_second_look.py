"""A second look at the rules' decision, reading the whole summary (issue 13, stop 28).

The rules decide from the main clause's subject. Some subjects do not say whose they are: a
bare "상무부", "정부", "the finance ministry" whose country only the rest of the summary tells.
Each stage here sees the rules' region and reason, the title, the body and every mention (a
title's mentions have sentence -1), and either returns a new (region, reason) or None to leave
the decision; the first stage that answers wins. Stages live in their own modules and are
listed in STAGES, in the order they are asked.

When no stage answers, the learned correction (classify_correct) has its say. A stage's answer
is final: the correction reads the rules' scores and roles, which still weigh the reading the
stage has just set aside (a passive's subject keeps its head bonus though the agent acts), and
it was trained on the rules' readings alone, so it would only pull the answer back (stop 28 b).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from newsletter.classify_additive_object import additive_object
from newsletter.classify_body_owner import body_owner
from newsletter.classify_correct import correct
from newsletter.classify_k3_clause import clause_shapes
from newsletter.classify_k4_clause import (
    field_body_passive,
    nationality_relative,
    order_named_next,
    outlet_reports_seat,
)
from newsletter.classify_mentions import _Mention
from newsletter.classify_passive_body import passive_agent
from newsletter.classify_s28c_body import federal_firm, mineral_controls, own_firm_stake
from newsletter.classify_s28c_refusal import kept_off_after_refusal
from newsletter.classify_s28d_body import (
    duty_on_us_goods,
    fined_in_own_money,
    fronted_stake,
    measure_maker,
    own_institution,
)
from newsletter.models import Region

Stage = Callable[[Region, str, str, str, Sequence[_Mention]], "tuple[Region, str] | None"]

STAGES: tuple[Stage, ...] = (passive_agent, field_body_passive, nationality_relative,
                             outlet_reports_seat, additive_object, body_owner, own_institution,
                             federal_firm, own_firm_stake, fronted_stake, mineral_controls,
                             kept_off_after_refusal, measure_maker, fined_in_own_money,
                             duty_on_us_goods,
                             clause_shapes, order_named_next)


def second_look(region: Region, reason: str, title: str, body: str,
                mentions: Sequence[_Mention],
                scores: Mapping[Region, float] | None = None) -> tuple[Region, str]:
    """The first stage's answer that changes the rules' (region, reason); else, given the
    rules' `scores`, the learned correction's when it overrides them; else the rules'."""
    for stage in STAGES:
        if (answer := stage(region, reason, title, body, mentions)) is not None:
            return answer
    if scores is not None and (learned := correct(region.value, reason, f"{title} {body}",
                                                  dict(scores), mentions, len(title))):
        return Region(learned[0]), learned[1]  # issue 13: a learned correction
    return region, reason
