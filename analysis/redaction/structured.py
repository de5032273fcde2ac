"""Compiled patterns for structured identifiers: emails, UK phones, postcodes, NHS numbers, dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

Found = tuple[int, int, str]

EMAIL = re.compile(r"(?<![\w.+-])[\w.%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# 0 or +44 (optionally "(0)") then 9 or 10 more digits with spaces, dashes or brackets between.
PHONE = re.compile(r"(?<![\w+])(?:\+\s?44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d(?:[\s\-)(]{0,2}\d){8,9}(?![\d])")
# NHS numbers: ten digits, run together or grouped 3-3-4.
NHS_NUMBER = re.compile(r"(?<![\w+])\d{3}([ -]?)\d{3}\1\d{4}(?![\w])")
_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC "
    "EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS "
    "LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP "
    "SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_AREA = "|".join(sorted(_AREAS, key=len, reverse=True))
# Inward codes never use the letters C I K M O V, which keeps "2am" or "10km" out.
POSTCODE = re.compile(
    rf"\b(?:(?:{_AREA})\d[A-Z\d]?[ \t]*\d[ABD-HJLNP-UW-Z]{{2}}|GIR[ \t]*0AA)\b", re.IGNORECASE
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[/.\-]\d)")
ISO_DATE = re.compile(rf"(?<![\d/.\-]){_YEAR}-(?:0?[1-9]|1[0-2])-(?:[12]\d|3[01]|0?[1-9])(?!\d)")
TEXT_DATE = re.compile(
    rf"\b(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})(?!\d)",
    re.IGNORECASE,
)
# After a birth cue even a partial date identifies: "born on 3rd March", "DOB: March 2015".
_BIRTH_CUE = (
    r"(?:\bborn(?:\s+on|\s+in)?|\bd\.?o\.?b\.?|\bdate\s+of\s+birth(?:\s+is)?|\bbirthday(?:\s+is)?(?:\s+on)?)"
)
BIRTH_DATE = re.compile(
    rf"{_BIRTH_CUE}\s*[:\-]?\s*(?P<date>(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?|"
    rf"{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?|{_MONTH},?\s+{_YEAR}|{_YEAR}|"
    rf"\d{{1,2}}[/.\-]\d{{1,2}}(?:[/.\-]\d{{2,4}})?)(?![\w/])",
    re.IGNORECASE,
)


def _valid_numeric_date(match: re.Match[str]) -> bool:
    first, second = int(match.group(1)), int(match.group(3))
    day_month = 1 <= first <= 31 and 1 <= second <= 12
    month_day = 1 <= first <= 12 and 1 <= second <= 31
    return day_month or month_day


_DIGIT = re.compile(r"\d")
# Parts every match of a pattern contains, searched first because they are far cheaper than the pattern (the
# postcode pattern tries its 120 areas at every word): a postcode's inward code (digit and two letters), a year
# for the dates that need one, a birth cue.
_INWARD_CODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}", re.IGNORECASE)
_YEAR_HINT = re.compile(_YEAR)
_BIRTH_HINT = re.compile(r"born|birth|d\.?o\.?b", re.IGNORECASE)


def find_structured(text: str) -> Iterator[Found]:
    """Yield (start, end, kind) for every structured identifier in text."""
    if "@" in text:
        for m in EMAIL.finditer(text):
            yield m.start(), m.end(), "email"
    if not _DIGIT.search(text):
        return  # every other identifier has a digit in it
    patterns = [(PHONE, "phone"), (NHS_NUMBER, "nhs_number")]
    if _INWARD_CODE.search(text):
        patterns.append((POSTCODE, "postcode"))
    if _YEAR_HINT.search(text):
        patterns += [(ISO_DATE, "date"), (TEXT_DATE, "date")]
    for pattern, kind in patterns:
        for m in pattern.finditer(text):
            yield m.start(), m.end(), kind
    for m in NUMERIC_DATE.finditer(text):
        if _valid_numeric_date(m):
            yield m.start(), m.end(), "date"
    if _BIRTH_HINT.search(text):
        for m in BIRTH_DATE.finditer(text):
            yield m.start("date"), m.end("date"), "date"
