"""Forms for API tokens: a name and how long it works; a revoke button."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import IntegerField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange

from surveys.form_fields import strip_text
from surveys.forms import Form
from surveys.services.platform.api_tokens import DEFAULT_VALID_DAYS, MAX_VALID_DAYS, NAME_LENGTH


class ApiTokenForm(Form):
    """Name a new token (so it can be told apart and revoked later) and say how many days it works."""

    name = StringField("Name of the token", widget=GovTextInput(), filters=[strip_text],
                       description="Say which tool uses it, for example ‘Council Power BI dashboard’",
                       validators=[InputRequired("Enter a name for this token"),
                                   Length(max=NAME_LENGTH, message=f"The name must be {NAME_LENGTH} characters or "
                                                                   "fewer")])
    days = IntegerField("Days until it stops working", widget=GovTextInput(), default=DEFAULT_VALID_DAYS,
                        description=f"From 1 to {MAX_VALID_DAYS}",
                        validators=[InputRequired(f"Enter how many days the token works for, from 1 to "
                                                  f"{MAX_VALID_DAYS}"),
                                    NumberRange(1, MAX_VALID_DAYS, f"Enter how many days the token works for, from "
                                                                   f"1 to {MAX_VALID_DAYS}")])
    create = SubmitField("Create token", widget=GovSubmitInput())


class RevokeTokenForm(Form):
    """A button beside each token that still works."""

    revoke = SubmitField("Revoke", widget=GovSubmitInput())
