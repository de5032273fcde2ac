"""Forms for erasure on request: find a person's data, then confirm the deletion."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextInput
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from surveys.form_fields import contact_email_field, contact_phone_field, strip_text
from surveys.forms import Form


class ErasureSearchForm(Form):
    """Any of: the link from their invitation, their email address, their phone number."""

    link = StringField("Invitation link", widget=GovTextInput(), filters=[strip_text],
                       description="The link from the email or text message they were sent",
                       validators=[Length(max=500, message="Invitation link must be 500 characters or fewer")])
    email = contact_email_field("Email address")
    phone = contact_phone_field("Phone number")
    find = SubmitField("Find their data", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        """The format checks, then at least one way to find them."""
        valid = super().validate(extra_validators)
        if valid and not (self.link.data or self.email.data or self.phone.data):
            self.link.errors.append("Enter an invitation link, an email address or a phone number")
            return False
        return valid


class ErasureConfirmForm(ErasureSearchForm):
    """The same search, carried as hidden fields, and a confirmation."""

    confirm = BooleanField("I have checked this is the person who asked, and that none of it must be kept "
                           "(for example for a safeguarding referral or a complaint still open)",
                           widget=GovCheckboxInput(),
                           validators=[DataRequired(message="Confirm you have checked before deleting")])
    erase = SubmitField("Delete all of it", widget=GovSubmitInput())
