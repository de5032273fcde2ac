"""The board report and the annual report at /staff/reports: printable pages, PDFs made on demand, and the copies
kept with the day they were made (by the scheduler a week before each board meeting, or by staff on demand).

Partner leads may not open the board report: it is the whole partnership's board pack, the same for everyone who
opens it, and its kept copies hold every partner's actions and figures. Their own slice is in the log and the
dashboard. They may open the annual report, which holds only what was published to families.
"""

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from surveys.services.act.rag import board_dates
from surveys.services.platform.calendar import today
from surveys.services.platform.errors import NotFound
from surveys.services.report import annual as annual_service
from surveys.services.report import board as board_service
from surveys.services.report import kept as kept_service
from surveys.staff import bp
from surveys.staff.access import may_use, roles_required

BOARD_ROLES = ("coproduction_lead", "analyst", "viewer", "pcf_rep")
ANNUAL_ROLES = (*BOARD_ROLES, "partner_lead")
KEEPER_ROLES = ("coproduction_lead", "analyst")


def readable_kinds() -> tuple[str, ...]:
    """The kinds of kept report the signed-in person may open."""
    return ("board", "annual") if may_use(current_user.role, BOARD_ROLES) else ("annual",)


def chosen_meeting() -> date:
    """The meeting asked for by ``?meeting=YYYY-MM-DD``, else the next one (NotFound for a date with no meeting)."""
    value = request.args.get("meeting", "").strip()
    try:
        chosen = date.fromisoformat(value) if value else None
    except ValueError:
        raise NotFound("There is no board meeting on that date.") from None
    return board_service.meeting_for(chosen, today())


def pdf_response(pdf: bytes, filename: str) -> Response:
    """A PDF to download."""
    response = Response(pdf, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response


@bp.route("/reports")
@roles_required(*ANNUAL_ROLES)
def reports():
    """The kept reports, the newest first, with links to read and download each."""
    return render_template("staff/reports/list.html", reports=kept_service.kept_reports(readable_kinds()),
                           may_read_board=may_use(current_user.role, BOARD_ROLES))


@bp.route("/reports/board")
@roles_required(*BOARD_ROLES)
def board_report():
    """The board report for a meeting (the next one unless chosen), as a printable page."""
    if not board_dates():
        return render_template("staff/reports/board_empty.html")
    meeting = chosen_meeting()
    content = kept_service.board_content(board_service.board_report(meeting, today()))
    return render_template("staff/reports/board.html", content=content, meeting=meeting, meetings=board_dates(),
                           may_keep=may_use(current_user.role, KEEPER_ROLES))


@bp.route("/reports/board.pdf")
@roles_required(*BOARD_ROLES)
def board_report_pdf():
    """The board report as a PDF, made now."""
    meeting = chosen_meeting()
    content = kept_service.board_content(board_service.board_report(meeting, today()))
    return pdf_response(kept_service.to_pdf(kept_service.board_title(meeting), content),
                        f"board-report-{meeting.isoformat()}.pdf")


@bp.route("/reports/board", methods=["POST"])
@roles_required(*KEEPER_ROLES)
def keep_board_report():
    """Keep a copy of the board report as it is now."""
    meeting = chosen_meeting()
    kept_service.keep_board_report(meeting, today(), current_user)
    flash(f"{kept_service.board_title(meeting)} kept", "success")
    return redirect(url_for("staff.reports"))


@bp.route("/reports/annual")
@roles_required(*ANNUAL_ROLES)
def annual_report():
    """The annual "you said, we did" report for a year (this year unless chosen), as a printable page."""
    year = annual_service.parse_year(request.args.get("year"), today().year)
    content = kept_service.annual_content(annual_service.annual_report(year))
    return render_template("staff/reports/annual.html", content=content, year=year,
                           may_keep=may_use(current_user.role, KEEPER_ROLES))


@bp.route("/reports/annual.pdf")
@roles_required(*ANNUAL_ROLES)
def annual_report_pdf():
    """The annual report as a PDF, made now."""
    year = annual_service.parse_year(request.args.get("year"), today().year)
    content = kept_service.annual_content(annual_service.annual_report(year))
    return pdf_response(kept_service.to_pdf(kept_service.annual_title(year), content), f"annual-report-{year}.pdf")


@bp.route("/reports/annual", methods=["POST"])
@roles_required(*KEEPER_ROLES)
def keep_annual_report():
    """Keep a copy of the annual report as it is now."""
    year = annual_service.parse_year(request.args.get("year"), today().year)
    kept_service.keep_annual_report(year, current_user)
    flash(f"{kept_service.annual_title(year)} kept", "success")
    return redirect(url_for("staff.reports"))


@bp.route("/reports/<int:report_id>")
@roles_required(*ANNUAL_ROLES)
def kept_report(report_id: int):
    """A kept report, exactly as it was made."""
    report = kept_service.get_kept(report_id, readable_kinds())
    # Our own rendering, kept as it was made: every value in it was escaped when it was rendered.
    content = Markup(report.html)  # noqa: S704  # nosec B704
    return render_template("staff/reports/kept.html", report=report, content=content)


@bp.route("/reports/<int:report_id>.pdf")
@roles_required(*ANNUAL_ROLES)
def kept_report_pdf(report_id: int):
    """A kept report's PDF, exactly as it was made."""
    report = kept_service.get_kept(report_id, readable_kinds())
    return pdf_response(report.pdf, f"{report.kind}-report-{report.for_date.isoformat()}-{report.id}.pdf")
