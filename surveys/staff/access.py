"""Who may do what in the staff workspace."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def may_use(role: str, roles: tuple[str, ...]) -> bool:
    """Admins may use everything; others only what names their role."""
    return role == "admin" or role in roles


def roles_required(*roles: str):
    """Allow signed-in staff whose role is one of ``roles`` (admins always); others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not may_use(current_user.role, roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # read by the staff menu, so nobody is shown a page they cannot open
        return wrapped

    return decorator


CASE_ROLES = ("complaints_officer", "partner_lead", "coproduction_lead", "safeguarding_lead", "viewer")
