"""A place named only as where shares trade (round thirty part b, issue 13).

"Tencent and battery maker CATL were added on Monday to a Pentagon list …, sending their
shares lower in Hong Kong and Shenzhen": the exchanges' cities say where the shares moved, not
who acts, as "U.S.-listed shares of Alibaba" only describes Alibaba (round nine). A name right
after "shares … lower/higher/fell/rose … in" (or "listed/traded in"), and a second one joined
by "and" or a comma, is background.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

_TRADED_IN = lazy_pattern(
    r"\bshares\b[^.,;]{0,30}?\b(?:lower|higher|down|up|fell|rose|slid|slumped|jumped|sank"
    r"|climbed|tumbled|surged|dropped|gained|plunged|soared|trading|traded|listed)\s+in\s+"
    r"(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?(?:,\s|\sand\s))?$"
)


def trading_place(before: str) -> bool:
    """Whether the English text right before a name makes it the place where shares trade."""
    return "shares" in before and _TRADED_IN().search(before) is not None
