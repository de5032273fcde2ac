"""Flask extensions, created once here and bound to the app in ``create_app``.

Rate limits: thresholds are settings (``RATELIMIT_*`` in ``surveys.config``), read when a request is checked. Who
shares a budget depends on the page: sign-in and the start of a new open-link response are limited per address
(and sign-in per account too); survey pages per respondent session, so a school or a council office behind one
address is never turned away. The address is the client's own only when ``TRUSTED_PROXY_HOPS`` says how many
proxies in front of the app to believe (``ProxyFix``); otherwise it is whatever connected to us.

The counters live in ``RATELIMIT_STORAGE_URI`` (by default a SQLite file shared by every worker on the machine,
``surveys.limit_store``). When that store is down, public forms stay open (Flask-Limiter logs each failure) and
sign-in is refused (``sign_in_limits_working``), so a broken store cannot switch off the brute-force defence.
"""

import logging
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from surveys import limit_store  # noqa: F401 - registers the sqlite:/// rate-limit store with ``limits``
from surveys.models.base import db

migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[], swallow_errors=True)

log = logging.getLogger("yousaid.limits")

__all__ = ["db", "migrate", "login_manager", "csrf", "limiter", "init_rate_limits", "limit_setting",
           "account_key", "sign_in_limits_working"]


def init_rate_limits(app: Flask) -> None:
    """Believe ``TRUSTED_PROXY_HOPS`` proxies' X-Forwarded-For and -Proto (none by default), then bind the limiter."""
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    limiter.init_app(app)


def limit_setting(name: str) -> Callable[[], str]:
    """A limit read from the named setting at request time, e.g. ``limit_setting("RATELIMIT_SIGN_IN_ADDRESS")``."""
    return lambda: current_app.config[name]


def account_key() -> str:
    """The account a sign-in is for (the email as typed, trimmed and lower-cased), whatever address it comes from."""
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def sign_in_limits_working(view: Callable) -> Callable:
    """Refuse sign-in (503) while the limit store is down: without it nothing would stop password guessing."""

    @wraps(view)
    def checked(*args, **kwargs):
        if request.method == "POST" and limiter.enabled and not limiter.storage.check():
            log.error("Rate-limit store %s is unreachable: sign-in refused",
                      current_app.config["RATELIMIT_STORAGE_URI"])
            abort(503, "Sign in is not available at the moment. Try again in a few minutes.")
        return view(*args, **kwargs)

    return checked
