"""The fault matrix's figures, per fault: what the run printed, its exit code, duplicates, and
how long a resume waited (issue 9's closing note).

    python bench/faults.py                       # SQLite (and PostgreSQL if the URL is set)
    NEWSLETTER_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/faults.py -k "kill"         # extra pytest arguments pass through
    python bench/faults.py --from figures.jsonl  # print figures collected earlier

It runs tests/test_faults*.py with FAULTS_REPORT set (each case appends one JSON line) and
prints one row per fault. The tests' pass/fail is printed by pytest above the table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def collect(extra: list[str]) -> Path:
    target = Path(tempfile.mkdtemp(prefix="faults-")) / "figures.jsonl"
    env = dict(os.environ, FAULTS_REPORT=str(target))
    tests = sorted(str(p) for p in (REPO / "tests").glob("test_faults*.py"))
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests, *extra],
        cwd=REPO,
        env=env,
        check=False,
    )
    return target


def _short(text: object, width: int = 110) -> str:
    value = str(text or "").replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def show(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    print(f"\n{len(rows)} fault cases; figures from {path}\n")
    header = ("fault", "db", "c", "exit", "dups", "reported", "lost", "resume", "waited s")
    print("{:<22} {:<10} {:>2} {:>5} {:>5} {:>8} {:>5} {:>6} {:>8}".format(*header))
    for r in rows:
        first_exit = r.get("run_exit", r.get("killed_exit"))
        waited = r.get("resume_waited_s")
        print(
            "{:<22} {:<10} {:>2} {:>5} {:>5} {:>8} {:>5} {:>6} {:>8}".format(
                _short(r["fault"], 22),
                r.get("db", ""),
                r.get("concurrency", ""),
                str(first_exit),
                str(r.get("duplicates", "")),
                str(r.get("reported_unknown", "")),
                str(r.get("lost", "")),
                str(r.get("resume_exit", "")),
                "-" if waited is None else f"{waited:.2f}",
            )
        )
    print("\nwhat each run printed (last lines):")
    for r in rows:
        label = f"{r['fault']} [{r.get('db')}, c={r.get('concurrency')}]"
        extra = {
            k: r[k]
            for k in (
                "taken_while_ledger_down",
                "brake_bound",
                "refused_by_relay_per_run",
                "refused_sessions",
                "throttled_tries",
                "readers_charged_extra_attempts",
                "sent_first_run",
                "status_after_kill",
                "status_after_run",
                "status_after",
                "status_after_resume",
                "in_doubt",
                "recorded_in",
            )
            if k in r
        }
        print(f"- {label}: {extra}")
        if r.get("run_output") or r.get("killed_output"):
            print(f"    run:    {_short(r.get('run_output') or r.get('killed_output'), 300)}")
        if r.get("resume_output"):
            print(f"    resume: {_short(r['resume_output'], 300)}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--from"]:
        show(Path(argv[1]))
        return
    show(collect(argv))


if __name__ == "__main__":
    main(sys.argv[1:])
