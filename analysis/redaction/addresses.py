"""Find home addresses: a house number with a street name ("22 Fenwick Terrace", "Flat 3, 14 High Street")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.redaction.structured import Found

STREET_TYPES = (
    "street st road rd terrace terr avenue ave close lane ln drive dr way crescent cres gardens gdns place pl "
    "court ct grove walk row rise view square sq mews hill park parade green croft fold gate mount vale wynd "
    "heights brow bank side meadow meadows chase boulevard grange"
).split()
_TYPE = "|".join(sorted({t.capitalize() for t in STREET_TYPES} | set(STREET_TYPES), key=len, reverse=True))
# A flat or unit first, optionally; then a house number (12, 12a, 12-14); one to three capitalised words;
# then the street's type. Lower-case street words count only with a lower-case type ("22 fenwick terrace").
ADDRESS = re.compile(
    r"(?<![\w£$.,])(?:(?:[Ff]lat|FLAT|[Aa]partment|[Uu]nit|[Aa]pt\.?)\s+\d{1,4}[A-Za-z]?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:-\d{1,4})?,?\s+"
    r"(?:(?:[A-Z][\w'\u2019]*[-\s]){1,3}(?:" + _TYPE + r")"
    r"|(?:[a-z][a-z'\u2019]+\s){1,2}(?:" + "|".join(STREET_TYPES[:9]) + r"|avenue|crescent|gardens|mews))\b"
)
_NOT_A_STREET = frozenset("hours hour minutes weeks days months years times pages miles am pm".split())


def find_addresses(text: str) -> Iterator[Found]:
    """Yield (start, end, "address") for each house number followed by a street name."""
    for m in ADDRESS.finditer(text):
        words = m.group().lower().replace(",", " ").split()
        if not _NOT_A_STREET.isdisjoint(words):
            continue
        yield m.start(), m.end(), "address"
