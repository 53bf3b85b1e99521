"""A new issue's content built in a second process while `newsletter send` starts up.

Start-up before the first message is mostly imports, run on one core: the settings' and the
store's (pydantic, SQLAlchemy) and the content's (the classifier's tables, Jinja2, premailer
with cssutils and lxml), then the first render. The machine has more than one core, and the
content side needs nothing from the store but the editor's review overrides. So `send`
starts a helper process first thing (`Prebuild.start`); it imports the content side while the
sending process imports the rest and opens the database. The sender then hands it the
settings (`prepare`), then the day's overrides (`take`); the helper loads, classifies, reviews
and assembles the summaries as if there were none and renders that issue, then every smaller
set of its sections a reader can choose, while the overrides are to come. It sends the
issue the overrides make and all its renders back at once and ends. `take` returns with the
issue, so the sender stores it and queues the first readers meanwhile; `settle`, before the
queuer's thread starts and anything is claimed, waits for the helper's end (the two
processes' memory is never held beside the messages the sender builds), and its Renderer
takes the sets from there (`Renderer.render` asks `rendered_for` before rendering itself).
Both waits end within POLL seconds of the run's stop (SIGTERM), the helper then killed.

It is the same code (job_content.build_issue, Renderer) in another process, so the bytes are
the same. The helper is only a shortcut: whatever goes wrong with it (it cannot start, dies,
fails, answers nothing a sane time) and the sender does the work in-process as before, so an
operator's error (a bad source, too few summaries, a broken template) is raised there, by the
same code, with the same message and exit code. The helper's log lines are handed back and
logged by the sender, where the in-process run would log them.

The helper never outlives the sender: it reads its work from a pipe and writes its results to
another, so the sender's death (even by SIGKILL) ends it at its next read (EOF) or write
(EPIPE); it ignores SIGINT (a Ctrl-C reaches the whole process group; the sender decides).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newsletter import prebuild_spawn as spawning

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from newsletter.job_content import BuiltIssue
    from newsletter.models import Issue, Override, RenderedIssue
    from newsletter.settings import Settings

log = logging.getLogger(__name__)


# Seconds to wait for the issue: beyond a slow source (30 s to connect, 30 s to read), short
# of a helper that hangs (then the sender builds it itself).
ANSWER_WITHIN = 120.0
# Seconds to wait, once the issue is in, for the helper's other section sets and its end
# (they follow at once when it rendered them before the overrides came; a few renders more
# when the overrides changed the issue). Past that it is ended and the sender renders the
# sets still missing itself.
REST_WITHIN = 20.0
# Seconds between two looks at the run's stop (SIGTERM) while waiting for the helper.
POLL = 0.05
_END = ("end",)


@dataclass(frozen=True)
class SettingsView:
    """What building and rendering an issue read of the settings, as plain values: the
    helper reads these instead of the Settings, and so never imports pydantic (~0.1 s). A
    setting they come to read and this lacks fails the helper (AttributeError), and the run
    builds in-process: slower, never different (tests/test_prebuild.py checks it is used)."""

    source: str | None
    zone: ZoneInfo
    min_items: int
    locale: str
    title: str | None
    sender: str
    public_url: str
    templates_dir: Path | None
    data_dir: Path

    @classmethod
    def of(cls, settings: Settings) -> SettingsView:
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})


class Prebuild:
    """The sender's side of the helper process (see the module docstring)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._messages: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._sets: dict[frozenset[Any], tuple[RenderedIssue, list[logging.LogRecord]]] = {}
        self._issue: Issue | None = None
        self._finished = False  # every set is in, or the helper is gone: render in-process
        self._prepared: tuple[dt.date, str | None] | None = None
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="prebuild-read", daemon=True)
        self._reader.start()

    @classmethod
    def start(cls, *, only_on_an_idle_core: bool = True) -> Prebuild | None:
        """The helper, started; None when it cannot be or would not pay (the run then builds
        in-process): newsletter/prebuild_spawn.py's `spawn` says when."""
        if spawning.early:  # the CLI's main started it (or found no idle core) for this send
            process = spawning.early.pop()
        else:
            process = spawning.spawn(only_on_an_idle_core=only_on_an_idle_core)
        if process is None:
            log.debug("prebuild: no idle core (or no helper could start); building in-process")
            return None
        return cls(process)

    # ---- the sender's calls ----------------------------------------------------------------

    def prepare(self, day: dt.date, settings: Settings, source: str | None) -> None:
        """Hand over what the build needs but the overrides, as soon as the settings are read:
        the helper loads and classifies the summaries and compiles the templates meanwhile."""
        if self._prepared is None:
            self._prepared = (day, source)
            self._write(("prepare", day, SettingsView.of(settings), source))

    def take(
        self,
        day: dt.date,
        settings: Settings,
        source: str | None,
        overrides: dict[str, Override],
        *,
        timeout: float = ANSWER_WITHIN,
        stop: threading.Event | None = None,
    ) -> tuple[BuiltIssue, RenderedIssue, list[logging.LogRecord], list[logging.LogRecord]] | None:
        """(the built issue, its full render, the log records of building, of rendering),
        or None: build in-process (the helper is gone, failed, or took too long), or `stop`
        was set meanwhile (SIGTERM: noticed within POLL seconds, the helper then killed).

        Returns as soon as the issue is in: the sender stores it and queues the first readers
        while the helper sends its other section sets; `settle` waits for those before the
        first claim."""
        self.prepare(day, settings, source)
        if self._prepared != (day, source):
            return self._give_up("it was prepared for another day or source")
        self._write(("overrides", overrides))
        with contextlib.suppress(OSError, ValueError):
            assert self._process.stdin is not None
            self._process.stdin.close()
        message = self._next_message(timeout, stop)
        if message is None:
            stopped = stop is not None and stop.is_set()
            return self._give_up("stopped" if stopped else f"no answer in {timeout:.0f} s")
        if message[0] != "built":
            return self._give_up(message[1] if message[0] == "failed" else "it ended early")
        _, built, full, built_records, render_records = message
        with self._changed:
            self._issue = built.issue
        log.debug("prebuild: the issue was built and rendered by the helper")
        return built, full, built_records, render_records

    def settle(self, stop: threading.Event | None = None, *, within: float = REST_WITHIN) -> None:
        """Wait for the helper's other section sets and its end, then reap it. The send calls
        it once the issue is stored and its first readers queued (those steps ran beside the
        helper's last renders), before the queuer's thread starts and before anything is
        claimed: the helper's memory is given back before the sender's grows with the
        messages it builds (issue 12: peak RSS <= 100 MB for the two processes together).
        Past `within` seconds, or once `stop` is set, the helper is killed and the sender
        renders whatever set is missing itself."""
        deadline = time.monotonic() + within
        with self._changed:
            while not self._finished and not (stop is not None and stop.is_set()):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(min(POLL, left))
        self.close()

    def rendered_for(self, issue: Issue) -> RenderedIssue | None:
        """The helper's render of `issue` (one reader's set of sections of the issue it built),
        waiting for it if it is still to come; None when it will not come."""
        with self._changed:
            if self._issue is None or issue != self._issue.only(issue.regions):
                return None
            key = issue.regions
            while key not in self._sets and not self._finished:
                self._changed.wait()
            found = self._sets.pop(key, None)
        if found is None:
            return None
        rendered, records = found
        adopt_records(records)  # e.g. a set's Gmail clipping warning, as rendering it here would
        return rendered

    def close(self) -> None:
        """End the helper and reap it. Called when its work is done or not wanted, so one
        still working is killed: it holds nothing (its template cache writes are atomic).
        Calling it again does nothing more."""
        process = self._process
        with contextlib.suppress(OSError, ValueError):
            if process.stdin is not None:
                process.stdin.close()  # a helper waiting for work ends on its own
        try:
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._reader.join(timeout=5.0)  # the helper is gone: its pipe is at its end
        with contextlib.suppress(OSError, ValueError):
            if process.stdout is not None:
                process.stdout.close()
        self._finish()

    # ---- inside ----------------------------------------------------------------------------

    def _write(self, message: tuple[Any, ...]) -> None:
        """One message to the helper; a helper already gone is noticed by `take`."""
        try:
            assert self._process.stdin is not None
            _send(self._process.stdin, message)
        except (OSError, ValueError):
            pass

    def _next_message(self, timeout: float, stop: threading.Event | None) -> tuple[Any, ...] | None:
        """The helper's next message; None after `timeout` seconds or once `stop` is set.
        Waited for in POLL slices: a SIGTERM's handler runs in this (the main) thread but a
        blocked wait resumes after it, so a single wait would notice the stop only at its end
        (120 s with a hung helper)."""
        deadline = time.monotonic() + timeout
        while not (stop is not None and stop.is_set()):
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                return self._messages.get(timeout=min(POLL, left))
            except queue.Empty:
                continue
        return None

    def _give_up(self, why: str) -> None:
        log.debug("prebuild: %s; building in-process", why)
        with contextlib.suppress(OSError):
            self._process.kill()
        self._finish()
        return None

    def _finish(self) -> None:
        with self._changed:
            self._finished = True
            self._changed.notify_all()

    def _read(self) -> None:
        """Every message of the helper, until it ends: the first to `take`, the sets kept."""
        stream = self._process.stdout
        assert stream is not None
        built = False
        try:
            while True:
                message = pickle.load(stream)
                if not built:
                    self._messages.put(message)
                    built = message[0] == "built"
                    if not built:
                        break
                elif message[0] == "set":
                    with self._changed:
                        self._sets[message[1].regions] = (message[1], message[2])
                        self._changed.notify_all()
                else:
                    break
        except Exception:  # EOF, a closed pipe, a torn message: the helper is gone
            self._messages.put(_END)
        self._finish()


def adopt_records(records: list[logging.LogRecord]) -> None:
    """Log the helper's records here, as if this process had logged them."""
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


# ---- the helper process ------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()  # the arguments may not pickle; the text does
        record.args = None
        record.exc_info = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        return taken


def _warm_up() -> None:
    """Import what the build and the render need while the sender starts up."""
    import newsletter.classify
    import newsletter.job_content
    import newsletter.render as render
    import newsletter.review
    import newsletter.sources  # noqa: F401

    render._inliner_class()  # premailer, cssutils, lxml
    import cssutils  # noqa: F401


def _section_sets(issue: Issue) -> list[frozenset[Any]]:
    """Every set of sections smaller than the issue a reader can get, fewest sections first."""
    regions = sorted(issue.regions, key=lambda r: r.value)
    return [
        frozenset(chosen)
        for size in range(1, len(regions))
        for chosen in itertools.combinations(regions, size)
    ]


class _Failed(Exception):
    """The build or a render failed in the helper: the sender does it again in-process."""


class _Helper:
    """The helper's work. Before the overrides come it builds the issue as if there were none
    (the usual case) and renders it: the editor's corrections can only change the issue, so
    when there are some and they do, that render is not used (the Renderer's cache is keyed
    by the issue) and the issue they make is rendered instead."""

    def __init__(self, out: BinaryIO, collect: _Collect) -> None:
        self.out = out
        self.collect = collect
        self.work: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
        self.renders: dict[Issue, tuple[RenderedIssue, list[logging.LogRecord]]] = {}

    def read_work(self) -> None:
        """In a thread: the sender's messages, None at the end of its pipe."""
        try:
            while True:
                self.work.put(pickle.load(sys.stdin.buffer))
        except BaseException:  # EOF, or the sender is gone
            self.work.put(None)

    def render(self, issue: Issue) -> tuple[RenderedIssue, list[logging.LogRecord]]:
        """A render and the log records it made, once per issue."""
        found = self.renders.get(issue)
        if found is None:
            rendered = self.renderer.render(issue)
            found = self.renders[issue] = (rendered, self.collect.take())
        return found

    def overrides_meanwhile(self, guess: Issue) -> tuple[Any, ...] | None:
        """The sender's overrides (None: it is gone), rendering the guess's smaller section
        sets while they are to come: a set is rendered between two looks at the pipe, so the
        overrides wait for one render at the most.

        The sender reads the overrides once its store is open, and on two idle cores that
        came ~0.1 s after the guess was rendered here: time enough for every set. Then this
        process hands everything over at once and ends as the sender goes on to send, instead
        of rendering the sets while the sender fills its queues (the two processes' RSS
        summed 104-115 MB that way, above issue 12's 100 MB floor)."""
        pending = [guess.only(regions) for regions in _section_sets(guess)]
        while pending:
            try:
                return self.work.get_nowait()
            except queue.Empty:
                self.render(pending.pop(0))
        return self.work.get()

    def run(self) -> None:
        from newsletter.job_content import classified_source, reviewed_issue
        from newsletter.render import Renderer

        first = self.work.get()
        if first is None:
            return  # the sender did not need us (or is gone)
        _, day, settings, source = first
        try:
            got = classified_source(day, settings, source)
            source_records = self.collect.take()
            self.renderer = Renderer(settings)
            self.renderer.load_templates()
            guess = reviewed_issue(day, settings, got, overrides={}).issue
            self.render(guess)
            overrides = self.overrides_meanwhile(guess)
            if overrides is None:
                return
            built = reviewed_issue(day, settings, got, overrides=overrides[1])
            built_records = source_records + self.collect.take()
            full, render_records = self.render(built.issue)
        except BaseException as exc:
            raise _Failed(f"{type(exc).__name__}: {exc}") from None
        _send(self.out, ("built", built, full, built_records, render_records))
        for regions in _section_sets(built.issue):
            try:
                rendered, records = self.render(built.issue.only(regions))
            except BaseException as exc:
                raise _Failed(f"{type(exc).__name__}: {exc}") from None
            _send(self.out, ("set", rendered, records))
        _send(self.out, _END)


def main() -> None:
    """The helper: warm up, read the work, send the results; exits quietly on any end."""
    import gc
    import signal

    gc.disable()  # a short life: the collector would only walk the imported modules again
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the sender decides what a Ctrl-C means
    out: BinaryIO = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # a stray print must not corrupt the pipe
    collect = _Collect()
    root = logging.getLogger()
    root.handlers[:] = [collect]
    root.setLevel(logging.DEBUG)  # the sender filters by its own levels
    helper = _Helper(out, collect)
    threading.Thread(target=helper.read_work, name="work", daemon=True).start()
    try:
        _warm_up()
        helper.run()
    except _Failed as exc:
        with contextlib.suppress(BaseException):
            _send(out, ("failed", str(exc)))
        os._exit(1)
    except BaseException:  # the sender is gone (EPIPE) or we are broken: it builds itself
        os._exit(1)
    os._exit(0)


def _send(out: BinaryIO, message: tuple[Any, ...]) -> None:
    pickle.dump(message, out, pickle.HIGHEST_PROTOCOL)
    out.flush()
