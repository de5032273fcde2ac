"""Reports as PDFs and kept copies: the PDF holds the headings and figures; the job makes each report once."""

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from surveys import jobs
from surveys.models import BoardMeeting, Report, db
from surveys.services.platform.calendar import today
from surveys.services.report import kept
from surveys.services.report.annual import annual_report
from surveys.services.report.board import board_report
from tests.factories import make_user
from tests.surveys.services.report.reports_data import MEETING, ON, board_data, two_publications


def pdf_text(pdf: bytes) -> str:
    """The words of every page of a PDF, spaced as one line."""
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def kept_count(kind: str) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(Report.kind == kind))


def test_the_board_report_pdf_has_the_headings_and_figures(app_context):
    board_data()
    text = pdf_text(kept.to_pdf("Board report", kept.board_content(board_report(MEETING, ON))))
    for heading in ("Board report for the meeting on 25 November 2026", "Action and impact log",
                    "Dashboard figures", "New and growing themes", "Complaint timeliness"):
        assert heading in text
    assert "Shorter waits for assessments" in text and "The target date passed 10 days ago." in text
    assert "School transport" in text and "Growing" in text


def test_the_annual_report_pdf_has_the_themes_and_actions(app_context):
    two_publications()
    text = pdf_text(kept.to_pdf("Annual", kept.annual_content(annual_report(2026))))
    for words in ("You said, we did: annual report 2026", "The year in numbers", "You said: Waiting for CAMHS",
                  "Drop-in clinics", "Completed", "Latest update, 20 August 2026: Clinics open weekly."):
        assert words in text


def test_a_kept_report_keeps_its_html_pdf_maker_and_date(app_context):
    board_data()
    user = make_user("analyst")
    report = kept.keep_board_report(MEETING, ON, user)
    db.session.commit()
    assert (report.kind, report.for_date, report.made_by_id) == ("board", MEETING, user.id)
    assert "Board report for the meeting on 25 November 2026" in report.html
    assert report.pdf.startswith(b"%PDF") and report.made_at is not None
    assert kept.kept_reports(("annual",)) == [] and kept.kept_reports(("board",)) == [report]


def test_the_board_report_is_made_once_a_week_before_the_meeting(app_context):
    board_data()
    assert kept.make_due_reports(MEETING - timedelta(days=8)) == 0  # not due yet
    assert kept.make_due_reports(MEETING - timedelta(days=7)) == 1
    assert kept.make_due_reports(MEETING - timedelta(days=6)) == 0  # made already
    db.session.commit()
    assert kept_count("board") == 1
    assert kept.make_due_reports(MEETING + timedelta(days=1)) == 0  # the meeting has passed


def test_a_copy_kept_by_hand_does_not_stop_the_scheduled_one(app_context):
    board_data()
    kept.keep_board_report(MEETING, ON, make_user("analyst"))
    assert kept.make_due_reports(ON) == 1


def test_last_years_annual_report_is_made_once(app_context):
    two_publications()
    assert kept.make_due_reports(date(2027, 1, 4)) == 1
    assert kept.make_due_reports(date(2027, 1, 5)) == 0
    assert kept.make_due_reports(date(2026, 1, 5)) == 1  # 2025 had a publication too
    assert kept.make_due_reports(date(2025, 1, 5)) == 0  # 2024 had none


@pytest.mark.parametrize("runs", [1, 2])
def test_the_scheduled_job_makes_one_report_however_often_it_runs(app, runs):
    with app.app_context():
        db.session.add(BoardMeeting(meets_on=today() + timedelta(days=3)))
        db.session.commit()
        made = [jobs.run_job("make_due_reports") for _ in range(runs)]
        assert made == [1] + [0] * (runs - 1)
        assert kept_count("board") == 1
