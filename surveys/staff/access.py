"""Who may do what in the staff workspace."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def roles_required(*roles: str):
    """Allow signed-in staff whose role is one of ``roles`` (admins always); others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role != "admin" and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


CASE_ROLES = ("complaints_officer", "partner_lead", "coproduction_lead", "safeguarding_lead", "viewer")
