"""The per-reader build alone: what `Claimer._dispatch` does for each claimed row (token,
headers, message pieces, VERP sender, Envelope), on the sample day's issue, in one thread,
no SMTP, no database.

    .venv/bin/python bench/build_cost.py --n 50000

Prints CPU microseconds per message (the figure to compare on a shared machine) and the
message size. A script that prints figures, not a test.
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
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from newsletter.deliver import Personalizer
    from newsletter.job import build_issue
    from newsletter.mailers.base import Envelope
    from newsletter.render import Renderer
    from newsletter.settings import load_settings
    from newsletter.verp import sender_for

    day = dt.date(2025, 2, 11)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            data_dir=Path(tmp),
            secret_key="bench-secret-key-0123456789abcdef",
            sender="Morning Brief <news@example.com>",
            public_url="https://news.example.com",
            log_level="WARNING",
        )
        built = build_issue(day, settings, None)
        personalizer = Personalizer(built.issue, settings, Renderer(settings))
        template = personalizer.template_for(frozenset())
        assert template is not None
        sender = settings.sender_address
        best = None
        for _ in range(args.repeat):
            cpu = time.thread_time()
            size = 0
            for i in range(args.n):
                data = personalizer.pieces(
                    template, subscriber_id=i + 1, salt="benchsalt000",
                    email=f"reader{i}@example.com", name="지수 Kim" if i % 3 == 0 else None,
                )  # fmt: skip
                verp = sender_for(personalizer, i + 1, sender)
                envelope = tuple.__new__(Envelope, (verp, f"reader{i}@example.com", data, i, True))
            cpu = time.thread_time() - cpu
            data = envelope.data
            size = len(data) if isinstance(data, bytes) else sum(map(len, data))
            per = cpu / args.n * 1e6
            best = per if best is None else min(best, per)
            print(f"build: {per:6.1f} us/msg CPU  (message {size} bytes)")
        print(f"best of {args.repeat}: {best:.1f} us/msg CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
