"""Staff views for compliments, comments and complaints."""

from flask import render_template
from flask_login import current_user

from surveys.models import Case
from surveys.services import cases as case_service
from surveys.services.scoping import get_scoped_or_404
from surveys.staff import bp
from surveys.staff.access import CASE_ROLES, roles_required


@bp.route("/cases")
@roles_required(*CASE_ROLES)
def cases():
    """Cases this member of staff may see, newest first."""
    return render_template("staff/cases.html", cases=case_service.list_cases(current_user), today=case_service.today())


@bp.route("/cases/<int:case_id>")
@roles_required(*CASE_ROLES)
def case_detail(case_id: int):
    """One case. A partner lead asking for another partner's case gets 404."""
    case = get_scoped_or_404(Case, case_id, current_user)
    return render_template("staff/case.html", case=case, today=case_service.today())
