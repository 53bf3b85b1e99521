"""Round twenty-nine, part a (issue 13): a sentence that opens with a country's exports.

English "from" makes a name background ("demand from the United States", "imports from
China": where goods or money come from, not who acts). A sentence that opens with "Exports
from X" or "Shipments from X" names X as the owner of its subject: "Exports from the world's
second-largest economy hit a record in 2024 …" is China's story, not that of the markets its
goods went to. Only at a sentence's start and only exports (imports from X are the importer's).
"""

from __future__ import annotations

import re

_EXPORTS_FROM = re.compile(
    r"(?:^|[.!?]\s+)(?:Exports|Shipments|Outbound shipments|Overseas shipments)"
    r"(?:\sof\s[\w-]+(?:\s[\w-]+)?)?\sfrom\s(?:the\s)?$"
)


def exports_from_owner(before: str) -> bool:
    """Whether the text just before an English mention opens a sentence with its exports."""
    return "from" in before and _EXPORTS_FROM.search(before) is not None
