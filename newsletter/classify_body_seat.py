"""Where a foreign body acting on a firm is seated, read from the lead itself (round 23, issue 13).

Round twenty-two's `body_on_firm` gives the head to a body of region B acting on a firm of region
A only when the body is a named institution and a later sentence names B again. Two wordings of
the same family name B in the lead instead, and this module reads them:

- the body is a capital or a country written as the passive's agent ("Brazilian orange juice
  … were spared by Washington when it imposed a 50% tariff", "… were blocked by Beijing"):
  a place after "by " is a government, as an institution is. A place anywhere else is not
  (18 tuning lines lost when every place could be the body: "the Fed held steady in
  Washington", datelines, markets);
- the act happens in B, named in the lead as the place of the act ("… rival app stores in
  Japan …, with the Japan Fair Trade Commission empowered to impose fines", "일본에서"): the
  body's seat is said, so the story need not go on about the body. Any country of B in the lead
  is too broad (4 lost: a firm's grant "from the US Commerce Department", a firm put on "the
  US Treasury's sanctions list", filed by the firm in the older sets).
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention


def agent_by_place(text: str, mention: _Mention) -> bool:
    """True for a capital or a country written as the agent of an English passive ("by Tokyo")."""
    return mention.entry.kind in ("place", "country") \
        and text[max(0, mention.start - 3):mention.start] == "by "


def seat_in_lead(text: str, body: _Mention, inside: list[_Mention]) -> bool:
    """True if the lead names the body's country as where it acts ("in Japan", "일본에서")."""
    return any(m is not body and m.entry.region == body.entry.region
               and m.entry.kind == "country"
               and (text[max(0, m.start - 3):m.start] == "in " or text[m.end:m.end + 2] == "에서")
               for m in inside)
