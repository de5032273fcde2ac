"""Forms for publishing: a decision on one tracker entry (approve, or a dissent note), and comparing two versions."""

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from surveys.form_fields import strip_text
from surveys.forms import Form

NOTE_MAX = 5000


class DecisionForm(Form):
    """Approve the words as shown (with a dissent note if wanted), or record a dissent without approving."""

    fingerprint = HiddenField(validators=[InputRequired(message="Reload the page and try again")])
    note = TextAreaField("Note of dissent (optional when you approve)", widget=GovCharacterCount(),
                         filters=[strip_text],
                         description="What you disagree with, or what should change. It is kept with your decision.",
                         validators=[Length(max=NOTE_MAX, message=f"The note must be {NOTE_MAX:,} characters or "
                                                                  "fewer")])
    approve = SubmitField("Approve", widget=GovSubmitInput())
    dissent = SubmitField("Do not approve, and record my note", widget=GovSubmitInput())


class ActionButtonForm(Form):
    """A button that posts (publish now, roll back): only its CSRF token."""
