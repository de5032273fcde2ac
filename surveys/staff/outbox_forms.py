"""The outbox page's one button."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField


class RetryForm(FlaskForm):
    """A button: try a failed message or piece of background work again now."""

    submit = SubmitField("Try again", widget=GovSubmitInput())
