"""`newsletter ARGS...` exactly as the console script runs it, plus what the CLI does not print,
written as JSON to $BENCH_REPORT when the process exits. Used by bench/throughput.py as the
sending process.

What it records, without touching the newsletter package:

- the DeliveryReport (its stage timings above all), as before;
- CPU per thread: every thread's own CPU (`time.thread_time()` as it ends, or /proc for the
  ones still alive at exit), grouped by name (`sender-3` -> `sender`);
- CPU and wall per stage, exclusive (a stage's time minus the stages nested in it), in the
  thread that spent it. A stage is a few per-batch functions, wrapped when their module is
  first imported (so nothing is imported earlier than the send would import it): see HOOKS.
  Nothing per message is wrapped, so the hooks cost a few calls per batch of 500;
- start-up: the main thread's CPU from process start to the first claim, minus the stages
  inside it (queueing, render, db), and when that first claim happened ($BENCH_T0 is the
  bench's monotonic clock just before Popen; CLOCK_MONOTONIC is system-wide).

A hook whose function no longer exists is reported (`missing_hooks`): the bench prints it, so
a rename shows instead of silently moving time into "unattributed".

With $BENCH_PROFILE=path the whole process runs under cProfile, one profiler per thread timed
by that thread's CPU clock (so waiting on a lock or a socket costs nothing), merged into one
pstats file at exit (threads still running then, daemons that wait, are left out).
"""

from __future__ import annotations

import atexit
import importlib.abc
import importlib.machinery
import json
import os
import re
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_T_START = time.monotonic()

# (module, "Class.function", stage). Every public function of the store classes is "db";
# the more specific hooks win (queueing is a store call too).
HOOKS: list[tuple[str, str, str]] = [
    ("newsletter.store.ledger", "Ledger.enqueue", "queueing"),
    # Since perf-ledger the leader queues the first chunk, then a queuer thread the rest.
    ("newsletter.store.ledger", "Ledger.enqueue_chunk", "queueing"),
    ("newsletter.render", "Renderer.render", "render"),
    ("newsletter.message", "MessageTemplate.build", "render"),
    ("newsletter.delivery.claimer", "Claimer._dispatch", "build"),
]
DB_CLASSES: list[tuple[str, str]] = [
    ("newsletter.store.ledger", "Ledger"),
    ("newsletter.store.issues", "Issues"),
    ("newsletter.store.subscribers", "Subscribers"),
    ("newsletter.store.locks", "Locks"),
    ("newsletter.store.engine", "Database"),
]
FIRST_CLAIM = ("newsletter.store.ledger", "Ledger.claim")  # start-up ends here

_lock = threading.Lock()
_local = threading.local()
# (stage, thread group, function) -> [cpu, wall, calls]
_stages: dict[tuple[str, str, str], list[float]] = {}
_threads: dict[str, list[float]] = {}  # thread group -> [cpu, count]
_missing: list[str] = []
_first_claim: dict[str, Any] = {}
_profiles: list[Any] = []
_reports: list[Any] = []


def _group(name: str) -> str:
    if name == "MainThread":
        return "main"
    return re.sub(r"[-_ ]?\d+", "", name.split(" (")[0]) or name


def _thread_group() -> str:
    group = getattr(_local, "group", None)
    if group is None:
        group = _local.group = _group(threading.current_thread().name)
    return group


def _timed(stage: str, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    first_claim = label == FIRST_CLAIM[1]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if first_claim and not _first_claim:
            _mark_first_claim()
        stack = getattr(_local, "stack", None)
        if stack is None:
            stack = _local.stack = []
        frame = [time.thread_time(), time.perf_counter(), 0.0, 0.0]
        stack.append(frame)
        try:
            return function(*args, **kwargs)
        finally:
            stack.pop()
            cpu = time.thread_time() - frame[0]
            wall = time.perf_counter() - frame[1]
            if stack:  # charge the parent with the inclusive time, so it counts only its own
                stack[-1][2] += cpu
                stack[-1][3] += wall
            key = (stage, _thread_group(), label)
            with _lock:
                cell = _stages.setdefault(key, [0.0, 0.0, 0])
                cell[0] += cpu - frame[2]
                cell[1] += wall - frame[3]
                cell[2] += 1

    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    wrapper.__name__ = getattr(function, "__name__", "wrapped")
    return wrapper


def _main_thread_cpu() -> float | None:
    """The main thread's CPU so far, from whichever thread asks (a claim may move to a
    writer thread): its own clock in the main thread, else /proc (10 ms ticks)."""
    if threading.current_thread() is threading.main_thread():
        return time.thread_time()
    native = threading.main_thread().native_id
    try:
        stat = Path(f"/proc/self/task/{native}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _mark_first_claim() -> None:
    with _lock:
        if _first_claim:
            return
        main = [c for (_, group, _), c in _stages.items() if group == "main"]
        _first_claim.update(
            at=time.monotonic(),
            main_cpu=_main_thread_cpu(),
            main_stages_cpu=sum(c[0] for c in main),
            main_stages_wall=sum(c[1] for c in main),
        )


def _patch(module: Any) -> None:
    name = module.__name__
    for mod, label, stage in HOOKS:
        if mod != name:
            continue
        owner_name, _, attr = label.partition(".")
        owner = getattr(module, owner_name, None)
        target = owner.__dict__.get(attr) if owner is not None else None
        kind = type(target) if isinstance(target, (classmethod, staticmethod)) else None
        function = target.__func__ if kind is not None else target  # type: ignore[union-attr]
        if not callable(function):
            _missing.append(f"{mod}.{label}")
            continue
        wrapped = _timed(stage, label, function)
        setattr(owner, attr, kind(wrapped) if kind is not None else wrapped)
    for mod, cls_name in DB_CLASSES:
        if mod != name:
            continue
        cls = getattr(module, cls_name, None)
        if cls is None:
            _missing.append(f"{mod}.{cls_name}")
            continue
        for attr, value in list(vars(cls).items()):
            kind = type(value) if isinstance(value, (classmethod, staticmethod)) else None
            function = value.__func__ if kind is not None else value
            if attr.startswith("_") or not callable(function) or isinstance(function, type):
                continue
            if hasattr(function, "__wrapped__"):
                continue  # a specific hook above
            wrapped = _timed("db", f"{cls_name}.{attr}", function)
            setattr(cls, attr, kind(wrapped) if kind is not None else wrapped)


class _AfterImport(importlib.abc.MetaPathFinder):
    """Patches a module the moment it has been imported, not before."""

    def __init__(self, names: dict[str, Callable[[Any], None]]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        then = self.names.pop(fullname, None)
        if then is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: Any) -> None:
            original(module)
            then(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _install_hooks() -> None:
    names: dict[str, Callable[[Any], None]] = {m: _patch for m, _, _ in HOOKS}
    names.update({m: _patch for m, _ in DB_CLASSES})
    names["newsletter.job"] = _wrap_job
    if os.environ.get("BENCH_NO_HELPER"):  # throughput.py --no-helper
        patch = names.get("newsletter.prebuild_spawn")
        names["newsletter.prebuild_spawn"] = lambda module: _no_helper(module, patch)
    for name in list(names):
        if name in sys.modules:  # already imported (it should not be): patch it now
            names.pop(name)(sys.modules[name])
    sys.meta_path.insert(0, _AfterImport(names))


def _no_helper(module: Any, then: Callable[[Any], None] | None) -> None:
    """Never an idle core: the send builds and renders in-process, as on a busy machine."""
    module._idle_core = lambda *args, **kwargs: False
    if then is not None:
        then(module)


def _new_profile() -> Any:
    import cProfile

    profile = cProfile.Profile(time.thread_time)  # CPU of this thread, not time waiting
    profile.enable()
    return profile


def _install_thread_meter(profiling: bool) -> None:
    original = threading.Thread._bootstrap_inner  # type: ignore[attr-defined]

    def bootstrap_inner(self: threading.Thread) -> None:
        profile = _new_profile() if profiling else None
        try:
            original(self)
        finally:
            if profile is not None:
                profile.disable()  # in its own thread: a profile is only read once stopped
                with _lock:
                    _profiles.append(profile)
            cpu = time.thread_time()
            with _lock:
                cell = _threads.setdefault(_group(self.name), [0.0, 0])
                cell[0] += cpu
                cell[1] += 1

    threading.Thread._bootstrap_inner = bootstrap_inner  # type: ignore[attr-defined]


def _live_thread_cpu() -> None:
    """Threads still running at exit (daemons): their CPU from /proc, in clock ticks."""
    tick = os.sysconf("SC_CLK_TCK")
    for thread in threading.enumerate():
        if thread is threading.main_thread() or thread.native_id is None:
            continue
        try:
            stat = Path(f"/proc/self/task/{thread.native_id}/stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        cell = _threads.setdefault(_group(thread.name), [0.0, 0])
        cell[0] += (int(fields[11]) + int(fields[12])) / tick
        cell[1] += 1


def _capture(function: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        report = function(*args, **kwargs)
        _reports.append(report)
        return report

    return wrapper


def _dump() -> None:
    main_cpu = time.thread_time()
    ended = time.monotonic()
    profile_path = os.environ.get("BENCH_PROFILE")
    if profile_path and _profiles:
        import pstats

        _profiles[0].disable()  # the main thread's; threads still running are left out
        stats = pstats.Stats(_profiles[0])
        for profile in _profiles[1:]:
            stats.add(profile)
        stats.dump_stats(profile_path)
    target = os.environ.get("BENCH_REPORT")
    if not target:
        return
    with _lock:
        _live_thread_cpu()
        threads = {group: cell[0] for group, cell in _threads.items()}
        counts = {group: cell[1] for group, cell in _threads.items()}
        threads["main"] = main_cpu
        counts["main"] = 1
        stages = [
            {"stage": s, "thread": g, "function": f, "cpu": c[0], "wall": c[1], "calls": c[2]}
            for (s, g, f), c in _stages.items()
        ]
    first = dict(_first_claim)
    record: dict[str, Any] = {
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "t0": float(os.environ.get("BENCH_T0", _T_START)),
        "python_at": _T_START,
        "ended_at": ended,
        "first_claim": first,
        "threads": threads,
        "thread_counts": counts,
        "stages": stages,
        "missing_hooks": _missing,
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


def _wrap_job(module: Any) -> None:
    # cli.send / cli.worker import these names from newsletter.job when they run.
    module.run_issue = _capture(module.run_issue)
    module.run_worker = _capture(module.run_worker)


if __name__ == "__main__":
    _profiling = bool(os.environ.get("BENCH_PROFILE"))
    if _profiling:
        _profiles.append(_new_profile())  # the main thread's, first
    _install_thread_meter(_profiling)
    _install_hooks()
    atexit.register(_dump)
    from newsletter import cli

    cli.main(sys.argv[1:])
