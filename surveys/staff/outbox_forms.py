"""The outbox page's one button."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from surveys.forms import Form


class RetryForm(Form):
    """A button: try a failed message or piece of background work again now."""

    submit = SubmitField("Try again", widget=GovSubmitInput())
