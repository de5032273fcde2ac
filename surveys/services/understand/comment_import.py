"""Importing past free text (for example an annual family survey export) as analysed comments.

Used by ``flask import-comments FILE --text-column NAME``. The file is a CSV (UTF-8, with or without a byte
order mark; comma, semicolon or tab, found from the header row; any line endings) or an XLSX workbook (its
first sheet, or the one named). One column holds the free text; optional columns give each comment its
segments (locality, journey stage, need type, audience, partner by name, date received) and its consent to
be quoted (yes, y, true or 1 means consent; anything else, or no column, means no consent).

Row numbers
    Problems are reported by the row number a spreadsheet shows: the header is line 1 of a CSV (the first
    row with anything in it), the row below it line 2, and so on; a quoted CSV cell with line breaks inside
    is still one row. For XLSX it is the sheet's own row number.

Good rows and bad rows
    By default the good rows are imported and every bad row is reported with its line number and reason
    (as the invitations upload does); a bad row is never partly imported. With ``strict`` any bad row
    stops the import before anything is written. A row whose text is blank is not a problem: it is
    skipped and counted.

Nothing half-imported
    Every row is read, checked and analysed first, in memory. Then all the comments (bulk inserts of
    ``BATCH`` rows) and one audit event are written in ONE transaction, committed once at the end. Any
    exception, Ctrl-C included, rolls the whole transaction back; a killed process never commits.

Analysis
    Every comment gets exactly the fields ``surveys.services.understand.comments.analyse_comment`` fills (redaction,
    safeguarding triage, sentiment and emotion), so imported comments are like any other; triage runs a
    chunk of texts at a time, which is much faster with its learned model and gives the same results.
    Identical texts are analysed once; from ``PARALLEL_FROM`` distinct texts the work is shared by
    worker processes. We do not call ``analysis.run_pipeline``: it always discovers themes as well, which
    is half its time on 20,000 comments, and theming belongs to ``flask themes run`` afterwards (which
    keeps reviewed themes and people's decisions). No themes are assigned here.

The same file twice
    Each import is recorded in the audit log (action ``import_comments``) with the file's SHA-256. Importing
    the same bytes again is refused unless ``allow_duplicate`` is given, because every comment would be
    counted twice and there is no undo.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from functools import partial
from importlib import import_module
from pathlib import Path
from time import perf_counter
from typing import Any, Protocol

from sqlalchemy import insert, select

from analysis.redaction import redact
from analysis.sentiment import score_sentiment
from surveys.models import AUDIENCES, JOURNEY_STAGES, AuditEvent, Comment, Partner, db, utcnow
from surveys.services.capture.invitations import RowProblem, parse_journey_stage
from surveys.services.platform.calendar import LONDON
from surveys.services.understand.comments import known_identifiers

_triage = import_module("analysis.triage")  # the module (``analysis.triage`` as an attribute is the function)


def triage_many(texts: list[str]) -> list:
    """Triage many texts at once (one call to its model), or one at a time where that is not available."""
    batch = getattr(_triage, "triage_many", None)
    return batch(texts) if batch is not None else [_triage.triage(text) for text in texts]


SEGMENTS = ("locality", "journey_stage", "need_type", "audience", "partner", "received_at")
IMPORT_SOURCES = ("import", "practitioner_note", "transcript")  # "survey" and "case" need their records
MAX_TEXT = 20_000
TEXT_LIMITS = {"locality": ("Locality", 100), "need_type": ("Need type", 100)}
CONSENT_YES = frozenset({"yes", "y", "true", "1"})
EARLIEST = date(2000, 1, 1)
BATCH = 1_000
PARALLEL_FROM = 2_000
CHUNK = 250
MAX_WORKERS = 8
AUDIT_ACTION = "import_comments"
MAX_SHOWN_PROBLEMS = 100
CSV_FIELD_LIMIT = 16 * 1024 * 1024  # so a huge cell is a bad row (text too long), not an unreadable file

AUDIENCE_ALIASES = {
    "parent": "parent_carer", "carer": "parent_carer", "parent carer": "parent_carer",
    "parent or carer": "parent_carer", "parents": "parent_carer", "family": "parent_carer",
    "young person": "young_person", "child": "young_person", "child or young person": "young_person",
    "children and young people": "young_person", "cyp": "young_person",
    "practitioner": "practitioner", "professional": "practitioner", "professionals": "practitioner",
}


class CommentImportError(ValueError):
    """The file cannot be imported at all; the message says why and what to do. Nothing was imported."""


# -- progress -----------------------------------------------------------------------------------------------


class Bar(Protocol):
    def update(self, n: int) -> None: ...


Progress = Callable[[str, int | None], Any]  # (label, length or None) -> a context manager giving a Bar


class _Silent:
    def update(self, n: int) -> None:
        pass


@contextmanager
def no_progress(label: str, length: int | None) -> Iterator[Bar]:
    """The default: no progress shown."""
    yield _Silent()


# -- the report ---------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did (or, on a dry run or a strict refusal, would have done)."""

    file_name: str
    sha256: str
    rows: int = 0  # rows below the header with anything in them
    blank: int = 0  # rows skipped because their text was blank
    ready: int = 0  # good rows: imported, or to import on a dry run
    imported: int = 0  # comments written
    undated: int = 0  # good rows with a blank date received (dated at the time of import)
    flagged: int = 0  # imported comments flagged for safeguarding
    problems: list[RowProblem] = field(default_factory=list)
    earlier: list[datetime] = field(default_factory=list)  # when the same file was imported before
    dry_run: bool = False
    strict: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def aborted(self) -> bool:
        """True when --strict stopped the import because of bad rows."""
        return self.strict and bool(self.problems)

    def audit_detail(self, options: ImportOptions) -> dict[str, Any]:
        """What the audit log keeps: counts and choices, never any text."""
        return {
            "file": self.file_name, "sha256": self.sha256, "rows": self.rows, "imported": self.imported,
            "blank": self.blank, "bad": len(self.problems), "flagged": self.flagged,
            "source": options.source, "text_column": options.text_column, "segments": dict(options.segments),
            "consent_column": options.consent_column, "strict": options.strict,
        }


    def problem_lines(self, limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
        """The bad rows, one line each, at most ``limit`` of them then how many more."""
        lines = [f"line {p.line}: {p.reason}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit:,} more (--errors-csv PATH writes them all)")
        return lines

    def summary_lines(self) -> list[str]:
        """What happened, in a few sentences, for the command line."""
        lines = [f"Read {_count(self.rows, 'row')} from {self.file_name}: {self.ready:,} good, "
                 f"{self.blank:,} with no text (skipped), {len(self.problems):,} with problems (not imported)."]
        if self.undated:
            lines.append(f"{_count(self.undated, 'good row')} had no date received: dated at the time of import.")
        if self.earlier:
            lines.append(f"Warning: the same file was imported before, on {self.earlier[-1]:%d %B %Y at %H:%M} UTC.")
        if self.aborted:
            lines.append(f"Nothing was imported: {_count(len(self.problems), 'row')} with problems and --strict.")
        elif self.dry_run:
            lines.append(f"Dry run: nothing was imported. {_count(self.ready, 'comment')} would be imported.")
        elif not self.imported:
            lines.append("Nothing was imported: no row had text to import.")
        else:
            took = sum(self.seconds.values())
            lines.append(f"Imported {_count(self.imported, 'comment')} in {took:.1f} s: personal data redacted, "
                         "safeguarding triaged, sentiment scored.")
            if self.flagged:
                one = self.flagged == 1
                lines.append(f"{_count(self.flagged, 'comment')} {'was' if one else 'were'} flagged for safeguarding: "
                             f"{'it is' if one else 'they are'} in the safeguarding queue for a person to review.")
            lines.append("Run `flask themes run` to theme them.")
        return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def write_problems_csv(problems: Iterable[RowProblem], path: str | os.PathLike) -> None:
    """The bad rows as a CSV (line, reason), which opens in Excel."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason"])
        for problem in problems:
            writer.writerow([problem.line, problem.reason])


# -- options ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOptions:
    """Which columns mean what, and how to import."""

    text_column: str
    segments: dict[str, str] = field(default_factory=dict)  # segment -> column name
    consent_column: str | None = None
    source: str = "import"
    sheet: str | None = None
    strict: bool = False
    dry_run: bool = False
    allow_duplicate: bool = False


def parse_segment_options(values: Iterable[str]) -> dict[str, str]:
    """``["locality=Area", "partner=Service"]`` as ``{"locality": "Area", "partner": "Service"}``."""
    segments: dict[str, str] = {}
    for value in values:
        name, sep, column = value.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise CommentImportError(f"Write each segment as FIELD=COLUMN, for example locality=Area (not ‘{value}’)")
        if name not in SEGMENTS:
            raise CommentImportError(f"There is no segment called ‘{name}’. Segments: {', '.join(SEGMENTS)}")
        if name in segments:
            raise CommentImportError(f"The segment ‘{name}’ is given more than once")
        segments[name] = column.strip()
    return segments


# -- reading files ------------------------------------------------------------------------------------------


@dataclass
class Table:
    """The rows of a CSV or a sheet: the header's names and, after it, (line number, cells)."""

    columns: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    estimate: int | None  # how many rows follow the header, when known (for the progress bar)


def file_sha256(path: str | os.PathLike) -> str:
    """The SHA-256 of the file's bytes, as 64 hex characters."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in {".xlsx", ".xlsm"}


@contextmanager
def open_table(path: str | os.PathLike, sheet: str | None = None) -> Iterator[Table]:
    """Open a CSV or XLSX file as a Table; CommentImportError when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise CommentImportError(f"There is no file {path}")
    if _is_xlsx(path):
        with _open_xlsx(path, sheet) as table:
            yield table
    else:
        if path.suffix.lower() in {".xls", ".ods", ".numbers"}:
            raise CommentImportError(f"{path.name} is not a CSV or XLSX file. Save it as ‘Excel Workbook (.xlsx)’")
        if sheet is not None:
            raise CommentImportError("--sheet is only for XLSX workbooks")
        yield _read_csv(path)


def read_columns(path: str | os.PathLike, sheet: str | None = None) -> list[str]:
    """The column names in the file's header row."""
    with open_table(path, sheet) as table:
        return table.columns


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CommentImportError(
            f"{path.name} is saved as UTF-16 (Excel’s ‘Unicode Text’). Save it as ‘CSV UTF-8 (comma delimited)’, "
            "or import the .xlsx workbook instead"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommentImportError(
            f"{path.name} is not UTF-8 text (byte {error.start:,} is not). In Excel, choose File, Save a copy, "
            "then ‘CSV UTF-8 (comma delimited)’, or import the .xlsx workbook instead"
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    limit = csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))  # process-wide: put back below
    try:
        records = list(reader)
    except csv.Error as error:
        raise CommentImportError(
            f"{path.name} could not be read as a CSV near line {reader.line_num:,}: {error}"
        ) from error
    finally:
        csv.field_size_limit(limit)
    numbered = iter(enumerate(records, start=1))
    line, columns = _header(numbered, path.name)
    return Table(columns, numbered, len(records) - line)


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the first row (the header) into the most columns."""
    head = text[:65_536]
    best, most = ",", 1
    for delimiter in (",", ";", "\t"):
        try:
            first = next((r for r in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
                          if any(c.strip() for c in r)), [])
        except csv.Error:
            continue
        if len(first) > most:
            best, most = delimiter, len(first)
    return best


def _header(numbered: Iterator[tuple[int, list[Any]]], name: str) -> tuple[int, list[str]]:
    """The line number and names of the header: the first row with anything in it."""
    for line, cells in numbered:
        if any(_as_text(cell) for cell in cells):
            return line, [_as_text(cell) for cell in cells]
    raise CommentImportError(f"{name} is empty: it needs a header row naming its columns, then a row per comment")


@contextmanager
def _open_xlsx(path: Path, sheet: str | None) -> Iterator[Table]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise CommentImportError(f"{path.name} could not be opened as an XLSX workbook ({error})") from error
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise CommentImportError(f"{path.name} has no sheet called ‘{sheet}’. Its sheets are: "
                                     + ", ".join(f"‘{s}’" for s in workbook.sheetnames))
        estimate = worksheet.max_row  # from the stored size, which can be wrong or missing: only for progress
        worksheet.reset_dimensions()  # so read every row that is really there
        rows = (list(cells) for cells in worksheet.iter_rows(min_row=1, values_only=True))
        numbered = iter(enumerate(rows, start=1))
        line, columns = _header(numbered, f"{path.name} (sheet ‘{worksheet.title}’)")
        yield Table(columns, numbered, estimate - line if estimate else None)
    finally:
        workbook.close()


# -- cells --------------------------------------------------------------------------------------------------


def _as_text(value: Any) -> str:
    """A cell as tidy text: no NUL characters (PostgreSQL refuses them), no outer spaces, \\n line breaks."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    else:
        text = str(value)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _words(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())


AUDIENCE_LOOKUP = {
    **{_words(key): key for key in AUDIENCES},
    **{_words(label): key for key, label in AUDIENCES.items()},
    **AUDIENCE_ALIASES,
}


def parse_audience(value: str) -> str | None:
    """The audience key for a key, label or common name (without case), or None if unknown."""
    return AUDIENCE_LOOKUP.get(_words(value))


def parse_consent(value: Any) -> bool:
    """Consent to quote: yes, y, true or 1 (or a ticked TRUE cell). Anything else is no consent."""
    if isinstance(value, bool):
        return value
    return _as_text(value).lower() in CONSENT_YES


_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_received(value: Any) -> datetime | None:
    """When a comment was received, as an aware UTC-able datetime, or None if the value is not a date.

    2025-03-14, 14/03/2025 (always day first, as in England; also 14-03-2025 and 14.03.2025), either with a
    time, ISO datetimes with an offset, and XLSX date cells. Times without a zone are England's. A date
    without a time (or at exactly midnight, as Excel stores dates) is taken as midday in England, so that it
    stays on the same day in UTC and in local time.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0))
    else:
        text = _as_text(value)
        moment = None
        if _ISO.match(text):
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                return None
        elif match := _UK.match(text):
            day, month, year, hour, minute, second = match.groups()
            try:
                moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
            except ValueError:
                return None
        if moment is None:
            return None
    if moment.tzinfo is not None:
        return moment
    if moment.time() == time(0):
        moment = moment.replace(hour=12)
    return moment.replace(tzinfo=LONDON)


# -- checking rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """Where each chosen column is in the header."""

    text: int
    segments: dict[str, int]
    consent: int | None
    width: int


def _column_index(columns: list[str], name: str, what: str) -> int:
    matches = [i for i, column in enumerate(columns) if column == name]
    if not matches:
        matches = [i for i, column in enumerate(columns) if _words(column) == _words(name) and _words(name)]
    if not matches:
        raise CommentImportError(f"There is no column called ‘{name}’ (for {what}). {describe_columns(columns)}")
    if len(matches) > 1:
        raise CommentImportError(f"More than one column is called ‘{name}’ (for {what}). Rename one of them")
    return matches[0]


def describe_columns(columns: list[str]) -> str:
    """The columns found, for messages."""
    named = [f"‘{c}’" for c in columns if c]
    return "The columns are: " + ", ".join(named) if named else "The header row has no column names"


def resolve_columns(columns: list[str], options: ImportOptions) -> Columns:
    """The positions of the chosen columns; CommentImportError naming the columns there are when one is missing."""
    return Columns(
        text=_column_index(columns, options.text_column, "the text"),
        segments={name: _column_index(columns, column, name.replace("_", " "))
                  for name, column in options.segments.items()},
        consent=(_column_index(columns, options.consent_column, "consent")
                 if options.consent_column else None),
        width=len(columns),
    )


@dataclass
class GoodRow:
    """One row ready to become a comment."""

    line: int
    text: str
    values: dict[str, Any]


class RowChecker:
    """Turns cells into comment values, or into the reasons a row cannot be used."""

    def __init__(self, columns: Columns):
        self.columns = columns
        self.partners = {_words(p.name): p.id for p in db.session.scalars(select(Partner))}
        self.today = utcnow().astimezone(LONDON).date()

    def check(self, line: int, cells: list[Any], report: ImportReport) -> GoodRow | None:
        """A good row, or None (the row was blank, or its problem is now in the report)."""
        def cell(index: int | None) -> Any:
            return cells[index] if index is not None and index < len(cells) else None

        text = _as_text(cell(self.columns.text))
        if not text:
            report.blank += 1
            return None
        reasons: list[str] = []
        if len(text) > MAX_TEXT:
            reasons.append(f"The text must be {MAX_TEXT:,} characters or fewer (it has {len(text):,})")
        extra = [c for c in cells[self.columns.width:] if _as_text(c)]
        if extra:
            reasons.append(f"The row has {len(extra)} more filled cell(s) than the header has columns: "
                           "check that text with commas or semicolons is in quotes")
        values: dict[str, Any] = {"consent_quote": parse_consent(cell(self.columns.consent))}
        for name, index in self.columns.segments.items():
            raw = cell(index)
            value, reason = self._segment(name, raw)
            if reason:
                reasons.append(reason)
            elif name == "received_at" and value is None:
                report.undated += 1
            values["partner_id" if name == "partner" else name] = value
        if reasons:
            report.problems.append(RowProblem(line, ". ".join(reasons)))
            return None
        return GoodRow(line, text, values)

    def _segment(self, name: str, raw: Any) -> tuple[Any, str | None]:
        if name == "received_at" and isinstance(raw, date | datetime):
            return self._received(raw, _as_text(raw))
        value = _as_text(raw)
        if not value:
            return None, None
        shown = value[:100]
        if name == "journey_stage":
            stage = parse_journey_stage(value)
            if stage is None:
                return None, f"Journey stage ‘{shown}’ is not one of: " + ", ".join(JOURNEY_STAGES.values())
            return stage, None
        if name == "audience":
            audience = parse_audience(value)
            if audience is None:
                return None, f"Audience ‘{shown}’ is not one of: " + ", ".join(AUDIENCES.values())
            return audience, None
        if name == "partner":
            partner_id = self.partners.get(_words(value))
            if partner_id is None:
                return None, f"There is no partner called ‘{shown}’"
            return partner_id, None
        if name == "received_at":
            return self._received(raw, shown)
        label, limit = TEXT_LIMITS[name]
        if len(value) > limit:
            return None, f"{label} must be {limit} characters or fewer"
        return value, None

    def _received(self, raw: Any, shown: str) -> tuple[datetime | None, str | None]:
        moment = parse_received(raw)
        if moment is None:
            return None, f"Date received ‘{shown}’ is not a date like 2025-03-14 or 14/03/2025"
        day = moment.astimezone(LONDON).date()
        if day > self.today:
            return None, f"Date received ‘{shown}’ is in the future"
        if day < EARLIEST:
            return None, f"Date received ‘{shown}’ is before {EARLIEST.year}: check the column"
        return moment, None


# -- analysis -----------------------------------------------------------------------------------------------


def _analyse_chunk(texts: list[str], known: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> list[dict[str, Any]]:
    """The columns ``surveys.services.understand.comments.analyse_comment`` fills, for each text.

    The same calls and the same fields as analyse_comment, except that triage runs on the whole chunk at
    once: its learned model costs milliseconds per call but little more per extra text, and scores each
    text on its own, so the results are the same (tests compare them with analyse_comment).
    """
    flags = triage_many(texts)
    now = utcnow()
    fields = []
    for text, flag in zip(texts, flags, strict=True):
        redaction = redact(text, *known)
        sentiment = score_sentiment(text)
        fields.append({
            "redacted_text": redaction.text,
            "redaction_spans": [asdict(span) for span in redaction.spans],
            "safeguarding_flag": flag.flagged,
            "safeguarding_reason": flag.reason[:200],
            "sentiment": sentiment.label,
            "sentiment_score": sentiment.compound,
            "emotions": dict(sentiment.emotions),
            "analysed_at": now,
        })
    return fields


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it rolls back)


def default_workers() -> int:
    """Worker processes for analysis: the CPUs this process may use, at most MAX_WORKERS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def analyse_texts(texts: list[str], *, workers: int | None = None, bar: Bar | None = None,
                  known: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> list[dict[str, Any]]:
    """The analysed fields of each text, in order; identical texts are analysed once.

    ``known`` holds the staff and school names the database knows, for redaction.
    """
    bar = bar or _Silent()
    unique = list(dict.fromkeys(texts))
    chunks = [unique[i:i + CHUNK] for i in range(0, len(unique), CHUNK)]
    workers = default_workers() if workers is None else workers
    results: list[dict[str, Any]] = []
    if workers > 1 and len(unique) >= PARALLEL_FROM:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with context.Pool(workers, initializer=_quiet_worker) as pool:
            for chunk, part in zip(chunks, pool.imap(partial(_analyse_chunk, known=known), chunks), strict=True):
                results.extend(part)
                bar.update(len(chunk))
    else:
        for chunk in chunks:
            results.extend(_analyse_chunk(chunk, known))
            bar.update(len(chunk))
    by_text = dict(zip(unique, results, strict=True))
    return [by_text[text] for text in texts]


# -- importing ----------------------------------------------------------------------------------------------


def earlier_imports(sha256: str) -> list[datetime]:
    """When a file with these exact bytes was imported before (from the audit log)."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == AUDIT_ACTION).order_by(AuditEvent.created_at)
    )
    return [event.created_at for event in events if (event.detail or {}).get("sha256") == sha256]


def _insert_batch(rows: list[dict[str, Any]]) -> None:
    db.session.execute(insert(Comment), rows)


def import_comments(path: str | os.PathLike, options: ImportOptions, *, progress: Progress = no_progress,
                    workers: int | None = None) -> ImportReport:
    """Read, check, analyse and insert the comments of a CSV or XLSX file, all or nothing.

    Raises CommentImportError (nothing imported) when the file or the options cannot be used. Bad rows are
    reported; with ``options.strict`` they stop the import (``report.aborted``). On a dry run nothing is
    analysed or written. Commits the session (after reading, and once at the end with every comment).
    """
    if options.source not in IMPORT_SOURCES:
        raise CommentImportError(f"The source must be one of: {', '.join(IMPORT_SOURCES)}")
    for name in options.segments:
        if name not in SEGMENTS:
            raise CommentImportError(f"There is no segment called ‘{name}’. Segments: {', '.join(SEGMENTS)}")
    path = Path(path)
    started = perf_counter()
    report = ImportReport(file_name=path.name, sha256=file_sha256(path) if path.is_file() else "",
                          dry_run=options.dry_run, strict=options.strict)
    good: list[GoodRow] = []
    with open_table(path, options.sheet) as table:
        checker = RowChecker(resolve_columns(table.columns, options))
        report.earlier = earlier_imports(report.sha256)
        if report.earlier and not options.allow_duplicate and not options.dry_run:
            raise CommentImportError(
                f"{path.name} was imported before (the same bytes, on {report.earlier[-1]:%d %B %Y at %H:%M} UTC). "
                "Importing it again would count every comment twice. Use --allow-duplicate if you mean to"
            )
        with progress("Reading rows", table.estimate) as bar:
            for line, cells in table.rows:
                bar.update(1)
                if not any(_as_text(c) for c in cells):
                    continue  # an empty row, often at the end of a spreadsheet
                report.rows += 1
                row = checker.check(line, cells, report)
                if row is not None:
                    good.append(row)
    report.ready = len(good)
    report.seconds["read"] = perf_counter() - started
    db.session.commit()  # end the reading transaction: none stays open while the texts are analysed
    if options.dry_run or report.aborted or not good:
        return report

    started = perf_counter()
    texts = [row.text for row in good]
    with progress("Analysing", len(set(texts))) as bar:
        analysed = analyse_texts(texts, workers=workers, bar=bar, known=known_identifiers())
    report.seconds["analyse"] = perf_counter() - started

    started = perf_counter()
    now = utcnow()
    base = {"source": options.source, "received_at": now, "consent_quote": False, "partner_id": None,
            "audience": None, "journey_stage": None, "locality": None, "need_type": None}
    records = []
    for row, fields in zip(good, analysed, strict=True):
        record = {**base, **row.values, **fields, "raw_text": row.text}
        if record["received_at"] is None:
            record["received_at"] = now
        records.append(record)
    _write(records, report, options, progress)
    report.seconds["save"] = perf_counter() - started
    return report


def _write(records: list[dict[str, Any]], report: ImportReport, options: ImportOptions, progress: Progress) -> None:
    """Insert every comment and the audit event in one transaction; roll back on anything at all."""
    from surveys.services.platform.audit import record

    try:
        with progress("Saving", len(records)) as bar:
            for start in range(0, len(records), BATCH):
                batch = records[start:start + BATCH]
                _insert_batch(batch)
                bar.update(len(batch))
        report.imported = len(records)
        report.flagged = sum(1 for r in records if r["safeguarding_flag"])
        record(None, AUDIT_ACTION, **report.audit_detail(options))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        report.imported = report.flagged = 0
        raise
