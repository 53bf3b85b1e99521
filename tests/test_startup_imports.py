"""Start-up: what `newsletter send` must import before its first message, and no more."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import newsletter.template_code as template_code
from newsletter.job import build_issue, run_issue
from newsletter.render import Renderer
from newsletter.settings import Settings
from newsletter.store import Store
from tests.smtp_server import SmtpServer

DAY = dt.date(2025, 2, 11)  # the bundled sample day


@contextlib.contextmanager
def _one_reader_and_a_relay(
    make_settings: Callable[..., Settings],
) -> Iterator[tuple[SmtpServer, Settings, Store]]:
    """A relay on 127.0.0.1, settings pointing at it, and a store with one reader."""
    with SmtpServer() as server:
        settings = make_settings(
            smtp={"host": server.host, "port": server.port, "security": "none"}
        )
        settings.data_dir.mkdir()
        store = Store.open(settings.db_url)
        store.add_subscriber("kim@example.com", None)
        yield server, settings, store



def _runs_clean(code: str) -> str:
    """Run `code` in a fresh interpreter (imports are the point), fail with its stderr, and
    return what it printed."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout

def test_inlining_css_does_not_import_requests() -> None:
    """premailer imports `requests` (~40 ms) but only calls it to fetch external styles, which
    we forbid; the render must not pay for it, and it must still work when touched."""
    code = (
        "import sys\n"
        "from newsletter.render import inline_css\n"
        "out = inline_css('<style>p{color:red}</style><p>x</p>')\n"
        "assert 'style=\"color:red\"' in out, out\n"
        "assert 'requests' not in sys.modules, 'requests was imported'\n"
        "import premailer.premailer as p\n"
        "assert callable(p.requests.get)  # the stand-in hands over to the real module\n"
        "import requests\n"
        "assert p.requests.get is requests.get\n"
    )
    _runs_clean(code)


def test_inlining_css_and_reading_a_local_source_do_not_import_urllib_request() -> None:
    """urllib.request brings http.client, email's parser and ssl: ~4 MB and ~5 ms of the
    helper process of newsletter/prebuild.py, which lives beside the sender (issue 12: the two
    together under 100 MB). cssutils imports it at the top but only fetches with it, and a
    local source is a file; both still work when it is touched."""
    code = (
        "import datetime, sys, zoneinfo\n"
        "from newsletter.render import inline_css\n"
        "from newsletter.sources import load_summaries, sample_location\n"
        "out = inline_css('<style>p{color:red}</style><p>x</p>')\n"
        "assert 'style=\"color:red\"' in out, out\n"
        "day, utc = datetime.date(2025, 2, 11), zoneinfo.ZoneInfo('UTC')\n"
        "assert load_summaries(sample_location(), day, utc).summaries\n"
        "heavy = [m for m in ('urllib.request', 'http.client') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert load_summaries('file://' + sample_location(), day, utc).summaries\n"
        "import cssutils._fetch as f\n"
        "import urllib\n"
        "assert callable(f.urllib.request.urlopen)  # the stand-in hands over to the module\n"
        "import urllib.request\n"
        "assert urllib.request.urlopen is f.urllib.request.urlopen\n"
        "from urllib import request\n"
        "assert request.Request is urllib.request.Request\n"
    )
    _runs_clean(code)


def test_the_senders_imports_compile_no_sentence_or_dateline_pattern() -> None:
    """`newsletter send` imports newsletter.text (through the store and the renderer) but, when
    its helper process builds and renders the issue, never cuts a sentence or a dateline: the
    three patterns (~10 ms of its start-up, issue 12) are compiled on first use, and give what
    they gave when compiled at import."""
    code = (
        "import newsletter.cli as cli\n"
        "cli._load_commands()\n"
        "import newsletter.deliver, newsletter.job, newsletter.render, newsletter.store\n"
        "import newsletter.text as text\n"
        "assert text._candidate.cache_info().currsize == 0\n"
        "assert text._datelines.cache_info().currsize == 0\n"
        "story = '(서울=연합뉴스) 홍길동 기자 = 한은이 동결했다. 시장은 안도했다.'\n"
        "dateline, rest = text.split_dateline(story)\n"
        "assert dateline is not None and dateline.credit == '연합뉴스', dateline\n"
        "assert text.sentences(rest) == ['한은이 동결했다.', '시장은 안도했다.'], rest\n"
        "wire = text.split_dateline('WASHINGTON (Reuters) - Rates held.')[0]\n"
        "assert wire is not None and wire.place == 'WASHINGTON', wire\n"
    )
    _runs_clean(code)


def test_templates_are_compiled_once_per_data_dir(
    make_settings: Callable[..., Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiling the templates costs ~40 ms of every send before its first message; a run
    whose data dir already holds them compiled (yesterday's run) loads them instead. (Without
    the code shipped with the install: tests/test_template_code.py.)"""
    monkeypatch.setattr(template_code, "SHIPPED", tmp_path / "nothing shipped")
    settings = make_settings()
    settings.data_dir.mkdir()
    issue = build_issue(DAY, settings).issue
    html = Renderer(settings).render(issue).html
    assert list((settings.data_dir / "template-cache").iterdir())

    again = Renderer(settings)
    compiled: list[str | None] = []
    compile_source = again.env.compile

    def counting(source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_source(source, name, *args, **kwargs)

    again.env.compile = counting  # type: ignore[method-assign]
    assert again.render(issue).html == html
    assert compiled == []


def test_no_data_dir_means_no_template_cache(make_settings: Callable[..., Settings]) -> None:
    """The cache is an optimisation: a preview without a data dir does not create one."""
    settings = make_settings()
    assert Renderer(settings).render(build_issue(DAY, settings).issue).html
    assert not settings.data_dir.exists()


def test_a_new_issue_connects_to_the_relay_while_it_is_built(
    make_settings: Callable[..., Settings],
) -> None:
    """The first connection (SMTP round trips, TLS) is opened while the summaries are classified
    and the issue rendered, not after: the connection starts before the issue is saved."""
    from newsletter.job_locks import utcnow
    from newsletter.mailers import make_transport

    with _one_reader_and_a_relay(make_settings) as (server, settings, store):
        real = make_transport(settings, day=DAY)
        began: list[dt.datetime] = []

        class Recording:  # the real transport, noting when a connection is begun
            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

            def connect(self) -> Any:
                began.append(utcnow())
                return real.connect()

        try:
            report = run_issue(DAY, settings, store=store, transport=Recording())  # type: ignore[arg-type]
        finally:
            store.close()
        assert report.sent == 1 and len(server.messages) == 1
    path = settings.db_url.removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(path)) as db:
        (saved,) = db.execute("SELECT created_at FROM issues").fetchone()
    assert began[0].replace(tzinfo=None) < dt.datetime.fromisoformat(saved).replace(tzinfo=None)


def test_a_send_turns_the_collector_back_on_before_sending(
    make_settings: Callable[..., Settings],
) -> None:
    """The CLI pauses the cyclic collector while a command starts up (about a tenth of the
    start-up's CPU is the collector walking freshly imported modules); a send resumes it, with
    start-up's objects frozen, before it claims the first reader."""
    import gc

    from newsletter.store.ledger import Ledger

    seen: list[bool] = []
    claim = Ledger.claim

    def noting(self: Ledger, *args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return claim(self, *args, **kwargs)

    with _one_reader_and_a_relay(make_settings) as (_server, settings, store):
        from newsletter.startup import gc_paused, pause_gc

        Ledger.claim = noting  # type: ignore[method-assign]
        pause_gc(limit=60)
        try:
            assert not gc.isenabled() and gc_paused()
            report = run_issue(DAY, settings, store=store)
            assert report.sent == 1
            assert gc.isenabled() and not gc_paused()
            assert gc.get_freeze_count() > 0
        finally:
            Ledger.claim = claim  # type: ignore[method-assign]
            store.close()
            gc.unfreeze()
            gc.enable()
    assert seen and all(seen)


def test_a_command_that_never_resumes_gets_the_collector_back() -> None:
    """preview, serve, schedule never call resume_gc: the limit gives the collector back, so a
    long-running process never runs without it; a collector turned off by whoever embeds us
    stays off."""
    code = (
        "import gc, time\n"
        "from newsletter.startup import pause_gc, gc_paused\n"
        "pause_gc(limit=0.05)\n"
        "assert not gc.isenabled() and gc_paused()\n"
        "deadline = time.monotonic() + 10\n"
        "while not gc.isenabled() and time.monotonic() < deadline:\n"
        "    time.sleep(0.01)\n"
        "assert gc.isenabled() and not gc_paused()\n"
        "gc.disable()\n"
        "pause_gc(limit=0.05)\n"
        "time.sleep(0.2)\n"
        "assert not gc.isenabled() and not gc_paused()\n"
    )
    _runs_clean(code)


def test_the_cli_pauses_the_collector_while_it_starts_up() -> None:
    """`newsletter` (main) pauses the collector before the command's imports."""
    code = (
        "import gc, sys\n"
        "import newsletter.cli as cli\n"
        "from newsletter.cli.app import cli as group\n"
        "import click\n"
        "@group.command('probe-gc')\n"
        "def probe() -> None:\n"
        "    click.echo(f'enabled={gc.isenabled()}')\n"
        "cli.main(['probe-gc'])\n"
    )
    assert _runs_clean(code).strip() == "enabled=False"


def test_a_send_opens_the_database_once(make_settings: Callable[..., Settings]) -> None:
    """The review overrides are read through the run's store: opening the database a second
    time (engine, migrations check) for them was start-up work done twice."""
    from newsletter.review import MOVE, item_key
    from newsletter.store import Store
    from newsletter.store.console import set_override

    settings = make_settings()
    settings.data_dir.mkdir()
    store = Store.open(settings.db_url)
    store.add_subscriber("kim@example.com", None)
    first = build_issue(DAY, settings).issue
    summary = first.sections[0].items[0].summary
    moved_to = first.sections[1].region
    set_override(store, DAY, item_key(summary), MOVE, moved_to.value, "headline", "ed")
    opened: list[str] = []
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Store], url: str, **kwargs: Any) -> Store:
        opened.append(url)
        return real_open(cls, url, **kwargs)  # type: ignore[no-any-return]

    Store.open = classmethod(counting)  # type: ignore[method-assign,assignment]
    try:
        report = run_issue(DAY, settings, store=store, transport=None)
        sent = store.load_issue(DAY)
    finally:
        Store.open = classmethod(real_open)  # type: ignore[method-assign,assignment]
        store.close()
    assert opened == []
    assert report.sent == 1
    assert sent is not None and summary.text in str(
        [s for s in sent["sections"] if s["region"] == moved_to.value]
    )


def test_a_sqlite_send_imports_only_what_it_uses(cli_env: dict[str, str]) -> None:
    """Start-up is mostly imports: a SQLite send to an outbox must not load the PostgreSQL
    driver, the web stack, the scheduler, the feed parser, e-mail address validation, DKIM's
    cryptography or `requests` (each is imported where it is used)."""
    from tests.cli_process import run_cli

    added = run_cli(cli_env, "subscribers", "add", "kim@example.com")
    assert added.returncode == 0, added.stderr
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('MODULES', ' '.join(sorted(sys.modules))))\n"
        "from newsletter.cli import main\n"
        "main(['send', '--date', '2025-02-11'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=cli_env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.rpartition("MODULES ")[2].split())
    assert "newsletter.deliver" in loaded  # it did send
    unneeded = {
        "psycopg",
        "email_validator",
        "apscheduler",
        "starlette",
        "uvicorn",
        "feedparser",
        "cryptography",
        "requests",
        "argon2",
        "alembic",
        "prometheus_client",
        "publicsuffixlist",
        "multipart",
    }
    assert loaded & unneeded == set()
