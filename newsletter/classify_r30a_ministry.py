"""Round thirty, part a (issue 13): a bare 상무부 against America, China named only as a partner.

Round twenty-five b's `answering_america` gives a bare 상무부 to China where the story names
America only as the other side of the ministry's hostile act and China nowhere. A story may
name China after the ministry only as the partner its targets are now cut off from ("미국이 …
명단을 확대하자 상무부는 맞대응으로 미국 … 업체 여러 곳을 … 목록에 올렸다. 해당 기업들은
앞으로 중국과의 수출입 거래가 금지되며"): "중국과의 …", "중국으로의 …" name the other party of a
dealing, no claim on the ministry. China named before the ministry, or in any other shape, keeps
round twenty-five b's reading (the ministry's act on Chinese firms is America's).
"""

from __future__ import annotations

from newsletter.classify_mentions import _Mention

# "중국과의 거래", "중국와의"(sic), "중국으로의 수출": the other party of a dealing
_PARTNER = ("과의", "와의", "으로의", "로의")


def china_only_as_partner(text: str, mentions: list[_Mention], ministry: _Mention) -> bool:
    """Whether every mention of China comes after the bare ministry as a dealing's partner."""
    china = [m for m in mentions if m.entry.region.value == "China"]
    return bool(china) and all(
        m.start > ministry.end and m.entry.kind == "country" and text.startswith(_PARTNER, m.end)
        for m in china
    )
