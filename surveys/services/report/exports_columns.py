"""What every export is made of: named columns (a header and a value function), and the one function that makes a
value safe to put in a spreadsheet cell.

CSV and XLSX are written from the same ``Export`` through the same ``cell_value``, so both hold the same rows.

Formula injection (OWASP "CSV injection"): a spreadsheet may run a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula, and the words in an export come from families and staff. Such a
cell gets a single quote in front, so it reads as text. A negative number is text too: it starts with ``-``, and
one rule with no exception is easier to trust than a rule with a careful one.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from surveys.formatters import in_london
from surveys.services.platform.suppression import Cell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot hold (openpyxl refuses them); they carry no meaning in feedback, so both formats drop
# them and stay the same.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Value = str | int | float
Column = tuple[str, Callable[[object], object]]  # (header, value of one row)


def neutralise(text: str) -> str:
    """The text, with a quote in front when a spreadsheet could take it for a formula.

    Line endings become line feeds after the check: a workbook's XML reads a carriage return back as a line feed,
    so this keeps the CSV and the XLSX the same."""
    text = UNWRITABLE.sub("", text)
    text = f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def cell_value(value: object) -> Value:
    """One value as it goes in a cell: numbers stay numbers, dates are ISO (times in London), the rest safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float) and value >= 0:
        return value
    if isinstance(value, Cell):
        return value.text if value.suppressed else value.count
    if isinstance(value, datetime):
        return in_london(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


@dataclass(frozen=True)
class Export:
    """One export: its columns, a way to read its rows (again and lazily), how many rows, and what it was asked."""

    name: str
    title: str
    columns: Sequence[Column]
    read_rows: Callable[[], Iterable[object]]
    count: int
    filters: Mapping[str, str] = field(default_factory=dict)

    @property
    def headers(self) -> list[Value]:
        """The header row."""
        return [cell_value(header) for header, _ in self.columns]

    def values(self) -> Iterable[list[Value]]:
        """Every row as cell values, read as it goes."""
        for row in self.read_rows():
            yield [cell_value(value_of(row)) for _, value_of in self.columns]



def worked_out(export: Export) -> Export:
    """The same export with every cell worked out now, as plain values.

    A streamed body is written after the request has committed and its database session has closed, so rows that
    hold database objects (the log's actions, say) could no longer be read then. Report exports are small (one row
    per action, theme or count), so their cells are worked out while the session is open; row-by-row exports
    (responses, comments, cases) query as they stream instead."""
    cells = list(export.values())
    columns = [(header, _position(number)) for number, (header, _) in enumerate(export.columns)]
    return replace(export, columns=columns, read_rows=lambda: cells)


def _position(number: int) -> Callable[[list[Value]], Value]:
    return lambda cells: cells[number]
