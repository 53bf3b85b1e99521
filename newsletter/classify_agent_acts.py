"""The agent of a passive and the speaker at the end act (stop 28, issue 13).

The conventions give a passive's story to its agent and a claim to its speaker. The plain
readers in `classify_english` (`_passive_agent_of`, `_speaker_after_report`) miss these shapes:

- a passive after "the first … to be": "Google became the first company to be given
  'gatekeeper' status by Germany's cartel office" -- "became" is no auxiliary, yet the agent
  after "by" acts as in "was given … by";
- a measure after "by" whose maker follows in "from": "Acme was hit by fresh curbs from the
  Commerce Department" -- "fresh curbs" is what hits, the department is who;
- dropped from someone's holdings: "Acme and two banks were dropped from the portfolio of
  Norway's wealth fund" -- the holder decides, as the owner of a list does;
- a quote that ends the reported clause: 'Tokyo's new rules are "a wall against the world,"
  Trade Secretary Jane Doe told reporters' -- the closing quote stands before the space, so the
  plain reader (which looks for ", " and stops at any quote) never reaches the speaker;
- a speaker by role and owner: "…, the chief executive of the Qatari fund's tech arm told
  Reuters" -- the role is lowercase, so the plain reader (which wants capitalised words) misses
  it; the owner after "of" names whose speaker it is.

Each reader is cheap to skip: it first looks for the words its shape needs.
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# "became the first company to be given … by", "is the latest firm to be fined by": the agent
# of the infinitive's passive. Only after an ordinal or a superlative, where the subject is the
# one the infinitive is about (not "wants to be bought by", a wish).
_EN_FIRST_TO_BE = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that)\b)[^,;.]){0,60}?\s(?:became|becomes|has become|have become"
    r"|is|was|are|were)\s(?:the\s)?(?:first|second|third|last|latest|only|newest|biggest|largest)"
    r"\s(?:[\w-]+\s){0,3}?to\sbe\s(?:\w+ly\s)?(?:\w+ed|\w+en|given|hit|told|sued|fined|banned"
    r"|barred|put|set|held|sought|sent|granted|awarded|named)\b"
    # the gap to "by" stays in the infinitive's clause: past a comma, "by" is another verb's
    # ("… a licence in Munich, a step welcomed by Volkswagen"); "$1,000" and "1.5" pass
    r"(?:[^.;,]|[.,](?=\d)){0,100}?\bby\s(?:the\s|its\s)?")

# Dropped from someone's holdings: "were dropped from the portfolio of Norway's fund".
_EN_DROPPED_FROM_HOLDINGS = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that)\b)[^,;.]){0,90}?\s(?:has been|have been|had been|was|were"
    r"|is|are|will be)\s(?:\w+ly\s)?(?:dropped|removed|excluded|expelled|struck|ejected|kicked"
    r"\sout|divested|blacklisted)\sfrom\s(?:the\s)?(?:\w+\s)?(?:portfolios?|holdings|investments"
    r"|index|indexes|indices|benchmarks?|investment universe)\sof\s(?:the\s)?"
    # "the index of U.S.-listed Chinese companies": here "of" names the members, not a holder
    r"(?!(?:[^,;.]|\.(?=\S)){0,60}?\b(?:companies|firms|stocks|shares|equities|bonds|groups"
    r"|issuers)\b)")

# After "by": a measure, then its maker in "from": "by fresh restrictions from the Commerce
# Department", "by new curbs imposed by Beijing".
_EN_MEASURE_FROM = lazy_pattern(
    r"(?:[\w$%.-]+\s){0,4}?(?:restrictions|curbs|controls|sanctions|tariffs|duties|levies|fines?"
    r"|penalt(?:y|ies)|bans?|limits|rules|measures|export\scontrols|blacklisting|charges)"
    r"\s(?:from|imposed\sby|announced\sby|issued\sby|by)\s")
# Without "by": "was hit with new restrictions from Washington", "were slapped with curbs
# from the Commerce Department" (the plain penalty reader takes fines and sanctions only).
_EN_MEASURE_RECEIVED_FROM = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|\.(?=\d))){0,90}?\s(?:has been|have been"
    r"|had been|was|were|is|are|got|gets)\s(?:\w+ly\s)?(?:hit|slapped|targeted)\swith\s"
    r"(?:[\w$%.-]+\s){0,4}?(?:restrictions|curbs|controls|tariffs|duties|levies|bans?|limits"
    # the gap ("this week") holds no preposition: in "tariffs on engines from Mexico" the "from"
    # tells where the goods come from, not who sends the tariffs
    r"|rules|measures)\s(?:(?:(?!\b(?:on|of|for|in|into|to|against|at)\s)[^.;,]){0,30}?\s)?"
    r"from\s(?:the\s)?")

# A clause that ends inside quotes, then its speaker: ',” Trade Secretary Jane Doe told'. Double
# quotes only: the caller runs this for ',"' and ',”' alone, and the opening quote looked for
# below is a double one (single ones were dead here, or caught ",' " before the real close).
_EN_QUOTE_CLOSE = lazy_pattern(r",[\"”]\s")
_EN_QUOTED_SPEAKER = lazy_pattern(
    r"(?:the\s)?((?:[A-Z][\w.'’&-]*)(?:\s(?:[A-Z][\w.'’&-]*|of|the|for))*)"
    r"(?:\son\s\w+day)?\s(?:told|said|says|tells|warned|argued|wrote)\b")
# The verb first: ',” said Commerce Secretary Jane Doe'.
_EN_SAID_SPEAKER = lazy_pattern(
    r"(?:said|told\s\w+|wrote|warned)\s(?:the\s)?((?:[A-Z][\w.'’&-]*)(?:\s(?:[A-Z][\w.'’&-]*"
    r"|of|the|for))*)")

# A role, then whose role: "the chief executive of the Saudi fund's manufacturing arm told".
_EN_ROLE_OF_OWNER = lazy_pattern(
    r"the\s(?:[a-z][\w-]*\s){1,3}of\s(?:the\s)?([A-Z][\w.&'’-]*(?:\s(?:[A-Z][\w.&'’-]*"
    r"|[a-z][\w'’-]*))(?:\s(?:[A-Z][\w.&'’-]*|[a-z][\w'’-]*)){0,6}?)(?:\son\s\w+day)?\s(?:told|said|says"
    r"|warned|wrote)\b")
# "X's (Chinese) rival Y": Y is who is meant, X only sets it apart.
_EN_RIVAL_AFTER = lazy_pattern(r"['’]s\s(?:[\w.-]+\s){0,2}?(?:rivals?|competitors?|peers?)\s")
_ROLE_WORDS = ("chief", "executive", "head", "president", "chairman", "chair", "director",
               "founder", "spokesperson", "spokesman", "spokeswoman", "governor", "minister",
               "secretary", "officer", "manager", "leader", "boss", "ceo", "cfo", "chief's")


def passive_beyond_by(text: str, subject_end: int, end: int) -> re.Match[str] | None:
    """A passive the plain readers miss whose agent starts where the match ends (see above)."""
    lead = text[subject_end:end]
    if " to be " in lead and " by " in lead and (
            found := _EN_FIRST_TO_BE().match(text, subject_end, end)) is not None:
        return found
    if " from " in lead and " of " in lead:
        return _EN_DROPPED_FROM_HOLDINGS().match(text, subject_end, end)
    return None


def measure_maker(text: str, at: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The maker of the measure named right after a passive's "by" ("hit by fresh curbs from
    the Commerce Department"): the mention after "from"/"imposed by", or None."""
    found = _EN_MEASURE_FROM().match(text, at, end)
    if found is None:
        return None
    after = found.end() + (4 if text.startswith("the ", found.end()) else 0)
    return next((m for m in inside if m.start == after), None)


def measure_received(text: str, subject_end: int, end: int,
                     inside: list[_Mention]) -> _Mention | None:
    """Who sends the measure the subject was hit with ("was hit with new curbs from
    Washington"): the name right after "from", or None."""
    lead = text[subject_end:end]
    if " with " not in lead or " from " not in lead:
        return None
    found = _EN_MEASURE_RECEIVED_FROM().match(text, subject_end, end)
    if found is None:
        return None
    return next((m for m in inside if m.start == found.end()), None)


def speaker_after_quote(text: str, start: int, end: int, inside: list[_Mention],
                        body: re.Pattern[str]) -> tuple[int, int] | None:
    """The span of a named speaker after a reported clause that closes inside quotes, where the
    clause's subject names no firm (a firm's own claim quoted by another stays the firm's).
    The speaker is a role of an owner, a body (`body`, the plain reader's pattern for "China's
    commerce ministry said"), a titled name before the verb or one after "said"."""
    close = _EN_QUOTE_CLOSE().search(text, start + 20, end)
    if close is None or text.count(" ", start, close.start()) < 5:
        return None
    span = role_of_owner(text, close.end(), end, inside)
    if span is None:
        found = (body.match(text, close.end(), end)
                 or _EN_QUOTED_SPEAKER().match(text, close.end(), end)
                 or _EN_SAID_SPEAKER().match(text, close.end(), end))
        span = None if found is None else found.span(1)
    if span is None or not any(span[0] <= m.start < span[1] for m in inside):
        return None
    first_quote = next((i for i in range(start, close.start()) if text[i] in "\"“"), None)
    if first_quote is None:
        return None  # no opening quote: the comma closes something else
    if any(m.start < first_quote and m.entry.kind not in ("country", "place") for m in inside
           if start <= m.start):
        return None
    return span


def role_of_owner(text: str, at: int, end: int, inside: list[_Mention]) -> tuple[int, int] | None:
    """The owner's span after "the <role> of" when a speaker by role follows a reported clause's
    comma at `at` ("…, the chief executive of the Qatari fund's arm told Reuters"), or None."""
    if not text.startswith("the ", at):
        return None
    found = _EN_ROLE_OF_OWNER().match(text, at, end)
    if found is None:
        return None
    role = text[at + 4:text.find(" of ", at)].split()
    if not any(word.lower() in _ROLE_WORDS for word in role):
        return None
    # the first name after the last "of" owns the speaker: "of the German carmaker's China
    # unit" is a German firm's man, whatever place its unit serves, and so is "of the Tokyo
    # unit of U.S. chipmaker Micron"; a name across that "of" ("Bank of America") counts whole
    last_of = text.rfind(" of ", found.start(1), found.end(1))
    owner = next((m for m in inside if found.start(1) <= m.start < found.end(1)
                  and m.end > last_of), None)
    if owner is not None and (rival := _EN_RIVAL_AFTER().match(text, owner.end)) is not None:
        # "the chief executive of Apple's Chinese rival Xiaomi": the rival named after speaks
        owner = next((m for m in inside if rival.end() <= m.start < found.end(1)), None)
    return None if owner is None else (owner.start, owner.end)
