"""Read labelled sets with whatever `newsletter` is first on sys.path (an older tree of the rules,
or this one) and print one JSON line per summary: the set, line, label, acceptable regions and
the rules' reading as newsletter/classify_correct.py's `reading_of` makes it.

    PYTHONPATH=<tree> python bench/region_view.py CORRECT_PY SET.jsonl...

CORRECT_PY is the path of this tree's newsletter/classify_correct.py, loaded by file so that an
older tree, which has none, reads the same way. Used by bench/region_model.py.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("_region_correct", argv[0])
    assert spec and spec.loader
    correct = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(correct)
    import newsletter.classify as rules
    from newsletter.models import Summary

    try:  # the rules' own reading: this tree's learned correction, if any, stays off
        import newsletter.classify_correct as learned
        learned._loaded[:] = [None]
    except ImportError:
        pass

    home_of = getattr(rules, "dateline_home", None)
    takes_home = "home" in inspect.signature(rules._analyse).parameters
    for name in argv[1:]:
        path = Path(name)
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            record = json.loads(raw)
            text, title = str(record["text"]), record.get("title")
            summary = Summary(text=text, title=str(title) if title else None)
            result = rules.classify(summary)
            t, b = rules._normalise(summary.title), rules._normalise(summary.text)
            scores: dict = {}
            mentions: list = []
            if t or b:
                args = (t, b, home_of(summary.text)) if takes_home and home_of else (t, b)
                analysis = rules._analyse(*args)
                scores, mentions = analysis.scores, analysis.mentions
            region = str(result.region.value)
            reading = correct.reading_of(region, result.reason, f"{t} {b}", scores, mentions,
                                         len(t))
            acceptable = sorted({str(record["region"]), *(record.get("acceptable") or [])})
            print(json.dumps({"set": path.stem, "line": number, "label": record["region"],
                              "acceptable": acceptable, "reading": reading},
                             ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
