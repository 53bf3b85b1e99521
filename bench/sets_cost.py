"""The helper's smaller section-set renders alone (newsletter/prebuild.py after "built"): the
sample day's issue rendered whole, then each smaller set of its regions, in one process.

    .venv/bin/python bench/sets_cost.py            # CPU ms of the 30 set renders
    valgrind --tool=callgrind .venv/bin/python bench/sets_cost.py --sets 0   # and --sets 30:
                                                   # the difference is the sets' instructions

A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=30, help="how many sets to render (<= 30)")
    parser.add_argument("--locale", default="ko")
    args = parser.parse_args()

    from newsletter.job_content import classified_source, reviewed_issue
    from newsletter.prebuild import _section_sets
    from newsletter.render import Renderer
    from newsletter.settings import load_settings

    day = dt.date(2025, 2, 11)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            data_dir=Path(tmp),
            locale=args.locale,
            sender="Morning Brief <brief@example.com>",
            public_url="https://news.example.com",
        )
        got = classified_source(day, settings, None)
        issue = reviewed_issue(day, settings, got, overrides={}).issue
        renderer = Renderer(settings)
        renderer.load_templates()
        renderer.render(issue)
        sets = [issue.only(regions) for regions in _section_sets(issue)][: args.sets]
        cpu = time.process_time()
        for chosen in sets:
            renderer.render(chosen)
        cpu = time.process_time() - cpu
    print(
        f"{len(sets)} sets: {cpu * 1000:.1f} ms CPU, {cpu * 1000 / max(len(sets), 1):.2f} ms a set"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
