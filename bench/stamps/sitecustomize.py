"""Start-up stamps of `newsletter send` and its helper process, for bench/throughput.py runs.

Put this folder on PYTHONPATH after the tree (a sitecustomize is imported by every interpreter
that runs `site`, the sender and its helper alike) and set:

- BENCH_STAMPS=PATH: append one line per event to PATH: seconds since the bench's Popen
  ($BENCH_T0, CLOCK_MONOTONIC, shared by every process), pid, thread, VmRSS MB, event (the
  entry `>` and exit `<` of Prebuild.start/prepare/take/settle/close, the helper's warm-up,
  classification, renders and pipe writes, the send's _open_issue/_send/deliver, the
  ledger's first claims, when settings/store/deliver were imported);
- BENCH_FORCE_HELPER=1: newsletter.prebuild_spawn's `_idle_core` returns True, so the send
  uses its helper on a busy host too (what docs/scale.md's forced pairs compare).

  PYTHONPATH=$PWD:$PWD/bench/stamps BENCH_STAMPS=/tmp/stamps.txt BENCH_FORCE_HELPER=1 \\
    .venv/bin/python bench/throughput.py --n 10000 --import bulk --repeat 1 --no-ceiling
  sort -n /tmp/stamps.txt | grep -v "pipe send"
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_PATH = os.environ.get("BENCH_STAMPS")
_T0 = float(os.environ["BENCH_T0"]) if os.environ.get("BENCH_T0") else None


def stamp(what: str) -> None:
    if not _PATH or _T0 is None:
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            rss = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        rss = 0.0
    name = threading.current_thread().name[:12]
    line = f"{time.monotonic() - _T0:7.3f} {os.getpid()} {name:12} {rss:5.1f} {what}\n"
    fd = os.open(_PATH, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def _wrap(owner: Any, name: str, label: str | None = None) -> None:
    function = getattr(owner, name)
    label = label or name

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        stamp(f"> {label}")
        try:
            return function(*args, **kwargs)
        finally:
            stamp(f"< {label}")

    setattr(owner, name, wrapper)


def _prebuild_spawn(module: Any) -> None:
    if os.environ.get("BENCH_FORCE_HELPER"):
        module._idle_core = lambda *args, **kwargs: True
    if _PATH:
        _wrap(module, "spawn")


def _prebuild(module: Any) -> None:
    if not _PATH:
        return
    for name in ("start", "prepare", "take", "settle", "close"):
        _wrap(module.Prebuild, name)
    _wrap(module, "_warm_up")
    for name in ("render", "overrides_meanwhile", "run"):
        _wrap(module._Helper, name)
    _wrap(module, "_send", "pipe send")


_PATCHES: dict[str, list[Callable[[Any], None]]] = {
    "newsletter.prebuild": [_prebuild],
    "newsletter.prebuild_spawn": [_prebuild_spawn],
}
if _PATH:
    _PATCHES.update(
        {
            "newsletter.job": [
                lambda m: [_wrap(m, n) for n in ("_open_issue", "_send", "_deliver_until_settled")]
            ],
            "newsletter.job_content": [lambda m: _wrap(m, "classified_source")],
            "newsletter.store.ledger": [
                lambda m: [_wrap(m.Ledger, n) for n in ("start_run", "claim")]
            ],
            "newsletter.settings": [lambda m: stamp("settings imported")],
            "newsletter.store": [lambda m: stamp("store imported")],
            "newsletter.deliver": [lambda m: stamp("deliver imported")],
        }
    )


class _AfterImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in _PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        patches = _PATCHES.pop(name)
        execute = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            for patch in patches:
                patch(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


stamp("python up")
sys.meta_path.insert(0, _AfterImport())
