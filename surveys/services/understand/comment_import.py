"""Importing past free text (for example an annual family survey export) as analysed comments.

Used by ``flask import-comments FILE --text-column NAME``. The file is a CSV or an XLSX workbook (its first
sheet, or the one named), read by ``surveys.services.platform.uploads`` (encodings, delimiters, line numbers).
One column holds the free text; optional columns give each comment its segments and its consent to be quoted
(``surveys.services.understand.comment_rows``).

Good rows and bad rows
    By default the good rows are imported and every bad row is reported with its line number and reason
    (as the invitations upload does); a bad row is never partly imported. With ``strict`` any bad row
    stops the import before anything is written. A row whose text is blank is not a problem: it is
    skipped and counted.

Three steps, nothing half-imported
    ``check_import`` reads and checks every row, in memory; ``analyse_import`` analyses the texts
    (``surveys.services.understand.comment_analysis``) and touches no database; ``save_import`` adds all the
    comments (bulk inserts of ``BATCH`` rows) and one audit event. The command commits the check, holds no
    transaction open while the texts are analysed, and saves in ONE transaction (``surveys.transactions``):
    any exception, Ctrl-C included, rolls all of it back. ``import_comments`` runs the three in the caller's
    transaction.

Analysis
    Every comment gets exactly the fields ``surveys.services.understand.comments.analyse_comment`` fills
    (redaction, safeguarding triage, sentiment and emotion), so imported comments are like any other. We do
    not call ``analysis.run_pipeline``: it always discovers themes as well, which is half its time on 20,000
    comments, and theming belongs to ``flask themes run`` afterwards (which keeps reviewed themes and people's
    decisions). No themes are assigned here. The analysis runs in the command, in bulk and in parallel, rather
    than one outbox item per comment in the worker: 100,000 comments take a minute this way. Flagged comments
    get the same immediate alert as any other: ``save_import`` queues their alerts in the outbox in the same
    transaction, and the worker sends them.

The same file twice
    Each import is recorded in the audit log (action ``import_comments``) with the file's SHA-256. Importing
    the same bytes again is refused unless ``allow_duplicate`` is given, because every comment would be
    counted twice and there is no undo.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from flask import current_app
from sqlalchemy import insert, select

from surveys.models import AuditEvent, Comment, db, utcnow
from surveys.services.platform.errors import Invalid
from surveys.services.platform.uploads import Limits, RowProblem, Table, read_header, read_table
from surveys.services.understand.comment_analysis import Bar, Progress, Silent, analyse_texts
from surveys.services.understand.comment_rows import SEGMENTS, GoodRow, RowChecker, columns_for
from surveys.services.understand.comments import known_identifiers
from surveys.services.understand.safeguarding import queue_alerts

IMPORT_SOURCES = ("import", "practitioner_note", "transcript")  # "survey" and "case" need their records
BATCH = 1_000
AUDIT_ACTION = "import_comments"
MAX_SHOWN_PROBLEMS = 100
Known = tuple[tuple[str, ...], tuple[str, ...]]


class CommentImportError(Invalid):
    """The file cannot be imported at all; the message says why and what to do. Nothing was imported."""


@contextmanager
def no_progress(label: str, length: int | None) -> Iterator[Bar]:
    """The default: no progress shown."""
    yield Silent()


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


# -- reading ------------------------------------------------------------------------------------------------


def file_sha256(path: str | os.PathLike) -> str:
    """The SHA-256 of the file's bytes, as 64 hex characters."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _existing(path: str | os.PathLike) -> Path:
    path = Path(path)
    if not path.is_file():
        raise CommentImportError(f"There is no file {path}")
    return path


def read_columns(path: str | os.PathLike, sheet: str | None = None) -> list[str]:
    """The column names in the file's header row."""
    path = _existing(path)
    return read_header(path, path.name, sheet=sheet, subject=path.name, limits=import_limits())


def _read(path: Path, options: ImportOptions) -> Table:
    columns = columns_for(options.text_column, options.segments, options.consent_column)
    return read_table(path, path.name, columns, sheet=options.sheet, subject=path.name, limits=import_limits())


def import_limits() -> Limits:
    """The most bytes an imported file may have (``COMMENT_IMPORT_MAX_BYTES``): the file is read up to it only."""
    return Limits(max_bytes=current_app.config["COMMENT_IMPORT_MAX_BYTES"])


def earlier_imports(sha256: str) -> list[datetime]:
    """When a file with these exact bytes was imported before (from the audit log)."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == AUDIT_ACTION).order_by(AuditEvent.created_at)
    )
    return [event.created_at for event in events if (event.detail or {}).get("sha256") == sha256]


# -- the three steps ----------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What ``check_import`` found: the report so far and the good rows, ready to analyse and save."""

    options: ImportOptions
    report: ImportReport
    good: list[GoodRow]
    known: Known = ((), ())  # the staff and school names the database knows, for redaction

    @property
    def to_save(self) -> bool:
        """Whether there is anything to analyse and save (not a dry run, not stopped by --strict)."""
        return bool(self.good) and not self.options.dry_run and not self.report.aborted


def _check_options(options: ImportOptions) -> None:
    if options.source not in IMPORT_SOURCES:
        raise CommentImportError(f"The source must be one of: {', '.join(IMPORT_SOURCES)}")
    for name in options.segments:
        if name not in SEGMENTS:
            raise CommentImportError(f"There is no segment called ‘{name}’. Segments: {', '.join(SEGMENTS)}")


def _refuse_a_second_import(report: ImportReport, options: ImportOptions) -> None:
    report.earlier = earlier_imports(report.sha256)
    if report.earlier and not options.allow_duplicate and not options.dry_run:
        raise CommentImportError(
            f"{report.file_name} was imported before (the same bytes, on {report.earlier[-1]:%d %B %Y at %H:%M} "
            "UTC). Importing it again would count every comment twice. Use --allow-duplicate if you mean to"
        )


def check_import(path: str | os.PathLike, options: ImportOptions, *, progress: Progress = no_progress) -> Plan:
    """Read and check every row of a CSV or XLSX file; nothing is written.

    Raises CommentImportError or ``UploadRejected`` (both ``Invalid``) when the file or the options cannot be
    used. Bad rows are in the report; with ``options.strict`` they stop the import (``report.aborted``).
    """
    _check_options(options)
    started = perf_counter()
    path = _existing(path)
    report = ImportReport(file_name=path.name, sha256=file_sha256(path), dry_run=options.dry_run,
                          strict=options.strict)
    table = _read(path, options)
    _refuse_a_second_import(report, options)
    good = _check_rows(table, report, progress)
    report.seconds["read"] = perf_counter() - started
    plan = Plan(options, report, good)
    if plan.to_save:
        plan.known = known_identifiers()
    return plan


def _check_rows(table: Table, report: ImportReport, progress: Progress) -> list[GoodRow]:
    checker = RowChecker([name for name in SEGMENTS if table.has(name)])
    report.problems = list(table.problems)
    report.rows = len(table.rows) + len(table.problems)
    good = []
    with progress("Reading rows", len(table.rows)) as bar:
        for row in table.rows:
            bar.update(1)
            if (checked := checker.check(row, report)) is not None:
                good.append(checked)
    report.problems.sort(key=lambda problem: problem.line)
    report.ready = len(good)
    return good


def analyse_import(plan: Plan, *, progress: Progress = no_progress, workers: int | None = None) -> list[dict]:
    """The analysed fields of each good row's text, in order (no database: hold no transaction open for this)."""
    started = perf_counter()
    texts = [row.text for row in plan.good]
    with progress("Analysing", len(set(texts))) as bar:
        analysed = analyse_texts(texts, workers=workers, bar=bar, known=plan.known)
    plan.report.seconds["analyse"] = perf_counter() - started
    return analysed


def save_import(plan: Plan, analysed: list[dict[str, Any]], *, progress: Progress = no_progress) -> None:
    """Add every comment and the audit event to the session (the caller commits them as one)."""
    from surveys.services.platform.audit import record

    started = perf_counter()
    records = _records(plan.good, analysed, plan.options.source)
    flagged: list[int] = []
    with progress("Saving", len(records)) as bar:
        for start in range(0, len(records), BATCH):
            batch = records[start:start + BATCH]
            flagged += _insert_batch(batch)
            bar.update(len(batch))
    plan.report.imported = len(records)
    plan.report.flagged = len(flagged)
    for comment_id in flagged:  # the same immediate alert as a comment from a survey, sent by the worker
        queue_alerts(db.session.get(Comment, comment_id))
    record(None, AUDIT_ACTION, **plan.report.audit_detail(plan.options))
    db.session.flush()
    plan.report.seconds["save"] = perf_counter() - started


def _records(good: list[GoodRow], analysed: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    """The comment rows to insert; a row with no date received is dated now."""
    now = utcnow()
    base = {"source": source, "received_at": now, "consent_quote": False, "partner_id": None,
            "audience": None, "journey_stage": None, "locality": None, "need_type": None}
    pairs = zip(good, analysed, strict=True)
    records = [{**base, **row.values, **fields, "raw_text": row.text} for row, fields in pairs]
    for record in records:
        record["received_at"] = record["received_at"] or now
    return records


def _insert_batch(rows: list[dict[str, Any]]) -> list[int]:
    """Insert the rows; the ids of those flagged for safeguarding."""
    inserted = db.session.execute(insert(Comment).returning(Comment.id, sort_by_parameter_order=True), rows)
    return [comment_id for (comment_id,), row in zip(inserted, rows, strict=True) if row["safeguarding_flag"]]


def import_comments(path: str | os.PathLike, options: ImportOptions, *, progress: Progress = no_progress,
                    workers: int | None = None) -> ImportReport:
    """Check, analyse and add the comments of a file, all in the caller's transaction (which commits or not)."""
    plan = check_import(path, options, progress=progress)
    if plan.to_save:
        save_import(plan, analyse_import(plan, progress=progress, workers=workers), progress=progress)
    return plan.report
