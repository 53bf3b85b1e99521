"""python -m newsletter.evaluate: scores labelled JSONL, in-process through main(argv)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsletter.evaluate import load_cases, main
from newsletter.models import Region


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_text_records_are_scored_with_table_confusion_and_misses(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = write_jsonl(tmp_path / "labels.jsonl", [
        {"text": "도요타가 북미 생산을 늘린다.", "region": "Japan"},
        {"text": "ECB가 금리를 내렸다.", "region": "Europe"},
        # Labelled wrong on purpose: the classifier says China, and the miss must show why.
        {"text": "딥시크가 새 모델을 공개했다.", "region": "US"},
        # Two regions honestly: either answer counts.
        {"text": "미국이 중국산 전기차에 관세를 매겼다.", "region": "China",
         "acceptable": ["China", "US"]},
    ])
    assert main([str(labels)]) == 0
    out = capsys.readouterr().out
    assert "accuracy: 3/4 = 75.0%" in out
    assert "precision" in out and "recall" in out
    assert "confusion (rows: answer, columns: classifier)" in out
    assert "misses: 1" in out
    assert f"{labels}:3: expected US, got China (lead subject 딥시크 (Chinese company)" in out
    # Row US: the acceptable US answer to record 4, and the miss the classifier called China.
    confusion = out.split("confusion (rows: answer, columns: classifier)")[1]
    us_row = next(line for line in confusion.splitlines() if line.startswith("US "))
    assert us_row.split()[1:] == ["1", "1", "0", "0", "0"]


def test_line_records_read_the_text_file(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Skip to main content\n폭스바겐이 감원한다.\n닛케이지수가 올랐다.\n",
                    encoding="utf-8")
    labels = write_jsonl(tmp_path / "labels.jsonl", [
        {"line": 2, "region": "Europe"}, {"line": 3, "region": "japan"},
    ])
    assert main([str(labels), "--text", str(page)]) == 0
    out = capsys.readouterr().out
    assert "accuracy: 2/2 = 100.0%" in out
    assert "misses: 0" in out


def test_cases_carry_their_origin_and_title(tmp_path: Path) -> None:
    labels = write_jsonl(tmp_path / "labels.jsonl", [
        {"text": "주가가 올랐다.", "title": "소니 실적 호조", "region": "Japan"},
    ])
    (case,) = load_cases(labels)
    assert case.where == f"{labels}:1"
    assert case.summary.title == "소니 실적 호조"
    assert case.acceptable == frozenset({Region.JAPAN})


@pytest.mark.parametrize(
    ("records", "use_text", "message"),
    [
        (["{not json"], False, ":1: not valid JSON"),
        ([{"text": "x", "region": "Mars"}], False, ":1: unknown region 'Mars'"),
        ([{"text": "x"}], False, ":1: missing 'region'"),
        ([{"region": "US"}], False, ":1: needs 'text' or 'line'"),
        ([{"line": 1, "region": "US"}], False, ":1: record refers to 'line' but no --text"),
        ([{"text": "a", "region": "US"}, {"line": 9, "region": "US"}], True,
         ":2: line 9 is not a line of"),
    ],
)
def test_bad_labels_exit_2_naming_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], records: list, use_text: bool,
        message: str) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                              for r in records), encoding="utf-8")
    argv = [str(labels)]
    if use_text:
        page = tmp_path / "page.txt"
        page.write_text("one line\n", encoding="utf-8")
        argv += ["--text", str(page)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert f"{labels}{message}" in captured.err
    assert captured.out == ""


def test_a_missing_labels_file_exits_2(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.jsonl")]) == 2
    assert "cannot read labels file" in capsys.readouterr().err


def test_runs_as_a_module(tmp_path: Path) -> None:
    labels = write_jsonl(tmp_path / "labels.jsonl", [{"text": "Nvidia rallied.", "region": "US"}])
    done = subprocess.run([sys.executable, "-m", "newsletter.evaluate", str(labels)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "accuracy: 1/1 = 100.0%" in done.stdout
