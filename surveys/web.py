"""Web plumbing shared by every blueprint: templates, security headers, error pages."""

import secrets
from pathlib import Path

from flask import Flask, current_app, g, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.exceptions import HTTPException

from surveys import formatters
from surveys.models import db
from surveys.models.users import ROLES
from surveys.services.platform.errors import DomainError
from surveys.staff.access import may_use

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def register_templates(app: Flask) -> None:
    """Our templates first, then the GOV.UK Frontend Jinja macros and WTForms widget templates."""
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(TEMPLATES_DIR),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    from govuk_frontend_wtf.main import WTFormsHelpers

    WTFormsHelpers(app)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # The one way templates show a stored time: in London, GOV.UK style. Never strftime a UTC time.
    app.jinja_env.filters["local_date"] = formatters.local_date
    app.jinja_env.filters["local_datetime"] = formatters.local_datetime

    @app.context_processor
    def page_globals() -> dict:
        return {
            "service_name": app.config["SERVICE_NAME"],
            "local_area_name": app.config["LOCAL_AREA_NAME"],
            "cspNonce": csp_nonce(),
            "role_names": ROLES,
            "staff_navigation": staff_navigation,
        }


# The staff menu. Areas appear once their views are registered.
STAFF_NAVIGATION = (
    ("staff.dashboard", "Workspace"),
    ("staff.performance_dashboard", "Dashboard"),
    ("staff.surveys", "Surveys"),
    ("staff.invitations", "Invitations"),
    ("staff.cases", "Cases"),
    ("staff.themes", "Themes"),
    ("staff.actions", "Actions"),
    ("staff.action_log", "Log"),
    ("staff.reports", "Reports"),
    ("staff.representation", "Who is not heard"),
    ("staff.session", "Forum session"),
    ("staff.publications", "Publications"),
    ("staff.audio_messages_list", "Audio"),
    ("staff.safeguarding", "Safeguarding"),
    ("staff.settings", "Settings"),
)


def staff_navigation() -> list[dict]:
    """Menu items for the staff workspace, the current area marked active."""
    current = active_target(request.endpoint or "")
    items = []
    for target, text in STAFF_NAVIGATION:
        view = current_app.view_functions.get(target)
        allowed = getattr(view, "allowed_roles", None)
        if view is None or (allowed is not None and not may_use(current_user.role, allowed)):
            continue
        items.append({"href": url_for(target), "text": text, "active": target == current})
    return items


def active_target(endpoint: str) -> str | None:
    """The menu entry whose area ``endpoint`` is in (staff.cases for staff.case_detail too); the longest match
    wins, so the log (staff.action_log) is not also marked as the actions area."""
    matches = [target for target, _ in STAFF_NAVIGATION if _in_area(endpoint, target)]
    return max(matches, key=len, default=None)


def _in_area(endpoint: str, target: str) -> bool:
    return endpoint == target if target == "staff.dashboard" else endpoint.startswith(target.removesuffix("s"))


def csp_nonce() -> str:
    """A per-request nonce for the one inline script GOV.UK's page template needs."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def register_security_headers(app: Flask) -> None:
    """Headers on every response: no framing, no sniffing, no referrer (tokens never leak), a tight CSP."""

    @app.after_request
    def add_headers(response):
        nonce = g.get("csp_nonce", "")
        script_src = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; "
            "media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.blueprint in ("staff", "respond"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


ERROR_PAGES = {
    400: ("Sorry, there is a problem with that request", "Go back and try again."),
    403: ("You do not have permission to see this page", "Ask your administrator if you need access."),
    404: ("Page not found", "If you typed the web address, check it is correct. "
          "If you pasted the web address, check you copied the entire address."),
    405: ("Sorry, there is a problem with that request", "Go back and try again."),
    409: ("That has already been done or has changed", "Go back, reload the page and check it before trying again."),
    413: ("The file or text you sent is too big", "Go back and send something smaller."),
    429: ("You have sent too many requests", "Wait a minute and try again."),
    500: ("Sorry, there is a problem with the service", "Try again later. Nothing you already sent us has been lost."),
    503: ("Sorry, the service is unavailable", "Try again in a few minutes."),
}


def register_error_pages(app: Flask) -> None:
    """GOV.UK-style pages for errors, in plain words. Each rolls back first, so the page never shows half a change
    and a failed transaction cannot break the page that reports it."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        title, body = ERROR_PAGES.get(code, (error.name, error.description or ""))
        return error_page(code, title, body)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        title, body = ERROR_PAGES.get(error.status, ERROR_PAGES[400])
        return error_page(error.status, title, error.message or body)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        db.session.rollback()
        # A form left open too long, or opened in another tab: say so kindly; nothing saved is lost.
        return render_template("csrf_error.html", back=request.referrer), 400


def error_page(code: int, title: str, body: str):
    """The GOV.UK error page with this status, after rolling back whatever the request had started."""
    db.session.rollback()
    return render_template("error.html", code=code, title=title, body=body), code
