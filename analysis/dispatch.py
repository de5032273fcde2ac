"""Speed up a large alternation of regexes by dispatching on each branch's possible first letter.

Python's re tries every branch of `a|b|c|...` at every position. Grouping branches under a
lookahead for their first character, `(?=a)(?:...)|(?=b)(?:...)`, skips most of them at once.
The first characters come from re's own parser, so the combined pattern matches exactly where
some branch matches; branches whose start cannot be worked out are always tried.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

Chars = frozenset[str] | None  # None: could start with anything


def _first_of_set(items: list) -> Chars:
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 128:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            return None  # categories (\w, \d), negated sets
    return frozenset(chars)


def _first(seq) -> tuple[Chars, bool]:
    """Possible first characters of a parsed pattern, and whether it can match the empty string."""
    found: set[str] = set()
    for op, av in seq:
        if op is c.LITERAL:
            return frozenset(found | {chr(av)}), False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.IN:
            chars = _first_of_set(av)
            return (None, False) if chars is None else (frozenset(found | chars), False)
        if op is c.SUBPATTERN:
            chars, nullable = _first(av[3])
        elif op is c.BRANCH:
            parts = [_first(branch) for branch in av[1]]
            if any(p[0] is None for p in parts):
                return None, False
            chars = frozenset().union(*(p[0] for p in parts))
            nullable = any(p[1] for p in parts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            chars, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def first_chars(pattern: str) -> Chars:
    """The characters a match of pattern can start with (None if unknown or possibly empty)."""
    chars, nullable = _first(_parser.parse(pattern))
    return None if nullable else chars


def dispatching_pattern(branches: list[str], prefix: str = "") -> re.Pattern[str]:
    """One compiled pattern equivalent to prefix(?:b1|b2|...), with branches grouped by first character."""
    by_char: dict[str, list[str]] = {}
    always: list[str] = []
    for branch in branches:
        chars = first_chars(branch)
        if chars is None:
            always.append(branch)
        else:
            for ch in sorted(chars):
                by_char.setdefault(ch, []).append(branch)
    groups = [f"(?={re.escape(ch)})(?:{'|'.join(bs)})" for ch, bs in sorted(by_char.items())]
    groups += [f"(?:{b})" for b in always]
    return re.compile(prefix + "(?:" + "|".join(groups) + ")")
