"""What a new user's tester read and should not have: errors that name the wrong thing, the
readers' page in the console, CRLF in a terminal, doubled words, and exports that disagree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsletter.store import console as db
from tests.cli_process import run_cli
from tests.test_console import DAY, PASSWORD, Console, console_factory  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def console(console_factory: Callable[..., Console]) -> Console:  # noqa: F811
    return console_factory()


# ---- the console's 403 for a stale form is an operator page ---------------------------------


def test_a_post_with_a_stale_csrf_token_gets_a_console_page_saying_reload(
    console: Console,
) -> None:
    client = console.logged_in()
    reply = client.post(f"/admin/review/{DAY}", {"action": "drop", "number": "1", "csrf": "x"})
    assert reply.status == 403
    assert "reload the form and try again" in reply.text
    assert "메일" not in reply.text and "/admin/today" in reply.text
    assert db.overrides_for(console.store, DAY) == {}
    # A login form whose token has gone (no cookie): the form again, saying why, no session.
    bare = console.client()
    reply = bare.post("/admin/login", {"username": "kim", "password": PASSWORD, "csrf": "x"})
    assert reply.status == 403 and "nl_admin" not in bare.cookies
    assert "메일" not in reply.text and "expired" in reply.text
    assert 'name="password"' in reply.text
    # From another site: refused with a console page too.
    token = client.csrf()
    reply = client.post(
        f"/admin/review/{DAY}",
        {"action": "drop", "number": "1", "csrf": token},
        Origin="https://evil.example",
    )
    assert reply.status == 403 and "메일" not in reply.text and "another site" in reply.text


# ---- one subscriber export: the CLI's, the console's and both docs agree --------------------


def test_the_console_export_is_the_cli_export_and_the_docs_name_its_columns(
    console: Console, cli_env: dict[str, str]
) -> None:
    from newsletter.consent_export import COLUMNS

    console.store.add_subscriber("=cmd@example.com", "=HYPERLINK(1)")
    reply = console.logged_in().get("/admin/subscribers/export.csv")
    assert reply.status == 200
    env = {**cli_env, "NEWSLETTER_DATABASE_URL": console.settings.db_url}
    cli = run_cli(env, "subscribers", "export")
    assert cli.returncode == 0, cli.stderr
    assert reply.text.splitlines() == cli.stdout.splitlines()
    header = ",".join(COLUMNS)
    assert reply.text.splitlines()[0] == header
    assert header.startswith("email,name,status,regions,consent_method,")
    assert "'=HYPERLINK(1)" in reply.text
    # Both documents name the four columns `import` reads in that order, and the consent record.
    readme = (REPO / "README.md").read_text("utf-8")
    console_md = (REPO / "docs" / "console.md").read_text("utf-8")
    for text in (readme, console_md):
        assert "`email,name,status,regions`" in text
        assert "`email,name,regions,status`" not in text
        assert "consent record" in text


# ---- an empty generated key file is named, not a variable nobody set --------------------------


def test_an_empty_generated_secret_key_file_is_named_with_what_to_do(
    cli_env: dict[str, str],
) -> None:
    env = {k: v for k, v in cli_env.items() if k != "NEWSLETTER_SECRET_KEY"}
    data = Path(env["NEWSLETTER_DATA_DIR"])
    data.mkdir(parents=True)
    key_file = data / "secret_key"
    for content in ("", "\n", "too short"):
        key_file.write_text(content, "utf-8")
        result = run_cli(env, "serve", "--port", "1", timeout=60)
        assert result.returncode == 2, (result.returncode, result.stderr)
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith(f"error: {key_file} "), errors[0]
        assert "NEWSLETTER_SECRET_KEY is empty" not in errors[0]
        assert "delete the file" in errors[0] and "set NEWSLETTER_SECRET_KEY" in errors[0]


# ---- `newsletter show` prints the terminal's line endings ------------------------------------


def test_show_prints_lines_ending_in_newline_not_crlf(cli_env: dict[str, str]) -> None:
    import subprocess
    import sys

    assert run_cli(cli_env, "demo", "--date", "2025-02-11").returncode == 0
    outbox = Path(cli_env["NEWSLETTER_DATA_DIR"]) / "demo" / "outbox" / "2025-02-11"
    eml = sorted(outbox.glob("*.eml"))[0]
    on_disk = eml.read_bytes()
    assert b"\r\n" in on_disk
    for extra in ([], ["--html"]):
        # Bytes, not text=True: universal newlines would hide the \r this is about.
        shown = subprocess.run(
            [sys.executable, "-m", "newsletter.cli", "show", str(eml), *extra],
            env=cli_env,
            capture_output=True,
            timeout=60,
        )
        assert shown.returncode == 0, shown.stderr
        assert b"\r" not in shown.stdout, extra
        assert b"://" in shown.stdout
    assert eml.read_bytes() == on_disk  # the .eml on disk unchanged


# ---- doubled words ------------------------------------------------------------------------------


def test_a_json_error_says_at_once(cli_env: dict[str, str], tmp_path: Path) -> None:
    # json's "Unterminated string starting at" was followed by our own " at column 10".
    lines = tmp_path / "bad.jsonl"
    lines.write_text('{"text": "ok one", "url": "https://a.example/1"}\n{"text": "broken\n')
    result = run_cli(cli_env, "classify", str(lines), "--date", "2025-02-11")
    assert "invalid JSON: Unterminated string starting at column 10" in result.stderr, result.stderr
    document = tmp_path / "bad.json"
    document.write_text('{"text": "broken\n')
    result = run_cli(cli_env, "classify", str(document), "--date", "2025-02-11")
    assert "Invalid control character at line 1 column 17" in result.stderr, result.stderr
    env = {**cli_env, "NEWSLETTER_SMTP": '{"host": "x'}
    result = run_cli(env, "status")
    assert "(Unterminated string starting at character 10)" in result.stderr, result.stderr
    for output in (result.stderr,):
        assert " at at " not in output
