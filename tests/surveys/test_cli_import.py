"""`flask import-comments FILE`: columns, report, problems file, strict mode, all or nothing."""

import csv

from openpyxl import Workbook
from sqlalchemy import func, select

from surveys.models import AuditEvent, Comment, db
from surveys.services.understand import comment_import
from tests.factories import make_partner


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


def run(app, *args):
    return app.test_cli_runner().invoke(args=["import-comments", *map(str, args)])


def comment_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Comment))


SURVEY = [
    ["Comment", "Area", "Service", "Received", "Quote"],
    ["Email me at sam@example.com, the review was late", "North", "North Exampleshire ICB", "2025-03-14", "yes"],
    ["He said he wants to kill himself", "South", "", "14/03/2025", "no"],
    ["", "East", "", "", ""],
    ["The plan finally arrived", "East", "Nobody Trust", "2025-13-01", ""],
]


def test_without_a_text_column_the_columns_are_listed(app, app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", SURVEY)
    result = run(app, path)
    assert result.exit_code == 1
    assert "Columns in" in result.output and "  Comment\n  Area\n  Service\n  Received\n  Quote\n" in result.output
    assert "Choose the column with the free text: --text-column NAME." in result.output
    assert comment_count() == 0


def test_an_unknown_column_names_the_columns_there_are(app, app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", SURVEY)
    result = run(app, path, "--text-column", "Feedback")
    assert result.exit_code == 1
    assert ("There is no column called ‘Feedback’ (for the text). The columns are: ‘Comment’, ‘Area’, ‘Service’, "
            "‘Received’, ‘Quote’. Nothing was imported.") in result.output
    result = run(app, path, "--text-column", "Comment", "--segment", "colour=Area")
    assert result.exit_code == 1 and "There is no segment called ‘colour’" in result.output


def test_import_reports_problems_flags_and_the_next_step(app, app_context, tmp_path):
    make_partner("North Exampleshire ICB")
    path = write_csv(tmp_path / "survey.csv", SURVEY)
    problems = tmp_path / "problems.csv"
    result = run(app, path, "--text-column", "Comment", "--segment", "locality=Area", "--segment", "partner=Service",
                 "--segment", "received_at=Received", "--consent-column", "Quote", "--errors-csv", problems)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ("line 5: There is no partner called ‘Nobody Trust’. Date received ‘2025-13-01’ is not a date like "
            "2025-03-14 or 14/03/2025\n") in out
    assert "Read 4 rows from survey.csv: 2 good, 1 with no text (skipped), 1 with problems (not imported)." in out
    assert "Imported 2 comments in" in out
    assert "1 comment was flagged for safeguarding: it is in the safeguarding queue" in out
    assert out.rstrip().endswith("Run `flask themes run` to theme them.")
    assert "Reading rows" in result.stderr and "Analysing" in result.stderr  # progress goes to stderr
    with open(problems, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1][0] == "5"
    first, second = db.session.scalars(select(Comment).order_by(Comment.id))
    assert "sam@example.com" not in first.redacted_text and first.consent_quote and first.locality == "North"
    assert second.safeguarding_flag and not second.consent_quote

    again = run(app, path, "--text-column", "Comment")
    assert again.exit_code == 1 and "was imported before" in again.output and comment_count() == 2


def test_strict_stops_with_nothing_imported(app, app_context, tmp_path):
    make_partner("North Exampleshire ICB")
    path = write_csv(tmp_path / "survey.csv", SURVEY)
    result = run(app, path, "--text-column", "Comment", "--segment", "partner=Service", "--strict")
    assert result.exit_code == 1
    assert "line 5: There is no partner called ‘Nobody Trust’" in result.output
    assert "Nothing was imported: 1 row with problems and --strict." in result.output
    assert comment_count() == 0


def test_dry_run_imports_nothing(app, app_context, tmp_path):
    path = write_csv(tmp_path / "survey.csv", SURVEY)
    result = run(app, path, "--text-column", "Comment", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing was imported. 3 comments would be imported." in result.output
    assert comment_count() == 0


def test_xlsx_with_a_named_sheet(app, app_context, tmp_path):
    workbook = Workbook()
    workbook.active.append(["cover sheet"])
    sheet = workbook.create_sheet("Answers")
    for row in (["Your views", "Stage"], ["Helpful SENCO", "Annual review"], ["Waiting too long", "tribunal"]):
        sheet.append(row)
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    result = run(app, path, "--sheet", "Answers", "--text-column", "Your views", "--segment", "journey_stage=Stage")
    assert result.exit_code == 0, result.output
    assert "Imported 2 comments" in result.output
    assert sorted(db.session.scalars(select(Comment.journey_stage))) == ["annual_review", "tribunal"]


def test_ctrl_c_leaves_nothing_imported(app, app_context, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "survey.csv", SURVEY)

    def interrupted(rows):
        raise KeyboardInterrupt

    monkeypatch.setattr(comment_import, "_insert_batch", interrupted)
    result = run(app, path, "--text-column", "Comment")
    assert result.exit_code == 1
    assert "Stopped: nothing was imported." in result.stderr
    assert comment_count() == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_a_file_over_the_cap_is_refused_with_a_clear_message(app, app_context, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "huge.csv", [["Comment"]] + [["The review was late."]] * 200)
    monkeypatch.setitem(app.config, "COMMENT_IMPORT_MAX_BYTES", 1024)
    result = run(app, path, "--text-column", "Comment")
    assert result.exit_code == 1
    assert "huge.csv must be smaller than 1KB. Split it into smaller files" in result.output
    assert comment_count() == 0
