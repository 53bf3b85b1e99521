"""Round twenty-nine, part a (issue 13): a subsidy received from a government, in English.

"U.S. memory maker Micron Technology will receive up to 192 billion yen in subsidies from
Japan's industry ministry": the grant is the government's measure, as round twenty-six a read
"마이크론이 일본 정부로부터 … 보조금을 받게 됐다" and round sixteen "was hit with a fine from".
Only subsidies, grants and state aid count (money between firms, "received $2 billion in
funding from SoftBank", stays the receiver's), and only from a body, a country or a place: the
first such name within 30 characters after "from" acts, as `_EN_APPROVAL_FROM`'s does.
"""

from __future__ import annotations

import re

from newsletter.classify_mentions import _Mention

_EN_SUBSIDY_FROM = re.compile(
    # the rest of a subject phrase cut short, no relative clause, a decimal allowed
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|\.(?=\d))){0,90}?"
    r"\s(?:(?:will|would|is set to|are set to|is to|are to|has|have|had)\s)?(?:also\s)?"
    r"(?:receive|received|receives|receiving|get|gets|got|win|wins|won|secure|secured|secures"
    r"|obtain|obtained|be granted|been granted|was granted|were granted|be awarded|was awarded"
    r"|were awarded|been awarded)\s"
    r"(?:[\w$.%¥€£,-]+\s){0,7}?(?:in\s)?(?:government\s|state\s|public\s)?"
    r"(?:subsid(?:y|ies)|grants?|state aid)\b"
    # the money itself, not a noun it describes ("a subsidy application from a dealer")
    r"(?!\s(?:application|request|claim|program|programme|scheme|plan|bid|deal)s?\b)"
    r"[^.;]{0,40}?\bfrom\s(?:the\s)?"
)


def subsidy_from(text: str, subject_end: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The body, country or place a subsidy in the lead's main clause comes from, or None."""
    lead = text[subject_end:end]
    if " from " not in lead or not any(word in lead for word in ("subsid", "grant", "aid ")):
        return None
    found = _EN_SUBSIDY_FROM.match(text, subject_end, end)
    if found is None:
        return None
    return next(
        (
            m
            for m in inside
            if found.end() <= m.start <= found.end() + 30
            and m.entry.kind in ("institution", "country", "place")
        ),
        None,
    )
