"""A bare body in the lead that the next sentence names in full is that country's body (round
twenty-six, part b; issue 13).

The tables give a bare body's name one country ("상무부" America's). A story often names the body
bare where it acts and gives its country only where it says more: "한화오션의 미국 자회사 5곳이
상무부의 제재 명단에 올랐다. 중국 상무부는 …주장했다". The next sentence's topic repeats the
lead's actor, so the bare name is the full one's. Not where the lead names anything of the full
name's country: "상무부가 화웨이를 제재하자 중국 상무부는 반발했다" is two
bodies, America's acting on a Chinese firm and China's answering.
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention


def bare_named_in_full(text: str, mentions: list[_Mention]) -> None:
    """Give a bare institution of the lead the entry of the same body named with its country as
    the next sentence's topic (see above)."""
    lead_end = text.find(". ")
    if lead_end < 0:
        return
    nxt = text.find(". ", lead_end + 2)
    second_end = len(text) if nxt < 0 else nxt
    for full in mentions:
        if not (lead_end < full.start <= lead_end + 3 and full.end < second_end
                and full.entry.kind == "institution" and " " in full.entry.surface
                and text.startswith(("는", "은", "가", "이"), full.end)):
            continue
        body = full.entry.surface.rsplit(" ", 1)[1]
        region = full.entry.region
        for m in mentions:
            if m.start >= lead_end:
                break
            if m.entry.surface != body or m.entry.group == full.entry.group:
                continue
            if any(o.start < lead_end and o.entry.region is region for o in mentions):
                continue
            m.entry = full.entry
        return
