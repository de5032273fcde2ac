"""Who is not being heard: the mix of people who answered against the local area's baseline figures.

Pure functions, plain data in and out (the queries are in ``who_answered``), so the statistics are tested on known
figures.

When is a gap real?
    For each group (say, the South locality) we know how many responses came from it (k) out of all responses
    whose group is known (n), and the group's share of the local population (the baseline share, p0). The
    respondents' share k/n has a 95% Wilson score interval: the range of population shares that could plausibly
    have produced k out of n. The gap is real when p0 lies outside that interval, below it (over-represented) or
    above it (under-represented); otherwise it could be chance. The Wilson interval is used rather than the
    textbook "k/n plus or minus 1.96 standard errors" because it stays inside 0 to 1 and behaves at k = 0 and with
    small n, which is exactly where under-representation shows.

    For two groups together (a locality and a primary need) there are no joint baseline figures, so the expected
    share is the product of the two shares (as if need did not depend on locality), and "nobody answered" is
    real when the chance of nobody from a group that size answering, (1 - p)^n, is below 2.5%: the same one-sided
    tail the 95% interval leaves above.

Every count in a sentence goes through the one suppression rule; a share worked out from a suppressed count is not
given, so a sentence then says "fewer than 5 responses" instead.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from surveys.services.platform.suppression import Cell, suppress_breakdown, suppress_count

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
NOBODY_BY_CHANCE = 0.025


@dataclass(frozen=True)
class Interval:
    """A range of shares, each from 0 to 1."""

    low: float
    high: float

    def contains(self, share: float) -> bool:
        """Whether a share lies inside the interval (its ends included)."""
        return self.low <= share <= self.high


def wilson_interval(successes: int, total: int, z: float = Z_95) -> Interval:
    """The Wilson score interval for ``successes`` out of ``total`` (95% by default); 0 to 1 when total is 0."""
    if total <= 0:
        return Interval(0.0, 1.0)
    share = successes / total
    spread = z * z / total
    centre = (share + spread / 2) / (1 + spread)
    half = z * math.sqrt(share * (1 - share) / total + spread / (4 * total)) / (1 + spread)
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Comparison:
    """One group: its responses out of all with a known group, against its count in the local figures."""

    category: str
    responses: int
    respondents: int
    baseline: int
    baseline_total: int
    cell: Cell | None = None  # the responses as shown beside the others (secondary suppression applied)
    baseline_cell: Cell | None = None

    @property
    def share(self) -> float:
        return self.responses / self.respondents if self.respondents else 0.0

    @property
    def baseline_share(self) -> float:
        return self.baseline / self.baseline_total if self.baseline_total else 0.0

    @property
    def interval(self) -> Interval:
        return wilson_interval(self.responses, self.respondents)

    @property
    def verdict(self) -> str:
        """"under" or "over" when the gap is real, "in_line" when it could be chance, "unknown" with no responses."""
        if not self.respondents:
            return "unknown"
        if self.baseline_share > self.interval.high:
            return "under"
        if self.baseline_share < self.interval.low:
            return "over"
        return "in_line"

    @property
    def count(self) -> Cell:
        """The responses from this group, as they may be shown."""
        return self.cell or suppress_count(self.responses)

    @property
    def interval_text(self) -> str:
        """The 95% interval as "4% to 15%", or "" when the count is suppressed (the interval would reveal it)."""
        if self.count.suppressed or not self.respondents:
            return ""
        return f"{percent(self.interval.low)} to {percent(self.interval.high)}"


def compare(responses: Mapping[str, int], baseline: Mapping[str, int]) -> list[Comparison]:
    """Each baseline group against the responses from it, in the baseline's order.

    Only responses from groups in the baseline count towards the total, so both shares are of the same groups.
    """
    counts = {category: responses.get(category, 0) for category in baseline}
    shown, population = suppress_breakdown(counts), suppress_breakdown(dict(baseline))
    respondents, total = sum(counts.values()), sum(baseline.values())
    return [Comparison(category, counts[category], respondents, baseline[category], total, cell, baseline_cell)
            for (category, cell, _), (_, baseline_cell, _) in zip(shown.rows, population.rows, strict=True)]


def percent(share: float) -> str:
    """A share as a whole-number percentage ("8%"); "less than 1%" rather than a misleading "0%"."""
    if 0 < share < 0.005:
        return "less than 1%"
    return f"{round(100 * share)}%"


@dataclass(frozen=True)
class Wording:
    """How to name a group and the population in sentences: ``group`` is a format string with {category}."""

    group: str
    population: str
    period: str = ""  # "in the last 12 months", or "" for all time


def finding(comparison: Comparison, wording: Wording) -> str | None:
    """The plain sentence about one group, or None when its share could be chance."""
    group = wording.group.format(category=comparison.category, lower=comparison.category.lower())
    against = f"{percent(comparison.baseline_share)} of {wording.population}"
    when = f" {wording.period}" if wording.period else ""
    if comparison.verdict == "under" and comparison.responses == 0:
        return f"No {_lower_first(group)} answered{when}, against {against}."
    if comparison.verdict not in ("under", "over"):
        return None
    words = "under-represented" if comparison.verdict == "under" else "over-represented"
    return f"{group} are {words}{when}: {_responses(comparison)} against {against}."


def _responses(comparison: Comparison) -> str:
    cell = comparison.count
    if cell.suppressed:
        return f"{cell.text} responses"
    return f"{percent(comparison.share)} of responses"


def _lower_first(text: str) -> str:
    """"Families in ..." as "families in ..." after "No"; a capitalised name inside the text is kept."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def findings(comparisons: list[Comparison], wording: Wording) -> list[str]:
    """The sentences for every group whose gap is real, the most under-represented first."""
    ordered = sorted(comparisons, key=lambda c: c.share - c.baseline_share)
    return [sentence for c in ordered if (sentence := finding(c, wording)) is not None]


@dataclass(frozen=True)
class MissingPair:
    """Two groups together (a locality and a primary need) from whom nobody answered, though some were expected."""

    first: str
    second: str
    expected_share: float
    chance_of_nobody: float


def missing_pairs(pairs: Mapping[tuple[str, str], int], first: Mapping[str, int], second: Mapping[str, int],
                  respondents: int) -> list[MissingPair]:
    """Pairs with no responses where nobody answering by chance is below 2.5%, the least likely first."""
    first_total, second_total = sum(first.values()), sum(second.values())
    if not (first_total and second_total and respondents):
        return []
    missing = []
    for a, a_count in first.items():
        for b, b_count in second.items():
            expected = (a_count / first_total) * (b_count / second_total)
            chance = (1 - expected) ** respondents
            if pairs.get((a, b), 0) == 0 and chance < NOBODY_BY_CHANCE:
                missing.append(MissingPair(a, b, expected, chance))
    return sorted(missing, key=lambda pair: pair.chance_of_nobody)
