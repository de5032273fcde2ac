"""Downloads at /staff/exports/<name>.csv and /staff/exports/<name>.xlsx, with the page's filters as query arguments.

Who may download an export is who may open the page it comes from: ``EXPORT_ROLES`` names those pages' own role
lists, so the two cannot drift apart. Partner leads get their partner's rows only, and suppression and redaction
are applied by the services (``surveys.services.report.exports``). Every download is written to the audit log
(who, which export, the filters, how many rows) in the request's transaction, before the file is sent.
"""

from flask import Response, abort, request, send_file, stream_with_context
from flask_login import current_user

from surveys.services.act.actions import READ_ROLES as ACTION_ROLES
from surveys.services.platform import audit
from surveys.services.report import exports
from surveys.staff import bp
from surveys.staff.access import CASE_ROLES, may_use, roles_required
from surveys.staff.log_views import LOG_ROLES
from surveys.staff.report_views import REPORT_ROLES
from surveys.staff.theme_views import VIEW_ROLES as THEME_ROLES

# Who may download each export (admins always): the roles of the page it comes from.
EXPORT_ROLES: dict[str, tuple[str, ...]] = {
    "responses": REPORT_ROLES,  # survey results page
    "comments": THEME_ROLES,  # theme workspace
    "themes": THEME_ROLES,  # theme workspace
    "actions": ACTION_ROLES,  # actions list
    "cases": CASE_ROLES,  # cases list
    "log": LOG_ROLES,  # action and impact log
    "results": REPORT_ROLES,  # survey results page
}
ANY_EXPORT_ROLE = tuple(sorted({role for roles in EXPORT_ROLES.values() for role in roles}))


def may_download(role: str, name: str) -> bool:
    """Whether someone with this role may download the export called ``name``."""
    return may_use(role, EXPORT_ROLES[name])


@bp.route(f"/exports/<any({', '.join(EXPORT_ROLES)}):name>.<any({', '.join(exports.FORMATS)}):fmt>")
@roles_required(*ANY_EXPORT_ROLE)
def export(name: str, fmt: str):
    """One export as CSV (streamed) or XLSX; an unknown name or format is a 404, a bad filter a 400."""
    if not may_download(current_user.role, name):
        abort(403)
    made = exports.build_export(name, current_user, request.args)
    audit.record(current_user, "export_downloaded", export=name, format=fmt, filters=dict(made.filters),
                 rows=made.count)
    return _csv(made) if fmt == "csv" else _xlsx(made)


def _csv(made: exports.Export) -> Response:
    response = Response(stream_with_context(exports.csv_chunks(made)), mimetype=exports.FORMATS["csv"])
    response.headers.set("Content-Disposition", "attachment", filename=exports.filename(made, "csv"))
    response.headers["Cache-Control"] = "no-store"
    return response


def _xlsx(made: exports.Export) -> Response:
    response = send_file(exports.xlsx_file(made), mimetype=exports.FORMATS["xlsx"], as_attachment=True,
                         download_name=exports.filename(made, "xlsx"))
    response.headers["Cache-Control"] = "no-store"
    return response
