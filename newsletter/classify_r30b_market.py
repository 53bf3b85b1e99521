"""A market's mood that leads a firm to act (round thirty part b, issue 13).

"Weak spending by Chinese travellers and duty-free shoppers in Hainan pushed Shiseido to
forecast a full-year net loss": the subject is a cause, and round twenty-eight a's
`caused_to_act` gives it to its one owner where the cause is a measure ("Beijing's export curbs
forced Ford to halt output" is China's act). Demand, spending or sales by a country's buyers
is no act of that country: it names a market, and the firm that answers it acts. Read only
where the subject's head is such a market noun (demand, spending, sales, consumption,
purchases, orders, footfall), with at most three words before it ("Weak Chinese demand") and
its "by/from/in/among …" tail, then the causative verb and a named object followed by "to
<verb>".
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_MARKET_CAUSED = lazy_pattern(
    r"(?:[\w'’-]+\s+){0,3}?(?:demand|spending|sales|consumption|purchases|buying|orders"
    r"|footfall)(?:\s+(?:by|from|in|among|of|for|at|to)\s[^,;.:]{0,80}?)?\s+(?:has\s|have\s|had\s)?"
    r"(?:led|prompted|pushed|forced|drove|spurred|compelled|caused|persuaded)\s+"
    r"(?:the\s+|a\s+|an\s+)?"
)
_EN_TO_VERB = lazy_pattern(r"(?:\s(?:on|last|this|early|late)\s[A-Z]?\w+)?\s+to\s+[a-z]{2,}\b")
_ACTS = ("institution", "company", "person")


def market_caused(text: str, subject_end: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The named firm or body a market's demand leads to act, or None (one substring test for
    most leads)."""
    start = text.rfind(". ", 0, subject_end) + 2 if ". " in text[:subject_end] else 0
    if not any(
        noun in text[start : start + 40]
        for noun in ("emand", "pending", "ales", "urchas", "onsumption", "rders", "ootfall")
    ):
        return None
    found = _MARKET_CAUSED().match(text, start, end)
    if found is None:
        return None
    obj = next((m for m in inside if m.start == found.end()), None)
    if obj is None or obj.entry.kind not in _ACTS:
        return None
    return obj if _EN_TO_VERB().match(text, obj.end, end) else None
