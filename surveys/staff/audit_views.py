"""The audit log page (administrators only): who did what and when, filtered by actor, action and dates."""

from flask import render_template, request

from surveys.services.platform import audit_log
from surveys.services.report.filters import parse_filters
from surveys.staff import bp
from surveys.staff.access import roles_required


@bp.route("/audit")
@roles_required()
def audit():
    """Events newest first, 50 a page; filters in the address, so a filtered page can be shared or bookmarked."""
    filters = parse_filters(request.args, dimensions={})
    errors = dict(filters.errors)
    actor_id = _whole_number(request.args.get("actor", ""), "actor", "Select a person from the list", errors)
    action = request.args.get("action", "").strip()[:64] or None
    page = request.args.get("page", "")  # only ever from our own links: nonsense is the first page, as 999 is the last
    page_number = int(page) if page.isdigit() and len(page) <= 9 else 1
    found = audit_log.search(actor_id=actor_id, action=action, period=filters.period, page=page_number)
    values = {"actor": request.args.get("actor", ""), "action": action or "", "from": request.args.get("from", ""),
              "to": request.args.get("to", "")}
    html = render_template("staff/audit.html", found=found, filters=filters, errors=errors, values=values,
                           actors=audit_log.actors(), actions=audit_log.actions())
    return html, 400 if errors else 200


def _whole_number(value: str, name: str, message: str, errors: dict) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        errors[name] = message
        return None
    return int(value)
