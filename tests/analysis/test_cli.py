"""The command line contracts other tools rely on, run as a user would."""

import csv
import subprocess
import sys
from pathlib import Path

from tests.analysis.synthetic import comments

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "analysis", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_themes_writes_every_row_in_order(tmp_path):
    texts, _ = comments(per_topic=12)
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, t] for i, t in enumerate(texts))
    result = _run("themes", str(source), "--text-column", "text", "--k", "4", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr  # progress goes to stderr
    rows = list(csv.DictReader(out.open()))
    assert [r["text"] for r in rows] == texts
    assert [r["id"] for r in rows] == [str(i) for i in range(len(texts))]
    assert all(r["theme_id"] and r["theme_label"] for r in rows)
    assert len({r["theme_id"] for r in rows}) == 4


def test_themes_reports_bad_input_without_a_traceback(tmp_path):
    output = str(tmp_path / "o.csv")
    missing = _run("themes", str(tmp_path / "nope.csv"), "--text-column", "text", "--output", output)
    assert missing.returncode != 0 and "not found" in missing.stderr and "Traceback" not in missing.stderr
    source = tmp_path / "in.csv"
    source.write_text("comment\nhello\n")
    wrong = _run("themes", str(source), "--text-column", "text", "--output", str(tmp_path / "o.csv"))
    assert wrong.returncode != 0 and "'text' not found" in wrong.stderr and "comment" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    elsewhere = str(tmp_path / "no" / "o.csv")
    nowhere = _run("themes", str(source), "--text-column", "comment", "--output", elsewhere)
    assert nowhere.returncode != 0 and "does not exist" in nowhere.stderr
    source.write_bytes(b"text\n\xff\xfe\n")
    binary = _run("themes", str(source), "--text-column", "text", "--output", str(tmp_path / "o.csv"))
    assert binary.returncode != 0 and "Traceback" not in binary.stderr


def test_redact_keeps_one_line_per_line():
    lines = ["My son jack is 7", "", "call 07700 900123", "nothing here"]
    result = _run("redact", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0
    assert result.stdout.split("\n")[:-1] == ["My son [name] is 7", "", "call [phone]", "nothing here"]


def test_triage_prints_flag_and_reason():
    result = _run("triage", stdin="he is cutting himself\nthe review went well\n")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["1\tself-harm", "0\t"]
