"""A bare fair-trade commission told by Japan's own legal terms (round thirty-four, issue 13).

"미국 구글이 … 공정거래위원회로부터 배제조치명령을 받았다": round thirty-three gave a bare
공정거래위원회 (Korea's by the tables) to Japan where the text names something Japanese. A text can
instead name no Japanese thing and still speak Japan's law: 배제조치명령 is the Korean wire's
rendering of 排除措置命令, the Japan Fair Trade Commission's cease-and-desist order (Korea's
commission issues 시정명령). Where that term is in the text and nothing of Korea's is (no other
Korean name, no "국내", no sum in won: round thirty-three's `lone_commissions`), the commission
is Japan's.
"""

from __future__ import annotations

from typing import Any

from newsletter.classify_r33_jftc import lone_commissions, to_japans_commission


def commission_by_japans_terms(text: str, mentions: list[Any]) -> None:
    """Give a bare 공정거래위원회 still read as Korea's to Japan where the text uses the Japanese
    commission's own order (배제조치명령) and names nothing of Korea's."""
    if "배제조치" not in text:
        return  # the cheap test
    if "시정명령" in text:
        return  # Korea's commission's own order named beside it: "…에 준하는 시정명령을"
    to_japans_commission(lone_commissions(text, mentions))
