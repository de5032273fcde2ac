"""The partners' JSON API at /api/v1, built with flask-smorest.

flask-smorest generates /api/v1/openapi.json from the same marshmallow schemas that validate each request
(``arguments``) and shape each response (``schemas``). Tokens (``auth``), problem-details errors (``problems``),
cursor pages (``paging``) and ETags (flask-smorest's, with 304 for a matching If-None-Match) are the same for
every endpoint. The browsable page at /api/v1/docs is drawn on the server from the generated document (``docs``):
no JavaScript, no CDN, inside the app's Content Security Policy.
"""

from http import HTTPStatus

from flask import Flask, current_app, g
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.spec import prepare_response
from webargs.flaskparser import FlaskParser

from surveys.extensions import csrf, limiter

from .auth import rate_limit_key
from .problems import PROBLEM_TYPE, register_problem_handlers
from .schemas import ProblemSchema

PREFIX = "/api/v1"
SETTINGS = {
    "API_TITLE": "yousaid partners' API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": PREFIX,
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_RATE_LIMIT": "120 per minute",
}
DESCRIPTION = (
    "Feedback data for the partnership's own dashboards. Send a token made at /staff/api-tokens as "
    "`Authorization: Bearer ys_...`; it reads and writes as its account, with that account's role and partner. "
    "Lists come a page at a time: pass `next_cursor` back as `cursor`. Every read has an ETag; send it back as "
    "If-None-Match to get 304 when nothing changed. Errors are problem details (RFC 9457). Small numbers are "
    "suppressed: a count of 1 to 4 is null and reads \"fewer than 5\"."
)


class PartnersApi(Api):
    """flask-smorest's Api, minus its app-wide error handler (the rest of the app keeps its GOV.UK error pages; this
    API's blueprint has its own), with error responses documented as problem details."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        """Errors are handled by the API blueprint only (``problems.register_problem_handlers``)."""

    def _register_responses(self):
        """flask-smorest's response components, with errors as ``application/problem+json``."""
        for status in HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem (RFC 9457 problem details)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


class StrictParser(FlaskParser):
    """Each schema's own ``unknown`` rule (refuse) everywhere: webargs would otherwise drop unknown query
    parameters without a word, and a misspelt filter would silently read everything."""

    DEFAULT_UNKNOWN_BY_LOCATION: dict = {}


class ApiBlueprint(SmorestBlueprint):
    """Refuses unknown parameters, and remembers the ETag a 304 is for (the empty 304 carries it, as RFC 9110
    asks)."""

    ARGUMENTS_PARSER = StrictParser()

    def _check_not_modified(self, etag):
        g.api_etag = etag
        super()._check_not_modified(etag)


blp = ApiBlueprint("api_v1", __name__, url_prefix=PREFIX, description="Partners' data")
register_problem_handlers(blp)
csrf.exempt(blp)  # no cookie is ever read here: requests are authenticated by token only
# Each token has its own allowance (once, here: applying it again for every app made would count each request
# several times over).
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_limit_key)(blp)


@blp.after_request
def no_shared_caching(response):
    """Responses depend on the token: a shared cache must not keep them; clients revalidate with the ETag."""
    response.headers.setdefault("Cache-Control", "private, no-cache")
    response.headers["Vary"] = "Authorization"
    return response


def register_api_v1(app: Flask) -> None:
    """Mount /api/v1: the endpoints, the generated document, the docs page and the per-token rate limit."""
    from . import reads, writes  # noqa: F401 - the routes register themselves on ``blp``
    from .docs import bp as docs_bp

    for name, value in SETTINGS.items():
        app.config.setdefault(name, value)
    api = PartnersApi(app, spec_kwargs={"info": {"description": DESCRIPTION}})
    api.spec.components.security_scheme("token", {"type": "http", "scheme": "bearer",
                                                  "description": "an API token from /staff/api-tokens"})
    api.spec.options["security"] = [{"token": []}]
    api.register_blueprint(blp)
    app.register_blueprint(docs_bp, url_prefix=PREFIX)
    app.view_functions["api-docs.openapi_json"] = _public(app.view_functions["api-docs.openapi_json"])
    app.extensions["partners_api"] = api


def _public(view):
    """The generated document, marked public (it describes the API and gives out no data) for the URL-map test."""

    def openapi_json():
        return view()

    openapi_json.public_access = True  # the one marker of surveys.staff.access.public
    return openapi_json
