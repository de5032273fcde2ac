"""Forms of the staff workspace."""

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length

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


class TwoFactorCodeForm(Form):
    """The 6-digit code from an authenticator app."""

    code = StringField(
        "Code from your authenticator app",
        description="Open the app on your phone and enter the 6-digit code it shows for yousaid.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the 6-digit code from your authenticator app"),
                    Length(max=12, message="Enter the 6-digit code from your authenticator app")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


# Made before NewPasswordForm's fields (WTForms orders fields by when they were made), so ChangePasswordForm
# lists it first, as on the page, in the error summary too.
CURRENT_PASSWORD = PasswordField(
    "Current password",
    widget=GovPasswordInput(),
    validators=[DataRequired(message="Enter your current password"), Length(max=1024)],
)


class NewPasswordForm(Form):
    """A password chosen from a one-time link, typed twice."""

    password = PasswordField(
        "New password",
        description="Use 12 characters or more. A few unrelated words make a password that is easy to remember.",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter a new password"), Length(max=1024)],
    )
    confirm = PasswordField(
        "Type the new password again",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Type the new password again"),
                    EqualTo("password", message="The two passwords are different: type the same password twice")],
    )
    submit = SubmitField("Set password", widget=GovSubmitInput())


class ChangePasswordForm(NewPasswordForm):
    """The current password, then a new one typed twice."""

    current = CURRENT_PASSWORD
    submit = SubmitField("Change password", widget=GovSubmitInput())
