"""API views: health and the OpenAPI description."""

from flask import Blueprint, jsonify
from sqlalchemy import text

from surveys.extensions import csrf
from surveys.models import db

bp = Blueprint("api", __name__)
csrf.exempt(bp)

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "yousaid API", "version": "0.1.0",
             "description": "The health check. The partners' data API is described at /api/v1/openapi.json."},
    "paths": {
        "/api/health": {
            "get": {
                "summary": "Whether the service and its database are working",
                "responses": {
                    "200": {"description": "Working"},
                    "503": {"description": "The database cannot be reached"},
                },
            }
        }
    },
}


@bp.route("/health")
def health():
    """200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        return jsonify(status="unavailable", database=False), 503
    return jsonify(status="ok", database=True)


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI description of this API."""
    return jsonify(OPENAPI)
