"""The helper process that builds a new issue while `newsletter send` starts up
(newsletter/prebuild.py): the same content as in-process, an operator's error unchanged, no
orphan, and the helper is really used."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsletter.errors import NewsletterError
from newsletter.job import build_issue
from newsletter.models import Region
from newsletter.prebuild import Prebuild, SettingsView
from newsletter.prebuild_spawn import _idle_core
from newsletter.render import Renderer
from newsletter.review import item_key
from newsletter.settings import Settings, _sqlite_database
from newsletter.store import Store
from newsletter.store.console import overrides_for, set_override
from tests.cli_process import run_cli

DAY = dt.date(2025, 2, 11)  # the bundled sample day
SAMPLE = Path(__file__).resolve().parents[1] / "newsletter" / "sample"


def _smaller_section_sets(regions: frozenset[Region]) -> list[frozenset[Region]]:
    """Every set of sections a reader can get but all of them (the full render is `take`'s)."""
    ordered = sorted(regions, key=lambda r: r.value)
    return [
        frozenset(chosen)
        for size in range(1, len(ordered))
        for chosen in itertools.combinations(ordered, size)
    ]


def _helper_matches_in_process(settings: Settings, store: Store | None) -> None:
    overrides = overrides_for(store, DAY) if store is not None else {}
    prebuild = Prebuild.start(only_on_an_idle_core=False)
    assert prebuild is not None
    try:
        prebuild.prepare(DAY, settings, None)
        got = prebuild.take(DAY, settings, None, overrides)
        assert got is not None, "the helper failed: the run would have built in-process"
        built, full, _, _ = got
        here = build_issue(DAY, settings, store=store)
        renderer = Renderer(settings)
        assert built == here
        assert full == renderer.render(here.issue)
        for regions in _smaller_section_sets(here.issue.regions):
            issue = here.issue.only(regions)
            assert prebuild.rendered_for(issue) == renderer.render(issue), regions
    finally:
        prebuild.close()


def test_the_helper_builds_and_renders_what_the_send_would(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    settings.data_dir.mkdir()
    _helper_matches_in_process(settings, None)


def test_the_helper_applies_the_editors_overrides(make_settings: Callable[..., Settings]) -> None:
    """The overrides are read by the sender through its store and handed over; the helper's
    guess made before them (no overrides) is not what it sends."""
    settings = make_settings()
    settings.data_dir.mkdir()
    store = Store.open(settings.db_url)
    try:
        unreviewed = build_issue(DAY, settings, store=store).issue
        sections = unreviewed.sections
        moved, dropped = sections[0].items[0].summary, sections[-1].items[-1].summary
        target = next(r for r in Region if r != sections[0].region)
        set_override(store, DAY, item_key(moved), "move", target.value, "h", "kim")
        set_override(store, DAY, item_key(dropped), "drop", None, "h", "kim")
        assert build_issue(DAY, settings, store=store).issue != unreviewed
        _helper_matches_in_process(settings, store)
    finally:
        store.close()


def test_the_helper_has_ended_when_the_send_settles(
    make_settings: Callable[..., Settings],
) -> None:
    """Every section set is in and the helper reaped once `settle` returns (the send calls it
    before its first claim), so its memory is not held beside the messages the sender builds
    (issue 12's 100 MB, both together)."""
    settings = make_settings()
    settings.data_dir.mkdir()
    prebuild = Prebuild.start(only_on_an_idle_core=False)
    assert prebuild is not None
    try:
        prebuild.prepare(DAY, settings, None)
        got = prebuild.take(DAY, settings, None, {})
        assert got is not None
        prebuild.settle()  # what the send calls before its first claim
        assert prebuild._process.returncode == 0, "the helper is still running"
        issue = got[0].issue
        for regions in _smaller_section_sets(issue.regions):
            assert regions in prebuild._sets, regions
    finally:
        prebuild.close()


def test_a_helper_that_dies_means_an_in_process_build(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    prebuild = Prebuild.start(only_on_an_idle_core=False)
    assert prebuild is not None
    try:
        os.kill(prebuild._process.pid, signal.SIGKILL)
        assert prebuild.take(DAY, settings, None, {}, timeout=10) is None
        assert prebuild.rendered_for(build_issue(DAY, settings).issue) is None
    finally:
        prebuild.close()


def test_the_helper_imports_neither_pydantic_nor_sqlalchemy() -> None:
    """What it saves is the imports it does not share with the sender (the settings' and
    the store's are the sender's own, ~0.2 s): it reads a SettingsView, not the Settings."""
    code = (
        "import pickle, sys\n"
        "import newsletter.prebuild as p\n"
        "p._warm_up()\n"
        f"pickle.loads({pickle_of_a_view()!r})\n"
        "heavy = [m for m in ('pydantic', 'sqlalchemy') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def pickle_of_a_view() -> bytes:
    import pickle

    settings = Settings(  # type: ignore[call-arg]
        secret_key="x" * 32, sender="a <a@example.com>", public_url="https://example.com"
    )
    return pickle.dumps(SettingsView.of(settings))


def _helper_pid_of(parent: subprocess.Popen[str]) -> int:
    assert parent.stdout is not None
    line = parent.stdout.readline()
    assert line.strip().isdigit(), line
    return int(line)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"  # dead, not yet reaped
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("prepared", [False, True])
def test_no_helper_outlives_a_sender_killed_by_sigkill(
    make_settings: Callable[..., Settings], prepared: bool
) -> None:
    """Waiting for its work (EOF on its pipe) or busy with it (EPIPE at its next message)."""
    make_settings().data_dir.mkdir()
    code = (
        "import datetime, sys, time\n"
        "from newsletter.prebuild import Prebuild\n"
        "from newsletter.settings import load_settings\n"
        "p = Prebuild.start(only_on_an_idle_core=False)\n"
        f"if {prepared}: p.prepare(datetime.date(2025, 2, 11), load_settings(), None)\n"
        "print(p._process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    env = dict(
        os.environ,
        NEWSLETTER_DATA_DIR=str(make_settings().data_dir),
        NEWSLETTER_SECRET_KEY="x" * 32,
        NEWSLETTER_FROM="a <a@example.com>",
        NEWSLETTER_PUBLIC_URL="https://example.com",
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        helper = _helper_pid_of(parent)
        time.sleep(0.3)  # importing, or building
        assert not _gone(helper)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while not _gone(helper) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(helper), "the helper outlived its sender"
    finally:
        parent.kill()
        parent.wait()


def _send(
    env: dict[str, str], *args: str, idle_core: bool = True
) -> subprocess.CompletedProcess[str]:
    """`newsletter send ARGS` in a process of its own, told whether a core is idle (the
    machine running the tests may be busy, and then a send builds in-process)."""
    code = (
        "import newsletter.prebuild_spawn as s\n"
        f"s._idle_core = lambda: {idle_core}\n"
        "from newsletter.cli import main\n"
        f"main(['send', '--date', '{DAY.isoformat()}', *{list(args)!r}])\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_send_uses_the_helper_and_logs_what_it_logged(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    env = dict(cli_env, NEWSLETTER_LOG_LEVEL="DEBUG")
    assert run_cli(env, "subscribers", "import", str(SAMPLE / "subscribers.csv")).returncode == 0
    result = _send(env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "built and rendered by the helper" in result.stdout
    assert "building in-process" not in result.stdout
    # Logged in the helper, handed back, logged once by the sender.
    assert result.stdout.count("loaded 16 summaries from") == 1
    assert len(list((tmp_path / "data" / "outbox").rglob("*.eml"))) == 5


def test_a_send_the_helper_built_never_imports_jinja2_itself(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """Every render came from the helper, so the sender has no use for Jinja2 (~15 ms of its
    start-up, and memory while the helper is alive beside it)."""
    assert (
        run_cli(cli_env, "subscribers", "import", str(SAMPLE / "subscribers.csv")).returncode == 0
    )
    code = (
        "import sys\n"
        "import newsletter.prebuild_spawn as s\n"
        "s._idle_core = lambda: True\n"
        "from newsletter.cli import main\n"
        "try:\n"
        f"    main(['send', '--date', '{DAY.isoformat()}'])\n"
        "finally:\n"
        "    print('jinja2 imported:', 'jinja2' in sys.modules)\n"
    )
    env = dict(cli_env, NEWSLETTER_LOG_LEVEL="DEBUG")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "built and rendered by the helper" in result.stdout
    assert "jinja2 imported: False" in result.stdout
    assert len(list((tmp_path / "data" / "outbox").rglob("*.eml"))) == 5


def test_a_send_starts_its_helper_before_click_and_uses_that_one(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """The helper's CPU is what the first message waits for, so it starts before the CLI
    imports click, its commands and even newsletter.prebuild; the send takes that helper, and
    starts no second one."""
    assert (
        run_cli(cli_env, "subscribers", "import", str(SAMPLE / "subscribers.csv")).returncode == 0
    )
    code = (
        "import sys\n"
        "import newsletter.prebuild_spawn as s\n"
        "s._idle_core = lambda: True\n"
        "started = []\n"
        "spawn = s.spawn\n"
        "def counting(**kwargs):\n"
        "    found = spawn(**kwargs)\n"
        "    started.append(('click' in sys.modules, 'newsletter.prebuild' in sys.modules,\n"
        "                    found.pid if found else None))\n"
        "    return found\n"
        "s.spawn = counting\n"
        "from newsletter.cli import main\n"
        "try:\n"
        f"    main(['send', '--date', '{DAY.isoformat()}'])\n"
        "finally:\n"
        "    print('started:', started)\n"
    )
    env = dict(cli_env, NEWSLETTER_LOG_LEVEL="DEBUG")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "built and rendered by the helper" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("started:"))
    starts = ast.literal_eval(line.partition(":")[2])  # [(click?, prebuild?, helper pid), ...]
    # One start, and the helper built the issue: the send took the early one (its own start
    # would have come through `spawn` too).
    assert len(starts) == 1 and starts[0][2], f"a second helper, or none: {starts}"
    assert starts[0][:2] == (False, False), f"started after click or prebuild: {starts}"
    assert len(list((tmp_path / "data" / "outbox").rglob("*.eml"))) == 5


def test_a_test_send_starts_no_helper_early(cli_env: dict[str, str]) -> None:
    code = (
        "import newsletter.prebuild_spawn as s\n"
        "s._idle_core = lambda: True\n"
        "from newsletter.cli import main\n"
        "try:\n"
        f"    main(['send', '--date', '{DAY.isoformat()}', '--to=kim@example.com', '--dry-run'])\n"
        "finally:\n"
        "    print('early:', s.early)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=cli_env, capture_output=True, text=True, timeout=120
    )
    assert "early: []" in result.stdout, result.stderr + result.stdout


def test_a_bad_source_is_the_same_operator_error(
    cli_env: dict[str, str], make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """The helper fails, the sender builds in-process and fails as it always did. (An empty
    file: a missing one is named before the helper's work is asked for, tests/test_send_loop.py.)"""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(NewsletterError) as expected:
        build_issue(DAY, make_settings(), str(empty))
    env = dict(cli_env, NEWSLETTER_LOG_LEVEL="DEBUG")
    assert run_cli(env, "subscribers", "import", str(SAMPLE / "subscribers.csv")).returncode == 0
    result = _send(env, "--source", str(empty))
    assert result.returncode == expected.value.exit_code == 2
    assert f"error: {expected.value}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "building in-process" in result.stdout


def test_a_broken_template_is_the_same_operator_error(
    cli_env: dict[str, str], make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "issue.html.j2").write_text("{% if %}\n", encoding="utf-8")
    settings = make_settings(templates_dir=templates)
    with pytest.raises(NewsletterError) as expected:
        Renderer(settings).render(build_issue(DAY, settings).issue)
    env = dict(cli_env, NEWSLETTER_TEMPLATES_DIR=str(templates), NEWSLETTER_LOG_LEVEL="DEBUG")
    assert run_cli(env, "subscribers", "import", str(SAMPLE / "subscribers.csv")).returncode == 0
    result = _send(env)
    assert result.returncode == expected.value.exit_code
    assert f"error: {expected.value}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "building in-process" in result.stdout


def test_without_an_idle_core_a_send_builds_in_process(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    env = dict(cli_env, NEWSLETTER_LOG_LEVEL="DEBUG")
    assert run_cli(env, "subscribers", "import", str(SAMPLE / "subscribers.csv")).returncode == 0
    result = _send(env, idle_core=False)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "built and rendered by the helper" not in result.stdout
    assert result.stdout.count("loaded 16 summaries from") == 1
    assert len(list((tmp_path / "data" / "outbox").rglob("*.eml"))) == 5


def test_one_core_is_never_idle_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not _idle_core()


def test_a_passing_task_on_one_look_does_not_cost_the_helper(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """/proc/loadavg's runnable count is one instant: a kernel thread writing back the last
    run's pages, or the shell that started us, makes a quiet machine look busy once. Only a
    machine busy at every look (three, a millisecond apart) builds in-process."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    looks = iter([3, 1, 1])
    assert _idle_core(runnable=lambda: next(looks))
    looks = iter([2, 3, 2])
    assert not _idle_core(runnable=lambda: next(looks))
    looks = iter([1])  # idle at the first look: no second one
    assert _idle_core(runnable=lambda: next(looks))


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///a.db",
        "sqlite:////tmp/x%20y.db?mode=ro",
        "SQLITE:///",
        "sqlite+pysqlite:///a@b/c.db",
        "sqlite:///:memory:",
        "sqlite:///file:x?uri=true",
        "sqlite://",
        "sqlite://host/x",
        "sqlite:///a?b?c",
        "sqlite:///%zz",
    ],
)
def test_the_settings_read_a_sqlite_url_as_sqlalchemy_does(url: str) -> None:
    from sqlalchemy.engine import make_url

    assert _sqlite_database(url) == (make_url(url).database or "")


# A stand-in for the helper, for the sender's `Prebuild.start`: it never answers ("answer"), or
# hands over an issue and then hangs before its other section sets ("rest"). The sender prints
# a line as it starts waiting for it, so the test signals it then and not earlier.
_HUNG_SENDER = """
import subprocess, sys
import newsletter.prebuild as p

HELPERS = {
    "answer": "import time; time.sleep(120)",
    "rest": (
        "import datetime, pickle, sys, time\\n"
        "from newsletter.job import build_issue\\n"
        "from newsletter.render import Renderer\\n"
        "from newsletter.settings import load_settings\\n"
        "s = load_settings()\\n"
        "b = build_issue(datetime.date(2025, 2, 11), s)\\n"
        "pickle.dump(('built', b, Renderer(s).render(b.issue), [], []), sys.stdout.buffer)\\n"
        "sys.stdout.flush()\\n"
        "time.sleep(120)\\n"
    ),
}

def start(*args, **kwargs):
    helper = subprocess.Popen(
        [sys.executable, "-c", HELPERS[sys.argv[1]]], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    print("helper", helper.pid, flush=True)
    return p.Prebuild(helper)

def announced(method, line):
    def wrapper(self, *args, **kwargs):
        print(line, flush=True)
        return method(self, *args, **kwargs)
    return wrapper

p.Prebuild.start = staticmethod(start)
import newsletter.prebuild_spawn as s
s.spawn = lambda **kwargs: None  # no real helper early: this stand-in is the one
p.Prebuild.take = announced(p.Prebuild.take, "waiting: answer")
p.Prebuild.settle = announced(p.Prebuild.settle, "waiting: rest")
from newsletter.cli import main
main(["send", "--date", "2025-02-11"])
"""


@pytest.mark.parametrize(
    ("hangs_at", "says"),
    [
        ("answer", "the next run resumes"),
        ("rest", "the next run resumes"),
    ],
)
def test_a_sigterm_while_waiting_for_a_hung_helper_stops_the_send_at_once(
    cli_env: dict[str, str], hangs_at: str, says: str
) -> None:
    """SIGTERM while the sender waits for the helper's issue (120 s at most) or for its other
    section sets (20 s): the send stops within a second, the helper killed, nothing sent."""
    imported = run_cli(cli_env, "subscribers", "import", str(SAMPLE / "subscribers.csv"))
    assert imported.returncode == 0
    sender = subprocess.Popen(
        [sys.executable, "-c", _HUNG_SENDER, hangs_at],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert sender.stdout is not None
        lines = [sender.stdout.readline()]
        helper = int(lines[0].split()[1])
        while not lines[-1].startswith(f"waiting: {hangs_at}"):
            lines.append(sender.stdout.readline())
            assert lines[-1], "".join(lines)
        time.sleep(0.2)  # inside the wait
        signalled = time.monotonic()
        sender.send_signal(signal.SIGTERM)
        rest, _ = sender.communicate(timeout=30)
        took = time.monotonic() - signalled
        output = "".join(lines) + rest
        assert took < 2.0, f"the send took {took:.1f} s to stop:\n{output}"
        assert sender.returncode == 1, output
        assert says in output, output
        assert "Traceback" not in output
        deadline = time.monotonic() + 5
        while not _gone(helper) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(helper), "the hung helper outlived the send"
    finally:
        sender.kill()
        sender.wait()
