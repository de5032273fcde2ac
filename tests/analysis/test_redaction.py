"""Redaction: each kind of identifier, known names and schools, spans, and the written corpus."""

import re
from pathlib import Path

import pytest

from analysis.redaction import redact

DATA = Path(__file__).parent / "data"
KNOWN_NAMES = ["Mrs Adeyemi"]
KNOWN_SCHOOLS = ["Brookside Primary School"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Call 07700 900123 today", "Call [phone] today"),
    ("call +44 (0)115 496 0123.", "call [phone]."),
    ("ring 0115-496-0456", "ring [phone]"),
    ("me@example.com wrote", "[email] wrote"),
    ("we live in NG7 2UH", "we live in [postcode]"),
    ("we live in ng72uh", "we live in [postcode]"),
    ("NHS number 943 476 5919", "NHS number [NHS number]"),
    ("DOB 12.3.15", "DOB [date]"),
    ("born on 3rd March 2015", "born on [date]"),
    ("my son jack is 7", "my son [name] is 7"),
    ("her teacher mrs smith", "her teacher mrs [name]"),
    ("He attends St Mary's Primary School", "He attends [school]"),
    ("then oakfield academy said no", "then [school] said no"),
])
def test_each_kind_is_replaced(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "The Annual Review was in May.",
    "Speech and Language therapy on Monday",
    "The EHC Plan and CAMHS referral",
    "Will it ever get better? May I ask why?",
    "a mainstream secondary school with a special school unit",
    "at 2pm we waited 10 minutes in room 12",
])
def test_ordinary_service_words_are_left_alone(text):
    assert redact(text).text == text


def test_spans_point_into_the_original_text():
    text = "Email jo@example.org or call 07700 900123"
    result = redact(text)
    assert [(text[s.start:s.end], s.kind) for s in result.spans] == [
        ("jo@example.org", "email"), ("07700 900123", "phone")]
    assert result.kinds == {"email", "phone"}


def test_known_staff_and_schools_are_always_redacted():
    result = redact("Okonkwo at brookside was great", ["Mrs Okonkwo"], ["Brookside Primary School"])
    assert result.text == "[name] at [school] was great"


def test_empty_text():
    assert redact("").text == ""
    assert redact("").spans == []


def _corpus():
    marks = re.compile(r"\[\[(\w+):(.+?)\]\]")
    for line in (DATA / "redaction_corpus.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            planted = [(m.group(1), m.group(2)) for m in marks.finditer(line)]
            yield marks.sub(lambda m: m.group(2), line), planted


def test_corpus_recall_and_false_positives():
    planted = caught = clean = changed = 0
    structured_missed = []
    for text, marks in _corpus():
        result = redact(text, KNOWN_NAMES, KNOWN_SCHOOLS)
        if not marks:
            clean += 1
            changed += result.text != text
        for kind, value in marks:
            planted += 1
            hit = value not in result.text
            caught += hit
            if not hit and kind != "name":
                structured_missed.append((kind, value))
    assert structured_missed == []
    assert caught / planted >= 0.95
    assert changed / clean <= 0.05
