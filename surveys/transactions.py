"""One way to commit: services add and flush; the edge that called them commits, or rolls back on any error.

- A web request: ``register_transactions`` commits after the view when the response is a success or a redirect
  (status below 400), and rolls back otherwise, including when the view raised. A form re-shown with its errors
  has status 200, so what it saved on the way (save as you go) is kept.
- A command or a job: ``with transaction():`` around the work; a job that must keep each item as it goes (a message
  sent cannot be unsent) opens one transaction per item.

So two services called in one request or one ``transaction()`` are one unit: if the second fails, nothing of the
first is kept. Services never call ``db.session.commit()``; ``git grep session.commit surveys/services`` is empty.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response
from sqlalchemy.exc import InterfaceError, OperationalError

from surveys.models import db

# The database locked by another process, stopped or unreachable: the request waited at most
# DATABASE_TIMEOUT_SECONDS. Pooled connections are checked before use, so the app recovers by itself.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def register_transactions(app: Flask) -> None:
    """Commit each request's work after a successful response; roll back after an error."""

    @app.after_request
    def commit_or_roll_back(response: Response) -> Response:
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def roll_back_on_exception(error: BaseException | None) -> None:
        if error is not None:
            db.session.rollback()


@contextmanager
def transaction() -> Iterator[None]:
    """Commit the work done inside the block, or roll all of it back if anything in it raises."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
