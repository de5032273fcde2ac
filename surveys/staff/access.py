"""Who may do what in the staff workspace: every staff route declares it, and menus read the same declarations.

- ``roles_required(*roles)`` sets ``allowed_roles`` on the view: staff with one of those roles (admins always).
- ``signed_in`` is ``roles_required`` for every role: any member of staff (the workspace home, signing out).
- ``public`` marks a staff route anyone may open (signing in, setting a password from a one-time link).
The public, respond and api blueprints are public as a whole (``PUBLIC_BLUEPRINTS``). A test walks the URL map, so
a new route without a declaration fails the suite.
"""

from functools import wraps

from flask import abort, current_app
from flask_login import current_user, login_required

from surveys.models.users import ROLES

PUBLIC_BLUEPRINTS = frozenset({"public", "respond", "api"})


def may_use(role: str, roles: tuple[str, ...]) -> bool:
    """Admins may use everything; others only what names their role."""
    return role == "admin" or role in roles


def may_open(endpoint: str) -> bool:
    """True when the signed-in member of staff may open the page at ``endpoint`` (to link to it or not)."""
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return False
    allowed = getattr(view, "allowed_roles", None)
    return allowed is None or (current_user.is_authenticated and may_use(current_user.role, allowed))


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


signed_in = roles_required(*ROLES)


def public(view):
    """Declare a route open to anyone (it does its own checks, for example a one-time link)."""
    view.public_access = True
    return view


def declared_access(view) -> str | None:
    """"public", "roles" or None (undeclared), for the access test and the menus."""
    if getattr(view, "public_access", False):
        return "public"
    return "roles" if getattr(view, "allowed_roles", None) is not None else None


CASE_ROLES = ("complaints_officer", "partner_lead", "coproduction_lead", "safeguarding_lead", "viewer")
