"""The steps of a staff sign-in that views share: a fresh session, the two-factor wait, the idle timeout.

The session is cleared at every sign-in (nothing from before survives, so a session cannot be fixed in advance)
and its id includes the user's session generation (``User.get_id``), so sign-out, a new password or deactivation
end every copy of the cookie. Between the password and the two-factor code the session holds only "who is
half-way in" for ``PENDING_SECONDS``. A staff session ends after ``STAFF_IDLE_MINUTES`` without a request.
"""

import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from surveys.models import User
from surveys.services.platform import two_factor
from surveys.services.platform.accounts import load_user
from surveys.services.platform.sign_in import is_locked, signed_in

PENDING = "two_factor_pending"
PENDING_SECONDS = 5 * 60
SEEN = "seen_at"


def safe_next(target: str | None) -> str:
    """Only follow ``next`` to a path on this site, never to another host."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("staff.dashboard")


def after_password(user: User, next_url: str | None):
    """The password was right: sign in, or wait for the two-factor code (or its enrolment) first."""
    session.clear()
    if not two_factor.required_for(user):
        return finish(user, next_url, with_code=False)
    session[PENDING] = {"user": user.get_id(), "at": time.time(), "next": safe_next(next_url)}
    step = "staff.two_factor_code" if user.two_factor_enabled else "staff.two_factor_setup"
    return redirect(url_for(step))


def pending_user() -> User | None:
    """The user half-way through signing in (password right, code not yet given), if still in time and unlocked."""
    waiting = session.get(PENDING) or {}
    if time.time() - float(waiting.get("at", 0)) > PENDING_SECONDS:
        return None
    user = load_user(str(waiting.get("user", "")))
    return user if user is not None and not is_locked(user) else None


def finish(user: User, next_url: str | None, *, with_code: bool):
    """Sign the user in on a new session and go where they were going."""
    target = safe_next(next_url)
    renew(user)
    signed_in(user, two_factor=with_code)
    return redirect(target)


def renew(user: User) -> None:
    """A new session for ``user`` (at sign-in, and after they change their password, which ends the old ones)."""
    session.clear()
    login_user(user)
    session[SEEN] = time.time()


def end_idle_session():
    """Before each staff request: sign out a session idle for too long; otherwise note that it was used now."""
    if not current_user.is_authenticated:
        return None
    now = time.time()
    if now - float(session.get(SEEN, 0)) > current_app.config["STAFF_IDLE_MINUTES"] * 60:
        logout_user()
        session.clear()
        flash(f"You were signed out because you did nothing for {current_app.config['STAFF_IDLE_MINUTES']} "
              "minutes. Sign in again to carry on.", "info")
        next_url = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("staff.login", next=next_url))
    session[SEEN] = now
    return None
