"""Who is calling: the API token in ``Authorization: Bearer ys_...``, and what its account's role may use.

``token_required(*roles)`` marks a view as token-authenticated (``view.api_token_required = True``, with the roles
in ``view.allowed_roles`` as ``roles_required`` does for staff pages, so a test walking the URL map can see who
may use every route). No session cookie is read: a signed-in browser gets 401 here like anyone without a token,
which is also why these routes need no CSRF token. A token acts as its user (role and partner scope, nothing
more); admins may use everything, as on the staff pages.
"""

from functools import wraps

from flask import g, request
from werkzeug.exceptions import Forbidden, Unauthorized

from surveys.models import ApiToken, User
from surveys.services.platform.api_tokens import find_token, note_use
from surveys.staff.access import may_use


def current_token() -> ApiToken | None:
    """The usable token sent with this request, or None (looked up once per request)."""
    header = request.headers.get("Authorization", "")
    if g.get("api_token_header") != header:  # keyed by the header, so a reused context never answers for another
        scheme, _, value = header.partition(" ")
        g.api_token = find_token(value.strip()) if scheme.lower() == "bearer" else None
        g.api_token_header = header
    return g.api_token


def api_user() -> User:
    """The account the request's token acts as (only inside a ``token_required`` view)."""
    return g.api_user


def rate_limit_key() -> str:
    """Flask-Limiter's key: the token's id, so each token has its own allowance; the address for no token."""
    token = current_token()
    return f"api-token:{token.id}" if token is not None else f"api-anonymous:{request.remote_addr}"


def token_required(*roles: str):
    """Allow requests with a usable token whose user's role is one of ``roles`` (admins always): else 401 or 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            token = current_token()
            if token is None:
                raise Unauthorized()
            if not may_use(token.user.role, roles):
                raise Forbidden()
            note_use(token)
            g.api_user = token.user
            return view(*args, **kwargs)

        wrapped.api_token_required = True
        wrapped.allowed_roles = roles
        return wrapped

    return decorator
