"""Each labelled line's verdict (right or wrong) by the classifier first on sys.path, and the
lines whose verdict two such lists disagree on: how a round of rules or names shows it moved
no line from right to wrong (issue 13).

    python bench/region_verdicts.py OUT.json          # every blind set, held-out and dev batch
    PYTHONPATH=OTHER_TREE python bench/region_verdicts.py OTHER.json
    python bench/region_verdicts.py --diff BEFORE.json AFTER.json

The lines are bench/blind-regions-*.jsonl, bench/heldout-regions.jsonl and bench/dev/*.jsonl of
this checkout, named "FILE:LINE"; a line counts as right when the region is one of its
acceptable ones, as `newsletter.evaluate` counts it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def verdicts() -> dict[str, bool]:
    from newsletter.classify import classify
    from newsletter.evaluate import load_cases

    paths = [*sorted(BENCH.glob("blind-regions-*.jsonl")), BENCH / "heldout-regions.jsonl",
             *sorted((BENCH / "dev").glob("*.jsonl"))]
    out = {}
    for path in paths:
        for case in load_cases(path):
            name = case.where.rsplit("/", 1)[1]
            if path.parent.name == "dev":
                name = f"dev/{name}"
            out[name] = classify(case.summary).region in case.acceptable
    return out


def diff(before: dict[str, bool], after: dict[str, bool]) -> int:
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    for name in changed:
        print(f"{name}: {'right' if before[name] else 'wrong'} -> "
              f"{'right' if after[name] else 'wrong'}")
    lost = sum(before[k] and not after[k] for k in changed)
    print(f"{len(changed)} changed, {lost} right -> wrong; misses "
          f"{sum(not v for v in before.values())} -> {sum(not v for v in after.values())} "
          f"over {len(before.keys() & after.keys())} lines in both")
    return 1 if lost else 0


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--diff":
        return diff(*(json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:]))
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = verdicts()
    Path(argv[0]).write_text(json.dumps(found, sort_keys=True), encoding="utf-8")
    print(f"{len(found)} lines, {sum(not v for v in found.values())} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
