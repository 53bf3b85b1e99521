"""The ledger's hot path alone on SQLite: claim() a batch, record() its outcomes in the
recorder's batches, until the day is sent; no SMTP, no build, one thread.

    .venv/bin/python bench/ledger_cost.py --n 20000

Prints CPU microseconds per message for claim and record (the figures to compare on a shared
machine). The claims run in one thread and the outcomes in another, so that callgrind counts
each on its own, whatever the load (thread 2 claims, thread 3 records):

    PYTHONHASHSEED=0 valgrind --tool=callgrind --separate-threads=yes \
        .venv/bin/python bench/ledger_cost.py --n 5000

A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import queue
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500, help="claim limit (batch_size)")
    parser.add_argument("--record", type=int, default=256, help="outcomes per record()")
    args = parser.parse_args()

    from throughput import import_bulk, write_subscribers

    from newsletter.models import DeliveryStatus, Outcome
    from newsletter.store import Store

    day = dt.date(2025, 2, 11)
    now = dt.datetime(2025, 2, 11, 6, 0, tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        with contextlib.closing(Store.open(url)) as store:
            pass
        csv_path = Path(tmp) / "readers.csv"
        write_subscribers(csv_path, args.n)
        import_bulk(url, csv_path)
        with contextlib.closing(Store.open(url)) as store:
            store.enqueue(day, now)
            # Claims in one thread, outcomes in another, taking turns: as the claimer and the
            # recorder do, and so that callgrind's --separate-threads=yes counts each alone.
            handed: queue.SimpleQueue[list[Any] | None] = queue.SimpleQueue()
            back: queue.SimpleQueue[float] = queue.SimpleQueue()
            outcome = Outcome(DeliveryStatus.SENT, 250, "2.0.0 Ok: queued as 4XyZ")

            def recorder() -> None:
                while (claims := handed.get()) is not None:
                    started = time.thread_time()
                    outcomes = [(c.delivery_id, outcome) for c in claims]
                    for i in range(0, len(outcomes), args.record):
                        store.record(
                            outcomes[i : i + args.record], backoff=60.0, bounce_limit=3,
                            now=now, worker="bench",
                        )  # fmt: skip
                    back.put(time.thread_time() - started)

            def claimer() -> None:
                cpu = [0.0, 0.0]
                done = 0
                while True:
                    started = time.thread_time()
                    claims = store.claim(
                        day, worker="bench", limit=args.batch, lease_seconds=300, max_tries=3,
                        now=now,
                    )  # fmt: skip
                    cpu[0] += time.thread_time() - started
                    if not claims:
                        break
                    handed.put(claims)
                    cpu[1] += back.get()
                    done += len(claims)
                handed.put(None)
                assert done == args.n, done
                print(
                    f"claim {cpu[0] / done * 1e6:5.1f} us/msg CPU, "
                    f"record {cpu[1] / done * 1e6:5.1f} us/msg CPU ({done} messages)"
                )

            threads = [threading.Thread(target=f, name=f.__name__) for f in (claimer, recorder)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
