"""Forms for invitations: uploading a CSV of people to invite, and trying unsent ones again."""

from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.validators import InputRequired

from surveys.forms import Form


class InvitationUploadForm(Form):
    """Which survey, and the CSV file of people to invite."""

    survey = SelectField(
        "Survey",
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message="Select a survey")],
    )
    file = FileField(
        "Upload a CSV file",
        widget=GovFileInput(),
        description="Save your spreadsheet as ‘CSV UTF-8’. The file must be smaller than 5MB.",
        validators=[
            FileRequired(message="Select a CSV file"),
            FileAllowed(["csv"], message="The selected file must be a CSV"),
        ],
    )
    submit = SubmitField("Upload and send invitations", widget=GovSubmitInput())


class ResendForm(Form):
    """A button: try again to send the invitations that have not gone out."""

    submit = SubmitField("Try sending them again", widget=GovSubmitInput())
