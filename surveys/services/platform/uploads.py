"""Reading uploaded spreadsheets: a CSV or XLSX file in, its rows as dicts by field name and a report by line out.

Every upload reads files here (people to invite, decisions, past comments, and later baseline figures), so they
agree on what a file may be and say the same thing when it cannot be used.

Encoding
    A CSV is UTF-8, with or without a byte order mark; failing that, Windows-1252, which is what Excel's plain
    ‘CSV (comma delimited)’ writes on a Windows PC in England. UTF-16 with its byte order mark (Excel's ‘Unicode
    Text’) and bytes Windows-1252 leaves undefined are refused with a message saying how to save the file.
    NUL characters are dropped from every cell (PostgreSQL refuses them).
    Comma, semicolon or tab: whichever splits the header row into the most columns.

Header and lines
    The header is the first row with anything in it. Columns are found by label without case, spaces or
    punctuation mattering ("E-mail address" is "email address"), each under any of its labels; a column found
    twice is refused. Lines are numbered as a spreadsheet numbers its rows: a CSV cell with line breaks inside
    is one row, and an XLSX row keeps the sheet's number. Blank rows are skipped and not counted.

Formula-looking cells
    A cell is only ever text or a value: ``=SUM(A1)``, ``+44 7700``, ``-5``, ``@home`` are kept as the text typed.
    XLSX files are opened for values (``data_only``), so a formula gives the value Excel last worked out, never
    its formula, and nothing is ever evaluated here. Outer spaces (a tab or a CR too) are trimmed from every cell.
    Whoever writes such text back into a spreadsheet must escape it there.

Limits
    ``Limits`` caps the bytes and the rows (below the header). Over either, the whole file is refused with a
    message saying to split it: nothing is half-read. Files are read a block at a time and reading stops at the
    byte cap, so an oversized file costs at most the cap in memory (a file on disk is refused by its size).
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from surveys.services.platform.errors import Invalid

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
OTHER_SPREADSHEETS = frozenset({".xls", ".ods", ".numbers"})
ZIP_SIGNATURE = b"PK\x03\x04"
DELIMITERS = (",", ";", "\t")
FALLBACK_ENCODING = "cp1252"
CSV_FIELD_LIMIT = 16 * 1024 * 1024  # a huge cell is the importer's to judge (too long), not an unreadable file
SAVE_AS_CSV_UTF8 = "In Excel, choose File, Save a copy, then ‘CSV UTF-8 (comma delimited)’"
THE_FILE = "The selected file"
READ_BLOCK = 1024 * 1024

Source = bytes | Path | BinaryIO


class UploadRejected(Invalid):
    """The whole file cannot be used; the message says what to do. Nothing in it was imported."""


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported: its line in the spreadsheet (the header is usually line 1) and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its field ``name``, other header ``labels`` it goes by, and whether it must be there.

    ``purpose`` says what it is for in messages ("the text"), when the label alone would not.
    """

    name: str
    labels: tuple[str, ...] = ()
    required: bool = False
    purpose: str = ""

    def matches(self, label: str) -> bool:
        """Whether a header label is this column (without case, spaces or punctuation mattering)."""
        return bool(words(label)) and words(label) in {words(self.name), *(words(other) for other in self.labels)}

    @property
    def shown(self) -> str:
        """The label people are told about: the first label, or else the field name."""
        return self.labels[0] if self.labels else self.name


@dataclass(frozen=True)
class Limits:
    """The most bytes a file and the most rows below its header may have (None: no cap)."""

    max_bytes: int | None = None
    max_rows: int | None = None


@dataclass(frozen=True)
class Row:
    """One row with something in it: its line and its cells by field name (text tidied; XLSX values as typed)."""

    line: int
    values: dict[str, Any]

    def text(self, name: str) -> str:
        """The cell as tidy text ("" when empty or when the file has no such column)."""
        return as_text(self.values.get(name))


@dataclass
class Table:
    """What a file holds: its header, the rows to check, rows refused here, and header labels nobody asked for."""

    header: list[str]
    rows: list[Row]
    problems: list[RowProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    found: frozenset[str] = frozenset()

    def has(self, name: str) -> bool:
        """Whether the file has the column with this field name."""
        return name in self.found


# -- text ---------------------------------------------------------------------------------------------------


def words(value: str) -> str:
    """Lower-case words only, for comparing labels and choices: "Final EHC-plan_issued " is "final ehc plan issued"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())


def lookup(choices: dict[str, str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Each choice's key by its key and its label in ``words`` form, with ``aliases`` (already in that form)."""
    table = {words(key): key for key in choices} | {words(label): key for key, label in choices.items()}
    return table | (aliases or {})


def as_text(value: Any) -> str:
    """A cell as tidy text: no NUL characters (PostgreSQL refuses them), no outer spaces, \\n line breaks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    else:
        text = str(value)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _tidy(value: Any) -> Any:
    return as_text(value) if isinstance(value, str) else value


# -- reading ------------------------------------------------------------------------------------------------


def read_table(source: Source, filename: str, columns: Sequence[Column], *, limits: Limits = Limits(),
               sheet: str | None = None, subject: str = THE_FILE) -> Table:
    """The rows of a CSV or XLSX file by field name; ``UploadRejected`` when the file as a whole cannot be used.

    ``filename`` says which kind of file it is (an XLSX is also known by its content). ``subject`` names the
    file in messages: "The selected file" for an upload, the file's name for a command.
    """
    records = _records(source, filename, limits, sheet, subject)
    header_line, header = _header(records, subject)
    positions, ignored = _positions(header, columns)
    table = Table(header=header, rows=[], ignored=ignored, found=frozenset(positions))
    for line, cells in records:
        if line > header_line and any(as_text(cell) for cell in cells):
            _add_row(table, line, [_tidy(cell) for cell in cells], positions)
    _check_row_count(table, limits, subject)
    return table


def read_header(source: Source, filename: str, *, sheet: str | None = None, subject: str = THE_FILE,
                limits: Limits = Limits()) -> list[str]:
    """The labels in a file's header row (to show people what columns there are)."""
    return _header(_records(source, filename, limits, sheet, subject), subject)[1]


def _records(source: Source, filename: str, limits: Limits, sheet: str | None, subject: str) -> list:
    """Every row of the file as (line, cells), blank ones included."""
    suffix = Path(filename).suffix.lower()
    if suffix in OTHER_SPREADSHEETS:
        raise UploadRejected(f"{subject} is not a CSV or XLSX file. Save it as ‘Excel Workbook (.xlsx)’")
    raw = _read_bytes(source, limits, subject)
    if suffix in XLSX_SUFFIXES or raw.startswith(ZIP_SIGNATURE):
        return _xlsx_records(raw, sheet, subject)
    if sheet is not None:
        raise UploadRejected(f"{subject} is a CSV file: only an XLSX workbook has sheets")
    return _csv_records(decode(raw, subject), subject)


def _read_bytes(source: Source, limits: Limits, subject: str) -> bytes:
    """The file's bytes, read a block at a time and never past the cap: a file over it is refused as soon as the
    cap is passed (a file on disk by its size, before reading), so a huge file never fills the memory."""
    if isinstance(source, bytes | bytearray):
        raw = bytes(source)
        if limits.max_bytes is not None and len(raw) > limits.max_bytes:
            raise _too_big(limits.max_bytes, subject)
        return raw
    if isinstance(source, Path):
        if limits.max_bytes is not None and source.stat().st_size > limits.max_bytes:
            raise _too_big(limits.max_bytes, subject)
        with source.open("rb") as stream:
            return _read_capped(stream, limits.max_bytes, subject)
    return _read_capped(source, limits.max_bytes, subject)


def _read_capped(stream: BinaryIO, cap: int | None, subject: str) -> bytes:
    raw = bytearray()
    while block := stream.read(READ_BLOCK):
        raw += block
        if cap is not None and len(raw) > cap:
            raise _too_big(cap, subject)
    return bytes(raw)


def _too_big(cap: int, subject: str) -> UploadRejected:
    return UploadRejected(f"{subject} must be smaller than {_size(cap)}. Split it into smaller files")


def _size(limit: int) -> str:
    """A byte count as GOV.UK writes sizes: 2MB, 500KB."""
    megabyte = 1024 * 1024
    return f"{limit / megabyte:.3g}MB" if limit >= megabyte else f"{max(1, round(limit / 1024))}KB"


def decode(raw: bytes, subject: str = THE_FILE) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte order mark), else Windows-1252, else refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UploadRejected(f"{subject} is saved as UTF-16 (Excel’s ‘Unicode Text’): it must be saved as "
                             f"‘CSV UTF-8’. {SAVE_AS_CSV_UTF8}")
    for encoding in ("utf-8-sig", FALLBACK_ENCODING):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadRejected(f"{subject} must be saved as ‘CSV UTF-8’. {SAVE_AS_CSV_UTF8}")


def _csv_records(text: str, subject: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    limit = csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))  # process-wide: put back below
    try:
        return list(enumerate(reader, start=1))
    except csv.Error as error:
        raise UploadRejected(f"{subject} could not be read as a CSV near line {reader.line_num:,} ({error}). "
                             f"{SAVE_AS_CSV_UTF8}") from error
    finally:
        csv.field_size_limit(limit)


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the first row with anything in it into the most columns."""
    head = text[:65_536]
    best, most = ",", 1
    for delimiter in DELIMITERS:
        width = len(_first_row(head, delimiter))
        if width > most:
            best, most = delimiter, width
    return best


def _first_row(head: str, delimiter: str) -> list[str]:
    try:
        rows = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        return next((row for row in rows if any(cell.strip() for cell in row)), [])
    except csv.Error:
        return []


def _xlsx_records(raw: bytes, sheet: str | None, subject: str) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only: cells give the values Excel saved, never formulas (nothing here evaluates a formula)
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise UploadRejected(f"{subject} could not be opened as an XLSX workbook ({error})") from error
    try:
        worksheet = _worksheet(workbook, sheet, subject)
        worksheet.reset_dimensions()  # the stored size can be wrong or missing: read every row really there
        return list(enumerate((list(cells) for cells in worksheet.iter_rows(values_only=True)), start=1))
    finally:
        workbook.close()


def _worksheet(workbook, sheet: str | None, subject: str):
    if sheet is None:
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        sheets = ", ".join(f"‘{name}’" for name in workbook.sheetnames)
        raise UploadRejected(f"{subject} has no sheet called ‘{sheet}’. Its sheets are: {sheets}")
    return workbook[sheet]


# -- the header and the rows -----------------------------------------------------------------------------------


def _header(records: Iterable[tuple[int, list[Any]]], subject: str) -> tuple[int, list[str]]:
    """The line and labels of the header: the first row with anything in it."""
    for line, cells in records:
        if any(as_text(cell) for cell in cells):
            return line, [as_text(cell) for cell in cells]
    raise UploadRejected(f"{subject} is empty")


def describe_columns(header: list[str]) -> str:
    """The columns a file has, for messages."""
    named = [f"‘{label}’" for label in header if label]
    return "The columns are: " + ", ".join(named) if named else "The header row has no column names"


def _positions(header: list[str], columns: Sequence[Column]) -> tuple[dict[str, int], list[str]]:
    """Where each column is (by field name), and the header labels no column asked for."""
    positions = {}
    for column in columns:
        found = [index for index, label in enumerate(header) if column.matches(label)]
        if len(found) > 1:
            raise UploadRejected(f"The file has more than one ‘{column.shown}’ column{_for(column)}. "
                                 "Remove or rename one of them")
        if found:
            positions[column.name] = found[0]
        elif column.required:
            raise UploadRejected(f"There is no column called ‘{column.shown}’{_for(column)}. "
                                 f"{describe_columns(header)}")
    ignored = [label for index, label in enumerate(header) if label and index not in positions.values()]
    return positions, ignored


def _for(column: Column) -> str:
    return f" (for {column.purpose})" if column.purpose else ""


def _add_row(table: Table, line: int, cells: list[Any], positions: dict[str, int]) -> None:
    """The row by field name; a row with more filled cells than the header is refused here (a comma unquoted)."""
    extra = [cell for cell in cells[len(table.header):] if as_text(cell)]
    if extra:
        table.problems.append(RowProblem(line, f"The row has {len(extra)} more filled cell(s) than the header has "
                                               "columns: check that text with commas or semicolons is in quotes"))
        return
    values = {name: cells[index] if index < len(cells) else None for name, index in positions.items()}
    table.rows.append(Row(line, values))


def _check_row_count(table: Table, limits: Limits, subject: str) -> None:
    if limits.max_rows is not None and len(table.rows) + len(table.problems) > limits.max_rows:
        raise UploadRejected(f"{subject} must have {limits.max_rows:,} rows or fewer. Split it into smaller files")
