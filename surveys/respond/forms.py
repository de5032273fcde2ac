"""Forms for respondents, built from a survey version's questions."""


from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from surveys.form_fields import contact_email_field, contact_name_field, contact_phone_field, strip_text
from surveys.forms import Form
from surveys.models import Question
from surveys.services.capture import questions as q

DEFAULT_TEXT_LIMIT = 2000


class ChoiceField(RadioField):
    """Radios that refuse values that were never offered, in plain words."""

    def pre_validate(self, form):
        if self.data is not None and self.data not in {value for value, _ in self.choices}:
            raise ValidationError("Select one of the options shown")


class ChoicesField(SelectMultipleField):
    """Checkboxes that refuse values that were never offered, in plain words."""

    def pre_validate(self, form):
        offered = {value for value, _ in self.choices}
        if any(value not in offered for value in self.data or []):
            raise ValidationError("Select from the options shown")


class PageForm(Form):
    """Base for one page of questions: a hidden field ties the form to the survey version it came from."""

    version_id = HiddenField()
    submit = SubmitField("Continue", widget=GovSubmitInput())


def required_message(question: Question, easy_read: bool) -> str:
    """What to say when a required question is left out."""
    if question.kind == "multiple_choice":
        return "Select at least one option" if not easy_read else "Choose at least one answer"
    if question.kind == "free_text":
        return "Enter your answer" if not easy_read else "Please write your answer"
    if question.kind == "audio":
        return "Choose an audio file to upload"
    return "Select an answer" if not easy_read else "Please choose an answer"


def field_for(question: Question, easy_read: bool):
    """The WTForms field for one question."""
    label = question.prompt_for(easy_read)
    required = [InputRequired(message=required_message(question, easy_read))] if question.required else [Optional()]
    choices = [(option["value"], option["label"]) for option in q.options_for(question)]
    if question.kind == "multiple_choice":
        return ChoicesField(label, choices=choices, widget=GovCheckboxesInput(), validators=required,
                            description=question.hint)
    if question.kind == "free_text":
        limit = question.max_length or DEFAULT_TEXT_LIMIT
        too_long = f"Your answer must be {limit:,} characters or fewer"
        return TextAreaField(label, widget=GovCharacterCount(), description=question.hint,
                             validators=[*required, Length(max=limit, message=too_long)])
    if question.kind == "audio":
        return FileField(label, widget=GovFileInput(), description=question.hint,
                         validators=required if question.required else [])
    return ChoiceField(label, choices=choices, widget=GovRadioInput(), validators=required, description=question.hint)


def build_page_form(questions: list[Question], easy_read: bool, *, ask_contact: bool = False) -> type[PageForm]:
    """A form class for one page; with ``ask_contact``, optional contact boxes after the consent to contact."""
    attributes = {question.key: field_for(question, easy_read) for question in questions}
    if ask_contact:
        attributes["contact_email"] = contact_email_field("Email address (optional)")
        attributes["contact_phone"] = contact_phone_field("UK phone number (optional)")
    return type("SurveyPageForm", (PageForm,), attributes)


class ComplaintChoiceForm(Form):
    """What the person wants to do when their feedback reads like a complaint."""

    choice = ChoiceField(
        "What would you like to do?",
        choices=[],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select what you would like to do")],
    )
    contact_name = contact_name_field("Your name (optional)")
    contact_email = contact_email_field("Email address (optional)")
    contact_phone = contact_phone_field("UK phone number (optional)")
    submit = SubmitField("Continue", widget=GovSubmitInput())


class UnsubscribeForm(Form):
    """One button: stop messages about what changed."""

    stop = SubmitField("Stop these messages", widget=GovSubmitInput())


class ResumeCodeForm(Form):
    """The code someone was given to come back to a survey."""

    code = StringField("Your code", widget=GovTextInput(), filters=[strip_text],
                       description="It has 8 letters and numbers, like ABCD-2345.",
                       validators=[InputRequired(message="Type your code")])
    submit = SubmitField("Carry on", widget=GovSubmitInput())


class GetCodeForm(Form):
    """One button: make a code to come back later."""

    submit = SubmitField("Get a code", widget=GovSubmitInput())


class SendCodeForm(Form):
    """Send the code just made by email or text message (the code travels back in a hidden field)."""

    code = HiddenField()
    email = contact_email_field("Email address")
    phone = contact_phone_field("Mobile phone number")
    submit = SubmitField("Send it", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        """An email address or a phone number is needed (each box is optional, so check here)."""
        valid = super().validate(extra_validators)
        if valid and not self.email.data and not self.phone.data:
            self.email.errors = [*self.email.errors, "Type your email or your phone number"]
            return False
        return valid
