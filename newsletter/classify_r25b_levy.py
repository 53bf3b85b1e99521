"""Who makes the levy that goods face, named in the levy's own words (round twenty-five, b).

Round twenty-one reads "X's cars face a 25% duty under a measure approved by Y" (Y) and, with no
maker named, the country the goods are shipped into. Fresh sets name the maker two more ways
after the levy: as the place it is charged in ("Chinese cars … will face tariffs of up to 50% in
Mexico after lawmakers approved …") and as the owner of the plan, vote or decision the levy
follows ("Electric cars from BYD … will face extra duties … after member states failed to block
the European Commission's plan"). In both the goods only undergo the levy; its maker is the
story's actor. The maker must be of another region than the goods' firm or country (the
subject); a place after "after …" is the follow-up's, not the levy's, and is not read.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern

# right after the levy's amount: "… tariffs of up to 50% in Mexico"
_EN_IN_PLACE = lazy_pattern(
    r"(?:\s(?:of|up\sto|at|about|around|as\smuch\sas|[\d.,]+%))*\sin\s(?:the\s)?$")
# a plan, proposal, decision or vote, the owner's "'s" before it: "the European Commission's"
_EN_OWNERS_ACT = lazy_pattern(
    r"\A(?:['’]s)?\s(?:\S+\s)?(?:plan|proposal|decision|vote|move|measure|order|ruling|"
    r"investigation|probe)\b")
_AFTER = lazy_pattern(r"\s(?:after|as|when|once)\s")
_EN_AFTER_SUBJECT = lazy_pattern(r"(?:the\s)?")
_MAKERS = ("institution", "country")


def levy_maker(text: str, levy_end: int, end: int, inside: list[_Mention],
               subject: _Mention | None) -> _Mention | None:
    """The levy's maker named after it, in its place or as its plan's owner (see above)."""
    region = None if subject is None else subject.entry.region
    after = _AFTER().search(text, levy_end, end)
    for m in inside:
        if m.start < levy_end or m.entry.kind not in _MAKERS or m.entry.region == region:
            continue
        if after is None or m.start < after.start():
            # before any "after …": the levy's place ("… tariffs of up to 50% in Mexico")
            if m.entry.kind == "country" and _EN_IN_PLACE().search(
                    text, max(levy_end - 30, 0), m.start):
                return m
        elif _EN_OWNERS_ACT().match(text[m.end:m.end + 40]) or _EN_AFTER_SUBJECT().fullmatch(
                text, after.end(), m.start):
            # "… after member states failed to block the Commission's plan", "… after the
            # Commission approved them"
            return m
    return None
