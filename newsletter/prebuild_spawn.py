"""Starting the helper process of newsletter/prebuild.py, and whether it pays: the part of it
`newsletter send` runs first thing, before anything else is imported.

The helper's start-up (its interpreter, then its imports) is on the way to the first message,
so the sender starts it before it imports even newsletter.prebuild (dataclasses, inspect,
pickle, logging, queue: 15-45 ms on a 2-core host): this module needs only `os`, `sys`,
`subprocess` and `time`. newsletter.prebuild wraps the process in its `Prebuild`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

LOOKS = 3  # at most, a millisecond apart: ~2 ms lost only on a machine that looks busy
# What `newsletter send` was told that means it starts no helper (sending.py's test: a test
# send, a dry run, a resend of the failed), and help, which runs no command.
_NO_HELPER_OPTIONS = frozenset({"--to", "--dry-run", "--resend-failed", "-h", "--help"})
# The helper the CLI's main started for this process's send, or None where it found no idle
# core: empty until main decided, emptied by the send's `Prebuild.start`.
early: list[subprocess.Popen[bytes] | None] = []


def spawn(*, only_on_an_idle_core: bool = True) -> subprocess.Popen[bytes] | None:
    """The helper process, started; None when it cannot be or would not pay (the run then
    builds in-process): it pays only when a core is idle. On a machine already busy
    (measured: 2 cores, other processes keeping the load at 2-5) the two processes'
    start-ups share the same cores with everyone else's, and the first message came no
    sooner (docs/scale.md, "perf-first")."""
    if not sys.executable:  # embedded without an interpreter to start
        return None
    if only_on_an_idle_core and not _idle_core():
        return None
    # This very package, not another one the helper's sys.path might find first.
    root = str(Path(__file__).resolve().parent.parent)
    code = f"import sys; sys.path.insert(0, {root!r}); import newsletter.prebuild as p; p.main()"
    try:
        return subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
    except OSError:
        return None


def start_early(send_args: list[str]) -> None:
    """Start the helper for `newsletter send SEND_ARGS` now: the CLI's main calls it before it
    imports click, the commands and newsletter.prebuild (~50-100 ms on a loaded 2-core
    host, ~40 ms on a quiet one), and the helper's CPU, not the sender's, is what the first
    message waits for (docs/scale.md, "perf-margin"). The send command takes it through
    `Prebuild.start`, so it is used only where that command would have started one itself;
    one it did not take (a usage error, `--to=ADDR` spelt some other way) is ended by
    `discard_early`."""
    if any(arg.partition("=")[0] in _NO_HELPER_OPTIONS for arg in send_args):
        return
    discard_early()
    early.append(spawn())


def discard_early() -> None:
    """End a helper `start_early` started and the command never took: its pipe closed, it
    ends at its next read (killed if it has not within 0.2 s)."""
    while early:
        process = early.pop()
        if process is None:
            continue
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        try:
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _runnable() -> int | None:
    """Tasks ready to run right now, this one included (the kernel's count in /proc/loadavg);
    None where there is no such file."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            return int(handle.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def _idle_core(runnable: Callable[[], int | None] = _runnable) -> bool:
    """Whether a core is idle as this send starts: more cores than tasks ready to run at one
    of a few looks (where the kernel has no count, more than one core is taken as enough).
    One look is one instant, and a task passing through it (a kernel thread writing back the
    last run's pages, the shell that started us) made a quiet machine look busy and cost the
    send its helper; a machine busy at every look is busy."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    for look in range(LOOKS):
        if look:
            time.sleep(0.001)
        count = runnable()
        if count is None or count < cores:
            return True
    return False
