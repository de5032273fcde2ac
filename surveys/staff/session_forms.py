"""The form for a co-production session: what the parent carer forum thinks of a theme, and when they said it."""

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from surveys.form_fields import strip_text
from surveys.forms import Form
from surveys.models import FORUM_VIEWS
from surveys.staff.case_forms import DateRequired, DayMonthYearField, choices, not_in_future

NOTE_MAX = 5000


class ForumViewForm(Form):
    """The forum's agreement or dissent on one theme at one meeting."""

    view = RadioField("What does the forum think of this theme?", widget=GovRadioInput(),
                      choices=choices(FORUM_VIEWS), validate_choice=False,
                      validators=[InputRequired(message="Select whether the forum agrees")])
    note = TextAreaField("What the forum said", widget=GovCharacterCount(), filters=[strip_text],
                         description="Optional. In the forum’s words: what is right, what is missing, what to change.",
                         validators=[Length(max=NOTE_MAX, message=f"What the forum said must be {NOTE_MAX:,} "
                                                                  "characters or fewer")])
    meeting_on = DayMonthYearField("Date of the meeting", description="For example, 27 3 2026",
                                   validators=[DateRequired("Enter the date of the meeting"), not_in_future])
    submit = SubmitField("Record the forum’s view", widget=GovSubmitInput())

    def validate_view(self, field) -> None:
        if field.data not in FORUM_VIEWS:
            raise ValidationError("Select whether the forum agrees")
