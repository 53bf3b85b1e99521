"""A firm put on a body's list with a long name, or before a second act (round thirty-four,
issue 13).

Round twenty-two's `_KO_LISTED` (newsletter/classify_acted_on.py) gives the lead to a list's
owner ("DJI가 미국 FCC의 '커버드 리스트'에 오르면서"), the list's name up to four words. Two
shapes it missed:

- a longer name: "화웨이와 SMIC가 대만의 전략 하이테크 물자 수출 통제 명단에 올랐다" (six words);
- the listing as a clause before a second act on the same firm: "일루미나가 중국 상무부의
  '신뢰할 수 없는 기업' 명단에 오른 데 이어 … 수출까지 금지당했다" (오른 데 이어, 오른 뒤,
  오른 직후) where the lead ends in a passive: the firm undergoes both, and the list's owner
  acts. "…명단에 오른 뒤에도 사업 확장을 이어가겠다고 밝혔다" is the firm's own act.
"""

from __future__ import annotations

from newsletter.classify_tables import lazy_pattern

_LONG_LISTED = lazy_pattern(
    r"(?:\([^()]{0,20}\))?의\s(?:\S+\s){0,6}?\S*(?:명단|리스트|목록)['’\"”」]?에\s(?:\S+\s)?"
    r"(?:올랐|오르면서|오르자|올라|포함됐|포함되면서|포함되자|추가됐|추가되면서|추가되자"
    r"|등재됐|등재되면서|등재되자"
    r"|(?P<clause>(?:오른|포함된)\s(?:데\s이어|뒤|직후|후)(?!에도|에는)))")
# the second act undergone by the same firm, ending the lead: "…수출까지 금지당했다"
_UNDERGONE = lazy_pattern(r"(?:당했|당하게\s됐|받았|받게\s됐|금지됐|제한됐|중단됐)다[.]?\s*$")


def listed_by(text: str, position: int, end: int) -> bool:
    """Whether text[position:end] opens with "의 <a list of up to seven words>에 올랐다", or
    with the listing as a clause before a second act the firm undergoes (the lead ends in a
    passive: "…명단에 오른 데 이어 …금지당했다"; not "…오른 뒤에도 …밝혔다", its own act)."""
    found = _LONG_LISTED().match(text, position, end)
    if found is None:
        return False
    return found.group("clause") is None or _UNDERGONE().search(
        text, max(found.end(), end - 20), end) is not None
