"""A pytest plugin for bench/region_model.py: records every summary the classifier tests hand to
`classify` with the rules alone, as a labelled set whose answer is the rules' own region (the
tests pass with the rules alone, so the model must not move them).

    PYTHONPATH=.:bench python -m pytest -q -p region_tests_record tests/test_classify*.py

writes $REGION_TESTS_OUT (default /tmp/region-fresh/tests.jsonl).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import newsletter.classify as rules
import newsletter.classify_correct as learned

_OUT = Path(os.environ.get("REGION_TESTS_OUT", "/tmp/region-fresh/tests.jsonl"))
_seen: dict[tuple[str, str | None], str] = {}
_classify = rules.classify


def _recording(summary):  # type: ignore[no-untyped-def]
    result = _classify(summary)
    if summary.region is None and summary.text:
        _seen.setdefault((summary.text, summary.title), result.region.value)
    return result


learned._loaded[:] = [None]
rules.classify = _recording


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    _OUT.parent.mkdir(parents=True, exist_ok=True)
    with _OUT.open("w", encoding="utf-8") as sink:
        for (text, title), region in sorted(_seen.items(),
                                            key=lambda kv: (kv[0][0], kv[0][1] or "")):
            record = {"text": text, "region": region}
            if title:
                record["title"] = title
            sink.write(json.dumps(record) + "\n")  # ASCII: no U+2028 inside a line
