"""The journal's disk fills mid-send (RLIMIT_FSIZE through `prlimit`, on PostgreSQL so only the
journal grows): the run must stop handing messages over, say so in one line, and one resume
must finish the issue with nobody lost and every duplicate admitted.

    NEWSLETTER_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/attack_journal_full.py [--fsize 20000] [--readers 2000] [--sqlite]

With --sqlite the limit hits the database file too (a disk full for both).
Anything that breaks a promise is printed with "DEFECT" at the start of its line.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.attack_kill import UNKNOWN_AGAIN, cli_env, pg_url  # noqa: E402
from tests.fault_smtp import FaultSmtp  # noqa: E402
from tests.faults_harness import setup_scene  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fsize", type=int, default=20000)
    parser.add_argument("--readers", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="attack-journal-"))
    db = f"sqlite:///{tmp / 'newsletter.db'}" if args.sqlite else pg_url()
    with FaultSmtp() as server:
        scene = setup_scene(tmp, db, cli_env(tmp), server, args.readers,
                            concurrency=args.concurrency)
        try:
            def limit() -> None:  # in the child only: its files may not grow past fsize
                resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize, args.fsize))

            process = subprocess.Popen(
                [sys.executable, "-m", "newsletter.cli", "send", "--date", scene.day.isoformat()],
                env=scene.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                start_new_session=True, preexec_fn=limit,
            )
            first = scene.finish(process, timeout=300)
            taken = len(server.messages)
            folder = tmp / "data" / "journal"
            journals = [(p.name, p.stat().st_size) for p in sorted(folder.glob("*"))]
            status = scene.status()
            resumed = scene.resume(timeout=300)
            after = scene.status()
            got = scene.received()
            dups = {a for a, k in got.items() if k > 1}
            lost = scene.lost()
            reported = resumed.figure(UNKNOWN_AGAIN) or 0
            said = [ln for ln in first.err.splitlines() if ln.startswith("error:")]
            print(f"first: exit={first.code} in {first.seconds:.1f}s taken={taken} "
                  f"said={said[-1:]!r}")
            print(f"journals: {journals}")
            print(f"status: {status.get('state')}/{status['_exit']} sending={status.get('sending')}"
                  f" unknown={status.get('unknown')}")
            print(f"resume: exit={resumed.code} dups={len(dups)} reported={reported} "
                  f"lost={len(lost)} after={after.get('state')}/{after['_exit']} "
                  f"sent={after.get('sent')}")
            print("resume said:", " | ".join(
                ln for ln in resumed.text.splitlines() if not ln.startswith("20"))[-600:])
            if "Traceback" in first.text:
                print("DEFECT: traceback in the first run:", first.err[-1500:])
            if lost:
                print(f"DEFECT: lost {len(lost)}")
            if dups - scene.requeued():
                print(f"DEFECT: {len(dups - scene.requeued())} duplicates the ledger denies")
            if len(dups) > reported:
                print(f"DEFECT: {len(dups)} duplicates, the resume admitted {reported}")
            if resumed.code != 0:
                print(f"DEFECT: resume exit {resumed.code}: {resumed.text[-800:]}")
        finally:
            scene.close()


if __name__ == "__main__":
    main()
