"""Tables of counts for reports: a cross tabulation of counts, suppressed once, with labels in order."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from surveys.services.platform.suppression import Cell, Grid, suppress_grid


@dataclass(frozen=True)
class CrossTab:
    """Counts by row and column after suppression; shares are of the row's total."""

    row_labels: list[str]
    column_labels: list[str]
    grid: Grid

    def rows(self) -> list[tuple[str, list[tuple[Cell, str]], Cell]]:
        """Each row as (label, [(count, share of the row)], row total)."""
        return [
            (label, [(cell, cell.percent_of(total)) for cell in cells], total)
            for label, cells, total in zip(self.row_labels, self.grid.cells, self.grid.row_totals, strict=True)
        ]

    @property
    def empty(self) -> bool:
        """True when there is nothing to show."""
        return not self.row_labels or self.grid.total.count == 0


def crosstab(counts: Mapping[tuple[str, str], int], row_labels: Sequence[str], column_labels: Sequence[str],
             ) -> CrossTab:
    """A suppressed table of ``counts`` keyed by (row, column), with zeros where a pair has no count.

    Only row totals are shown, so only they are protected by secondary suppression."""
    numbers = [[counts.get((row, column), 0) for column in column_labels] for row in row_labels]
    return CrossTab(list(row_labels), list(column_labels), suppress_grid(numbers, column_totals=False))


def ordered(known: Sequence[str], seen) -> list[str]:
    """Labels in their usual order first, then any others seen, sorted."""
    extra = sorted({label for label in seen if label not in known})
    return [*known, *extra]
