"""Forms for cases in the staff workspace: log, respond, change stage, import, filter."""

from datetime import date

from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.gov_form_base import GovFormBase
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, StopValidation, ValidationError

from surveys.form_fields import contact_email_field, contact_name_field, contact_phone_field, strip_text
from surveys.forms import Form
from surveys.models import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES
from surveys.services.capture.cases import deadlines
from surveys.services.capture.cases.deadlines import CASE_STATUSES

STAFF_DETAILS_MAX = 20000
RESPONSE_MAX = 20000
STAFF_CHANNELS = {"phone": "Phone", "letter": "Letter", "email": "Email", "in_person": "In person"}


def choices(options: dict[str, str]) -> list[SelectChoice]:
    """Radio or select options from a dict of value to words."""
    return [SelectChoice(value, label) for value, label in options.items()]


# --- Dates in three boxes ----------------------------------------------------------------------------


class DayMonthYearInput(GovDateInput):
    """GOV.UK's day, month and year boxes. The day box takes the field's id, so the error summary lands on it."""

    def map_gov_params(self, field, **kwargs):
        """The date-input macro's parameters, safe whatever was (or was not) sent for the three boxes."""
        params = GovFormBase.map_gov_params(self, field, **kwargs)
        day, month, year = field.parts()
        error = " govuk-input--error" if field.errors else ""
        params["id"] = f"{field.id}-date"
        params["attributes"].pop("required", None)  # not an attribute of the boxes' container
        params.setdefault("fieldset", {"legend": {"text": field.label.text}})
        params["items"] = [
            {"label": "Day", "id": field.id, "name": field.name, "classes": "govuk-input--width-2" + error,
             "value": day},
            {"label": "Month", "id": f"{field.id}-month", "name": field.name,
             "classes": "govuk-input--width-2" + error, "value": month},
            {"label": "Year", "id": f"{field.id}-year", "name": field.name, "classes": "govuk-input--width-4" + error,
             "value": year},
        ]
        return params


class DayMonthYearField(DateField):
    """A date typed into three boxes that share one name (day, month, year), with GOV.UK's messages."""

    widget = DayMonthYearInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def parts(self) -> tuple[str, str, str]:
        """What to show in the day, month and year boxes."""
        if self.raw_data:
            day, month, year = (list(self.raw_data) + ["", "", ""])[:3]
            return day, month, year
        if self.data:
            return str(self.data.day), str(self.data.month), str(self.data.year)
        return "", "", ""

    def process_formdata(self, valuelist):
        """Read the day, month and year boxes (in that order), saying what is missing or impossible."""
        day, month, year = ((value or "").strip() for value in (list(valuelist) + ["", "", ""])[:3])
        self.raw_data = [day, month, year]
        self.data = None
        if not (day or month or year):
            return
        missing = [name for name, value in (("day", day), ("month", month), ("year", year)) if not value]
        if missing:
            raise ValueError(f"{self.label.text} must include a {' and a '.join(missing)}")
        if not all(value.isascii() and value.isdigit() for value in (day, month, year)) or len(year) != 4:
            raise ValueError(f"{self.label.text} must be a real date")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{self.label.text} must be a real date") from None


class DateRequired:
    """The date is needed: complain only when all three boxes are empty (other problems say what is wrong)."""

    field_flags = {"required": True}

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        """Stop with the message when nothing at all was typed."""
        if field.data is None and not any(field.raw_data or []):
            raise StopValidation(self.message)


def not_in_future(form, field) -> None:
    """A date that has already happened."""
    if field.data and field.data > deadlines.today():
        raise ValidationError(f"{field.label.text} must be today or in the past")


# --- Logging a case --------------------------------------------------------------------------------


class NewCaseForm(Form):
    """A case received by phone, letter, email or in person."""

    kind = RadioField(
        "Type", widget=GovRadioInput(), choices=choices(CASE_KINDS), validate_choice=False,
        validators=[InputRequired(message="Select whether this is a comment, compliment or complaint")],
    )
    stage = RadioField(
        "Stage", widget=GovRadioInput(), choices=choices(CASE_STAGES), validate_choice=False,
        validators=[InputRequired(message="Select the stage")],
    )
    channel = RadioField(
        "How it was received", widget=GovRadioInput(), choices=choices(STAFF_CHANNELS), validate_choice=False,
        validators=[InputRequired(message="Select how it was received")],
    )
    partner = SelectField("Partner it is about", widget=GovSelect(), validate_choice=False)
    received_on = DayMonthYearField(
        "Date received",
        description="For example, 27 3 2026",
        validators=[DateRequired("Enter the date it was received"), not_in_future],
    )
    summary = StringField(
        "Summary",
        widget=GovTextInput(),
        filters=[strip_text],
        description="A few words for the list of cases, like ‘Annual review 3 months late’",
        validators=[DataRequired(message="Enter a summary"),
                    Length(max=200, message="Summary must be 200 characters or fewer")],
    )
    details = TextAreaField(
        "What they told us",
        widget=GovCharacterCount(),
        filters=[strip_text],
        description="In their own words as far as you can: the response will quote them.",
        validators=[
            DataRequired(message="Enter what they told us"),
            Length(max=STAFF_DETAILS_MAX, message=f"Details must be {STAFF_DETAILS_MAX:,} characters or fewer"),
        ],
    )
    contact_name = contact_name_field()
    contact_email = contact_email_field()
    contact_phone = contact_phone_field()
    submit = SubmitField("Save case", widget=GovSubmitInput())

    def __init__(self, *args, partners: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        options = [SelectChoice(str(pid), name) for pid, name in partners]
        self.partner.choices = [SelectChoice("", "Not known"), *options]
        self.partner_values = {"", *(str(pid) for pid, _ in partners)}
        if self.received_on.data is None and not self.is_submitted():
            self.received_on.data = deadlines.today()

    def validate_kind(self, field) -> None:
        if field.data not in CASE_KINDS:
            raise ValidationError("Select whether this is a comment, compliment or complaint")

    def validate_stage(self, field) -> None:
        if field.data not in CASE_STAGES:
            raise ValidationError("Select the stage")

    def validate_channel(self, field) -> None:
        if field.data not in STAFF_CHANNELS:
            raise ValidationError("Select how it was received")

    def validate_partner(self, field) -> None:
        if (field.data or "") not in self.partner_values:
            raise ValidationError("Select a partner from the list")

    def case_fields(self) -> dict:
        """Keyword arguments for ``cases.create_case``."""
        return {
            "kind": self.kind.data, "details": self.details.data, "stage": self.stage.data,
            "channel": self.channel.data, "partner_id": int(self.partner.data) if self.partner.data else None,
            "summary": self.summary.data, "received_on": self.received_on.data,
            "contact_name": self.contact_name.data, "contact_email": self.contact_email.data,
            "contact_phone": self.contact_phone.data,
        }


# --- Responding ------------------------------------------------------------------------------------


class ResponseForm(Form):
    """The response to one case: saved as a draft, or recorded as sent with its date (and outcome, for complaints)."""

    response_text = TextAreaField(
        "Response",
        widget=GovCharacterCount(),
        filters=[strip_text],
        description="Answer what they told us, in plain words. Say what happened, what we will do, and by when.",
        validators=[DataRequired(message="Enter the response"),
                    Length(max=RESPONSE_MAX, message=f"Response must be {RESPONSE_MAX:,} characters or fewer")],
    )
    outcome = RadioField("Outcome", widget=GovRadioInput(), choices=choices(CASE_OUTCOMES), validate_choice=False)
    responded_on = DayMonthYearField(
        "Date sent", description="For example, 27 3 2026. Only needed when you record the response as sent.",
    )
    save_draft = SubmitField("Save as draft", widget=GovSubmitInput())
    send = SubmitField("Save and record as sent", widget=GovSubmitInput())

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if case.kind != "complaint":
            del self.outcome
        if not self.is_submitted():
            self.responded_on.data = case.responded_on or deadlines.today()

    def is_sending(self) -> bool:
        """Whether they chose to record the response as sent."""
        return bool(self.send.data)

    def validate(self, extra_validators=None) -> bool:
        """As usual, except that a draft ignores the date sent, whatever is in its boxes."""
        valid = super().validate(extra_validators)
        if not self.is_sending() and self.responded_on.errors:
            self.responded_on.errors = []
            valid = not self.errors
        return valid

    def validate_outcome(self, field) -> None:
        if field.data and field.data not in CASE_OUTCOMES:
            raise ValidationError("Select the outcome of the complaint")
        if self.is_sending() and not field.data:
            raise ValidationError("Select the outcome of the complaint")

    def validate_responded_on(self, field) -> None:
        if not self.is_sending() or field.errors:
            return
        if field.data is None:
            raise ValidationError("Enter the date the response was sent")
        not_in_future(self, field)
        if field.data < self.case.received_on:
            received = f"{self.case.received_on.day} {self.case.received_on:%B %Y}"
            raise ValidationError(f"Date sent must be on or after the date received, {received}")

    def response_fields(self) -> dict:
        """Keyword arguments for ``cases.save_response``."""
        outcome = self.outcome.data if self.outcome is not None else None
        return {
            "text": self.response_text.data,
            "outcome": outcome or None,
            "responded_on": self.responded_on.data if self.is_sending() else None,
        }


# --- Stage -----------------------------------------------------------------------------------------


class StageForm(Form):
    """Move a case to another stage; the new deadline counts from when they asked."""

    stage = RadioField("New stage", widget=GovRadioInput(), validate_choice=False,
                       validators=[InputRequired(message="Select the new stage")])
    requested_on = DayMonthYearField(
        "Date they asked for this stage",
        description="The new deadline is counted in working days from this date. For example, 27 3 2026",
        validators=[DateRequired("Enter the date they asked for this stage"), not_in_future],
    )
    submit = SubmitField("Move case", widget=GovSubmitInput())

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage.choices = [SelectChoice(key, label) for key, label in CASE_STAGES.items() if key != case.stage]
        self.stage_values = {key for key in CASE_STAGES if key != case.stage}
        if not self.is_submitted():
            self.requested_on.data = deadlines.today()

    def validate_stage(self, field) -> None:
        if field.data not in self.stage_values:
            raise ValidationError("Select the new stage")


# --- Import ----------------------------------------------------------------------------------------


class ImportForm(Form):
    """A CSV file of decisions."""

    file = FileField(
        "Upload a CSV file",
        widget=GovFileInput(),
        validators=[FileRequired(message="Select a CSV file"),
                    FileAllowed(["csv"], message="The selected file must be a CSV")],
    )
    submit = SubmitField("Import decisions", widget=GovSubmitInput())


# --- Filters ---------------------------------------------------------------------------------------


class CaseFilterForm(Form):
    """Filters for the list of cases, sent in the address (a GET form, so no security token)."""

    class Meta:
        csrf = False

    kind = SelectField("Type", widget=GovSelect(), validate_choice=False)
    stage = SelectField("Stage", widget=GovSelect(), validate_choice=False)
    status = SelectField("Status", widget=GovSelect(), validate_choice=False)
    partner = SelectField("Partner", widget=GovSelect(), validate_choice=False)

    def __init__(self, formdata, *, partners: list[tuple[int, str]] | None):
        super().__init__(formdata=formdata)
        every = SelectChoice("", "All")
        self.kind.choices = [every, *choices(CASE_KINDS)]
        self.stage.choices = [every, *choices(CASE_STAGES)]
        self.status.choices = [every, *choices(CASE_STATUSES)]
        if partners is None:
            del self.partner  # partner leads see only their own partner's cases
        else:
            self.partner.choices = [every, SelectChoice("none", "Not assigned")] + [
                SelectChoice(str(pid), name) for pid, name in partners
            ]

    def chosen(self, name: str, allowed) -> str | None:
        """The value chosen for a filter, if it is one we offer; anything else means "all"."""
        field = getattr(self, name)
        return field.data if field is not None and field.data in allowed else None

    def partner_id(self, partners: list[tuple[int, str]]) -> int | None:
        """The partner filter: an id, 0 for "not assigned", or None for all."""
        if self.partner is None or not self.partner.data:
            return None
        if self.partner.data == "none":
            return 0
        known = {str(pid): pid for pid, _ in partners}
        return known.get(self.partner.data)
