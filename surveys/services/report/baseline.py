"""Baseline figures for the local area: typed on a form or uploaded as a CSV or XLSX file.

A figure is one count for one group (dimension, category, support level); saving a group that exists replaces
its count, so a new year's figures are uploaded over the old. Ethnic group and sex are stored as the canonical
labels of ``capture.equality`` so they match the equality answers. Services flush; the caller commits.

Files are read by the one upload reader, ``surveys.services.platform.uploads``.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from surveys.models import BaselineFigure, User, db
from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS
from surveys.services.capture import equality
from surveys.services.platform.errors import Invalid, NotFound
from surveys.services.platform.suppression import suppress_count
from surveys.services.platform.uploads import Column, Limits, lookup, read_table, words

MAX_COUNT = 10_000_000
MAX_ROWS = 2_000
MAX_BYTES = 2 * 1024 * 1024
CANONICAL = {"ethnicity": equality.ETHNICITY, "sex": equality.SEX}
COLUMNS = (
    Column("dimension", ("dimension", "breakdown", "grouped by"), required=True),
    Column("category", ("category", "group"), required=True),
    Column("support", ("support", "support level", "level of support"), required=True),
    Column("count", ("count", "number", "children", "children and young people"), required=True),
    Column("as_of", ("as of", "date", "as at")),
)


# --- checking one figure ------------------------------------------------------------------------------------


def _choice(value: str, choices: dict[str, str]) -> str | None:
    """The key of a choice given as its key or its label, without case or punctuation mattering."""
    return lookup(choices).get(words(value))


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
    table = read_table(data, filename, COLUMNS, limits=Limits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS))
    result = UploadResult(problems=[(problem.line, problem.reason) for problem in table.problems])
    for row in table.rows:
        try:
            dimension = dimension_of(row.text("dimension"))
            save_figure(user, dimension, row.text("category"), support_of(row.text("support")),
                        count_of(row.values.get("count")), _as_of(row.values.get("as_of")))
            result.saved += 1
        except Invalid as problem:
            result.problems.append((row.line, problem.message))
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
