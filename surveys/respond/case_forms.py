"""The public form for a comment, compliment or complaint."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
)
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from surveys.form_fields import contact_email_field, contact_name_field, contact_phone_field, strip_text
from surveys.forms import Form

DETAILS_MAX = 5000
NOT_SURE = "not_sure"
MAX_PARTNER_RADIOS = 10  # more than this and a list of radios is too long to read: use a select

KIND_CHOICES = [
    SelectChoice("comment", "Comment"),
    SelectChoice("compliment", "Compliment"),
    SelectChoice("complaint", "Complaint"),
]
KIND_HINTS = {
    "comment": "An idea, a question, or something you think we should know",
    "compliment": "Something that went well, or someone who helped",
    "complaint": "Something that went wrong, that you want us to look into and reply to",
}

class CaseForm(Form):
    """A comment, compliment or complaint from anyone, with contact details only if they choose to give them."""

    kind = RadioField(
        "Is this a comment, compliment or complaint?",
        widget=GovRadioInput(),
        choices=KIND_CHOICES,
        validate_choice=False,  # our own message below, in GOV.UK words
        validators=[InputRequired(message="Select whether this is a comment, compliment or complaint")],
    )
    partner = RadioField(
        "Which service is it about? (optional)",
        widget=GovRadioInput(),
        description="Choose ‘I’m not sure’, or leave this, if you do not know or it is about more than one service.",
        validate_choice=False,
    )
    details = TextAreaField(
        "What would you like to tell us?",
        widget=GovCharacterCount(),
        filters=[strip_text],
        description="Tell us what happened and when. If it is a complaint, tell us what you would like us to do "
        "to put it right.",
        validators=[
            DataRequired(message="Enter your comment, compliment or complaint"),
            Length(max=DETAILS_MAX, message=f"Your message must be {DETAILS_MAX:,} characters or fewer"),
        ],
    )
    contact_name = contact_name_field()
    contact_email = contact_email_field()
    contact_phone = contact_phone_field()
    submit = SubmitField("Send", widget=GovSubmitInput())

    def __init__(self, *args, partners: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [SelectChoice(str(pid), name) for pid, name in partners] + [SelectChoice(NOT_SURE, "I’m not sure")]
        self.partner_values = {choice.value for choice in choices}
        if len(partners) > MAX_PARTNER_RADIOS:
            self.partner.widget = GovSelect()
            choices.insert(0, SelectChoice("", "Choose a service"))
        self.partner.choices = choices
        self.has_partners = bool(partners)
        if not partners:
            del self.partner  # nothing to choose from: do not ask

    def validate_kind(self, field) -> None:
        if field.data not in KIND_HINTS:
            raise ValidationError("Select whether this is a comment, compliment or complaint")

    def validate_partner(self, field) -> None:
        if field.data and field.data not in self.partner_values:
            raise ValidationError("Select which service it is about, or ‘I’m not sure’")

    def partner_id(self) -> int | None:
        """The partner chosen, or None for "not sure" or no answer."""
        if not self.has_partners or self.partner.data in (None, "", NOT_SURE):
            return None
        return int(self.partner.data)

    def has_contact_details(self) -> bool:
        """Whether they gave any way to reach them (a name alone is not one)."""
        return bool(self.contact_email.data or self.contact_phone.data)

    def case_fields(self) -> dict:
        """Keyword arguments for ``cases.create_case``: no contact details at all unless they gave some."""
        return {
            "kind": self.kind.data,
            "details": self.details.data,
            "partner_id": self.partner_id(),
            "contact_name": self.contact_name.data or None,
            "contact_email": self.contact_email.data or None,
            "contact_phone": self.contact_phone.data or None,
        }

    def take_csrf_error(self) -> bool:
        """True if the form was refused only for an old or missing security token; forget that error.

        The page then says so in words and keeps what they typed, instead of listing a hidden field.
        """
        if not self.csrf_token.errors:
            return False
        self.csrf_token.errors = []
        return True
