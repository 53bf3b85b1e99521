"""A careless operator against the real `newsletter` command.

The standard: bad input gets one clear line saying what is wrong and where (file and line,
setting name, recipient), everything good is kept, the exit code means something (0 ok,
1 some deliveries failed, 2 bad config/input, 3 issue locked, 4 relay unusable), no Python
traceback, no password in the output, no full address in INFO logs.

Every test runs the real command in a subprocess. Tests marked xfail(strict=True) are defects
found by a review: when one starts passing, the fix has landed and the mark must go.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_process import run_cli
from tests.smtp_server import Fault, FaultPlan, SmtpServer

REPO = Path(__file__).resolve().parents[1]
BUNDLED_TEMPLATES = REPO / "templates"
DAY = "2025-02-11"
PASSWORD = "Sup3r-Secret-Relay-PW"


# ---- helpers -------------------------------------------------------------------------------


def run(env: dict[str, str], *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return run_cli(env, *args, timeout=timeout)


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no Python warning machinery in front of the operator."""
    both = result.stdout + result.stderr
    assert "Traceback" not in both, both[-2000:]
    assert "Warning:" not in result.stderr, result.stderr[-2000:]


def assert_error(result: subprocess.CompletedProcess[str], code: int, *mentions: str) -> str:
    """Exit `code`, exactly one `error:` line on stderr, naming each of `mentions`."""
    assert_clean(result)
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    for mention in mentions:
        assert mention in errors[0], (mention, errors[0])
    return errors[0]


def add_readers(env: dict[str, str], tmp_path: Path, *emails: str) -> None:
    csv = tmp_path / "readers-setup.csv"
    csv.write_text("email,name,regions\n" + "".join(f"{e},,\n" for e in emails), "utf-8")
    result = run(env, "subscribers", "import", str(csv))
    assert result.returncode == 0, result.stderr


def smtp_env(env: dict[str, str], port: int, **extra: str) -> dict[str, str]:
    env = dict(env)
    env.update(
        NEWSLETTER_SMTP__HOST="127.0.0.1",
        NEWSLETTER_SMTP__PORT=str(port),
        NEWSLETTER_SMTP__SECURITY="none",
        NEWSLETTER_SMTP__RETRY_BACKOFF="0",
        NEWSLETTER_SMTP__TIMEOUT="5",
    )
    env.update({f"NEWSLETTER_{k.upper()}": v for k, v in extra.items()})
    return env


def ledger(env: dict[str, str], day: str = DAY) -> dict[str, object]:
    result = run(env, "status", "--date", day, "--json")
    record = json.loads(result.stdout)
    # status's exit code is for monitoring: 0 done, 1 something still owed, 3 being sent.
    expected = {"done": 0, "sending": 3}.get(record["state"], 1)
    assert result.returncode == expected, (record["state"], result.stderr)
    return record


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_relay() -> Iterator[int]:
    """A port that accepts TCP connections (the kernel's backlog) and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


# ---- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SMTP__PORT", "70000"),
        ("TIMEZONE", "Mars/Olympus"),
        ("SCHEDULE", "0 7 * *"),
        ("LOCALE", "fr"),
        ("TRANSPORT", "pigeon"),
        ("LOG_FORMAT", "xml"),
        ("MIN_ITEMS", "0"),
        ("SMTP__RATE", "-5"),
        ("SMTP__SECURITY", "startls"),
    ],
)
def test_a_bad_setting_is_named(cli_env: dict[str, str], name: str, value: str) -> None:
    cli_env[f"NEWSLETTER_{name}"] = value
    assert_error(run(cli_env, "status"), 2, f"NEWSLETTER_{name}")


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"PORT": "587", "USERNAME": "u", "PASSWORD": "hunter2-secret"}, "SMTP__USERNAME"),
        ({"PASSWORD": "hunter2-secret"}, "SMTP__PASSWORD"),
        ({"PORT": "2525"}, "SMTP__PORT"),
        ({"SECURITY": "tls"}, "SMTP__SECURITY"),
    ],
)
def test_a_blank_relay_host_beside_relay_settings_is_refused_not_sent_to_the_outbox(
    cli_env: dict[str, str], tmp_path: Path, given: dict[str, str], named: str
) -> None:
    """`NEWSLETTER_SMTP__HOST= ... USERNAME=u PASSWORD=p newsletter send` wrote the issue to
    the outbox, exited 0 and marked the day done: the relay was clearly meant."""
    add_readers(cli_env, tmp_path, "reader@example.com")
    cli_env["NEWSLETTER_SMTP__HOST"] = ""
    cli_env.update({f"NEWSLETTER_SMTP__{k}": v for k, v in given.items()})
    result = run(cli_env, "send", "--date", "2026-11-26")
    line = assert_error(result, 2, "NEWSLETTER_SMTP__HOST", f"NEWSLETTER_{named}")
    assert "hunter2" not in result.stdout + result.stderr, line
    assert not (Path(cli_env["NEWSLETTER_DATA_DIR"]) / "outbox").exists()
    # The outbox on purpose, or a default port alone, still works as before.
    cli_env["NEWSLETTER_TRANSPORT"] = "outbox"
    assert run(cli_env, "subscribers", "list").returncode == 0
    plain = {k: v for k, v in cli_env.items() if not k.startswith("NEWSLETTER_SMTP__")}
    plain.pop("NEWSLETTER_TRANSPORT")
    assert run({**plain, "NEWSLETTER_SMTP__PORT": "587"}, "subscribers", "list").returncode == 0


def test_a_cron_with_impossible_values_stops_the_scheduler(cli_env: dict[str, str]) -> None:
    cli_env["NEWSLETTER_SCHEDULE"] = "99 99 * * *"
    assert_error(run(cli_env, "schedule", timeout=15), 2, "NEWSLETTER_SCHEDULE")


def test_a_short_metrics_token_stops_serve_by_name_but_not_the_morning_send(
    cli_env: dict[str, str],
) -> None:
    """It is all that guards /metrics: 'abc' was accepted (a careless operator's test value).
    Refused where /metrics is served: an upgrade with an old short token must still send
    the morning issue; a blank value is unset (metrics off), never an open endpoint."""
    cli_env["NEWSLETTER_METRICS_TOKEN"] = "abc"
    served = run(cli_env, "serve", "--port", "8", timeout=15)  # refused before binding
    assert_error(served, 2, "NEWSLETTER_METRICS_TOKEN")
    assert "at least 16" in served.stderr and "abc" not in served.stderr, served.stderr
    for command in (("subscribers", "add", "kim@example.com"), ("send", "--dry-run")):
        done = run(cli_env, *command)
        assert done.returncode == 0 and "METRICS_TOKEN" not in done.stderr, (command, done)
    cli_env["NEWSLETTER_METRICS_TOKEN"] = "scrape-token-0123456789"
    assert "METRICS_TOKEN" not in run(cli_env, "status").stderr


def test_a_short_secret_key_stops_a_send(cli_env: dict[str, str], tmp_path: Path) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com")
    cli_env["NEWSLETTER_SECRET_KEY"] = "short"
    assert_error(run(cli_env, "send", "--date", DAY), 2, "NEWSLETTER_SECRET_KEY")


@pytest.mark.parametrize(
    "url",
    [
        "garbage",
        pytest.param(
            "postgresql+psycopg://postgres:hunter2secret@127.0.0.1:1/newsletter",
        ),
        "sqlite:///{tmp}",  # a directory
    ],
    ids=["garbage", "unreachable-postgres", "directory"],
)
def test_a_bad_database_url_is_named_without_its_password(
    cli_env: dict[str, str], tmp_path: Path, url: str
) -> None:
    cli_env["NEWSLETTER_DATABASE_URL"] = url.format(tmp=tmp_path)
    result = run(cli_env, "subscribers", "add", "kim@example.com")
    assert_error(result, 2, "NEWSLETTER_DATABASE_URL")
    assert "hunter2secret" not in result.stdout + result.stderr


def test_a_password_with_an_at_sign_never_shows(cli_env: dict[str, str]) -> None:
    cli_env["NEWSLETTER_DATABASE_URL"] = "postgresql+psycopg://app:s3cret@PW99@127.0.0.1:1/db"
    result = run(cli_env, "status")
    assert_error(result, 2, "NEWSLETTER_DATABASE_URL")
    assert "PW99" not in result.stdout + result.stderr
    assert "s3cret" not in result.stdout + result.stderr


def test_a_data_dir_that_is_a_file_is_named(cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "not-a-dir").write_text("x")
    cli_env["NEWSLETTER_DATA_DIR"] = str(tmp_path / "not-a-dir")
    assert_error(run(cli_env, "status"), 2, "NEWSLETTER_DATA_DIR")


def test_a_missing_password_file_is_named(cli_env: dict[str, str], tmp_path: Path) -> None:
    cli_env["NEWSLETTER_SMTP__PASSWORD_FILE"] = str(tmp_path / "no-such-password")
    assert_error(run(cli_env, "status"), 2, "NEWSLETTER_SMTP__PASSWORD_FILE")


def test_a_missing_secrets_dir_is_named(cli_env: dict[str, str], tmp_path: Path) -> None:
    cli_env["NEWSLETTER_SECRETS_DIR"] = str(tmp_path / "no-such-secrets")
    assert_error(run(cli_env, "status"), 2, "NEWSLETTER_SECRETS_DIR")


def test_a_dot_env_saved_as_cp949_is_named(cli_env: dict[str, str], tmp_path: Path) -> None:
    # The autouse fixture runs every test (and so the subprocess) in tmp_path.
    (tmp_path / ".env").write_bytes("# 뉴스레터 설정\nNEWSLETTER_LOCALE=en\n".encode("cp949"))
    assert_error(run(cli_env, "status"), 2, ".env")


# ---- templates -----------------------------------------------------------------------------


def test_a_template_syntax_error_names_file_and_line(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "issue.html.j2").write_text("<p>{% if %}broken</p>\n", "utf-8")
    cli_env["NEWSLETTER_TEMPLATES_DIR"] = str(brand)
    result = run(cli_env, "preview", "--date", DAY, "--out", str(tmp_path / "out"))
    assert_error(result, 2, "issue.html.j2:1")


def test_a_template_runtime_error_names_the_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    text = (BUNDLED_TEMPLATES / "issue.html.j2").read_text("utf-8")
    (brand / "issue.html.j2").write_text(text + "{{ 1 // 0 }}\n", "utf-8")
    cli_env["NEWSLETTER_TEMPLATES_DIR"] = str(brand)
    result = run(cli_env, "preview", "--date", DAY, "--out", str(tmp_path / "out"))
    assert_error(result, 2, "issue.html.j2")


def test_a_missing_templates_dir_is_named(cli_env: dict[str, str], tmp_path: Path) -> None:
    cli_env["NEWSLETTER_TEMPLATES_DIR"] = str(tmp_path / "brnad")  # a typo
    result = run(cli_env, "preview", "--date", DAY, "--out", str(tmp_path / "out"))
    assert_error(result, 2, "NEWSLETTER_TEMPLATES_DIR")


# ---- sources -------------------------------------------------------------------------------

OLD_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<link>https://example.com</link><description>d</description>
<item><title>Fed holds</title><description>The Federal Reserve held rates on Monday.</description>
<pubDate>Mon, 10 Feb 2025 08:00:00 +0900</pubDate><link>https://example.com/1</link></item>
</channel></rss>
"""


def _source(kind: str, tmp_path: Path) -> tuple[str, str]:
    """(location, what the error line must mention)"""
    if kind == "missing":
        return str(tmp_path / "nope.txt"), "nope.txt"
    if kind == "directory":
        return str(tmp_path), "directory"
    path = tmp_path / f"source-{kind}"
    if kind == "binary":
        path = path.with_suffix(".txt")
        path.write_bytes(bytes(range(256)) * 8)
        return str(path), str(path)
    if kind == "cp949":
        path = path.with_suffix(".txt")
        text = "미국 연준이 기준금리를 동결했다고 밝혔다. 시장은 인하 시점을 주목한다.\n"
        path.write_bytes(text.encode("cp949"))
        return str(path), "CP949"
    if kind == "garbage-json":
        path = path.with_suffix(".json")
        path.write_text('{"items": [1, 2\n', "utf-8")
        return str(path), "JSON"
    if kind == "refused-url":
        url = f"http://127.0.0.1:{free_port()}/news.txt"
        return url, url
    assert kind == "feed-without-today"
    path = path.with_suffix(".rss")
    path.write_text(OLD_FEED, "utf-8")
    return str(path), DAY


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "directory",
        "binary",
        "cp949",
        "garbage-json",
        "refused-url",
        "feed-without-today",
    ],
)
def test_an_unusable_source_is_one_line(cli_env: dict[str, str], tmp_path: Path, kind: str) -> None:
    location, mention = _source(kind, tmp_path)
    out = tmp_path / "out"
    result = run(cli_env, "preview", "--date", DAY, "--source", location, "--out", str(out))
    assert_error(result, 2, mention)
    assert not out.exists() or not any(out.iterdir())


def test_a_malformed_source_url_is_one_line(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = run(cli_env, "classify", "http://[::1/news.txt", "--date", DAY)
    assert_error(result, 2, "http://[::1/news.txt")


def test_bad_records_are_reported_by_line_and_good_ones_kept(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "day.jsonl"
    source.write_text(
        '{"text": "The Federal Reserve in Washington held interest rates steady on Tuesday."}\n'
        '{"text": 42}\n'
        "{broken\n"
        '{"text": "Toyota in Japan reported higher quarterly profit on hybrid sales."}\n',
        "utf-8",
    )
    result = run(cli_env, "classify", str(source), "--date", DAY)
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert f"{source}:2:" in result.stderr
    assert f"{source}:3:" in result.stderr


# ---- subscriber CSV ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"kim@example.com,Kim,US\n",  # no header
        b"email;name;regions\nkim@example.com;Kim;US\n",  # Excel in a comma-decimal locale
        b"",
    ],
    ids=["no-header", "semicolons", "empty"],
)
def test_an_unreadable_csv_is_one_line(
    cli_env: dict[str, str], tmp_path: Path, content: bytes
) -> None:
    csv = tmp_path / "readers.csv"
    csv.write_bytes(content)
    assert_error(run(cli_env, "subscribers", "import", str(csv)), 2, str(csv))


def test_awkward_rows_keep_the_good_and_name_the_bad(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    csv = tmp_path / "readers.csv"
    csv.write_bytes(
        b"\xef\xbb\xbfemail,name,regions\r\n"  # a BOM, as Excel's "CSV UTF-8" writes
        b'nl@example.com,"Line\nBreak",US\r\n'  # lines 2-3: a quoted name with a newline
        b"bell\x07@example.com,Bell,\r\n"  # line 4
        b"ok@example.com,Ok,\r\n"
    )
    result = run(cli_env, "subscribers", "import", str(csv))
    assert_clean(result)
    assert result.returncode == 2
    assert f"{csv}:4:" in result.stderr and f"{csv}:2:" not in result.stderr
    listed = run(cli_env, "subscribers", "list", "--json")
    names = {r["email"]: r["name"] for r in map(json.loads, listed.stdout.splitlines())}
    assert names == {"nl@example.com": "Line Break", "ok@example.com": "Ok"}


def test_a_large_csv_with_a_few_bad_rows_keeps_every_good_row(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    csv = tmp_path / "readers.csv"
    rows, bad_lines = ["email,name,regions"], []
    for i in range(20_000):
        if i % 4_999 == 3:
            rows.append(f"broken-{i}-example.com,Bad,")
            bad_lines.append(len(rows))
        else:
            rows.append(f"reader{i}@example.com,Reader {i},US")
    csv.write_text("\n".join(rows) + "\n", "utf-8")
    result = run(cli_env, "subscribers", "import", str(csv))
    assert_clean(result)
    assert result.returncode == 2
    assert f"{20_000 - len(bad_lines)} added" in result.stdout
    for line in bad_lines:
        assert f"{csv}:{line}:" in result.stderr


def test_an_excel_cp949_csv_gets_a_hint(cli_env: dict[str, str], tmp_path: Path) -> None:
    csv = tmp_path / "readers.csv"
    csv.write_bytes("email,name,regions\r\nkim@example.com,김민지,US\r\n".encode("cp949"))
    line = assert_error(run(cli_env, "subscribers", "import", str(csv)), 2, str(csv))
    why = line.replace(str(csv), "").lower()  # tmp_path holds the test's name
    assert "cp949" in why or "euc-kr" in why


def test_an_excel_workbook_is_recognised(cli_env: dict[str, str], tmp_path: Path) -> None:
    import zipfile

    book = tmp_path / "readers.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    line = assert_error(run(cli_env, "subscribers", "import", str(book)), 2, str(book))
    why = line.replace(str(book), "").lower()  # tmp_path holds the test's name
    assert "excel" in why or "xlsx" in why


def test_an_unclosed_quote_is_named(cli_env: dict[str, str], tmp_path: Path) -> None:
    csv = tmp_path / "readers.csv"
    csv.write_text(
        'email,name,regions\na@example.com,A,US\n"b@example.com,B,US\nc@example.com,C,US\n',
        "utf-8",
    )
    result = run(cli_env, "subscribers", "import", str(csv))
    assert_clean(result)
    assert result.returncode == 2
    why = result.stderr.replace(str(csv), "").lower()  # tmp_path holds the test's name
    assert f"{csv}:3:" in result.stderr and "quote" in why


def test_an_unclosed_quote_loses_no_row_after_it(cli_env: dict[str, str], tmp_path: Path) -> None:
    csv = tmp_path / "q.csv"
    csv.write_text(
        'email,name,regions\na@example.com,"Kim, A,US\nb@example.com,B,US\n'
        'c@example.com,"C",Japan\n',
        "utf-8",
    )
    result = run(cli_env, "subscribers", "import", str(csv))
    assert_clean(result)
    assert result.returncode == 2
    assert f"{csv}:2: a quote opened on this line closes only on line 4" in result.stderr
    assert "2 added" in result.stdout
    listed = run(cli_env, "subscribers", "list", "--json")
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    names = {record["email"]: record["name"] for record in records}
    assert names == {"b@example.com": "B", "c@example.com": "C"}


def test_a_multi_line_notes_cell_is_one_row(cli_env: dict[str, str], tmp_path: Path) -> None:
    csv = tmp_path / "notes.csv"
    csv.write_text(
        "email,name,regions,notes\n"
        'kim@example.com,Kim,,"Wants it at work from May:\nkim.work@example.com\nsee ticket 42"\n'
        "lee@example.com,Lee,,\n",
        "utf-8",
    )
    result = run(cli_env, "subscribers", "import", str(csv))
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    listed = run(cli_env, "subscribers", "list", "--json")
    emails = sorted(json.loads(line)["email"] for line in listed.stdout.splitlines())
    assert emails == ["kim@example.com", "lee@example.com"]


def test_a_duplicate_row_never_brings_a_left_reader_back(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    csv = tmp_path / "dup.csv"
    csv.write_text(
        "email,name,regions,status\nleft@example.com,Left,,unsubscribed\n"
        "ok@example.com,Ok,,\nleft@example.com,Left again,,\n",
        "utf-8",
    )
    result = run(cli_env, "subscribers", "import", str(csv))
    assert_clean(result)
    assert f"{csv}:4:" in result.stderr and "unsubscribed" in result.stderr
    listed = run(cli_env, "subscribers", "list", "--json")
    status = {r["email"]: r["status"] for r in map(json.loads, listed.stdout.splitlines())}
    assert status == {"left@example.com": "unsubscribed", "ok@example.com": "active"}


# ---- sending -------------------------------------------------------------------------------


def test_a_relay_that_is_not_there_loses_nothing(cli_env: dict[str, str], tmp_path: Path) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com", "lee@example.com")
    result = run(smtp_env(cli_env, free_port()), "send", "--date", DAY)
    assert_error(result, 4, "NEWSLETTER_SMTP__PORT")
    with SmtpServer() as server:
        again = run(smtp_env(cli_env, server.port), "send", "--date", DAY)
        assert again.returncode == 0, again.stdout + again.stderr
        assert sorted(r for m in server.messages for r in m.rcpt_tos) == [
            "kim@example.com",
            "lee@example.com",
        ]


def test_a_refused_login_is_named_and_the_password_never_shows(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com")
    with SmtpServer(auth=("relay-user", "the-right-one")) as server:
        env = smtp_env(cli_env, server.port, smtp__username="relay-user", smtp__password=PASSWORD)
        result = run(env, "send", "--date", DAY)
    line = assert_error(result, 4, "NEWSLETTER_SMTP__PASSWORD")
    assert "relay-user" in line
    assert PASSWORD not in result.stdout + result.stderr
    assert ledger(cli_env)["pending"] == 1


@pytest.mark.parametrize(
    ("args", "mention"),
    [(("--to", "not-an-address"), "--to"), (("--date", "2025-13-45"), "--date")],
    ids=["bad-to", "bad-date"],
)
def test_a_bad_send_argument_is_named(
    cli_env: dict[str, str], args: tuple[str, ...], mention: str
) -> None:
    assert_error(run(cli_env, "send", *args), 2, mention)


def test_info_logs_hold_no_password_and_no_full_address(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    readers = ("kim@example.com", "gone@example.com", "lee@example.org")
    add_readers(cli_env, tmp_path, *readers)
    plan = FaultPlan().on_recipient("gone@example.com", Fault.reject(550))
    with SmtpServer(auth=("relay-user", PASSWORD), faults=plan) as server:
        env = smtp_env(cli_env, server.port, smtp__username="relay-user", smtp__password=PASSWORD)
        for fmt in ("text", "json"):
            env["NEWSLETTER_LOG_FORMAT"] = fmt
            day = "2025-02-11" if fmt == "text" else "2025-02-12"
            result = run(env, "send", "--date", day)
            assert_clean(result)
            assert result.returncode == 1, result.stdout + result.stderr
            logs = result.stdout + result.stderr
            assert PASSWORD not in logs
            for address in readers:
                assert address not in logs, (address, logs)


def test_a_relay_reply_quoting_the_address_is_masked(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com", "gone@example.com")
    reply = "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown"
    plan = FaultPlan().on_recipient("gone@example.com", Fault("RCPT", reply=reply, times=None))
    with SmtpServer(faults=plan) as server:
        result = run(smtp_env(cli_env, server.port), "send", "--date", DAY)
    assert result.returncode == 1
    assert "gone@example.com" not in result.stdout + result.stderr
    shown = run(cli_env, "status", "--date", DAY)  # masked by default, says its --help
    assert "gone@example.com" not in shown.stdout


def test_a_relay_that_refuses_the_sender_is_unusable(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com", "lee@example.com")
    refusal = Fault(
        "MAIL", reply="554 5.7.1 <news@example.com>: Sender address rejected", times=None
    )
    with SmtpServer(faults=FaultPlan().on_every_message(refusal)) as server:
        result = run(smtp_env(cli_env, server.port), "send", "--date", DAY)
    assert_error(result, 4, "NEWSLETTER_FROM")


def test_a_relay_that_refuses_the_verp_sender_names_the_bounce_address(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    # With NEWSLETTER_BOUNCE_ADDRESS the envelope sender is bounces+<token>@bounces.example.com:
    # NEWSLETTER_FROM is not what the relay refused, so naming it would send the operator astray.
    add_readers(cli_env, tmp_path, "kim@example.com", "lee@example.com")
    refusal = Fault("MAIL", reply="554 5.7.1 Sender address rejected", times=None)
    env = {**cli_env, "NEWSLETTER_BOUNCE_ADDRESS": "bounces@bounces.example.com"}
    with SmtpServer(faults=FaultPlan().on_every_message(refusal)) as server:
        result = run(smtp_env(env, server.port), "send", "--date", DAY)
    assert_error(result, 4, "NEWSLETTER_BOUNCE_ADDRESS")
    assert "NEWSLETTER_FROM" not in result.stderr


def test_the_run_summary_counts_readers_not_attempts(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com", "busy@example.com")
    plan = FaultPlan().on_recipient("busy@example.com", Fault.tempfail(times=None))
    with SmtpServer(faults=plan) as server:
        env = smtp_env(cli_env, server.port, smtp__max_attempts="3")
        result = run(env, "send", "--date", DAY)
    assert result.returncode == 1
    assert f"issue {DAY}: sent 1, failed 0, deferred 1," in result.stdout, result.stdout


def test_a_dry_run_test_send_sends_nothing(cli_env: dict[str, str]) -> None:
    with SmtpServer() as server:
        result = run(smtp_env(cli_env, server.port), "send", "--to", "me@example.com", "--dry-run")
        time.sleep(0.2)
        assert server.messages == []
    assert_clean(result)


def test_sending_to_nobody_is_flagged_and_seals_nothing(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    first = run(cli_env, "send", "--date", DAY)
    assert_clean(first)
    assert first.returncode == 2 and "subscriber" in first.stderr, first.stdout + first.stderr
    add_readers(cli_env, tmp_path, "kim@example.com")
    second = run(cli_env, "send", "--date", DAY)
    assert second.returncode == 0
    assert ledger(cli_env)["sent"] == 1


def _start_send(env: dict[str, str]) -> subprocess.Popen[str]:
    """`newsletter send` for DAY as its own process, its output read as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsletter.cli", "send", "--date", DAY],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_ctrl_c_during_a_send_stops_cleanly_and_the_next_run_finishes(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    readers = [f"r{i}@example.com" for i in range(12)]
    add_readers(cli_env, tmp_path, *readers)
    received: list[str] = []
    with SmtpServer(delay=0.15) as slow:
        env = smtp_env(cli_env, slow.port, smtp__concurrency="1")
        process = _start_send(env)
        try:
            slow.wait_for(1)
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=20)
        finally:
            process.kill()
        received += [r for m in slow.messages for r in m.rcpt_tos]
    assert "Traceback" not in out + err
    assert process.returncode == 1, out + err
    assert "resumes" in out + err
    # The log line of the run says it stopped, not "done" (the summary line already did).
    assert f"issue {DAY} stopped before the end" in out + err, out + err
    assert f"issue {DAY} done" not in out + err, out + err
    assert 0 < len(received) < len(readers)
    with SmtpServer() as fast:
        again = run(smtp_env(cli_env, fast.port), "send", "--date", DAY)
        received += [r for m in fast.messages for r in m.rcpt_tos]
    assert again.returncode == 0, again.stdout + again.stderr
    assert sorted(received) == sorted(readers)  # everyone once, nobody twice


def test_a_second_ctrl_c_says_how_long_the_wait_may_be_and_how_to_stop_now(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """Against a slow relay the exit took 19.4 s while each Ctrl-C only repeated "finishing
    in-flight messages". The lines now give the bound (from NEWSLETTER_SMTP__TIMEOUT) and
    say what a kill does to the messages in flight; more Ctrl-C still waits, as before."""
    readers = [f"r{i}@example.com" for i in range(6)]
    add_readers(cli_env, tmp_path, *readers)
    with SmtpServer(delay=0.4) as slow:
        env = smtp_env(cli_env, slow.port, smtp__concurrency="1")  # timeout 5 s
        process = _start_send(env)
        try:
            slow.wait_for(1)
            process.send_signal(signal.SIGINT)
            time.sleep(0.1)
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=20)
        finally:
            process.kill()
    assert "Traceback" not in out + err
    assert process.returncode == 1, out + err
    first, second = [line for line in err.splitlines() if line.startswith("received SIGINT")]
    # Each connection waits for the reply to its message in flight and to one more whose
    # commands were already written (pipelining), up to 5 s each, then 2 s for QUIT.
    assert "at most about 12 s in all" in first and "NEWSLETTER_SMTP__TIMEOUT" in first, first
    assert "again" in second and "s so far, at most about 12 s in all" in second, second
    assert f"kill -9 {process.pid}" in second, second
    assert "again once" in second and "NEWSLETTER_RESEND_UNKNOWN" in second, second
    assert ledger(cli_env)["unknown"] == 0  # the wait ran to its end: nothing of unknown fate


def test_ctrl_c_while_the_relay_hangs_is_obeyed(
    cli_env: dict[str, str], tmp_path: Path, silent_relay: int
) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com")
    env = smtp_env(cli_env, silent_relay, smtp__timeout="30")
    process = _start_send(env)
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the greeting wait starts once the readers are queued
            if "readers queued" in line:
                break
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        # Not a benchmark: a liveness bound, twelve times shorter than the relay timeout.
        try:
            _, err = process.communicate(timeout=2.5)
        except subprocess.TimeoutExpired:
            pytest.fail("still waiting for the silent relay after Ctrl-C")
    finally:
        process.kill()
        process.communicate()
    assert "Traceback" not in err
    assert process.returncode in (1, 130)
    assert ledger(cli_env)["pending"] == 1


# ---- other commands ------------------------------------------------------------------------


def test_status_of_a_day_never_sent_says_so(cli_env: dict[str, str], tmp_path: Path) -> None:
    add_readers(cli_env, tmp_path, "kim@example.com")  # a database, without that day's issue
    result = run(cli_env, "status", "--date", "1999-01-01")
    assert_clean(result)
    assert result.returncode == 1  # for monitoring: the issue is owed to every reader
    assert "not started" in result.stdout


def test_a_worker_with_nothing_to_join_says_so(cli_env: dict[str, str]) -> None:
    assert_error(run(cli_env, "worker", "--date", DAY), 2, DAY, "newsletter send")


def test_health_without_a_scheduler_says_so(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "health")
    assert_clean(result)
    assert result.returncode == 1
    assert "newsletter schedule" in result.stdout


def test_serve_on_a_port_in_use_is_one_line(cli_env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run(cli_env, "serve", "--port", str(port), timeout=15)
    assert_error(result, 2, str(port))


def test_serve_on_an_impossible_port_is_refused(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "serve", "--port", "99999", timeout=15)
    assert_clean(result)
    assert result.returncode == 2
    assert "--port" in result.stderr


def test_preview_into_an_impossible_folder_names_it(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("x")
    out = tmp_path / "a-file" / "preview"
    assert_error(run(cli_env, "preview", "--date", DAY, "--out", str(out)), 2, str(out))


def test_passwd_for_an_operator_who_does_not_exist_says_so_before_asking(
    cli_env: dict[str, str],
) -> None:
    # It used to read (or prompt for) a password first: a typo in the name cost a password
    # typed twice, and empty input reported the password, not the name.
    assert run(cli_env, "subscribers", "add", "kim@example.com").returncode == 0  # a database
    assert_error(run(cli_env, "operators", "passwd", "nobody"), 2, "no operator nobody")
    missing = Path(cli_env["NEWSLETTER_DATA_DIR"]) / "no-such-file"
    result = run(cli_env, "operators", "passwd", "nobody", "--password-file", str(missing))
    assert_error(result, 2, "no operator nobody")


def test_export_then_import_keeps_who_left_out(cli_env: dict[str, str], tmp_path: Path) -> None:
    # `export` then `import` into a new data directory brought all 8 readers back active, the
    # one who complained and the one who unsubscribed included; each ignored column was a
    # "skipped FILE:1" and counted among "9 rows with problems", exit 2.
    readers = tmp_path / "readers.csv"
    readers.write_text(
        "email,name,status\nann@example.com,Ann,active\nleft@example.com,Left,unsubscribed\n"
        "spam@example.com,Spam,complained\ngone@example.com,,bounced\n",
        "utf-8",
    )
    assert run(cli_env, "subscribers", "import", str(readers)).returncode == 0
    exported = tmp_path / "all.csv"
    assert run(cli_env, "subscribers", "export", "--out", str(exported)).returncode == 0

    elsewhere = {**cli_env, "NEWSLETTER_DATA_DIR": str(tmp_path / "elsewhere")}
    result = run(elsewhere, "subscribers", "import", str(exported))
    assert_clean(result)
    assert result.returncode == 0
    assert "1 added" in result.stdout and "3 stored as left" in result.stdout
    assert "0 rows with problems" in result.stdout
    assert f"{exported}:1" not in result.stderr
    notes = [line for line in result.stderr.splitlines() if "columns ignored" in line]
    assert len(notes) == 1
    ignored = notes[0].split("columns ignored: ")[1].split(" (")[0].split(", ")
    assert "consent_method" in ignored and "status" not in ignored
    listed = run(elsewhere, "subscribers", "list", "--json")
    statuses = {r["email"]: r["status"] for r in map(json.loads, listed.stdout.splitlines())}
    assert statuses == {
        "ann@example.com": "active",
        "left@example.com": "unsubscribed",
        "spam@example.com": "complained",
        "gone@example.com": "bounced",
    }
    # Without a status column, an import leaves a reader who left where they are.
    plain = tmp_path / "plain.csv"
    plain.write_text("email,name\nleft@example.com,Left\nspam@example.com,Spam\n", "utf-8")
    result = run(elsewhere, "subscribers", "import", str(plain))
    assert result.returncode == 0 and "2 not re-activated" in result.stdout
    listed = run(elsewhere, "subscribers", "list", "--json", "--status", "active")
    assert [json.loads(line)["email"] for line in listed.stdout.splitlines()] == ["ann@example.com"]
