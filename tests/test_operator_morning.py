"""The operator's morning (issue 10): the demo, and messages that say what really happened.

Every test runs the real `newsletter` command in a subprocess, because what is tested is what
the operator reads on the terminal (or in the scheduler's log) and the exit code a script sees.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from newsletter.schedule import cron_trigger, plan_start_up
from newsletter.store import Store
from tests.test_operator_errors import DAY, add_readers, assert_clean, assert_error, run

# ---- the demo ------------------------------------------------------------------------------


def test_demo_sends_the_sample_to_the_sample_readers_into_its_own_outbox(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    # A relay that would refuse every connection: the demo must not even try it.
    cli_env.update(NEWSLETTER_SMTP__HOST="127.0.0.1", NEWSLETTER_SMTP__PORT="1")
    result = run(cli_env, "demo", "--date", DAY)
    assert_clean(result)
    assert result.returncode == 0, result.stdout + result.stderr
    data = Path(cli_env["NEWSLETTER_DATA_DIR"])
    outbox = data / "demo" / "outbox" / DAY
    messages = sorted(outbox.glob("*.eml"))
    assert len(messages) == 5, result.stdout  # the bundled subscribers.csv
    assert "DEMO" in result.stdout and "Nothing was mailed" in result.stdout
    assert str(outbox.relative_to(tmp_path)) in result.stdout  # where to look, from the cwd

    parsed = email.message_from_bytes(messages[0].read_bytes(), policy=email.policy.default)
    assert "DEMO" in parsed["Subject"] and parsed["From"].addresses[0].domain.endswith(".invalid")
    # Both parts are base64 (as sent): `less` showed nothing readable. The command the demo
    # suggests shows the headers decoded and the text part as the reader sees it.
    [suggested] = [x for x in result.stdout.splitlines() if "read one:" in x]
    command = suggested.split("read one:", 1)[1].split()
    assert command[:2] == ["newsletter", "show"], suggested
    shown = run(cli_env, *command[1:])
    assert shown.returncode == 0, shown.stderr
    text_part = parsed.get_body(("plain",))
    assert text_part is not None
    body = text_part.get_content()
    assert f"Subject: {parsed['Subject']}" in shown.stdout
    first_lines = [x for x in body.splitlines() if x.strip()][:5]
    assert all(x in shown.stdout for x in first_lines), shown.stdout[:500]
    html = run(cli_env, *command[1:], "--html")
    assert html.returncode == 0 and "<html" in html.stdout.lower()
    # Only the demo's own folder was touched: the real database was never created.
    assert sorted(p.name for p in data.iterdir()) == ["demo"]

    again = run(cli_env, "demo", "--date", DAY)
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(list(outbox.glob("*.eml"))) == 5, "a second demo starts over, not on top"


def test_a_real_send_to_an_empty_list_still_refuses_and_says_what_to_do(
    cli_env: dict[str, str],
) -> None:
    assert run(cli_env, "demo", "--date", DAY).returncode == 0
    line = assert_error(run(cli_env, "send", "--date", DAY), 2, "no active subscribers")
    assert "subscribers import" in line and "newsletter demo" in line


# ---- preview -------------------------------------------------------------------------------


def test_preview_text_has_the_links_its_html_has(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run(cli_env, "preview", "--date", DAY, "--out", str(tmp_path / "preview"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "preview" / f"{DAY}.txt").read_text("utf-8")
    html = (tmp_path / "preview" / f"{DAY}.html").read_text("utf-8")
    assert "NL-" not in text and "7Q2F" not in text, "a raw placeholder in the preview"
    assert "https://news.example.com/u/" in text and "https://news.example.com/u/" in html


# ---- sources -------------------------------------------------------------------------------


def test_an_unknown_region_says_the_record_is_kept(cli_env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "day.jsonl"
    records = [
        {"text": "미국 연방준비제도가 기준금리를 동결했다고 밝혔다.", "region": "US"},
        {"text": "일본 정부가 새 경제 대책을 발표하며 엔화가 강세를 보였다.", "region": "Korea"},
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    result = run(cli_env, "classify", str(source))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2, "both records are classified"
    assert not [line for line in result.stderr.splitlines() if "skipped" in line]
    notes = [line for line in result.stderr.splitlines() if line.startswith("note ")]
    assert notes == [
        f"note {source}:2: kept; unknown region 'Korea' (expected one of: US, China, Japan, "
        "Europe, Other); region left to the classifier"
    ]


# ---- settings ------------------------------------------------------------------------------


def test_an_sqlite_url_into_a_missing_folder_is_refused(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    cli_env["NEWSLETTER_DATABASE_URL"] = f"sqlite:///{missing / 'x.db'}"
    assert_error(run(cli_env, "subscribers", "list"), 2, "NEWSLETTER_DATABASE_URL", str(missing))
    assert not (tmp_path / "nonexistent").exists(), "the folder was created anyway"


def test_the_default_data_dir_is_still_created(cli_env: dict[str, str], tmp_path: Path) -> None:
    # A fresh machine: no NEWSLETTER_DATA_DIR, so ./newsletter-data under the working directory.
    del cli_env["NEWSLETTER_DATA_DIR"]
    fresh = tmp_path / "fresh"
    fresh.mkdir()

    def here(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "newsletter.cli", *args]
        return subprocess.run(
            command, env=cli_env, cwd=fresh, capture_output=True, text=True, timeout=60
        )

    result = here("subscribers", "add", "kim@example.com")
    assert result.returncode == 0, result.stderr
    assert (fresh / "newsletter-data" / "newsletter.db").is_file()
    assert here("subscribers", "list").returncode == 0


def test_read_only_commands_create_no_database(cli_env: dict[str, str], tmp_path: Path) -> None:
    """A wrong DATA_DIR must not get a new, empty database that answers "not started"."""
    data = Path(cli_env["NEWSLETTER_DATA_DIR"])
    for args in (
        ("status",),
        ("status", "--date", DAY, "--json"),
        ("subscribers", "list"),
        ("subscribers", "export"),
        ("operators", "list"),
    ):
        result = run(cli_env, *args)
        line = assert_error(result, 2, f"no database at {data / 'newsletter.db'}")
        assert f"NEWSLETTER_DATA_DIR={data}" in line, (args, line)
        assert not data.exists(), f"{args} made the data folder"
    # A review listing still lists the classifier's answers, saying there is no database.
    listed = run(cli_env, "review", "--date", DAY)
    assert listed.returncode == 0 and listed.stdout.startswith("1\t"), listed.stderr
    assert f"note: no database at {data / 'newsletter.db'}" in listed.stderr
    assert not data.exists(), "review made the data folder"


def test_a_data_dir_under_a_missing_folder_is_refused(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    cli_env["NEWSLETTER_DATA_DIR"] = str(tmp_path / "x" / "nope" / "deeper")
    for args in (("send", "--date", DAY), ("subscribers", "add", "kim@example.com")):
        assert_error(run(cli_env, *args), 2, "NEWSLETTER_DATA_DIR", str(tmp_path / "x" / "nope"))
    assert not (tmp_path / "x").exists(), "the folder was created anyway"


def test_a_misspelt_variable_is_named_once_with_the_right_one(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    cli_env["NEWSLETTER_SMPT__HOST"] = "relay.example.com"
    (tmp_path / ".env").write_text("NEWSLETTER_PUBLC_URL=https://x.example.com\n", "utf-8")
    result = run(cli_env, "subscribers", "add", "kim@example.com")
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "is not a setting" in line]
    assert len(warnings) == 2, result.stderr
    smtp = next(w for w in warnings if "NEWSLETTER_SMPT__HOST" in w)
    assert "WARNING" in smtp and smtp.endswith("did you mean NEWSLETTER_SMTP__HOST?")
    assert next(w for w in warnings if "PUBLC_URL" in w).endswith("NEWSLETTER_PUBLIC_URL?")


def test_correct_variables_raise_no_warning(cli_env: dict[str, str]) -> None:
    cli_env.update(
        NEWSLETTER_SMTP__HOST="smtp.example.com",
        NEWSLETTER_SMTP__SECURITY="none",
        NEWSLETTER_SMTP__PASSWORD_FILE="/dev/null",
        newsletter_locale="en",  # pydantic-settings matches names case-insensitively
    )
    result = run(cli_env, "subscribers", "add", "kim@example.com")
    assert result.returncode == 0, result.stderr
    assert "is not a setting" not in result.stderr


# ---- subscribers ---------------------------------------------------------------------------


def test_adding_back_someone_who_unsubscribed_needs_their_consent(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com")
    db = f"sqlite:///{Path(cli_env['NEWSLETTER_DATA_DIR']) / 'newsletter.db'}"
    with Store.open(db) as store:
        reader = store.find_subscriber("kim@example.com")
        assert reader is not None
        assert store.unsubscribe(reader.id)

    refused = run(cli_env, "subscribers", "add", "kim@example.com", "--name", "Kim")
    line = assert_error(refused, 2, "kim@example.com", "unsubscribed", "--resubscribe")
    assert "nothing was changed" in line
    with Store.open(db) as store:
        still = store.find_subscriber("kim@example.com")
        assert still is not None and still.status.value == "unsubscribed" and still.name is None

    back = run(cli_env, "subscribers", "add", "kim@example.com", "--resubscribe")
    assert back.returncode == 0, back.stderr
    assert back.stdout.strip() == "re-subscribed kim@example.com (they had opted out)"
    with Store.open(db) as store:
        active = store.find_subscriber("kim@example.com")
        assert active is not None and active.status.value == "active"

    plain = run(cli_env, "subscribers", "add", "kim@example.com")
    assert plain.stdout.strip() == "updated kim@example.com"


# ---- the scheduler's first start ---------------------------------------------------------


def _midday_zone() -> str:
    """A zone where it is between 02:00 and 20:59 now, so "two hours from now" is still today
    and the schedule's previous fire is yesterday's."""
    for zone in ("UTC", "Asia/Seoul", "America/Los_Angeles"):
        if 2 <= dt.datetime.now(ZoneInfo(zone)).hour <= 20:
            return zone
    raise AssertionError("unreachable: the three zones cover every hour")


def _schedule_two_hours_ahead(zone: str) -> str:
    later = dt.datetime.now(ZoneInfo(zone)) + dt.timedelta(hours=2)
    return f"{later.minute} {later.hour} * * *"


def test_a_fresh_install_does_not_warn_about_yesterday(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    zone = _midday_zone()
    cli_env.update(
        NEWSLETTER_TIMEZONE=zone,
        NEWSLETTER_SCHEDULE=_schedule_two_hours_ahead(zone),
        NEWSLETTER_LOG_FORMAT="json",
    )
    log = tmp_path / "schedule.log"

    def start_and_stop() -> list[dict]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "newsletter.cli", "schedule"],
                env=cli_env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.monotonic() + 60
                while '"start-up"' not in log.read_text("utf-8"):
                    assert time.monotonic() < deadline, log.read_text("utf-8")
                    assert process.poll() is None, log.read_text("utf-8")
                    time.sleep(0.1)
                process.send_signal(signal.SIGTERM)
                assert process.wait(timeout=30) == 0
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        return [json.loads(line) for line in log.read_text("utf-8").splitlines() if line]

    first = start_and_stop()
    start_up = next(r for r in first if r.get("event") == "start-up")
    assert start_up["level"] == "info", start_up
    assert start_up["message"].startswith("first start on this database: the first issue")
    assert not any("stale" in r["message"] for r in first), first
    # Restarted later the same day: that fire of yesterday was still never this install's.
    second = start_and_stop()
    start_up = next(r for r in second if r.get("event") == "start-up")
    assert start_up["level"] == "info", start_up
    assert start_up["message"].startswith("nothing to catch up: the next issue goes out at")
    assert not any("stale" in r["message"] for r in second), second


def test_a_scheduler_that_was_down_through_a_fire_still_says_so(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    zone = ZoneInfo(settings.timezone)
    now = dt.datetime(2026, 3, 3, 6, 0, tzinfo=zone)  # before today's 07:00: yesterday's is due
    before_the_fire = dt.datetime(2026, 3, 2, 6, 59, 40, tzinfo=zone)
    decision = plan_start_up(
        settings, cron_trigger(settings), now, lambda day: None, last_beat=before_the_fire
    )
    assert decision.stale and decision.reason.startswith("not sending stale issue for 2026-03-02")
