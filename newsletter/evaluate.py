"""Score the region classifier against a labelled JSONL file.

    python -m newsletter.evaluate LABELS.jsonl [--text FILE]

Each record has the answer in ``region`` and, optionally, every answer that counts as right in
``acceptable`` (a story honestly about two regions). The summary is either in ``text`` (with an
optional ``title``) or on line ``line`` (1-based) of the ``--text`` file.

Prints the accuracy, precision and recall per region, a confusion table and every miss with the
classifier's reason. Exit status: 0 after scoring (misses are results, not failures); 2 when the
labels or the text file cannot be used, with the file and line that is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newsletter.classify import classify
from newsletter.errors import InputError, json_problem
from newsletter.models import REGION_ORDER, Classified, Region, Summary


@dataclass(frozen=True, slots=True)
class Case:
    where: str  # "labels.jsonl:7"
    summary: Summary
    region: Region
    acceptable: frozenset[Region]


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    result: Classified

    @property
    def correct(self) -> bool:
        return self.result.region in self.case.acceptable

    @property
    def gold(self) -> Region:
        """The answer to score against: the prediction when it is acceptable, else the label."""
        return self.result.region if self.correct else self.case.region


def load_cases(labels: Path, text_file: Path | None = None) -> list[Case]:
    """Read labelled cases; raises InputError naming the file and line of a bad record."""
    try:
        label_lines = labels.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read labels file {labels}: {exc.strerror}") from exc
    text_lines: list[str] | None = None
    if text_file is not None:
        try:
            text_lines = text_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read text file {text_file}: {exc.strerror}") from exc
    cases: list[Case] = []
    for number, raw in enumerate(label_lines, start=1):
        if not raw.strip():
            continue
        where = f"{labels}:{number}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            problem = json_problem(exc, f"column {exc.colno}")
            raise InputError(f"{where}: not valid JSON ({problem})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object")
        cases.append(_case(record, where, text_lines, text_file))
    return cases


def _case(record: dict, where: str, text_lines: list[str] | None,
          text_file: Path | None) -> Case:
    try:
        region = Region.parse(str(record["region"]))
        acceptable = frozenset(Region.parse(str(r)) for r in record.get("acceptable") or [])
    except KeyError:
        raise InputError(f"{where}: missing 'region'") from None
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    if "text" in record:
        text = str(record["text"])
        origin = where
    elif "line" in record:
        if text_lines is None:
            raise InputError(f"{where}: record refers to 'line' but no --text file was given")
        line = record["line"]
        if not isinstance(line, int) or not 1 <= line <= len(text_lines):
            raise InputError(f"{where}: line {line!r} is not a line of {text_file} "
                             f"(1..{len(text_lines)})")
        text = text_lines[line - 1]
        origin = f"{text_file}:{line}"
    else:
        raise InputError(f"{where}: needs 'text' or 'line'")
    title = record.get("title")
    summary = Summary(text=text, title=str(title) if title else None, origin=origin)
    return Case(where, summary, region, acceptable | {region})


def evaluate(cases: Sequence[Case]) -> list[Outcome]:
    return [Outcome(case, classify(case.summary)) for case in cases]


def report(outcomes: Sequence[Outcome], out: TextIO) -> None:
    total = len(outcomes)
    right = sum(o.correct for o in outcomes)
    share = right / total if total else 0.0
    out.write(f"accuracy: {right}/{total} = {share:.1%}\n\n")
    out.write(f"{'region':<8} {'precision':>10} {'recall':>10} {'labelled':>9}\n")
    for region in REGION_ORDER:
        predicted = [o for o in outcomes if o.result.region is region]
        labelled = [o for o in outcomes if o.gold is region]
        hits = sum(1 for o in predicted if o.gold is region)
        precision = f"{hits / len(predicted):.1%}" if predicted else "-"
        recall = f"{hits / len(labelled):.1%}" if labelled else "-"
        out.write(f"{region.value:<8} {precision:>10} {recall:>10} {len(labelled):>9}\n")
    out.write("\nconfusion (rows: answer, columns: classifier)\n")
    out.write(" " * 8 + "".join(f"{r.value:>8}" for r in REGION_ORDER) + "\n")
    for gold in REGION_ORDER:
        row = [sum(1 for o in outcomes if o.gold is gold and o.result.region is got)
               for got in REGION_ORDER]
        out.write(f"{gold.value:<8}" + "".join(f"{n:>8}" for n in row) + "\n")
    misses = [o for o in outcomes if not o.correct]
    out.write(f"\nmisses: {len(misses)}\n")
    for o in misses:
        wanted = "/".join(r.value for r in REGION_ORDER if r in o.case.acceptable)
        snippet = o.case.summary.text[:90] + ("…" if len(o.case.summary.text) > 90 else "")
        out.write(f"- {o.case.where}: expected {wanted}, got {o.result.region.value}"
                  f" ({o.result.reason})\n  {snippet}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsletter.evaluate",
        description="Score the region classifier against labelled JSONL.",
        epilog="example: python -m newsletter.evaluate labels.jsonl --text summaries.txt",
    )
    parser.add_argument("labels", type=Path, help="JSONL: region, optional acceptable, "
                        "and text (or line with --text)")
    parser.add_argument("--text", type=Path, default=None,
                        help="text file whose 1-based lines the records' 'line' refers to")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.labels, args.text)
    except InputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    try:
        report(evaluate(cases), sys.stdout)
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        sys.stderr.close()  # nothing more to say, and no traceback at exit
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
