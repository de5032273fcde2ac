"""Baseline figures for the local area: typed on a form or uploaded as a CSV or XLSX file.

A figure is one count for one group (dimension, category, support level); saving a group that exists replaces
its count, so a new year's figures are uploaded over the old. Ethnic group and sex are stored as the canonical
labels of ``capture.equality`` so they match the equality answers. Services flush; the caller commits.

Reading the file: ``read_table`` below is a stand-in for ``surveys.services.platform.uploads.read_table`` (the
one upload-reading module, written on another branch). It is the only place that reads a file here: swap its body
for a call to that module when the branches meet.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from surveys.models import BaselineFigure, User, db
from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS
from surveys.services.capture import equality
from surveys.services.platform.errors import Invalid, NotFound
from surveys.services.platform.suppression import suppress_count
from surveys.services.report.who_answered import words

MAX_COUNT = 10_000_000
MAX_ROWS = 2_000
MAX_BYTES = 2 * 1024 * 1024
CANONICAL = {"ethnicity": equality.ETHNICITY, "sex": equality.SEX}
COLUMNS = {
    "dimension": ("dimension", "breakdown", "grouped by"),
    "category": ("category", "group"),
    "support": ("support", "support level", "level of support"),
    "count": ("count", "number", "children", "children and young people"),
    "as_of": ("as of", "date", "as at"),
}
REQUIRED = ("dimension", "category", "support", "count")


# --- checking one figure ------------------------------------------------------------------------------------


def _choice(value: str, choices: dict[str, str]) -> str | None:
    """The key of a choice given as its key or its label, without case or punctuation mattering."""
    table = {words(key): key for key in choices} | {words(label): key for key, label in choices.items()}
    return table.get(words(value))


def dimension_of(value: str) -> str:
    """A dimension from its key or its name ("Primary need"); ``Invalid`` naming the choices otherwise."""
    found = _choice(value, BASELINE_DIMENSIONS)
    if found is None:
        raise Invalid(f"Breakdown must be one of: {', '.join(BASELINE_DIMENSIONS.values())}")
    return found


def support_of(value: str) -> str:
    """A support level from its key or its name ("EHC plan")."""
    found = _choice(value, SUPPORT_LEVELS)
    if found is None:
        raise Invalid(f"Support must be one of: {', '.join(SUPPORT_LEVELS.values())}")
    return found


def category_of(dimension: str, value: str) -> str:
    """The category as stored: tidy text, and for ethnic group and sex the canonical label."""
    text = " ".join((value or "").split())
    if not text:
        raise Invalid("Enter the group, for example a locality’s name")
    if len(text) > 100:
        raise Invalid("Group must be 100 characters or fewer")
    question = CANONICAL.get(dimension)
    if question is None:
        return text
    labels = {value: label for value, label in question.labels().items() if value != "prefer_not_to_say"}
    found = _choice(text, labels)
    if found is None:
        raise Invalid(f"{BASELINE_DIMENSIONS[dimension]} must be one of: {', '.join(labels.values())}")
    return labels[found]


def count_of(value) -> int:
    """A whole number of children and young people, 0 or more."""
    text = str(value).strip().replace(",", "") if value is not None else ""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not re.fullmatch(r"\d+", text):
        raise Invalid("Number of children and young people must be a whole number, like 120")
    if int(text) > MAX_COUNT:
        raise Invalid(f"Number of children and young people must be {MAX_COUNT:,} or fewer")
    return int(text)


# --- saving ------------------------------------------------------------------------------------------------


def save_figure(user: User | None, dimension: str, category: str, support: str, count: int,
                as_of: date | None = None) -> BaselineFigure:
    """Add a figure, or replace the count of the same group; flushes."""
    category = category_of(dimension, category)
    existing = {words(f.category): f for f in db.session.scalars(
        select(BaselineFigure).where(BaselineFigure.dimension == dimension, BaselineFigure.support == support))}
    figure = existing.get(words(category)) or BaselineFigure(dimension=dimension, support=support)
    figure.category, figure.count, figure.as_of = category, count, as_of
    figure.updated_by_id = user.id if user else None
    db.session.add(figure)
    db.session.flush()
    return figure


def remove_figure(figure_id: int) -> BaselineFigure:
    """Remove one figure; ``NotFound`` when there is no such figure."""
    figure = db.session.get(BaselineFigure, figure_id)
    if figure is None:
        raise NotFound()
    db.session.delete(figure)
    db.session.flush()
    return figure


def describe(figure: BaselineFigure) -> str:
    """A figure in words, for a message: "North (Locality, EHC plan): 120"."""
    return (f"{figure.category} ({BASELINE_DIMENSIONS.get(figure.dimension, figure.dimension)}, "
            f"{SUPPORT_LEVELS.get(figure.support, figure.support)}): {suppress_count(figure.count).text}")


# --- uploading ----------------------------------------------------------------------------------------------


@dataclass
class UploadResult:
    """What an upload saved, and the lines it could not use with the reason for each."""

    saved: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


def import_figures(user: User | None, data: bytes, filename: str) -> UploadResult:
    """Save every usable row of a CSV or XLSX file; a row with a problem is reported and skipped. Flushes."""
    rows, problems = read_table(data, filename, COLUMNS)
    result = UploadResult(problems=list(problems))
    for line, values in rows:
        try:
            dimension = dimension_of(values.get("dimension", ""))
            save_figure(user, dimension, values.get("category", ""), support_of(values.get("support", "")),
                        count_of(values.get("count")), _as_of(values.get("as_of")))
            result.saved += 1
        except Invalid as problem:
            result.problems.append((line, problem.message))
    return result


def _as_of(value) -> date | None:
    """The date the figures are for: a date cell, or text like 2026-01-31 or 31/01/2026; None when empty."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise Invalid("Date must be a real date, like 31/01/2026")


def read_table(data: bytes, filename: str, columns: dict[str, tuple[str, ...]]):
    """Rows of a CSV or XLSX file as (line, {field: value}) and whole-file problems as (line, reason).

    Stand-in for ``surveys.services.platform.uploads.read_table``: swap this body for it (see the module's
    docstring). Raises ``Invalid`` when the file as a whole cannot be used.
    """
    if len(data) > MAX_BYTES:
        raise Invalid("The selected file must be smaller than 2 MB")
    records = _xlsx_records(data) if filename.lower().endswith((".xlsx", ".xlsm")) else _csv_records(data)
    records = [(line, cells) for line, cells in records if any(str(c or "").strip() for c in cells)]
    if not records:
        raise Invalid("The selected file is empty")
    (_, header), body = records[0], records[1:]
    if len(body) > MAX_ROWS:
        raise Invalid(f"The selected file must have {MAX_ROWS:,} rows or fewer: split it into smaller files")
    positions = {name: n for n, label in enumerate(header) for name, labels in columns.items()
                 if words(str(label or "")) in labels}
    missing = [columns[name][0] for name in REQUIRED if name not in positions]
    if missing:
        raise Invalid(f"The selected file must have columns called {', '.join(missing)}")
    rows = [(line, {name: _cell(cells, n) for name, n in positions.items()}) for line, cells in body]
    return rows, []


def _cell(cells: list, position: int):
    value = cells[position] if position < len(cells) else None
    return value.strip() if isinstance(value, str) else value


def _csv_records(data: bytes) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return list(enumerate(csv.reader(io.StringIO(text)), start=1))


def _xlsx_records(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise Invalid("The selected file must be a CSV or an Excel workbook (.xlsx)") from None
    sheet = workbook.worksheets[0]
    return [(n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
