"""Cursor pagination: each page ends with an opaque ``next_cursor`` that names the last row's id.

Rows are read in id order after that id (keyset pagination), so rows added while a client pages through never
shift a page: nothing is read twice and nothing already there is skipped, and reading a page costs the same at
row 100,000 as at row 1. The cursor is signed with the app's secret and tied to its endpoint and filters, so a
cursor that was edited, or sent back with other filters, is refused with a clear message instead of silently
reading the wrong rows.
"""

import hashlib

from flask import current_app, json, request
from itsdangerous import BadSignature, URLSafeSerializer

from surveys.services.platform.errors import Invalid

SALT = "api-v1-cursor"
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class CursorInvalid(Invalid):
    """A cursor we did not give out for this endpoint and these filters."""

    def __init__(self) -> None:
        super().__init__("The cursor is not one this endpoint gave out with these filters. "
                         "Start again without a cursor, or send the same filters as the first page.")
        self.errors = {"cursor": "Use the next_cursor of the previous page, with the same filters"}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(filters: dict) -> str:
    values = {name: str(value) for name, value in filters.items() if name not in ("cursor", "limit") and value}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


def encode_cursor(last_id: int, filters: dict) -> str:
    """The opaque cursor for the page after the row with ``last_id``."""
    return _serializer().dumps({"e": request.endpoint, "f": _fingerprint(filters), "a": last_id})


def decode_cursor(cursor: str | None, filters: dict) -> int | None:
    """The id to read after, or None for the first page; ``CursorInvalid`` for a cursor we did not give out."""
    if not cursor:
        return None
    try:
        payload = _serializer().loads(cursor)
    except BadSignature as error:
        raise CursorInvalid() from error
    valid = (isinstance(payload, dict) and payload.get("e") == request.endpoint
             and payload.get("f") == _fingerprint(filters) and isinstance(payload.get("a"), int))
    if not valid:
        raise CursorInvalid()
    return payload["a"]


def page_of(rows: list, limit: int, filters: dict, key=lambda row: row.id) -> dict:
    """A page body from ``limit + 1`` rows read: the first ``limit`` items and the cursor for the next page."""
    items = rows[:limit]
    more = len(rows) > limit
    return {"items": items, "next_cursor": encode_cursor(key(items[-1]), filters) if more else None}
