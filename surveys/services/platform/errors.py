"""Domain errors: what a service raises when it cannot do what was asked.

Services know nothing about HTTP. They raise one of these, and one error handler (``surveys.web``) turns it into
the right status and a GOV.UK error page, rolling the transaction back: 404 for ``NotFound``, 403 for
``Forbidden``, 409 for ``Conflict`` and 400 for ``Invalid``. Commands turn them into a clear message.
"""


class DomainError(Exception):
    """Something a service was asked to do cannot be done. ``status`` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """There is no such thing, or the person may not know it exists (so guessing ids reveals nothing)."""

    status = 404


class Forbidden(DomainError):
    """The person may not do this, though they may know the thing exists."""

    status = 403


class Conflict(DomainError):
    """The thing changed or was done already (a second submit, an edit of something finished)."""

    status = 409


class Invalid(DomainError):
    """What was sent cannot be used; the message says what to change."""

    status = 400
