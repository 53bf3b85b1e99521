"""A thing that leads a named body to act (round twenty-eight part a, issue 13).

"A stronger-than-expected U.S. economy and Chinese stimulus led the International Monetary
Fund on Tuesday to raise its global growth forecast", "Weak demand in China forced Toyota to
cut output", "U.S. tariffs prompted Honda to move production": the main clause's subject is a
cause, not an actor, and the one who acts is the object of the causative verb, as the agent of
a passive is ("The IMF was led by … to raise"). Read only where the subject ends in a common
noun that names no one ("stimulus", "tariffs", "pressure"), not a name ("Washington pushed
Tokyo to …" is Washington's) nor a noun for an actor ("The company forced its suppliers to").
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention

# the cause's last word, lowercase, then the causative verb: "… stimulus led the"
_EN_CAUSED = re.compile(
    r"\b([a-z][a-z-]*[a-z])\s+(?:has\s|have\s|had\s)?(?:led|prompted|pushed|forced|drove|"
    r"spurred|compelled|caused|persuaded|convinced|encouraged)\s+(?:the\s+|a\s+|an\s+)?"
)
_BETWEEN = re.compile(r"[,;:]|\b(?:which|who|whose|that|and|but)\s+[a-z]+(?:ed|s)\b")
_EN_TO_VERB = re.compile(
    r"(?:\s(?:on|last|this|early|late)\s[A-Z]?\w+)?\s+to\s+(?:\w+ly\s+)?[a-z]{2,}\b"
)
# nouns for someone who acts: "the company forced its suppliers to …" stays the company's
_ACTOR_NOUNS = frozenset(
    {
        "company",
        "companies",
        "firm",
        "firms",
        "group",
        "government",
        "governments",
        "ministry",
        "regulator",
        "regulators",
        "agency",
        "court",
        "president",
        "administration",
        "minister",
        "officials",
        "lawmakers",
        "bank",
        "banks",
        "maker",
        "carmaker",
        "automaker",
        "chipmaker",
        "giant",
        "rival",
        "rivals",
        "parent",
        "owner",
        "board",
        "unit",
        "operator",
        "union",
        "investors",
        "shareholders",
        "buyer",
        "state",
        "authorities",
        "leader",
        "leaders",
        # a pronoun or a relative: "It was Brussels that forced Apple to …" is a cleft
        "that",
        "which",
        "who",
        "it",
        "they",
        "this",
        "he",
        "she",
        "we",
    }
)
_VERBS = (
    "led ",
    "prompt",
    "push",
    "forced",
    "drove",
    "spurred",
    "compelled",
    "caused",
    "persuaded",
    "convinced",
    "encouraged",
)
_ACTS = ("institution", "company", "country", "place", "person")


def caused_to_act(text: str, subject_end: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The named object of "led/prompted/forced … to <verb>" after a subject that is a cause,
    or None; most leads pay one substring test."""
    lead = text[subject_end:end]
    if " to " not in lead or not any(verb in lead for verb in _VERBS):
        return None
    caused = _EN_CAUSED.search(text, subject_end, end)
    if caused is None or caused.group(1) in _ACTOR_NOUNS:
        return None
    if _BETWEEN.search(text, subject_end, caused.start()):
        return None  # the verb of a clause inside the subject, not the main one
    # one owner of the cause acts through it ("Beijing's export curbs … forced Ford to halt"
    # is China's, as a measure's country is); two or more sides cancel out
    if len({m.entry.region for m in inside if m.start < caused.start()}) < 2:
        return None
    obj = next((m for m in inside if m.start == caused.end()), None)
    if obj is None or obj.entry.kind not in _ACTS:
        return None
    return obj if _EN_TO_VERB.match(text, obj.end, end) else None
