"""A process's start-up: the cyclic garbage collector paused while it loads its modules.

`newsletter send` spends most of its first half second before the first message importing
modules (SQLAlchemy, pydantic, the classifier's tables, Jinja2, premailer): hundreds of
thousands of objects that live as long as the process. The collector, left on, walks them again
and again as they pile up (each full collection visits all of them), about a tenth of that time,
and finds almost nothing to free. So the CLI pauses it at entry (`pause_gc`) and the run resumes
it once its start-up is over (`resume_gc`, where the issue is open and sending begins).
Resuming first freezes what start-up created (`gc.freeze`: moved out of the collector's sight
for good), so the first collection afterwards does not walk it all at once, and no later one
does either.

A command that never calls `resume_gc` (preview, serve, schedule, ...) gets the collector back
after `LIMIT` seconds all the same: a long-running process never runs without it.
"""

from __future__ import annotations

import gc
import threading

LIMIT = 2.0  # seconds: longer than any start-up, short enough that nothing piles up meanwhile

_lock = threading.Lock()
_timer: threading.Timer | None = None


def pause_gc(limit: float = LIMIT) -> None:
    """Pause the cyclic collector until `resume_gc()`, or `limit` seconds at the most. A no-op
    when it is already paused or was turned off by whoever embeds us (theirs to turn back on)."""
    global _timer
    with _lock:
        if _timer is not None or not gc.isenabled():
            return
        gc.disable()
        _timer = threading.Timer(limit, resume_gc)
        _timer.name = "gc-resume"
        _timer.daemon = True  # never keeps a finished command alive
        _timer.start()


def resume_gc() -> None:
    """Freeze what start-up created and turn the collector back on. A no-op unless paused."""
    global _timer
    with _lock:
        if _timer is None:
            return
        timer, _timer = _timer, None
        timer.cancel()
        gc.freeze()
        gc.enable()


def gc_paused() -> bool:
    """Whether start-up still holds the collector paused (for tests and the bench)."""
    return _timer is not None
