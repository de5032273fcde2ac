"""Errors as problem details (RFC 9457): ``application/problem+json`` with a plain message, and for a bad request
one entry per bad parameter in ``errors`` (where it was, its name, what to change).

The rest of the app keeps its GOV.UK error pages; only requests under /api/v1 get these bodies.
"""

from http import HTTPStatus

from flask import Response, g, json, request
from werkzeug.exceptions import HTTPException

from surveys.models import db
from surveys.services.platform.errors import DomainError

PROBLEM_TYPE = "application/problem+json"
DETAILS = {
    400: "The request cannot be used. See errors for what to change.",
    401: "Send a valid API token in the Authorization header: Authorization: Bearer ys_...",
    403: "This token's account may not use this.",
    404: "There is nothing here that this token may see.",
    405: "This address does not accept that method.",
    409: "That has changed or been done already.",
    413: "The request is too big.",
    422: "Some parameters cannot be used. See errors for what to change.",
    429: "This token has made too many requests. Wait a minute and try again.",
    500: "Something went wrong on our side. Nothing you sent has been kept.",
}


def problem(status: int, detail: str | None = None, *, errors: list[dict] | None = None,
            headers: dict | None = None, **extra) -> Response:
    """A problem-details response with this status (and ``extra`` members); rolls back what the request started."""
    db.session.rollback()
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
            "detail": detail or DETAILS.get(status, HTTPStatus(status).description), "instance": request.path}
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE, headers=headers or {})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="yousaid"'
    return response


def parameter_errors(messages: dict) -> list[dict]:
    """Webargs' messages ({"query": {"from": ["Not a valid date."]}}) as a flat list, one entry per message."""
    found = []
    for location, fields in messages.items():
        for name, texts in _flatten(fields):
            found += [{"in": location, "name": name, "detail": text} for text in texts]
    return found


def _flatten(fields, prefix: str = ""):
    if isinstance(fields, list):
        yield prefix or "_body", [str(text) for text in fields]
        return
    for key, value in fields.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict | list):
            yield from _flatten(value, "" if key == "_schema" and not prefix else name)
        else:
            yield name, [str(value)]


def http_problem(error: HTTPException) -> Response:
    """A Werkzeug error (404, 405, a webargs 422, Flask-Limiter's 429 ...) as problem details; 304 stays empty."""
    code = error.code or 500
    if code == 304:
        response = Response(status=304)
        if g.get("api_etag"):
            response.set_etag(g.api_etag)
        return response
    messages = (getattr(error, "data", None) or {}).get("messages")
    if messages:  # a bad query parameter is a bad request; a body that breaks its schema cannot be processed
        return problem(422 if "json" in messages else 400, errors=parameter_errors(messages))
    return problem(code)


def domain_problem(error: DomainError) -> Response:
    """A service's refusal (not found, forbidden, conflict, invalid) as problem details with its message."""
    errors = getattr(error, "errors", None)
    listed = [{"in": "body", "name": name, "detail": text} for name, text in errors.items()] if errors else None
    return problem(error.status, error.message or None, errors=listed)


def register_problem_handlers(blueprint) -> None:
    """Every error raised inside ``blueprint`` becomes problem details."""
    blueprint.register_error_handler(HTTPException, http_problem)
    blueprint.register_error_handler(DomainError, domain_problem)
