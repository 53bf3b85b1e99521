"""Round twenty-nine, part a (issue 13): a body's approval cleared on the way to the firm's act.

Round twenty-two's `body_on_firm` gives a lead to a foreign body that reviews, clears or fines
a firm. Where the lead's main verb is the firm's own and the body's review or approval only
sits in a clause of how it got there, the story stays the firm's: "Novo Holdings … completed
its $16.5 billion acquisition of Catalent after clearing reviews by the Federal Trade
Commission and the European Commission", "미국 마이크로소프트가 영국 경쟁시장청(CMA)의 최종
승인을 받아 … 액티비전 블리자드 인수를 마무리했다". English: "after/once/following" and a
gerund of getting past (clearing, winning, receiving, securing, obtaining, gaining) within 40
characters before the body; Korean: the body's 승인/허가/인가 received in a connective
(받아, 받고, 받은 뒤/후, 얻어) with the sentence going on to its own verb. A lead that ends in
the receiving ("…의 승인을 받았다") is not touched.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

_EN_CLEARED_BEFORE = lazy_pattern(
    r"\b(?:after|once|following|upon)\s(?:clearing|winning|receiving|securing|obtaining"
    r"|gaining|getting|passing)\b[^.;]{0,40}$"
)
_KO_CLEARED_AFTER = lazy_pattern(
    r"(?:\([^()]{0,20}\))?의\s(?:\S+\s){0,2}?\S*(?:승인|허가|인가)[을를]?\s"
    r"(?:받아|받고|받은\s(?:뒤|후|데\s이어)|얻어|얻고|얻은\s(?:뒤|후))\s"
)


def cleared_on_the_way(text: str, body: _Mention, end: int) -> bool:
    """Whether the body in the lead (ending at `end`) only cleared the firm on its way."""
    if text[body.start : body.end].isascii():
        return _EN_CLEARED_BEFORE().search(text, max(0, body.start - 60), body.start) is not None
    return _KO_CLEARED_AFTER().match(text, body.end, end) is not None
