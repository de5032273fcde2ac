"""Read the hand-written redaction and triage corpora kept in tests/analysis/data."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "analysis" / "data"
KNOWN_NAMES = ["Mrs Adeyemi"]
KNOWN_SCHOOLS = ["Brookside Primary School"]
_MARK = re.compile(r"\[\[(\w+):(.+?)\]\]")


@dataclass
class Planted:
    """A comment with its planted identifiers as (start, end, kind) in the plain text."""

    text: str
    spans: list[tuple[int, int, str]]


def _unmark(line: str) -> Planted:
    text, spans, cursor = "", [], 0
    for m in _MARK.finditer(line):
        text += line[cursor:m.start()]
        spans.append((len(text), len(text) + len(m.group(2)), m.group(1)))
        text += m.group(2)
        cursor = m.end()
    return Planted(text + line[cursor:], spans)


def redaction_corpus(name: str = "redaction_corpus.txt") -> list[Planted]:
    """Every comment of a redaction corpus (redaction_corpus.txt or the held-out redaction_holdout.txt)."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [_unmark(line) for line in lines if line.strip() and not line.startswith("#")]


def triage_corpus(name: str = "triage_corpus.txt") -> list[tuple[bool, str]]:
    """(must be flagged, text) for every line of a triage corpus (or the held-out triage_holdout.txt)."""
    path = DATA / name if (DATA / name).exists() else ROOT / "analysis" / "data" / name  # the model's corpus ships
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(line[0] == "1", line[2:]) for line in lines if line.strip() and not line.startswith("#")]
