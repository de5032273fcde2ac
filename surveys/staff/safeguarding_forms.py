"""The form a safeguarding lead fills in after reviewing a flagged comment."""

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from surveys.form_fields import strip_text
from surveys.forms import Form
from surveys.services.understand.safeguarding import NOTE_MAX, REVIEW_OUTCOMES
from surveys.staff.case_forms import choices


class ReviewForm(Form):
    """What the safeguarding lead did, and a note of why."""

    outcome = RadioField(
        "What did you do?", widget=GovRadioInput(), choices=choices(REVIEW_OUTCOMES), validate_choice=False,
        validators=[InputRequired(message="Select what you did")],
    )
    note = TextAreaField(
        "Notes (optional)",
        widget=GovCharacterCount(),
        filters=[strip_text],
        description="For example, the referral reference, who you spoke to, or why there is no concern.",
        validators=[Length(max=NOTE_MAX, message=f"Notes must be {NOTE_MAX:,} characters or fewer")],
    )
    submit = SubmitField("Record review", widget=GovSubmitInput())

    def validate_outcome(self, field) -> None:
        if field.data not in REVIEW_OUTCOMES:
            raise ValidationError("Select what you did")
