"""Board and annual reports as documents: rendered to HTML and to PDF, kept with the day they were made.

The PDF comes from WeasyPrint (see the README, "PDF reports"), which lays out the same HTML the page shows with a
print style sheet of its own (templates/reports/pdf.css). The report's content templates use no ``url_for``, so
the scheduler can make a report without a request.

The scheduler makes each board report once, ``BOARD_NOTICE_DAYS`` before the meeting (or on a later day if it was
down), and last year's annual report once in the new year. A copy someone kept on demand does not count as the
scheduled one: the board pack is always the copy made a week before the meeting.
"""

from datetime import date, timedelta

from flask import render_template
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import defer

from surveys.models import Report, User, db
from surveys.services.act.rag import RAG_RULES, board_dates
from surveys.services.platform.errors import NotFound
from surveys.services.report.annual import AnnualReport, annual_report
from surveys.services.report.board import BoardReport, board_report

BOARD_NOTICE_DAYS = 7
ANNUAL_FOR_DATE_MONTH = 1  # an annual report is kept for the first day of its year


def board_content(report: BoardReport) -> Markup:
    """The board report's content (headings, tables, figures), as the page and the PDF show it."""
    return Markup(render_template("reports/board_content.html", report=report, rules=RAG_RULES))  # noqa: S704  # nosec B704


def annual_content(report: AnnualReport) -> Markup:
    """The annual report's content, as the page and the PDF show it."""
    return Markup(render_template("reports/annual_content.html", report=report))  # noqa: S704  # nosec B704


def to_pdf(title: str, content: Markup) -> bytes:
    """``content`` laid out as an A4 PDF with the report style sheet."""
    import weasyprint  # here, not at the top: it loads Pango, and the app should start (without PDFs) if it is missing

    document = render_template("reports/document.html", title=title, content=content)
    return weasyprint.HTML(string=document).write_pdf()


def keep(kind: str, for_date: date, title: str, content: Markup, user: User | None = None) -> Report:
    """Keep a report as it is now (its HTML and its PDF); ``user`` None means the scheduler made it."""
    report = Report(kind=kind, for_date=for_date, html=str(content), pdf=to_pdf(title, content),
                    made_by_id=user.id if user else None)
    db.session.add(report)
    db.session.flush()
    return report


def board_title(meeting: date) -> str:
    """The board report's title, as the PDF and the list of kept reports name it."""
    return f"Board report for the meeting on {meeting.day} {meeting:%B %Y}"


def annual_title(year: int) -> str:
    """The annual report's title."""
    return f"You said, we did: annual report {year}"


def keep_board_report(meeting: date, on: date, user: User | None = None) -> Report:
    """Make the board report for ``meeting`` as on ``on`` and keep it."""
    return keep("board", meeting, board_title(meeting), board_content(board_report(meeting, on)), user)


def keep_annual_report(year: int, user: User | None = None) -> Report:
    """Make the annual report for ``year`` and keep it."""
    return keep("annual", date(year, ANNUAL_FOR_DATE_MONTH, 1), annual_title(year),
                annual_content(annual_report(year)), user)


def kept_reports(kinds: tuple[str, ...]) -> list[Report]:
    """The kept reports of ``kinds``, the newest first (their HTML and PDF left unread until asked for)."""
    query = (select(Report).options(defer(Report.html), defer(Report.pdf)).where(Report.kind.in_(kinds))
             .order_by(Report.made_at.desc(), Report.id.desc()))
    return list(db.session.scalars(query))


def get_kept(report_id: int, kinds: tuple[str, ...]) -> Report:
    """A kept report of one of ``kinds``; NotFound for any other id."""
    report = db.session.get(Report, report_id)
    if report is None or report.kind not in kinds:
        raise NotFound()
    return report


def _scheduled(kind: str, for_date: date) -> bool:
    query = select(Report.id).where(Report.kind == kind, Report.for_date == for_date, Report.made_by_id.is_(None))
    return db.session.scalar(query.limit(1)) is not None


def due_board_meetings(on: date) -> list[date]:
    """Meetings within ``BOARD_NOTICE_DAYS`` from ``on`` (today's included) with no scheduled report yet."""
    soon = [day for day in board_dates() if on <= day <= on + timedelta(days=BOARD_NOTICE_DAYS)]
    return [day for day in soon if not _scheduled("board", day)]


def annual_report_due(on: date) -> bool:
    """True when last year had publications and its annual report has not been made by the scheduler."""
    year = on.year - 1
    return not _scheduled("annual", date(year, ANNUAL_FOR_DATE_MONTH, 1)) and bool(annual_report(year).publications)


def make_due_reports(on: date) -> int:
    """Make and keep every report that is due on ``on`` and not made yet; how many were made."""
    made = [keep_board_report(meeting, on) for meeting in due_board_meetings(on)]
    if annual_report_due(on):
        made.append(keep_annual_report(on.year - 1))
    return len(made)
