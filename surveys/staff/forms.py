"""Forms of the staff workspace."""

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from surveys.forms import Form


class LoginForm(Form):
    """Email and password."""

    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter your email address"), Length(max=254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your password"), Length(max=1024)],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class TranscriptForm(Form):
    """What the young person said, typed by staff."""

    transcript = TextAreaField(
        "Transcript",
        description="Type what the young person said, in their words.",
        widget=GovCharacterCount(),
        validators=[DataRequired(message="Enter the transcript"),
                    Length(max=5000, message="Transcript must be 5,000 characters or fewer")],
    )
    submit = SubmitField("Save transcript", widget=GovSubmitInput())
