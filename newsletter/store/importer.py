"""``subscribers import FILE.csv``: millions of rows, bounded memory, never a resurrection.

Two passes. The first reads and validates the CSV into a private staging database (a stdlib
SQLite file in a temporary directory), keyed by the lower-cased address, so that duplicates
merge there (the later row wins, except that the strongest "left" status among them is kept:
a row marked as left is never imported active) whatever their distance in the file. Nothing
touches the store until the whole file has been read: a file that turns out unreadable half-way
(not UTF-8) changes nothing. A quoted cell may span lines (Excel's Alt+Enter in a notes column)
when its quote closes and the record is as wide as the header; a line break in a name becomes a
space. Any other quote left open at the end of a line is an error on that line (reported with the
line where the next quote closes it, if any), and the lines after it are read as rows of their
own, rather than swallowed into one cell as a CSV reader would.
The second pass walks the staging rows in file order and merges them into the store, one
transaction per chunk, with executemany.

An import never re-activates a reader who unsubscribed, complained or bounced: those rows count
as skipped. A ``status`` column (as ``subscribers export`` writes it) is obeyed the other way
only: a row marked unsubscribed, complained or bounced is stored so (a new address) or applied
to an active reader, so a suppression list travels with the export and is never mailed; it never
softens a stronger opt-out already stored (complained > unsubscribed > bounced). An empty status
cell reads as active. Columns absent from the header leave the stored value alone; an empty cell
in a present column clears it (no name; every region). Other columns (the export's consent
record) are named once, in ``ignored_columns``, and are not problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shlex
import sqlite3
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy import exc as sa_exc

from newsletter.csv_cells import unguard_cell
from newsletter.errors import SubscriberError
from newsletter.models import Problem, Region, SubscriberStatus
from newsletter.store.engine import utc_now
from newsletter.store.subscribers import clean_name, normalise_email, regions_text
from newsletter.store.tables import subscribers
from newsletter.text import looks_like_cp949

if TYPE_CHECKING:
    from newsletter.store.engine import Database

CHUNK = 1000
MAX_PROBLEMS = 1000  # listed one by one; beyond that only counted
COLUMNS = ("email", "name", "regions", "status")
_OPTED_OUT = (SubscriberStatus.UNSUBSCRIBED.value, SubscriberStatus.COMPLAINED.value)
# How far a reader has left: an import may move a reader up this scale, never down.
_LEFT = {
    SubscriberStatus.ACTIVE.value: 0,
    SubscriberStatus.BOUNCED.value: 1,
    SubscriberStatus.UNSUBSCRIBED.value: 2,
    SubscriberStatus.COMPLAINED.value: 3,
}
# A quoted cell may run this many lines past its first; longer is read as an unclosed quote.
MAX_CELL_LINES = 100
# A line that starts with an address and a comma is a row of its own, not the middle of a cell.
_ROW_START = re.compile(r'\s*"?[^\s",@]+@[^\s",@]+"?\s*,')
UNCLOSED_QUOTE = (
    "a quote opened on this line is never closed: unclosed quote? This row was not imported"
)


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # readers who left: an import never brings them back
    suppressed: int = 0  # rows the file marks as left, stored so: never mailed
    problems: list[Problem] = field(default_factory=list)
    # An address given again: the later row was applied. Said, by line, but not a problem.
    notes: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Past MAX_PROBLEMS a list ends with one "N more ... not listed" entry: these count them all.
    problem_count: int | None = None
    note_count: int | None = None

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.skipped + self.suppressed

    def summary(self) -> str:
        """One line for the operator, the same in the CLI and the console."""
        problems = len(self.problems) if self.problem_count is None else self.problem_count
        notes = len(self.notes) if self.note_count is None else self.note_count
        rows = "row" if problems == 1 else "rows"
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.suppressed} stored as left (their status in the file), "
            f"{self.skipped} not re-activated (they had left), "
            f"{problems} {rows} with problems"
            + (f", {notes} repeated (the later row applied)" if notes else "")
        )

    def ignored_note(self, path: str) -> str | None:
        if not self.ignored_columns:
            return None
        return (
            f"{path}: columns ignored: {', '.join(self.ignored_columns)}"
            f" (an import reads {', '.join(COLUMNS)})"
        )


class _Staged(NamedTuple):
    line: int
    key: str
    email: str
    name: str | None
    regions: str
    status: str


class _Problems:
    def __init__(self, path: Path, kind: str = "problems") -> None:
        self.path = path
        self.kind = kind
        self.listed: list[tuple[int, Problem]] = []
        self.unlisted = 0

    def add(self, line: int, reason: str) -> None:
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append((line, Problem(f"{self.path}:{line}", reason)))
        else:
            self.unlisted += 1

    @property
    def count(self) -> int:
        return len(self.listed) + self.unlisted

    def result(self) -> list[Problem]:
        problems = [p for _, p in sorted(self.listed, key=lambda item: item[0])]
        if self.unlisted:
            problems.append(Problem(str(self.path), f"{self.unlisted} more {self.kind} not listed"))
        return problems


def import_csv(store: Database, path: Path) -> ImportReport:
    problems = _Problems(path)
    notes = _Problems(path, "notes")
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SubscriberError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle, tempfile.TemporaryDirectory(prefix="newsletter-import-") as tmp:
        try:
            _refuse_non_csv(handle.read(8), path)
            handle.seek(0)
        except OSError as exc:
            raise SubscriberError(f"cannot read {path}: {exc.strerror or exc}") from None
        stage = sqlite3.connect(Path(tmp) / "stage.db")
        try:
            has_name, has_regions, ignored = _stage(handle, path, stage, problems, notes)
            report = _merge(store, stage, has_name=has_name, has_regions=has_regions)
        finally:
            stage.close()
    report.problems = problems.result()
    report.notes = notes.result()
    report.problem_count, report.note_count = problems.count, notes.count
    report.ignored_columns = ignored
    return report


# --------------------------------------------------------------------------- pass 1


def _stage(
    handle: BinaryIO, path: Path, stage: sqlite3.Connection, problems: _Problems, notes: _Problems
) -> tuple[bool, bool, list[str]]:
    stage.execute("PRAGMA journal_mode = OFF")
    stage.execute("PRAGMA synchronous = OFF")
    stage.execute(
        "CREATE TABLE rows (key TEXT PRIMARY KEY, line INTEGER NOT NULL, email TEXT NOT NULL,"
        " name TEXT, regions TEXT NOT NULL, status TEXT NOT NULL)"
    )
    lines = _OneLine(_decoded_lines(handle, path))
    reader = csv.reader(lines)
    try:
        header = lines.read(reader)
        if header is None:
            raise SubscriberError(
                f"{path}: the file is empty; expected a header line email,name,regions"
            )
        if lines.cut:
            raise SubscriberError(
                f"{path}:1: a quote opened in the header is never closed on its line;"
                " nothing was imported"
            )
        columns = [cell.strip().lower() for cell in header]
        if "email" not in columns:
            raise SubscriberError(
                f"{path}:1: the header has no 'email' column (found {','.join(header)!r};"
                " expected email,name,regions,status)"
            )
        for column in set(columns):
            if column and columns.count(column) > 1:
                raise SubscriberError(f"{path}:1: the header names the column {column!r} twice")
        ignored = [column or "(unnamed)" for column in columns if column not in COLUMNS]
        where = {column: columns.index(column) for column in COLUMNS if column in columns}
        width = len(columns)

        batch: dict[str, _Staged] = {}
        open_quotes: list[int] = []  # lines whose quote is still looking for its partner
        while (row := lines.read(reader)) is not None:
            row_line = lines.number
            if open_quotes and _closes_quote(lines.text):
                for opened in open_quotes:
                    problems.add(opened, _quote_closes_on(row_line))
                open_quotes = []
            if lines.cut:
                whole = _multi_line_record(lines, width)
                if whole is None:
                    open_quotes.append(row_line)
                    continue
                row = whole
            if not any(cell.strip() for cell in row):
                continue
            staged = _validate(row, row_line, where, width, problems)
            if staged is None:
                continue
            if staged.key in batch:
                # Flushing first lets the staging table name the earlier line, near or far.
                _flush(stage, batch, notes)
                batch = {}
            batch[staged.key] = staged
            if len(batch) >= CHUNK:
                _flush(stage, batch, notes)
                batch = {}
        _flush(stage, batch, notes)
        for opened in open_quotes:
            problems.add(opened, UNCLOSED_QUOTE)
    except csv.Error as exc:
        raise SubscriberError(
            f"{path}:{lines.number}: unreadable CSV ({exc}); nothing was imported"
        ) from None
    except OSError as exc:
        raise SubscriberError(f"cannot read {path}: {exc.strerror or exc}") from None
    stage.execute("CREATE INDEX rows_line ON rows (line)")
    stage.commit()
    return "name" in where, "regions" in where, ignored


class _OneLine:
    """Hands the CSV reader one physical line per row. When the reader asks for another line
    before the row is done (a quote still open at the end of the line), it is told the file
    ended: it returns what it has, ``cut`` is set, and the next row starts on the next line.
    ``pull`` and ``push_back`` let the caller look further ahead and give back what it refused."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._pending: deque[str] = deque()
        self._fresh = False
        self.cut = False
        self.text = ""
        self.number = 0  # physical lines handed out so far

    def pull(self) -> str | None:
        """The next physical line, past the reader; None at the end of the file."""
        if self._pending:
            text = self._pending.popleft()
        else:
            text = next(self._lines, None)
            if text is None:
                return None
        self.number += 1
        return text

    def push_back(self, texts: list[str]) -> None:
        self._pending.extendleft(reversed(texts))
        self.number -= len(texts)

    def __iter__(self) -> _OneLine:
        return self

    def __next__(self) -> str:
        if not self._fresh:
            self.cut = True
            raise StopIteration
        self._fresh = False
        text = self.pull()
        if text is None:
            raise StopIteration
        self.text = text
        return text

    def read(self, reader: Iterator[list[str]]) -> list[str] | None:
        """The next row, or None at the end of the file."""
        self._fresh, self.cut = True, False
        return next(reader, None)


def _multi_line_record(lines: _OneLine, width: int) -> list[str] | None:
    """The record whose quoted cell opened on ``lines.text``, read across the lines that follow,
    or None (those lines given back) when it is not a cell that spans lines but an unclosed
    quote: a following line starts like a row, the quote never closes within MAX_CELL_LINES, or
    the closed record is not as wide as the header."""
    taken: list[str] = []
    while len(taken) < MAX_CELL_LINES:
        text = lines.pull()
        if text is None:
            break
        taken.append(text)
        if _ROW_START.match(text):
            break
        feed = _Feed([lines.text, *taken])
        row = next(csv.reader(feed), None)
        if feed.short:
            continue  # the quote is still open (or another one opened): read on
        if row is not None and len(row) == width:
            return row
        break
    lines.push_back(taken)
    return None


class _Feed:
    """A fixed list of lines for a CSV reader; ``short`` says the reader asked for more."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = iter(texts)
        self.short = False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        text = next(self._texts, None)
        if text is None:
            self.short = True
            raise StopIteration
        return text


def _closes_quote(text: str) -> bool:
    """Whether a line would close a quoted field left open above it: a quote not doubled."""
    return '"' in text.replace('""', "")


def _quote_closes_on(line: int) -> str:
    return (
        f"a quote opened on this line closes only on line {line}: unclosed quote?"
        " This row was not imported; the lines after it were read as rows"
    )


# Local file headers of a zip (.xlsx, .ods) and of an OLE2 compound file (.xls).
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_SAVE_AS_CSV = "in Excel use File > Save As > CSV UTF-8 (Comma delimited)"


def _refuse_non_csv(head: bytes, path: Path) -> None:
    """Files an operator plausibly exports from a spreadsheet instead of a CSV."""
    if head.startswith(_WORKBOOK_MAGIC):
        raise SubscriberError(
            f"{path} is an Excel workbook (.xlsx/.xls), not CSV; nothing was imported",
            hint=_SAVE_AS_CSV,
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SubscriberError(
            f"{path} is UTF-16 text (Excel's 'Unicode Text'), not a UTF-8 CSV;"
            " nothing was imported",
            hint=_SAVE_AS_CSV,
        )


def _decoded_lines(handle: BinaryIO, path: Path) -> Iterator[str]:
    """Decode line by line, so that bad bytes are reported with their line number."""
    for number, raw in enumerate(handle, start=1):
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SubscriberError(
                f"{path}:{number}: not UTF-8 text ({exc.reason}); nothing was imported",
                hint=_legacy_encoding_hint(raw, path),
            ) from None
        yield decoded.removeprefix("\ufeff") if number == 1 else decoded


def _legacy_encoding_hint(raw: bytes, path: Path) -> str | None:
    """Korean Excel saves "CSV (Comma delimited)" in CP949; say so when the bytes read as
    Hangul that way, with the two ways out."""
    if not looks_like_cp949(raw):
        return None
    quoted = shlex.quote(str(path))
    target = shlex.quote(str(path.with_suffix(".utf8.csv")))
    return (
        f"it looks like CP949 (EUC-KR), as Korean Excel saves CSV: {_SAVE_AS_CSV},"
        f" or convert it: iconv -f cp949 -t utf-8 {quoted} > {target}"
    )


def _duplicate(email: str, earlier_line: int, kept_status: str | None = None) -> str:
    said = f"{email} also appears on line {earlier_line}; this later row wins"
    if kept_status is None:
        return said
    return (
        f"{said}, but the status stays {kept_status} as an earlier row says"
        " (a row marked as left is never imported active)"
    )


def _validate(
    row: list[str], line: int, where: dict[str, int], width: int, problems: _Problems
) -> _Staged | None:
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        problems.add(line, f"{len(row)} fields but the header has {width}")
        return None

    def cell(column: str) -> str:
        index = where.get(column)
        return row[index] if index is not None and index < len(row) else ""

    raw = cell("email").strip()
    try:
        email, key = normalise_email(raw)
        name = clean_name(unguard_cell(cell("name")), email=email)
    except SubscriberError as exc:
        problems.add(line, exc.message)
        return None
    try:
        regions = regions_text(Region.parse_list(cell("regions")))
    except ValueError as exc:
        problems.add(line, f"{email}: {exc}")
        return None
    status = cell("status").strip().lower() or SubscriberStatus.ACTIVE.value
    if status not in _LEFT:
        problems.add(
            line,
            f"{email}: status {cell('status').strip()!r} unknown"
            " (expected active, unsubscribed, complained or bounced)",
        )
        return None
    return _Staged(line, key, email, name, regions, status)


def _flush(stage: sqlite3.Connection, batch: dict[str, _Staged], notes: _Problems) -> None:
    """Stage `batch`; an address already staged is merged (the later row wins) with a note."""
    if not batch:
        return
    keys = list(batch)
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        marks = ",".join("?" * len(part))
        query = f"SELECT key, line, status FROM rows WHERE key IN ({marks})"
        for key, line, status in stage.execute(query, part):
            later = batch[key]
            if _LEFT[status] > _LEFT[later.status]:
                # The strongest "left" among the rows wins, so a later active row is no undo.
                batch[key] = later._replace(status=status)
                notes.add(later.line, _duplicate(later.email, line, status))
            else:
                notes.add(later.line, _duplicate(later.email, line))
    stage.executemany(
        "INSERT INTO rows (key, line, email, name, regions, status) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET line = excluded.line, email = excluded.email,"
        " name = excluded.name, regions = excluded.regions, status = excluded.status",
        [(s.key, s.line, s.email, s.name, s.regions, s.status) for s in batch.values()],
    )


# --------------------------------------------------------------------------- pass 2


def _staged_chunks(stage: sqlite3.Connection) -> Iterator[list[_Staged]]:
    last = 0
    while True:
        rows = stage.execute(
            "SELECT line, key, email, name, regions, status FROM rows WHERE line > ?"
            " ORDER BY line LIMIT ?",
            (last, CHUNK),
        ).fetchall()
        if not rows:
            return
        yield [_Staged(*row) for row in rows]
        last = rows[-1][0]


def _merge(
    store: Database, stage: sqlite3.Connection, *, has_name: bool, has_regions: bool
) -> ImportReport:
    report = ImportReport()
    for number, chunk in enumerate(_staged_chunks(stage), start=1):
        if number & (number - 1) == 0 and number >= 4:
            # The table may have grown many times over since the planner last looked.
            store.analyze(subscribers.name)
        for attempt in range(3):
            try:
                counts = _merge_chunk(store, chunk, has_name=has_name, has_regions=has_regions)
                break
            except sa_exc.IntegrityError:
                # An address was added by someone else meanwhile; the retry sees it.
                if attempt == 2:
                    raise
        report.added += counts[0]
        report.updated += counts[1]
        report.unchanged += counts[2]
        report.skipped += counts[3]
        report.suppressed += counts[4]
    if report.added >= 10_000:
        store.analyze(subscribers.name)
    return report


def _merge_chunk(
    store: Database, chunk: list[_Staged], *, has_name: bool, has_regions: bool
) -> tuple[int, int, int, int, int]:
    from newsletter.tokens import new_salt

    s = subscribers
    now = utc_now()
    inserts: list[dict] = []
    updates: list[dict] = []
    leaving: dict[str, list[dict]] = {}  # status -> active readers the file says left
    added = unchanged = skipped = suppressed = 0
    with store._write() as connection:
        existing = {
            row.email_key: row
            for row in connection.execute(
                select(s.c.id, s.c.email_key, s.c.name, s.c.status, s.c.regions).where(
                    s.c.email_key.in_([staged.key for staged in chunk])
                )
            )
        }
        for staged in chunk:
            row = existing.get(staged.key)
            if row is None:
                inserts.append(_new_row(staged, now, new_salt()))
                if staged.status == SubscriberStatus.ACTIVE.value:
                    added += 1
                else:
                    suppressed += 1
            elif _LEFT[staged.status] > _LEFT.get(row.status, 0):
                leaving.setdefault(staged.status, []).append({"b_id": row.id})
                suppressed += 1
            elif row.status != SubscriberStatus.ACTIVE.value:
                # Left already: the file's active (or weaker) status does not bring them back.
                if staged.status == SubscriberStatus.ACTIVE.value:
                    skipped += 1
                else:
                    unchanged += 1
            else:
                name = staged.name if has_name else row.name
                regions = staged.regions if has_regions else row.regions
                if (name, regions) == (row.name, row.regions):
                    unchanged += 1
                else:
                    updates.append({"b_id": row.id, "b_name": name, "b_regions": regions})
        if inserts:
            connection.execute(insert(s), inserts)
        if updates:
            connection.execute(
                update(s)
                .where(s.c.id == bindparam("b_id"))
                .values(
                    name=bindparam("b_name", type_=s.c.name.type),
                    regions=bindparam("b_regions", type_=s.c.regions.type),
                    updated_at=now,
                ),
                updates,
            )
        for status, ids in leaving.items():
            connection.execute(
                update(s).where(s.c.id == bindparam("b_id")).values(_left_values(status, now)),
                ids,
            )
    return added, len(updates), unchanged, skipped, suppressed


def _new_row(staged: _Staged, now: dt.datetime, salt: str) -> dict:
    return {
        "email": staged.email,
        "email_key": staged.key,
        "name": staged.name,
        "regions": staged.regions,
        "token_salt": salt,
        "bounce_count": 0,
        "created_at": now,
        "consent_method": "import",  # the operator vouches for the list
        "consent_at": now,
        "status": staged.status,
        "updated_at": now,
        "unsubscribed_at": now if staged.status in _OPTED_OUT else None,
        "complained_at": now if staged.status == SubscriberStatus.COMPLAINED.value else None,
    }


def _left_values(status: str, now: dt.datetime) -> dict:
    """The columns a status sets, as an unsubscribe or a complaint sets them when it happens
    here (the import's time stands in for when the reader left)."""
    s = subscribers
    values: dict = {"status": status, "updated_at": now}
    if status in _OPTED_OUT:
        values["unsubscribed_at"] = func.coalesce(s.c.unsubscribed_at, now)
    if status == SubscriberStatus.COMPLAINED.value:
        values["complained_at"] = now
    return values
