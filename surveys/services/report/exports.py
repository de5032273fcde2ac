"""Exports as CSV and XLSX: which exports there are, and writing one without holding it all in memory.

``build_export(name, user, args)`` reads the filters (a bad one raises ``Invalid``) and returns an ``Export``
whose rows are read only as they are written. ``csv_chunks`` yields the CSV a few hundred rows at a time, for a
streamed response; ``xlsx_file`` writes an openpyxl write-only workbook (rows go to disk as they are added) to a
temporary file. Both write ``Export.values()``, so both hold the same cells, made safe by ``cell_value``.
Who may download which export is the view's table (``surveys.staff.export_views``); these functions apply the
user's partner scope, suppression and what a role may read.
"""

import csv
import io
import tempfile
from collections.abc import Callable, Iterator, Mapping
from typing import IO

from surveys.models import User
from surveys.services.report import exports_reports, exports_rows
from surveys.services.report.exports_columns import Export, worked_out

BUILDERS: dict[str, Callable[[User, Mapping[str, str]], Export]] = {
    "responses": exports_rows.responses_export,
    "comments": exports_rows.comments_export,
    "themes": exports_reports.themes_export,
    "actions": exports_reports.actions_export,
    "cases": exports_rows.cases_export,
    "log": exports_reports.log_export,
    "results": exports_reports.results_export,
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CSV_ROWS_PER_CHUNK = 500
BYTE_ORDER_MARK = "\ufeff"  # so Excel opens the CSV as UTF-8


WORKED_OUT_AT_ONCE = frozenset({"themes", "actions", "log", "results"})  # small, and built from database objects


def build_export(name: str, user: User, args: Mapping[str, str]) -> Export:
    """The export called ``name`` for this user and these query arguments, ready to be written after the request."""
    made = BUILDERS[name](user, args)
    return worked_out(made) if name in WORKED_OUT_AT_ONCE else made


def csv_chunks(export: Export) -> Iterator[str]:
    """The export as CSV text, in chunks of a few hundred rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BYTE_ORDER_MARK)
    writer.writerow(export.headers)
    for number, values in enumerate(export.values(), start=1):
        writer.writerow(values)
        if number % CSV_ROWS_PER_CHUNK == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def xlsx_file(export: Export) -> IO[bytes]:
    """The export as an XLSX workbook in a temporary file (deleted when closed), ready to read from the start.

    Every text cell is already neutralised, so openpyxl stores it as a string: it makes a formula only of text that
    starts with ``=``."""
    from openpyxl import Workbook  # imported for the first spreadsheet, not at every worker's start-up

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title(export.title))
    sheet.append(export.headers)
    for values in export.values():
        sheet.append(values)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response that sends it
    book.save(handle)
    handle.seek(0)
    return handle


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:31].strip() or "Export"


def filename(export: Export, extension: str) -> str:
    """The name the download is saved under."""
    return f"{export.name}.{extension}"
