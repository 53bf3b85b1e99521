"""The classifier's resident memory in a fresh interpreter: after importing it, and after
classifying the first N summaries of a file (patterns compiled on first use count then). The
start-up helper of `newsletter send` (newsletter/prebuild.py) holds this beside the sender, so
it is part of issue 12's peak RSS of the tree.

    python bench/classify_rss.py [FILE] [N]
    PYTHONPATH=<git archive of another commit> python bench/classify_rss.py   # compare

FILE defaults to tests/data/classify-dev.jsonl, N to 40.
"""

from __future__ import annotations

import sys
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests/data/classify-dev.jsonl"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    base = rss_mb()
    import newsletter.classify as classifier
    from newsletter.classify_mentions import ENTRIES
    from newsletter.evaluate import load_cases

    imported = rss_mb()
    for case in load_cases(path)[:count]:
        classifier.classify(case.summary)
    used = rss_mb()
    print(f"{classifier.__file__}: {len(ENTRIES):,} names, {len(sys.modules)} modules; "
          f"RSS {base:.1f} MB at start, +{imported - base:.1f} MB after the import, "
          f"+{used - base:.1f} MB after classifying {count} summaries")


if __name__ == "__main__":
    main()
