"""Attacks on the end of a run (the attack helper's script, not a test): every connection says
QUIT at once (bf71e3a) and the recorder writes the last outcomes at once (af9f03d).

    python bench/attack_end.py hangup     # the relay hangs up 2 ms after each of the last 250s
    python bench/attack_end.py quit       # the relay holds every 221; status, then kill -9
    python bench/attack_end.py window     # kill -9 within --window s after the last dot
    python bench/attack_end.py lastheld   # the last 250 held, released, kill -9 within --window s
    python bench/attack_end.py window --pg --trials 5

Each trial: --readers readers, --concurrency connections, then `status`, one resume and
`status` again. A duplicate must be one the ledger marks as resent after an unknown fate and
that a run reported ("N of unknown fate sent again once"), nobody lost, a dead run never
`sending`, the resume exits 0 with the issue done. The relay's QUIT and DATA hooks are patched
here (tests/fault_smtp.py has no such faults). Anything that breaks a promise is printed with
"DEFECT" at the start of its line.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.attack_kill import UNKNOWN_AGAIN, cli_env, pg_url  # noqa: E402
from tests import fault_smtp  # noqa: E402
from tests.fault_smtp import FaultSmtp  # noqa: E402
from tests.faults_harness import setup_scene  # noqa: E402

QUIT_HOLD = 0.0
HANGUP_FROM = 10**9
QUITS: list[float] = []

_orig_quit = fault_smtp._HoldingSMTP.smtp_QUIT
_orig_data = fault_smtp._HoldingHandler.handle_DATA


async def smtp_QUIT(self: Any, arg: str) -> None:
    QUITS.append(time.monotonic())
    if QUIT_HOLD:
        await asyncio.sleep(QUIT_HOLD)
    await _orig_quit(self, arg)


async def handle_DATA(self: Any, server: Any, session: Any, envelope: Any) -> str:
    status = await _orig_data(self, server, session, envelope)
    number = getattr(envelope, "message_number", 0)
    if number >= HANGUP_FROM and status.startswith("250"):
        # The 250 is pushed after this returns; close right after it went out (the pipelined
        # commands of the next message may already be in: that one's fate becomes unknown).
        asyncio.get_running_loop().call_later(0.002, server.transport.close)
    return status


fault_smtp._HoldingSMTP.smtp_QUIT = smtp_QUIT  # type: ignore[method-assign]
fault_smtp._HoldingHandler.handle_DATA = handle_DATA  # type: ignore[method-assign]


def trial(args: argparse.Namespace, seed: int) -> list[str]:
    global QUIT_HOLD, HANGUP_FROM
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix=f"attack-end-{seed}-"))
    db = pg_url() if args.pg else f"sqlite:///{tmp / 'newsletter.db'}"
    problems: list[str] = []
    QUIT_HOLD = args.quit_hold if args.mode == "quit" else 0.0
    HANGUP_FROM = args.readers - args.concurrency + 1 if args.mode == "hangup" else 10**9
    QUITS.clear()
    with FaultSmtp() as server:
        if args.mode == "lastheld":
            server.hold("DOT", args.readers)
        scene = setup_scene(
            tmp, db, cli_env(tmp), server, args.readers, concurrency=args.concurrency
        )
        try:
            started = time.monotonic()
            process = scene.send()
            killed = False
            if args.mode == "hangup":
                first = scene.finish(process, timeout=120)
            elif args.mode == "quit":
                scene.reach(process, "DOT", args.readers, timeout=120)
                while not QUITS and process.poll() is None:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, QUIT_HOLD * 0.3))
                live = scene.status()
                first = scene.kill(process)
                killed = True
                if live.get("state") != "sending" and first.code == -9:
                    problems.append(f"status during the QUIT hold: {live.get('state')}")
            elif args.mode == "lastheld":
                scene.reach(process, "DOT", args.readers, timeout=120)
                time.sleep(0.3)  # every other connection finished and waits to QUIT
                server.release()
                time.sleep(rng.uniform(0.0, args.window))
                first = scene.kill(process)
                killed = True
            else:
                scene.reach(process, "DOT", args.readers, timeout=120)
                time.sleep(rng.uniform(0.0, args.window))
                first = scene.kill(process)
                killed = True
            status = scene.status()
            resumed = scene.resume(timeout=120)
            after = scene.status()
            got = scene.received()
            dups = {a for a, k in got.items() if k > 1}
            lost = scene.lost()
            reported = (resumed.figure(UNKNOWN_AGAIN) or 0) + (first.figure(UNKNOWN_AGAIN) or 0)
            requeued = scene.requeued()
            quit_spread = (max(QUITS) - min(QUITS)) if QUITS else None
            print(
                f"seed={seed} mode={args.mode} exit={first.code} ({first.seconds:.2f}s, "
                f"total {time.monotonic() - started:.1f}s) status={status.get('state')} "
                f"(sending={status.get('sending')} sent={status.get('sent')} "
                f"unknown={status.get('unknown')}) resume={resumed.code} dups={len(dups)} "
                f"reported={reported} lost={len(lost)} after={after.get('state')} "
                f"quits={len(QUITS)} spread={quit_spread and round(quit_spread, 3)}",
                flush=True,
            )
            if lost:
                problems.append(f"lost {len(lost)}")
            if not dups <= requeued:
                problems.append(f"unadmitted duplicates {sorted(dups - requeued)[:5]}")
            if len(dups) > reported:
                problems.append(f"{len(dups)} duplicates, resume reported {reported}")
            if status.get("state") == "sending":
                problems.append("status names a dead run as sending")
            if not killed and (first.code != 0 or not dups <= requeued):
                problems.append(f"exit {first.code}: {first.text[-600:]}")
            if resumed.code != 0 or after.get("state") != "done":
                problems.append(f"resume {resumed.code}: {resumed.text[-600:]}")
            if "Traceback" in first.text + resumed.text:
                problems.append("a traceback")
            for p in problems:
                print(f"DEFECT seed={seed}: {p}", flush=True)
        finally:
            scene.close()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["hangup", "quit", "window", "lastheld"])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--readers", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--pg", action="store_true")
    # The client waits at most 2 s for a 221: status is asked within the first 0.3 of the hold.
    parser.add_argument("--quit-hold", type=float, default=6.0)
    parser.add_argument("--window", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    found = sum(bool(trial(args, args.seed + i)) for i in range(args.trials))
    print(f"{found} of {args.trials} trials broke a promise")


if __name__ == "__main__":
    main()
