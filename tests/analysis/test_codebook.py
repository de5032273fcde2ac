"""Codebooks: read from CSV, seed the clustering, and leave room for themes they do not cover."""

import csv

import pytest

from analysis.themes import discover_themes
from analysis.themes.codebook import SEND_INSPECTION_CODEBOOK, CodebookEntry, CodebookError, parse_codebook
from tests.analysis.synthetic import comments
from tests.analysis.test_cli import _run

CODEBOOK = [
    CodebookEntry("Getting to school", ["taxi to school", "school bus transport", "transport escort"]),
    CodebookEntry("Speech therapy", ["speech and language therapy", "SALT therapist", "speech therapy"]),
]


def test_parse_gathers_phrases_by_theme_with_or_without_a_header():
    text = "theme,phrase\nTransport,taxi\nWaiting,20 weeks\ntransport , the  bus\nTransport,Taxi\n"
    entries = parse_codebook(text)
    assert [(e.name, e.phrases) for e in entries] == [("Transport", ["taxi", "the bus"]), ("Waiting", ["20 weeks"])]
    assert [e.name for e in parse_codebook("Transport,taxi\n")] == ["Transport"]


@pytest.mark.parametrize("text, message", [
    ("", "no themes"),
    ("theme,phrase\n", "no themes"),
    ("Transport\n", "line 1: expected 2 columns"),
    ("Transport,taxi,bus\n", "expected 2 columns"),
    ("Transport,\n", "line 1: give a theme name and an example phrase"),
    ("Transport,taxi\n," + "x" * 300 + "\n", "line 2"),
    ("".join(f"Theme {i},phrase\n" for i in range(41)), "at most 40 themes"),
])
def test_parse_rejects_bad_codebooks_by_line(text, message):
    with pytest.raises(CodebookError, match=message):
        parse_codebook(text)


def test_codebook_themes_are_named_and_new_themes_still_proposed():
    texts, topics = comments()
    run = discover_themes(texts, codebook=CODEBOOK, seed=0)
    by_label = {t.label: t for t in run.themes}
    assert by_label["Getting to school"].from_codebook and by_label["Speech therapy"].from_codebook
    members = {t.id: [topic for topic, a in zip(topics, run.assignments, strict=True) if a.theme_id == t.id]
               for t in run.themes}
    transport = members[by_label["Getting to school"].id]
    assert transport.count("transport") / len(transport) > 0.7
    assert members[by_label["Speech therapy"].id].count("therapy") / len(members[by_label["Speech therapy"].id]) > 0.7
    others = [t for t in run.themes if not t.from_codebook and t.size]
    assert any(set(members[t.id]) & {"waiting", "staff"} for t in others)  # not covered by the codebook


def test_a_codebook_theme_nobody_writes_about_keeps_no_name():
    texts, _ = comments(topics=("waiting", "staff"))
    unrelated = [CodebookEntry("Holiday clubs", ["holiday club", "summer scheme", "swimming"])]
    run = discover_themes(texts, k=3, codebook=unrelated, seed=0)
    assert all(t.label != "Holiday clubs" or t.size == 0 for t in run.themes)


def test_unseeded_runs_are_unchanged_by_an_empty_codebook():
    texts, _ = comments()
    plain, empty = discover_themes(texts, k=4, seed=0), discover_themes(texts, k=4, seed=0, codebook=())
    assert [a.theme_id for a in plain.assignments] == [a.theme_id for a in empty.assignments]


def test_the_send_inspection_codebook_is_well_formed():
    assert len(SEND_INSPECTION_CODEBOOK) >= 10
    assert len({e.name.lower() for e in SEND_INSPECTION_CODEBOOK}) == len(SEND_INSPECTION_CODEBOOK)
    assert all(len(e.phrases) >= 3 for e in SEND_INSPECTION_CODEBOOK)


def _write(path, rows):
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_cli_codebook_flag(tmp_path):
    texts, _ = comments(per_topic=12)
    source, out, book = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "book.csv"
    _write(source, [["text"], *[[t] for t in texts]])
    _write(book, [["theme", "phrase"], *[[e.name, p] for e in CODEBOOK for p in e.phrases]])
    result = _run("themes", str(source), "--text-column", "text", "--output", str(out), "--codebook", str(book))
    assert result.returncode == 0, result.stderr
    labels = {row["theme_label"] for row in csv.DictReader(out.open())}
    assert {"Getting to school", "Speech therapy"} <= labels


def test_cli_reports_a_bad_codebook(tmp_path):
    source, out, book = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "book.csv"
    _write(source, [["text"], ["hello"]])
    missing = _run("themes", str(source), "--text-column", "text", "--output", str(out),
                   "--codebook", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "codebook file not found" in missing.stderr
    _write(book, [["Transport", "taxi", "extra"]])
    bad = _run("themes", str(source), "--text-column", "text", "--output", str(out), "--codebook", str(book))
    assert bad.returncode == 1 and "line 1: expected 2 columns" in bad.stderr and "Traceback" not in bad.stderr
    assert not out.exists()
