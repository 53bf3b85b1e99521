"""Classifier cost: import time, time per summary and peak memory, in a fresh interpreter.

    .venv/bin/python bench/classify_speed.py tests/data/classify-dev.jsonl \
        bench/heldout-regions.jsonl

Reads JSONL files with a `text` (and optional `title`) per line, classifies every summary once
to warm up, then five more times, and prints the best pass per summary in CPU time (the process's
own, so that other work on a shared machine disturbs the figure less). The import time is that of
`newsletter.classify` alone (its regexes are compiled at import), also in CPU time. Peak RSS is
the whole process's, after the runs. This is a script that prints figures, not a test.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    started = time.process_time()
    from newsletter.classify import classify
    from newsletter.models import Summary

    imported = time.process_time() - started
    summaries = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                summaries.append(Summary(text=record["text"], title=record.get("title")))
    for summary in summaries:
        classify(summary)
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for summary in summaries:
            classify(summary)
        best = min(best, (time.process_time() - start) / len(summaries))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"import newsletter.classify: {imported * 1000:.0f} ms CPU")
    print(f"{len(summaries)} summaries: {best * 1e6:.0f} us CPU per summary (best of 5 passes)")
    print(f"peak RSS: {peak:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
