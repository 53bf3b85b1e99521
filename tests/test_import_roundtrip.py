"""`subscribers export` then `subscribers import` gives back the same readers: the formula
guard's apostrophe (a name starting with = + - @ is written '=... so a spreadsheet keeps it
text) is undone on import, and a name that really starts with an apostrophe survives too."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsletter.csv_cells import guard_cell, unguard_cell
from tests.test_console import Console, _post_csv, console_factory  # noqa: F401  (a fixture)
from tests.test_operator_errors import assert_clean, run

NAMES = {
    "a@example.com": "-Lee",
    "b@example.com": "=SUM(A1)",
    "c@example.com": "+82 Kim",
    "d@example.com": "@home",
    "e@example.com": "'s-Hertogenbosch Desk",  # really starts with an apostrophe
    "f@example.com": "''Twice",
    "g@example.com": "'-Both",
    "h@example.com": "Plain Park",
}


def _names(env: dict[str, str]) -> dict[str, str]:
    listed = run(env, "subscribers", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return {r["email"]: r["name"] for r in map(json.loads, listed.stdout.splitlines())}


def test_export_then_import_gives_back_the_same_names(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    for email, name in NAMES.items():
        added = run(cli_env, "subscribers", "add", email, "--name", name)
        assert added.returncode == 0, added.stderr
    assert _names(cli_env) == NAMES
    exported = tmp_path / "all.csv"
    assert run(cli_env, "subscribers", "export", "--out", str(exported)).returncode == 0
    with exported.open(encoding="utf-8", newline="") as handle:
        cells = {row["email"]: row["name"] for row in csv.DictReader(handle)}
    for email in ("a", "b", "c", "d"):  # still guarded for a spreadsheet
        assert cells[f"{email}@example.com"].startswith("'"), cells

    again = run(cli_env, "subscribers", "import", str(exported))
    assert_clean(again)
    assert again.returncode == 0, again.stderr
    assert "0 updated" in again.stdout and f"{len(NAMES)} unchanged" in again.stdout, again.stdout
    assert _names(cli_env) == NAMES

    elsewhere = {**cli_env, "NEWSLETTER_DATA_DIR": str(tmp_path / "elsewhere")}
    moved = run(elsewhere, "subscribers", "import", str(exported))
    assert moved.returncode == 0, moved.stderr
    assert _names(elsewhere) == NAMES


def test_a_hand_written_name_with_an_apostrophe_is_kept(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    readers = tmp_path / "readers.csv"
    readers.write_text("email,name\nk@example.com,'Kim\nl@example.com,O'Brien\n", "utf-8")
    result = run(cli_env, "subscribers", "import", str(readers))
    assert result.returncode == 0, result.stderr
    assert _names(cli_env) == {"k@example.com": "'Kim", "l@example.com": "O'Brien"}


@given(st.text(max_size=12))
def test_unguard_undoes_guard_for_every_name(name: str) -> None:
    assert unguard_cell(guard_cell(name)) == name
    assert not guard_cell(name).startswith(("=", "+", "-", "@", "\t", "\r"))


# ---- an address given twice: the later row wins, which is a note, not a problem -------------


def test_a_repeated_address_is_a_note_not_a_problem(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    readers = tmp_path / "readers.csv"
    readers.write_text(
        "email,name,regions\nok1@example.com,First,US\nok2@example.com,Two,\n"
        "OK1@EXAMPLE.COM,Second,Japan\n",
        "utf-8",
    )
    result = run(cli_env, "subscribers", "import", str(readers))
    assert_clean(result)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "0 rows with problems" in result.stdout, result.stdout
    assert "skipped" not in result.stderr, result.stderr
    notes = [line for line in result.stderr.splitlines() if f"{readers}:4" in line]
    assert len(notes) == 1 and notes[0].startswith("note"), result.stderr
    assert "line 2" in notes[0] and "later row wins" in notes[0], notes[0]
    assert _names(cli_env) == {"OK1@example.com": "Second", "ok2@example.com": "Two"}

    # A real problem beside it still counts, alone.
    readers.write_text(
        "email,name,regions\nok1@example.com,A,\nnot-an-address,X,\nok1@example.com,B,\n", "utf-8"
    )
    mixed = run(cli_env, "subscribers", "import", str(readers))
    assert mixed.returncode == 2
    assert "1 row with problems" in mixed.stdout, mixed.stdout
    assert any(
        line.startswith("note") and f"{readers}:4" in line for line in mixed.stderr.splitlines()
    )


def test_console_import_calls_a_repeated_address_a_note(
    console_factory: Callable[..., Console],  # noqa: F811  (the fixture imported above)
) -> None:
    # This checkout's pages, whichever checkout the installed package points its templates at.
    console = console_factory(templates_dir=Path(__file__).resolve().parents[1] / "templates")
    client = console.logged_in()
    reply = _post_csv(
        console,
        client,
        "dup.csv",
        "email,name,regions\nok1@example.com,First,\nOK1@EXAMPLE.COM,Second,\n",
    )
    assert reply.status == 200
    assert "0 rows with problems" in reply.text, reply.text
    assert "skipped dup.csv:3" not in reply.text
    assert "dup.csv:3" in reply.text and "later row wins" in reply.text
    assert 'class="notice bad"' not in reply.text
    found = console.store.find_subscriber("OK1@example.com")
    assert found is not None and found.name == "Second"
