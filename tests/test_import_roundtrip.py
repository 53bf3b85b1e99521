"""`subscribers export` then `subscribers import` gives back the same readers: the formula
guard's apostrophe (a name starting with = + - @ is written '=... so a spreadsheet keeps it
text) is undone on import, and a name that really starts with an apostrophe survives too."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsletter.csv_cells import guard_cell, unguard_cell
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
