"""A deal's buyer acts (round thirty-four, English).

Two shapes in which the firm sold is the grammatical subject and its buyer the actor, as round
fourteen reads "agreed to be acquired by Siemens":

- the deal as a noun with its agent: "Germany's Covestro agreed to a takeover by Abu Dhabi
  National Oil Co", "the board backed a buyout by KKR". The main verb agrees to, accepts,
  backs, recommends or approves a takeover, buyout, acquisition, purchase, bid or offer, then
  "by" and a name: the first name the tables know inside the buyer's capitalised name (its
  place, "Abu Dhabi", where the firm itself is not listed).
- a passive past an apposition whose place is "City, State-based": "Scopely, the Culver City,
  California-based maker of Monopoly Go!, was acquired by …". Round fourteen's late passive
  takes an apposition in "a/an/the" but not its comma inside the place ("Culver City,
  California-based"); the one comma allowed is the one before a "<Name>-based".
- a passive's agent the tables lack, told by its owner: "Scopely … was acquired by Savvy Games
  Group, which is owned by Saudi Arabia's Public Investment Fund". Where the agent after "by" is
  no known name and a ", which is (wholly) owned by / backed by / controlled by / a unit of /
  part of" follows it, the owner named there acts for it.
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import EN_PASSIVE_BY, lazy_pattern

_DEAL_BY = lazy_pattern(
    r"\s(?:(?:has|had|have)\s+)?(?:(?:agreed|agrees|agree|consented|consents|accepted|accepts"
    r"|backed|backs|recommended|recommends|approved|approves)\s+to|accepted|accepts|backed|backs"
    r"|recommended|recommends|approved|approves|(?:will|would)\s+accept)\s+(?:a|an|the)\s+"
    r"(?:[\w$.,%-]+\s+){0,4}?(?:takeover|buyout|acquisition|purchase|bid|offer)"
    r"(?:\s+(?:offer|bid|deal|proposal))?\s+by\s+(?:the\s+)?((?:[A-Z][\w.&'’-]*\s*){1,6})"
)
_PASSIVE_PAST_BASED = lazy_pattern(
    r",?\s(?:a|an|the)\s(?:[^,;.]|(?<=[A-Z])\.){1,60}?,\s[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2}"
    r"-based\b(?:[^,;.]|(?<=[A-Z])\.){0,90}?," + EN_PASSIVE_BY.pattern
)
# subjects that approve or back a deal as its judge, not as the firm sold
_DEAL_JUDGES = ("country", "place", "institution")
_OWNED_AFTER = lazy_pattern(
    r"(?:[A-Z][\w.&'’!-]*\s*){1,6},\s+(?:which|that)\s+is\s+(?:(?:wholly|majority|partly|"
    r"ultimately)[\s-]+)?(?:owned\s+by|backed\s+by|controlled\s+by|a\s+unit\s+of|part\s+of"
    r"|a\s+subsidiary\s+of)\s+(?:the\s+)?"
)


def deal_by(text: str, subject_end: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The buyer named after "agreed to a takeover by", or None."""
    lead = text[subject_end:end]
    if " by " not in lead or not any(w in lead for w in ("takeover", "buyout", "acquisition",
                                                        "purchase", "bid", "offer")):
        return None  # the cheap test: most leads name no deal by anyone
    found = _DEAL_BY().match(text, subject_end, end)
    if found is None:
        return None
    if any(m.role == "head" and m.entry.kind in _DEAL_JUDGES
           and text[m.end:subject_end].strip() == "" for m in inside):
        return None  # "The European Commission approved the acquisition by Microsoft": its act
    return next((m for m in inside if found.start(1) <= m.start < found.end(1)), None)


def passive_past_based(text: str, subject_end: int, end: int) -> re.Match[str] | None:
    """The passive past an apposition with a "City, State-based" place in it, or None."""
    if "-based" not in text[subject_end:end] or " by " not in text[subject_end:end]:
        return None  # the cheap test
    return _PASSIVE_PAST_BASED().match(text, subject_end, end)


def owner_of_agent(text: str, at: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """For a passive's agent the tables lack, at `at`: the owner a relative clause names."""
    if "which is" not in text[at:end] and "that is" not in text[at:end]:
        return None
    if any(at <= m.start < at + 40 and m.start < text.find(",", at) for m in inside):
        return None  # the agent's name is known: that rule reads it
    owned = _OWNED_AFTER().match(text, at, end)
    if owned is None:
        return None
    return next((m for m in inside if owned.end() <= m.start <= owned.end() + 2), None)
