"""The resident memory of a process tree, sampled: the sender and every process it started.

`wait4`'s `ru_maxrss` is one process's own peak. `newsletter send` may start a helper process
(newsletter/prebuild.py) that lives beside it for part of the run; the floor of issue 12 (peak
RSS <= 100 MB) is on what the send holds, helper included, and two peaks at different moments
do not add up. So a thread of the bench reads VmRSS of the sender and of its descendants
(found through /proc/PID/task/TID/children) every few milliseconds and keeps the largest sum,
with who held what at that moment.

Cost to the run: one small /proc read per live process per sample, plus the task list every
`rescan` samples; at 3 ms about 1 % of a core, in the bench's process.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def _rss_mb(pid: int) -> float | None:
    """Resident MB of one process now (statm's second field), None when it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return None


def _children(pid: int) -> set[int]:
    """The processes `pid` started (any of its threads), alive now."""
    found: set[int] = set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as handle:
                found.update(int(x) for x in handle.read().split())
        except (OSError, ValueError):
            continue
    return found


@dataclass
class TreeRss:
    """Samples the tree rooted at `root` in a thread until `stop()`. After it: `peak_mb` (the
    largest sum of VmRSS over the tree), `root_mb`/`others_mb` (the root's and the rest's share
    of that sum), `at` (seconds after `t0`), `root_peak_mb` (the root's own largest sample) and
    `others_peak_mb` (the largest sum of the rest's)."""

    root: int
    t0: float  # time.monotonic() of the root's start
    every: float = 0.003
    rescan: int = 4  # look for new children every this many samples
    peak_mb: float = 0.0
    root_mb: float = 0.0
    others_mb: float = 0.0
    at: float = 0.0
    root_peak_mb: float = 0.0
    others_peak_mb: float = 0.0
    samples: int = 0
    _stopped: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeRss:
        self._thread = threading.Thread(target=self._watch, name="tree-rss", daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        known: set[int] = set()
        while not self._stopped.is_set():
            if self.samples % self.rescan == 0:
                known = self._descendants()
            self._sample(known)
            time.sleep(self.every)

    def _descendants(self) -> set[int]:
        found: set[int] = set()
        todo = [self.root]
        while todo:
            for child in _children(todo.pop()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def _sample(self, others: set[int]) -> None:
        root = _rss_mb(self.root)
        if root is None:
            return
        rest = sum(mb for pid in others if (mb := _rss_mb(pid)) is not None)
        self.samples += 1
        self.root_peak_mb = max(self.root_peak_mb, root)
        self.others_peak_mb = max(self.others_peak_mb, rest)
        if root + rest > self.peak_mb:
            self.peak_mb, self.root_mb, self.others_mb = root + rest, root, rest
            self.at = time.monotonic() - self.t0

    def stop(self) -> TreeRss:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
        return self
