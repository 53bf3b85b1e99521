"""`newsletter health` and the next run: a real SQLite file, a real (closed) PostgreSQL port."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsletter.health import check_health, next_run
from newsletter.schedule import HEARTBEAT_NAME
from newsletter.store import Store
from tests.cli_process import run_cli

NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)


def beat(settings, at: dt.datetime, info: str = "2026-03-03T07:00:00+09:00") -> None:  # type: ignore[no-untyped-def]
    with Store.open(settings.db_url) as store:
        store.beat(HEARTBEAT_NAME, info=info, now=at)


def test_healthy_with_a_fresh_heartbeat(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    beat(settings, NOW - dt.timedelta(seconds=12))
    ok, line = check_health(settings, now=NOW)
    assert ok, line
    assert line == "ok: scheduler heartbeat 12 s ago, next run 2026-03-03T07:00:00+09:00"


def test_a_stale_heartbeat_is_unhealthy_and_says_how_old(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    beat(settings, NOW - dt.timedelta(seconds=812))
    assert check_health(settings, now=NOW) == (
        False,
        "scheduler heartbeat is 812 s old (limit 120 s)",
    )
    ok, _ = check_health(settings, now=NOW, max_age=900)
    assert ok


def test_no_heartbeat_means_no_scheduler(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    Store.open(settings.db_url).close()  # a database some other command made
    ok, line = check_health(settings, now=NOW)
    assert not ok
    assert line == "no scheduler heartbeat recorded (is `newsletter schedule` running?)"


def test_health_on_an_empty_volume_writes_nothing(make_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    volume = tmp_path / "volume"
    volume.mkdir()
    settings = make_settings(data_dir=volume)
    ok, line = check_health(settings, now=NOW)
    assert not ok
    assert line == (
        f"no database at {volume / 'newsletter.db'}: nothing has run on this volume yet"
        " (is `newsletter schedule` running?)"
    )
    assert list(volume.iterdir()) == [], "a probe created files"
    missing = tmp_path / "never-made"
    assert not check_health(make_settings(data_dir=missing), now=NOW)[0]
    assert not missing.exists(), "a probe created the data folder"


def test_health_never_migrates_an_empty_database(make_settings, db_url: str) -> None:  # type: ignore[no-untyped-def]
    """An existing but empty database (a fresh PostgreSQL, an empty file) stays empty."""
    from sqlalchemy import create_engine, inspect

    if db_url.startswith("sqlite"):
        Path(db_url.removeprefix("sqlite:///")).write_bytes(b"")
    ok, line = check_health(make_settings(database_url=db_url), now=NOW)
    assert not ok
    assert "has no tables yet" in line and "\n" not in line
    if db_url.startswith("sqlite"):
        assert Path(db_url.removeprefix("sqlite:///")).stat().st_size == 0
    engine = create_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == [], "the probe migrated the database"
    finally:
        engine.dispose()


def test_a_heartbeat_from_the_future_points_at_the_clocks(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    beat(settings, NOW + dt.timedelta(hours=1))
    ok, line = check_health(settings, now=NOW)
    assert not ok and "in the future" in line


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_postgresql_is_one_line(make_settings) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/newsletter"
    ok, line = check_health(make_settings(database_url=url), now=NOW)
    assert not ok
    assert line.startswith("database unreachable: ")
    assert "\n" not in line


def test_an_unopenable_sqlite_file_is_one_line(make_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    garbage = tmp_path / "newsletter.db"
    garbage.write_bytes(b"this is not an SQLite database, only text\n" * 200)
    ok, line = check_health(make_settings(database_url=f"sqlite:///{garbage}"), now=NOW)
    assert not ok and line.startswith("database unreachable: ") and "\n" not in line


def test_next_run_is_in_the_configured_zone(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    seoul = ZoneInfo("Asia/Seoul")
    before = dt.datetime(2026, 3, 2, 6, 59, tzinfo=seoul)
    after = dt.datetime(2026, 3, 2, 7, 0, 1, tzinfo=seoul)
    assert next_run(settings, before) == dt.datetime(2026, 3, 2, 7, 0, tzinfo=seoul)
    assert next_run(settings, after) == dt.datetime(2026, 3, 3, 7, 0, tzinfo=seoul)
    assert next_run(settings, after).utcoffset() == dt.timedelta(hours=9)  # type: ignore[union-attr]
    berlin = make_settings(timezone="Europe/Berlin", schedule="30 2 * * *")
    spring = next_run(berlin, dt.datetime(2026, 3, 29, 0, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    # 02:30 does not exist that night: the run happens at the same instant, 03:30 summer time.
    assert spring is not None and spring.isoformat() == "2026-03-29T03:30:00+02:00"


def test_the_health_command_exits_0_or_1_with_the_line(
    cli_env: dict[str, str], make_settings
) -> None:  # type: ignore[no-untyped-def]
    command = [sys.executable, "-m", "newsletter.cli", "health"]
    unhealthy = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=60)
    assert unhealthy.returncode == 1
    assert unhealthy.stdout.startswith("no database at "), unhealthy.stdout + unhealthy.stderr
    assert unhealthy.stderr == ""
    assert not Path(cli_env["NEWSLETTER_DATA_DIR"]).exists(), "health made the data folder"

    beat(make_settings(), dt.datetime.now(dt.UTC))
    healthy = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=60)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert healthy.stdout.startswith("ok: scheduler heartbeat")


def test_after_a_clean_stop_health_status_and_metrics_say_stopped(
    cli_env: dict[str, str], make_settings
) -> None:  # type: ignore[no-untyped-def]
    """`docker stop` of the scheduler is not a crash: health, status and /metrics used to
    call it a stale heartbeat (after 120 s) like a dead one."""
    import signal
    import time

    from newsletter.metrics import render_metrics

    env = dict(cli_env, NEWSLETTER_CATCH_UP="0")
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "newsletter.cli", "schedule"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    settings = make_settings()
    try:
        for _ in range(600):  # bounded wait for the first heartbeat
            if Path(settings.db_url.removeprefix("sqlite:///")).exists():
                with Store.open(settings.db_url) as store:
                    if store.last_beat(HEARTBEAT_NAME) is not None:
                        break
            assert scheduler.poll() is None, scheduler.communicate()[0]
            time.sleep(0.05)
    finally:
        scheduler.send_signal(signal.SIGTERM)
        output = scheduler.communicate(timeout=60)[0]
    assert scheduler.returncode == 0, output

    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)  # long past any heartbeat limit
    ok, line = check_health(settings, now=later)
    assert not ok  # no scheduler runs: the container check must still fail
    assert line.startswith("scheduler stopped"), line
    assert "stale" not in line and "old" not in line, line

    health = run_cli(env, "health")
    assert health.returncode == 1 and health.stdout.startswith("scheduler stopped"), health
    status = run_cli(env, "status")
    assert "scheduler: stopped at " in status.stdout, status.stdout
    with Store.open(settings.db_url) as store:
        metrics = render_metrics(store, later).decode()
    assert "newsletter_scheduler_stopped 1.0" in metrics, metrics
