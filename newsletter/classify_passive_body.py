"""The body a Korean lead's passive names acts, even when the tables do not say whose it is
(issue 13, stop 28 b: Korean passives and agents, bodies acting on foreign firms).

The convention gives a passive's story to its agent: "A사가 X 당국으로부터 벌금을 부과받았다"
is X's. The rules read the agent in 로부터 when it is a name the tables know and the lead ends in
one of the acts they list. Three shapes of the same passive still went to the subject:

- an act received that the end list lacked: "A사가 X 당국으로부터 … 조건을 위반했다는 예비
  판단을 받았다" (a finding, a conclusion, a decision: 판단, 결론, 결정; round seventeen read them
  only before the agent, "…판단을 X로부터 받았다");
- the agent in 에 with a verb of arrest or charge: "A사 임원들이 X 당국에 … 혐의로
  체포됐다" (체포, 구속, 기소, 적발, 입건: the body in 에 arrests, charges, catches);
- a bare body ("법무부로부터", "재무부 산하 집행국에") whose country the writer left out. The
  tables know no bare 법무부 (Korea has one too) and give a bare 재무부 to America. The lead
  itself says whose the body is: a law only one country has that the act enforces ("해외부패
  방지법 사건의 … 법무부로부터 벌금을"), or the unit of the firm it acts on in that country ("…
  의 인도 법인 임원 등이 재무부 산하 집행국에 … 체포됐다": the body that arrests a firm's Indian
  unit is India's). Without such a sign the tables' owner stands, and with none at all, nothing.

`passive_agent` is a stage of `classify_second_look`: it answers only when the deciding name is
the lead's subject, before the agent, and the agent's region differs from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsletter.classify_body_owner import _sentence_of
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import GENERIC_INSTITUTIONS, lazy_pattern
from newsletter.models import Region

# A body word: a ministry, agency, office, court, commission, prosecutor (부, 청, 국, 처, 원,
# 회, 검찰서, 당국, 검찰, 경찰, 법원, and 위 of a commission cut short: "공정위", "방통위"), with
# its initials in brackets ("집행국(ED)").
_BODY = (r"(?P<agent>[^\s.]*(?:당국|검찰|경찰|법원|[부청국처원회서위]))"
         r"(?:\([^()\s]{1,15}\))?")
# The lead ends in an act of the body received from it: "…로부터 … 벌금을 부과받았다",
# "…로부터 … 예비 판단을 받았다". Only acts of authority, not money or aid ("투자를 받았다").
_RECEIVED_FROM = lazy_pattern(
    _BODY + r"으?로부터\s(?:[^\s.]+\s){0,14}?[^\s.]*?(?:판단|판정|결정|결론|명령|승인|허가|인가"
    r"|경고|처분|권고|지시|판결|통보|제재|벌금|과징금|조사|심사|수사)[을를]?\s?(?:부과|통보)?"
    r"받(?:았다|는다|게\s됐다|게\s되었다)[.]?\s*$")
# The lead ends in an arrest or a charge by the body in 에: "…집행국(ED)에 … 혐의로 체포됐다".
_UNDERGONE_AT = lazy_pattern(
    _BODY + r"에\s(?:[^\s.]+\s){0,5}?(?:체포|구속|기소|적발|입건)(?:됐다|되었다|된다|당했다)"
    r"[.]?\s*$")
# What a country names when a firm's unit there is what the body acts on: "비보의 인도 법인".
_UNIT_WORDS = ("법인", "현지법인", "지사", "자회사", "지점")
# Kinds of name that can be, or stand for, the agent body.
_AGENT_KINDS = frozenset({"institution", "country", "place"})
# A firm's own organs, whose words end like a body's ("감독이사회로부터 … 결정을 받았다",
# "주주총회로부터 승인을"): the firm decides for itself, no state acts on it.
_FIRM_ORGANS = ("이사회", "총회", "본부")
# The bare law-enforcers a Korean writer names without a country for Korea's own ("삼성전자의
# 중국 법인 전 직원이 검찰에 … 기소됐다"): a firm's unit abroad does not say they are that
# country's; "현지 경찰에" does (checked in `_bare_enforcer`).
_BARE_ENFORCERS = ("검찰", "경찰", "법원", "검찰청", "경찰청")


def lead_end(body: str) -> int:
    """Where the body's first sentence, the lead, ends (the stages' one reading of it, in
    classify_body_owner)."""
    return _sentence_of(body, 0)[1]


def lead_top(region: Region, end: int,
             mentions: Sequence[_Mention]) -> tuple[list[_Mention], _Mention | None]:
    """The lead's mentions (before `end`) and the best of them for `region`: the name the
    second-look stages on the lead read as the deciding one (shared with
    classify_additive_object)."""
    lead = [m for m in mentions if m.sentence == 0 and m.start < end]
    return lead, max((m for m in lead if m.entry.region is region),
                     key=lambda m: m.score + m.bonus, default=None)


def _agent_phrase(body: str, start: int, lead: Sequence[_Mention]) -> list[_Mention]:
    """The names of the agent's phrase: those in the agent word at `start` and the bare names
    right before it ("중국 국가…총국", "재무부 산하 집행국"), nearest first."""
    word_end = body.find(" ", start)
    names = [m for m in lead if m.end > start and m.start < (word_end if word_end >= 0
                                                             else len(body))]
    start = min((m.start for m in names), default=start)  # "중국 상무부" is one name
    at = start
    for m in sorted((m for m in lead if m.end <= start), key=lambda m: -m.start):
        if m.suffix or m.entry.kind not in _AGENT_KINDS or body[m.end:at].strip() not in (
                "", "산하", "산하의", "소속"):
            break
        names.append(m)
        at = m.start
    return names


def _home_sign(body: str, end: int, agent_start: int, lead: Sequence[_Mention],
               territorial: bool) -> tuple[Region, str] | None:
    """The lead's sign of whose a bare body is: the unit of a firm in a country that the act is
    on ("비보의 인도 법인"), for a `territorial` act only (an arrest or a charge, which only the
    country's own bodies make: a fine or a sanction reaches firms abroad, "한화오션의 미국 자회사
    5곳이 중국 상무부로부터 제재를"); or a law only one country has ("해외부패방지법")."""
    for m in lead:
        if m.start >= agent_start or not territorial:
            break
        # the unit word attached ("베트남법인") or the next word ("인도 법인")
        after = m.suffix or (body[m.end + 1:m.end + 5] if body.startswith(" ", m.end) else "")
        if m.entry.kind == "country" and after.startswith(_UNIT_WORDS):
            return m.entry.region, f"{m.entry.surface} {after.split(' ')[0]}"
    for m in lead:
        if m.start < end and m.entry.kind == "product" and m.entry.surface.endswith("법"):
            return m.entry.region, m.entry.surface
    return None


def _bare_enforcer(body: str, start: int, word: str) -> bool:
    """Whether the agent is a bare 검찰/경찰/법원 not marked as the local one ("현지 경찰"):
    Korean news's own, so a firm's unit abroad says nothing of whose it is."""
    return word in _BARE_ENFORCERS and not body[max(0, start - 3):start].startswith("현지")


def _bare_body(m: _Mention, names: Sequence[_Mention]) -> bool:
    """A generic body word ("재무부") with no country named in the agent's phrase."""
    return m.entry.surface in GENERIC_INSTITUTIONS and not any(
        n.entry.kind in ("country", "place") for n in names)


def passive_agent(region: Region, reason: str, title: str, body: str,
                  mentions: Sequence[_Mention]) -> tuple[Region, str] | None:
    """The agent's region and reason, when the lead ends in a passive whose agent is a body of
    another region than the subject's (see the module's docstring); else None."""
    end = lead_end(body)
    tail = body[max(0, end - 14):end]
    if "받" not in tail and "됐" not in tail and "되었" not in tail and "된다" not in tail \
            and "당했" not in tail:
        return None  # most leads end otherwise: skip the searches
    found = _RECEIVED_FROM().search(body, 0, end)
    territorial = found is None
    if territorial and (found := _UNDERGONE_AT().search(body, 0, end)) is None:
        return None
    start = found.start("agent")
    lead, top = lead_top(region, end, mentions)
    if top is None or top.role not in ("head", "modifier") or top.start >= start:
        return None  # the deciding name is not the subject that undergoes the act
    names = _agent_phrase(body, start, lead)
    word = body[start:found.end("agent")]
    if word.endswith(_FIRM_ORGANS):
        return None
    if names and not any(_bare_body(m, names) for m in names):
        owner = min(names, key=lambda m: m.start)  # "중국 국가…총국": the country first
        agent, why = owner.entry.region, owner.entry.surface
    elif (sign := _home_sign(body, end, start, lead, territorial
                             and not _bare_enforcer(body, start, word))) is not None:
        agent, why = sign
    elif names:
        agent, why = names[0].entry.region, names[0].entry.surface  # the tables' owner
    else:
        return None
    if agent is region:
        return None
    return agent, (f"lead's passive: its agent {word} acts ({agent.value}'s, by {why}); the "
                   f"subject only undergoes it (was: {reason})")
