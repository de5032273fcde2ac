"""Logging, set up once: every line names its request and the signed-in user, and nothing people wrote.

Each line carries ``request=<id>`` (the caller's ``X-Request-Id`` when it looks like one, so a line can be
followed through a proxy, otherwise a fresh random id, echoed back in the response header) and ``user=<id>``
when a member of staff is signed in. One line per request names the route *rule* (``/respond/i/<token>``),
never the path, so tokens in links never reach the logs; form fields, free text and passwords are never logged.
"""

import logging
import re
import secrets
import time

from flask import Flask, Response, g, has_request_context, request

LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s request=%(request_id)s user=%(user_id)s %(message)s"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
log = logging.getLogger("yousaid.requests")
QUIET_LOGGERS = ("weasyprint", "fontTools")


class RequestContextFilter(logging.Filter):
    """Adds the request id and the signed-in user's id (or "-") to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        record.user_id = _user_id() if has_request_context() else "-"
        return True


def _user_id() -> str:
    # Only a user already loaded for this request: a log line must never cause a database query.
    user = g.get("_login_user")
    return str(user.id) if user is not None and getattr(user, "is_authenticated", False) else "-"


def configure_logging(app: Flask) -> None:
    """Give the root logger one handler with the request filter (once per process), and log each request."""
    root = logging.getLogger()
    if not any(isinstance(f, RequestContextFilter) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LINE_FORMAT))
        handler.addFilter(RequestContextFilter())
        root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    for chatty in QUIET_LOGGERS:  # progress lines that say nothing an operator needs
        logging.getLogger(chatty).setLevel(logging.WARNING)
    app.before_request(_start_request)
    app.after_request(_finish_request)


def _start_request() -> None:
    given = request.headers.get("X-Request-Id", "")
    g.request_id = given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(8)
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    response.headers["X-Request-Id"] = g.get("request_id", "-")
    rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
    took = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    log.info("%s %s %s %.0fms", request.method, rule, response.status_code, took)
    return response
