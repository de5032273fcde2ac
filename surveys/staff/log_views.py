"""The action and impact log at /staff/log: every action the person may see, its RAG status and why, slippage,
the latest update and the impact measure before and after. Filters are GET query arguments, so the page works
without JavaScript, can be bookmarked, and the export links carry the same filters.
"""

from flask import render_template, request, url_for
from flask_login import current_user

from surveys.models import ACTION_STATUSES
from surveys.services.act.impact import CAUTION
from surveys.services.act.log import LogFilters, log_rows, partner_choices
from surveys.services.act.rag import COLOURS, RAG_RULES
from surveys.services.platform.calendar import today
from surveys.staff import bp
from surveys.staff.access import roles_required

LOG_ROLES = ("coproduction_lead", "pcf_rep", "analyst", "partner_lead", "viewer")


def export_links(filters: LogFilters) -> dict[str, str]:
    """The CSV and XLSX downloads of the log, with the page's filters."""
    return {fmt: url_for("staff.export", name="log", fmt=fmt, **filters.query_args()) for fmt in ("csv", "xlsx")}


@bp.route("/log")
@roles_required(*LOG_ROLES)
def action_log():
    """The action and impact log, filtered by partner, status and RAG status."""
    filters = LogFilters.from_args(request.args)
    day = today()
    return render_template(
        "staff/log.html", rows=log_rows(current_user, filters, day), filters=filters, today=day,
        partners=partner_choices(current_user), statuses=ACTION_STATUSES, colours=COLOURS,
        rules=RAG_RULES, caution=CAUTION, exports=export_links(filters),
    )
