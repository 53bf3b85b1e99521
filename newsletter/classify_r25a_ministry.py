"""A bare 상무부 acting against American firms is China's (round twenty-five, part a).

Round twenty-two gave a bare 상무부 to China where the summary makes China its act's home (its
market, its industry, its own list). The other half of that reading: "상무부가 미국 방산업체
록히드마틴 등 5곳을 수출통제 명단에 올렸다", "미국 마이크론이 상무부로부터 중국 내 판매 금지
조치를 받았다": the ministry sanctions, lists or bans American firms, and America is named only
as those firms' country. America's own commerce ministry does not put American firms on export
lists; China's does. The tables' reading stands where America is named any other way (a US
body or person), where a Chinese firm or "중국 업체" is the target or chips are exported
(America's export controls: "상무부가 엔비디아의 H20 칩 수출을 금지했다"),
and where the ministry has a country before it ("미 상무부").
"""

from __future__ import annotations

from newsletter.classify_bare_ministry import chinas_ministry
from newsletter.classify_mentions import _Mention
from newsletter.classify_tables import lazy_pattern
from newsletter.models import Region

# what the ministry does to the firms: lists, sanctions, bans, probes, retaliation
_SANCTION = lazy_pattern(r"명단|목록|제재|금지|반독점\s?조사|반덤핑|보복|불신뢰")
# America named as a firm's country: "미국 방산업체", "미국 반도체 업체", "미국 기업"
_US_AS_FIRMS = lazy_pattern(r"\s(?:\S+\s)?(?:방산)?(?:업체|기업|회사|제조사)")
_CHINESE_TARGET = lazy_pattern(
    r"중국(?:\s\S+)?\s(?:업체|기업|회사)"
    # chips or tools exported (America's controls on its own firms' sales): "H20 칩 수출을"
    r"|(?:칩|반도체|GPU|장비)(?:의)?\s(?:\S+\s)?(?:대중\s|중국\s)?수출")


def ministry_against_us_firms(text: str, mentions: list[_Mention]) -> None:
    """Give each bare 상무부 to China where it acts against American firms only (see above)."""
    bare = [m for m in mentions if m.entry.surface == "상무부" and m.entry.region is Region.US
            and not any(c.end <= m.start and text[c.end:m.start].strip() == ""
                        and c.entry.kind == "country" for c in mentions)]
    if not bare or _SANCTION().search(text) is None or _CHINESE_TARGET().search(text):
        return
    firms = 0
    for m in mentions:
        if m in bare:
            continue
        if m.entry.region is Region.CHINA and m.entry.kind == "company":
            return  # a Chinese firm is the target: America's controls
        if m.entry.region is not Region.US:
            continue
        if m.entry.kind == "company":
            firms += 1
        elif not (m.entry.kind == "country" and (
                _US_AS_FIRMS().match(text, m.end) or any(
                    c.entry.kind == "company" and c.start == m.end + 1 for c in mentions))):
            return  # America named as a body, a person or a place: the tables' reading
    if firms:
        for m in bare:
            m.entry = chinas_ministry(m.entry)
