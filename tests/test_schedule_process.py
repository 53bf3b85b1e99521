"""`newsletter schedule` as the container runs it: a real process, a real SMTP server, a real
SQLite file, a real fire at a minute the test sets, and a real SIGTERM.

Also the image's install, done the Dockerfile's way (only the files it copies) into a clean
virtual environment, running the image's commands. No container engine is needed."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsletter.health import check_health
from newsletter.store import Store
from tests.cli_process import run_cli
from tests.smtp_server import Fault, FaultPlan, SmtpServer

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
ZONE = "Asia/Seoul"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as smtp:
        yield smtp


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Scheduler:
    """`newsletter schedule` in a child process, its stdout in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self._out = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsletter.cli", "schedule"],
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def terminate(self, timeout: float = 10) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self._out.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._out.close()

    def records(self) -> list[dict]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


def schedule_env(cli_env: dict[str, str], server: SmtpServer, schedule: str) -> dict[str, str]:
    env = dict(cli_env)
    env.update(
        NEWSLETTER_SMTP__HOST=server.host,
        NEWSLETTER_SMTP__PORT=str(server.port),
        NEWSLETTER_SMTP__SECURITY="none",
        NEWSLETTER_TIMEZONE=ZONE,
        NEWSLETTER_SCHEDULE=schedule,
        NEWSLETTER_LOG_FORMAT="json",
    )
    return env


def add_readers(make_settings, n: int) -> tuple[Store, list[str]]:  # type: ignore[no-untyped-def]
    store = Store.open(make_settings().db_url)
    readers = [f"reader{i}@example.com" for i in range(n)]
    for address in readers:
        store.add_subscriber(address, None)
    return store, readers


def test_schedule_fires_at_the_set_minute_and_stops_on_sigterm(
    cli_env: dict[str, str], make_settings, server: SmtpServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store, readers = add_readers(make_settings, 3)
    now = dt.datetime.now(ZoneInfo(ZONE))
    fire = (now + dt.timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (fire - now).total_seconds() < 15:  # too close to start a process and be sure
        fire += dt.timedelta(minutes=1)
    env = schedule_env(cli_env, server, f"{fire.minute} {fire.hour} * * *")
    scheduler = Scheduler(env, tmp_path / "schedule.log")
    try:
        wait_until(lambda: check_health(make_settings())[0], 30, "the first heartbeat")
        health = run_cli(env, "health")
        assert health.returncode == 0, health.stdout + health.stderr
        assert f"next run {fire.isoformat()}" in health.stdout
        assert not server.messages, "nothing goes out before the set minute"

        wait = (fire - dt.datetime.now(ZoneInfo(ZONE))).total_seconds()
        server.wait_for(3, timeout=wait + 60)
        wait_until(lambda: store.issue_state(fire.date()) == "done", 30, "the issue to be done")
        code = scheduler.terminate(timeout=10)
    finally:
        scheduler.kill()
    assert code == 0
    assert Counter(r for m in server.messages for r in m.rcpt_tos) == Counter(
        {r: 1 for r in readers}
    )
    counts = store.counts(fire.date())
    assert counts["sent"] == 3 and counts["pending"] == 0 and counts["failed"] == 0
    store.close()

    records = scheduler.records()  # every line is one JSON object
    events = [r.get("event") for r in records]
    for event in ("started", "fired", "stopping", "stopped"):
        assert event in events, f"no {event!r} line in {events}"
    fired = next(r for r in records if r.get("event") == "fired")
    assert fired["issue"] == fire.date().isoformat()
    text = scheduler.log.read_text(encoding="utf-8")
    assert not any(r in text for r in readers), "a full address reached the log"
    assert "test-secret-key" not in text


def test_sigterm_mid_send_leaves_a_consistent_ledger_and_a_restart_finishes(
    cli_env: dict[str, str], make_settings, server: SmtpServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store, readers = add_readers(make_settings, 40)
    # Today's fire was this very minute: a start now is a catch-up, so no waiting for a minute.
    now = dt.datetime.now(ZoneInfo(ZONE))
    if now.hour == 23 and now.minute == 59:  # the child would start on the next local day
        time.sleep(61 - now.second)
        now = dt.datetime.now(ZoneInfo(ZONE))
    env = schedule_env(cli_env, server, f"{now.minute} {now.hour} * * *")
    env["NEWSLETTER_SMTP__CONCURRENCY"] = "1"
    day = now.date()
    # One connection pipelining chunks of 16 slow messages: SIGTERM lands mid-issue.
    server.faults = FaultPlan().on_every_message(Fault.slow(0.05))

    first = Scheduler(env, tmp_path / "first.log")
    try:
        wait_until(lambda: len(server.messages) >= 3, 60, "the first messages")
        code = first.terminate(timeout=10)
    finally:
        first.kill()
    assert code == 0
    counts = store.counts(day)
    # Every message the relay took is recorded as sent; nothing is left 'sending' or 'unknown'.
    assert counts["sent"] == len(server.messages) < len(readers)
    assert counts["sending"] == 0 and counts["unknown"] == 0
    assert counts["pending"] + counts["deferred"] == len(readers) - counts["sent"]

    server.faults = FaultPlan()
    second = Scheduler(env, tmp_path / "second.log")
    try:
        wait_until(lambda: store.issue_state(day) == "done", 60, "the resumed issue")
        code = second.terminate(timeout=10)
    finally:
        second.kill()
    assert code == 0
    assert Counter(r for m in server.messages for r in m.rcpt_tos) == Counter(
        {r: 1 for r in readers}
    )
    assert any(
        r.get("event") == "start-up" and "resuming" in r["message"] for r in second.records()
    )
    store.close()


# ---- the image, without a container engine -----------------------------------------------


def _dockerfile_copies() -> list[str]:
    """The sources of the COPY lines of the Dockerfile's build stage (the package's inputs)."""
    sources: list[str] = []
    for line in (REPO / "Dockerfile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"COPY\s+(?!--from)(.+)\s+\S+$", line.strip())
        if match:
            sources.extend(match.group(1).split())
    return sources


def test_the_dockerfile_copies_only_what_the_package_needs() -> None:
    copied = _dockerfile_copies()
    assert sorted(copied) == ["README.md", "newsletter", "pyproject.toml", "templates", "uv.lock"]
    ignored = {
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert not ignored & set(copied), "the .dockerignore hides a file the build copies"
    assert {".git", ".venv", ".env", "tests"} <= ignored
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r'^CMD \["newsletter", "schedule"\]$', dockerfile, re.M)
    assert re.search(r'CMD \["newsletter", "health"\]', dockerfile)
    assert re.search(r"^USER \d+:\d+$", dockerfile, re.M), "a numeric non-root user"
    assert not re.search(r"(PASSWORD|SECRET_KEY)=", dockerfile), "no secret baked in"


def test_the_image_install_runs_the_image_commands(tmp_path: Path) -> None:
    """pip-installs the Dockerfile's build context into a clean venv (offline: the build tools
    and dependencies come from this test environment) and runs what the image runs."""
    context = tmp_path / "context"
    context.mkdir()
    for source in _dockerfile_copies():
        path = REPO / source
        if path.is_dir():
            shutil.copytree(path, context / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, context / source)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies (and pip, setuptools, wheel) from the test environment, appended after
    # the clean venv's own site-packages; the repo's editable install is not among them
    # because a plain path line does not run that directory's .pth hooks.
    Path(site, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--no-cache-dir",
            "--quiet",
            str(context),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    workdir = tmp_path / "data"  # the image's WORKDIR and NEWSLETTER_DATA_DIR
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSLETTER_", "PYTHON"))}
    env.update(NEWSLETTER_DATA_DIR=str(workdir), NEWSLETTER_LOG_FORMAT="json")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / args[0]), *args[1:]],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    where = run("python", "-c", "import newsletter; print(newsletter.__file__)")
    assert where.stdout.strip().startswith(site), "the installed copy runs, not the repo's"
    helped = run("newsletter", "--help")
    assert helped.returncode == 0, helped.stderr
    assert "schedule" in helped.stdout and "health" in helped.stdout
    # The HEALTHCHECK on an empty volume: unhealthy, one line, and nothing written there.
    health = run("newsletter", "health")
    assert health.returncode == 1, health.stdout + health.stderr
    assert health.stdout.startswith("no database at "), health.stdout
    assert list(workdir.iterdir()) == [], "a health probe wrote to the volume"
    # Migrations are shipped: a command that writes creates the database; health then reads it.
    added = run("newsletter", "subscribers", "add", "kim@example.com")
    assert added.returncode == 0, added.stdout + added.stderr
    health = run("newsletter", "health")
    assert health.returncode == 1, health.stdout + health.stderr
    assert health.stdout.strip() == (
        "no scheduler heartbeat recorded (is `newsletter schedule` running?)"
    )
    # Templates and the sample day travel inside the package.
    preview = run("newsletter", "preview", "--out", str(workdir / "preview"))
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert list((workdir / "preview").glob("*.html"))
    # The image's build step after the install: the templates' code and premailer's reading of
    # the stylesheet, written beside the installed package (pip compiled its bytecode, as uv
    # does in the image, so templates/__pycache__ is there too).
    shipped = run("python", "-I", "-m", "newsletter.ship_templates")
    assert shipped.returncode == 0, shipped.stdout + shipped.stderr
    assert Path(site, "newsletter", "_template_code", "css.json").is_file()


def test_a_second_scheduler_on_the_same_database_is_refused_until_the_first_dies(
    cli_env: dict[str, str], make_settings, server: SmtpServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Two `newsletter schedule` on one data dir both started without a word; the lock that
    refuses the second dies with the first (kill -9 included)."""
    env = schedule_env(cli_env, server, "0 7 * * *")
    first = Scheduler(env, tmp_path / "first.log")
    try:
        wait_until(lambda: check_health(make_settings())[0], 30, "the first heartbeat")
        second = run_cli(env, "schedule", timeout=30)
        assert second.returncode == 3, second.stdout + second.stderr
        assert "another scheduler is already running on this database" in second.stderr
        assert f":{first.process.pid}:" in second.stderr  # names the holder
        assert "Traceback" not in second.stderr
    finally:
        first.kill()  # SIGKILL: no clean release; the OS drops the lock
    third = Scheduler(env, tmp_path / "third.log")
    try:
        wait_until(lambda: any(r.get("event") == "started" for r in third.records()), 30, "a start")
        assert third.terminate() == 0
    finally:
        third.kill()


def test_a_scheduler_that_cannot_write_its_database_stops_at_start(
    cli_env: dict[str, str], make_settings, server: SmtpServer
) -> None:  # type: ignore[no-untyped-def]
    """It ran on with only 'heartbeat not recorded' warnings; health alone noticed. Here the
    real SQLite file refuses writes (a trigger, as a read-only volume would)."""
    import sqlite3

    store = Store.open(make_settings().db_url)
    path = store.engine.url.database
    store.close()
    with sqlite3.connect(path) as db:
        for table in ("heartbeats", "locks"):
            for event in ("INSERT", "UPDATE"):
                db.execute(
                    f"CREATE TRIGGER ro_{table}_{event} BEFORE {event} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END"
                )
    done = run_cli(schedule_env(cli_env, server, "0 7 * * *"), "schedule", timeout=30)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "the scheduler cannot write to its database" in done.stderr, done.stderr
    assert "readonly" in done.stderr and "NEWSLETTER_DATA_DIR" in done.stderr
    assert "Traceback" not in done.stderr
