"""Turn a dev batch written as `REGION[/ALSO]|text|note` lines into evaluate's JSONL."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(src: str, batch: str) -> None:
    for line in Path(src).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label, text, note = line.split("|", 2)
        regions = label.split("/")
        print(json.dumps({"text": text, "region": regions[0], "acceptable": regions,
                          "note": f"{batch}; {note}"}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
