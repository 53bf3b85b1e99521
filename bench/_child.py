"""`newsletter ARGS...` exactly as the console script runs it, plus one thing the CLI does not
print: the DeliveryReport (its stage timings above all), written as JSON to $BENCH_REPORT
when the process exits. Used by bench/throughput.py as the sending process."""

from __future__ import annotations

import atexit
import json
import os
import resource
import sys
from typing import Any

from newsletter import cli, job

_reports: list[Any] = []


def _capture(function: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        report = function(*args, **kwargs)
        _reports.append(report)
        return report

    return wrapper


def _dump() -> None:
    target = os.environ.get("BENCH_REPORT")
    if not target:
        return
    record: dict[str, Any] = {
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "reports": [
            {
                "sent": r.sent,
                "failed": r.failed,
                "deferred": r.deferred,
                "unknown": r.unknown,
                "skipped": r.skipped,
                "duration": r.duration,
                "timings": r.timings,
                "ledger": r.ledger,
            }
            for r in _reports
        ],
    }
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(record, handle)


# cli.send / cli.worker import these names from newsletter.job when they run.
job.run_issue = _capture(job.run_issue)
job.run_worker = _capture(job.run_worker)
atexit.register(_dump)

if __name__ == "__main__":
    cli.main(sys.argv[1:])
