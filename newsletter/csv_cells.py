"""The spreadsheet formula guard on exported names, and its undoing on import.

A cell starting with = + - @ (or a tab or CR) runs as a formula when the CSV is opened in a
spreadsheet (CSV injection: =HYPERLINK(...) typed into a sign-up form), so an export writes it
with a leading apostrophe, which keeps it text. An export must also import back unchanged, so
the guard has to be undone, and undoing it must not eat an apostrophe a name really starts
with: a name starting with an apostrophe is guarded too ("'s-Hertogenbosch" is written
"''s-Hertogenbosch"). Import then takes one apostrophe off exactly what export guarded: an
apostrophe followed by one of the trigger characters or by another apostrophe. A hand-written
"'Kim" is left alone.
"""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED_START = (*_FORMULA_START, "'")


def guard_cell(value: str) -> str:
    """`value` as an exported cell: kept as text by a spreadsheet, undone by `unguard_cell`."""
    return "'" + value if value.startswith(_GUARDED_START) else value


def unguard_cell(cell: str) -> str:
    """An imported cell with `guard_cell`'s apostrophe taken off."""
    if cell.startswith("'") and cell[1:].startswith(_GUARDED_START):
        return cell[1:]
    return cell
