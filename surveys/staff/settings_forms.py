"""Forms for the local details: board meeting dates and the contacts pages point families to."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from surveys.form_fields import contact_email_field, contact_phone_field, strip_text, web_address_field
from surveys.forms import Form
from surveys.models import RETENTION_CLASSES
from surveys.services.platform.retention import MAX_KEEP_DAYS
from surveys.staff.case_forms import DateRequired, DayMonthYearField
from surveys.staff.survey_forms import WholeNumberField


class BoardMeetingForm(Form):
    """A date the SEND partnership board meets (past dates too: slippage is measured from the last one)."""

    meets_on = DayMonthYearField("Date of the board meeting", description="For example, 14 9 2026",
                                 validators=[DateRequired("Enter the date of the board meeting")])
    note = StringField("Note (optional)", widget=GovTextInput(), filters=[strip_text],
                       description="For example, ‘Autumn board, action log reviewed’",
                       validators=[Length(max=200, message="Note must be 200 characters or fewer")])
    add_meeting = SubmitField("Add board meeting", widget=GovSubmitInput())


class RemoveMeetingForm(Form):
    """A button beside each meeting."""

    remove = SubmitField("Remove", widget=GovSubmitInput())


class ContactForm(Form):
    """A service families are pointed to. Every box empty removes it."""

    name = StringField("Name of the service", widget=GovTextInput(), filters=[strip_text],
                       validators=[Length(max=200, message="Name must be 200 characters or fewer")])
    phone = contact_phone_field("Phone number (optional)")
    email = contact_email_field("Email address (optional)")
    web_address = web_address_field("Web address (optional)")
    save = SubmitField("Save contact", widget=GovSubmitInput())

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == "local_offer":
            self.web_address.label.text = "Web address"

    def filled(self) -> bool:
        """Whether anything was typed (nothing at all means remove the contact)."""
        return any((field.data or "").strip() for field in (self.name, self.phone, self.email, self.web_address))

    def validate(self, extra_validators=None) -> bool:
        """The format checks, then what a filled-in contact needs (optional fields stop their own checks early)."""
        valid = super().validate(extra_validators)
        for field, message in self.missing() if self.filled() else []:
            if not field.errors:
                field.errors.append(message)
                valid = False
        return valid

    def missing(self) -> list[tuple[StringField, str]]:
        """Boxes left empty that a contact needs: a name, and a way to reach the service."""
        problems = [] if self.name.data else [(self.name, "Enter the name of the service")]
        if self.kind == "local_offer" and not self.web_address.data:
            problems.append((self.web_address, "Enter the web address of the Local Offer website"))
        elif not (self.web_address.data or self.phone.data or self.email.data):
            problems.append((self.phone, "Enter a phone number, email address or web address, so families can "
                                         "reach the service"))
        return problems

    def values(self) -> dict[str, str]:
        """What to save, for ``settings.save_contact``."""
        return {"name": self.name.data or "", "phone": self.phone.data or "", "email": self.email.data or "",
                "web_address": self.web_address.data or ""}


class RetentionForm(Form):
    """How many days each class of personal data is kept; a box left empty means no limit."""

    raw_text = WholeNumberField("What people wrote in their own words",
                                message="Enter the number of days as a whole number, like 365")
    contact_details = WholeNumberField("Contact details (names, email addresses and phone numbers)",
                                       message="Enter the number of days as a whole number, like 365")
    audio = WholeNumberField("Audio messages", message="Enter the number of days as a whole number, like 365")
    audit_notes = WholeNumberField("Notes in the audit log",
                                   message="Enter the number of days as a whole number, like 365")
    save = SubmitField("Save retention rules", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        """Whole numbers from 1 to MAX_KEEP_DAYS, or empty."""
        valid = super().validate(extra_validators)
        for name in RETENTION_CLASSES:
            field = getattr(self, name)
            if field.data is not None and not field.errors and not 1 <= field.data <= MAX_KEEP_DAYS:
                field.errors.append(f"Enter a number of days from 1 to {MAX_KEEP_DAYS:,}, or leave it empty")
                valid = False
        return valid

    def days(self) -> dict[str, int | None]:
        """What to save, for ``retention.set_retention``."""
        return {name: getattr(self, name).data for name in RETENTION_CLASSES}
