"""A codebook: the themes a co-production lead expects, each with a few example phrases.

The engine starts its clustering from one centre per codebook theme (the mean of its phrases in the run's
space) plus centres for themes nobody expected, so it still proposes what the codebook does not cover.
A cluster keeps the codebook's name only while its centre stays close to where its phrases put it.
Read from a CSV of theme name and example phrase (one phrase a row; a header row is optional).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

MAX_ENTRIES = 40
MAX_PHRASES = 20
MAX_LENGTH = 200
HEADER_NAMES = {"theme", "theme name", "name", "label"}


class CodebookError(ValueError):
    """A codebook that cannot be used, with the line it is about."""


@dataclass
class CodebookEntry:
    """One expected theme: its name and the phrases people might use about it."""

    name: str
    phrases: list[str] = field(default_factory=list)


def _clean(value: str) -> str:
    return " ".join((value or "").split())


def _add(entries: dict[str, CodebookEntry], name: str, phrase: str, line: int) -> None:
    if not name or not phrase:
        raise CodebookError(f"line {line}: give a theme name and an example phrase")
    if len(name) > MAX_LENGTH or len(phrase) > MAX_LENGTH:
        raise CodebookError(f"line {line}: names and phrases must be {MAX_LENGTH} characters or fewer")
    entry = entries.setdefault(name.lower(), CodebookEntry(name))
    if len(entries) > MAX_ENTRIES:
        raise CodebookError(f"line {line}: a codebook has at most {MAX_ENTRIES} themes")
    if len(entry.phrases) >= MAX_PHRASES:
        raise CodebookError(f"line {line}: at most {MAX_PHRASES} phrases for ‘{entry.name}’")
    if phrase.lower() not in (p.lower() for p in entry.phrases):
        entry.phrases.append(phrase)


def parse_codebook(text: str) -> list[CodebookEntry]:
    """Entries from CSV text: theme name, example phrase (rows of one theme are gathered in order)."""
    entries: dict[str, CodebookEntry] = {}
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as error:
        raise CodebookError(f"not a valid CSV file: {error}") from error
    for line, row in enumerate(rows, start=1):
        cells = [_clean(c) for c in row]
        if not any(cells):
            continue
        if line == 1 and cells[0].lower() in HEADER_NAMES:
            continue
        if len(cells) != 2:
            raise CodebookError(f"line {line}: expected 2 columns (theme name, example phrase), found {len(cells)}")
        _add(entries, cells[0], cells[1], line)
    if not entries:
        raise CodebookError("the codebook has no themes")
    return list(entries.values())


def read_codebook(path: str) -> list[CodebookEntry]:
    """Entries from a UTF-8 CSV file."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return parse_codebook(handle.read())


# The areas the SEND inspection framework looks at, in the words families use: a first codebook to edit.
SEND_INSPECTION_CODEBOOK = [
    CodebookEntry("Waiting for an assessment", [
        "waiting for an assessment", "EHC needs assessment", "20 weeks", "still waiting", "assessment was refused"]),
    CodebookEntry("EHC plans and annual reviews", [
        "annual review", "EHC plan", "the plan is out of date", "review meeting", "draft plan"]),
    CodebookEntry("Not being listened to", [
        "not listened to", "nobody listens", "our views", "involved in decisions", "listen to parents"]),
    CodebookEntry("Communication and keeping us informed", [
        "no reply", "emails not answered", "kept informed", "caseworker", "phone calls"]),
    CodebookEntry("Support in school", [
        "support in school", "SENCO", "teaching assistant", "part-time timetable", "reasonable adjustments"]),
    CodebookEntry("Therapies", [
        "speech and language therapy", "occupational therapy", "speech therapist", "OT", "physiotherapy"]),
    CodebookEntry("Waiting for CAMHS", [
        "CAMHS", "mental health", "anxiety", "waiting for CAMHS", "referral was rejected"]),
    CodebookEntry("Home to school transport", [
        "school transport", "taxi", "bus", "transport team", "passenger assistant"]),
    CodebookEntry("Finding the right school place", [
        "special school", "school place", "specialist provision", "placement", "out of area"]),
    CodebookEntry("Preparing for next steps", [
        "moving school", "transition", "college", "preparing for adulthood", "next steps"]),
    CodebookEntry("Short breaks and social care", [
        "short breaks", "respite", "social worker", "holiday club", "nothing to do in the holidays"]),
    CodebookEntry("Services working together", [
        "joined up", "tell our story again", "services talk to each other", "health and education",
        "single point of contact"]),
    CodebookEntry("Tribunal and mediation", [
        "tribunal", "mediation", "appeal", "complaint", "legal"]),
]
