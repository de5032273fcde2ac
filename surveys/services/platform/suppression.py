"""Small numbers: the one suppression rule for every breakdown, chart, table, log and export.

A count from 1 to ``threshold - 1`` could identify a family, so it shows as "fewer than 5" (the threshold is the
SUPPRESSION_THRESHOLD setting, 5 by default and never below 3). A percentage worked out from a suppressed count
is hidden too. Where a total is shown, one hidden cell in a row or column could be worked out by subtraction, so
a second cell (the smallest count left in that line) is hidden as well: secondary suppression. That cell reads
"not shown", since it is not a small number and "fewer than 5" would be untrue. A zero is shown: it reveals nobody.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask import current_app, has_app_context

DEFAULT_THRESHOLD = 5


def threshold() -> int:
    """The configured threshold (never below 3), or 5 outside the app."""
    configured = current_app.config.get("SUPPRESSION_THRESHOLD", DEFAULT_THRESHOLD) if has_app_context() else 5
    return max(3, int(configured))


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown: the number, or "fewer than N" when it is suppressed."""

    count: int
    suppressed: bool = False
    limit: int = DEFAULT_THRESHOLD
    protects_another: bool = False  # hidden only so that a total cannot give away a small count

    @property
    def text(self) -> str:
        """How the count reads in a table or an export."""
        if not self.suppressed:
            return f"{self.count:,}"
        return "not shown" if self.protects_another else f"fewer than {self.limit}"

    @property
    def shown(self) -> int | None:
        """The count when it may be shown, else None (for charts, which leave the bar out)."""
        return None if self.suppressed else self.count

    def percent_of(self, total: "Cell | int") -> str:
        """This count as a whole-number percentage of ``total``, or "" when either is suppressed or zero."""
        whole = total.count if isinstance(total, Cell) else total
        if self.suppressed or (isinstance(total, Cell) and total.suppressed) or whole <= 0:
            return ""
        return f"{round(100 * self.count / whole)}%"


def is_small(count: int, limit: int) -> bool:
    """True for a count that could identify someone: 1 to ``limit - 1``."""
    return 0 < count < limit


def suppress_count(count: int, limit: int | None = None) -> Cell:
    """One count on its own (no total beside it)."""
    limit = limit or threshold()
    return Cell(count, is_small(count, limit), limit)


@dataclass(frozen=True)
class Grid:
    """A table of counts after suppression, with its row, column and grand totals."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell


def suppress_grid(counts: Sequence[Sequence[int]], limit: int | None = None, *, row_totals: bool = True,
                  column_totals: bool = True) -> Grid:
    """Suppress small counts in a table, then enough other cells that no shown total gives one away."""
    limit = limit or threshold()
    rows = [list(row) for row in counts]
    hidden = [[is_small(n, limit) for n in row] for row in rows]
    lines = _lines(len(rows), len(rows[0]) if rows else 0, row_totals, column_totals)
    changed = True
    while changed:
        changed = any([_protect(line, rows, hidden) for line in lines])
    cells = [[Cell(n, h, limit, h and not is_small(n, limit)) for n, h in zip(row, flags, strict=True)]
             for row, flags in zip(rows, hidden, strict=True)]
    return Grid(
        cells=cells,
        row_totals=[_total(line, limit) for line in cells],
        column_totals=[_total(column, limit) for column in zip(*cells, strict=True)] if cells else [],
        total=Cell(sum(sum(row) for row in rows), False, limit),
    )


def _lines(height: int, width: int, by_row: bool, by_column: bool) -> list[list[tuple[int, int]]]:
    """The rows and columns whose totals are shown, as lists of (row, column) positions."""
    lines = [[(r, c) for c in range(width)] for r in range(height)] if by_row else []
    if by_column:
        lines += [[(r, c) for r in range(height)] for c in range(width)]
    return lines


def _protect(line: list[tuple[int, int]], rows: list[list[int]], hidden: list[list[bool]]) -> bool:
    """If exactly one non-zero cell of a line is hidden, hide the smallest other non-zero one. True if it did."""
    if sum(1 for r, c in line if hidden[r][c] and rows[r][c] > 0) != 1:
        return False
    candidates = [(rows[r][c], r, c) for r, c in line if not hidden[r][c] and rows[r][c] > 0]
    if not candidates:
        return False  # the line's total is then itself small or equal to the hidden cell: see _total
    _, r, c = min(candidates)
    hidden[r][c] = True
    return True


def _total(line: Sequence[Cell], limit: int) -> Cell:
    """A line's total; hidden when it is small, or when it would equal the one cell hidden in it."""
    count = sum(cell.count for cell in line)
    hidden = [cell for cell in line if cell.suppressed and cell.count > 0]
    shown_nonzero = [cell for cell in line if not cell.suppressed and cell.count > 0]
    return Cell(count, is_small(count, limit) or (len(hidden) == 1 and not shown_nonzero), limit)


@dataclass(frozen=True)
class Breakdown:
    """Counts by category with each one's share of the total, after suppression."""

    rows: list[tuple[str, Cell, str]]  # (label, count, percentage or "")
    total: Cell


def suppress_breakdown(counts: Mapping[str, int], limit: int | None = None) -> Breakdown:
    """Counts by category with a total beside them (the usual chart and its table)."""
    labels = list(counts)
    grid = suppress_grid([[counts[label] for label in labels]], limit, column_totals=False)
    total = grid.row_totals[0] if labels else Cell(0, False, limit or threshold())
    cells = grid.cells[0] if labels else []
    return Breakdown([(label, cell, cell.percent_of(total)) for label, cell in zip(labels, cells, strict=True)],
                     total)
