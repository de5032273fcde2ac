"""Forms for administering staff accounts."""

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from surveys.forms import Form
from surveys.models import ROLES
from surveys.services.platform.staff_accounts import missing_partner


class RoleForm(Form):
    """A role and, for roles that need one, a partner."""

    role = SelectField("Role", widget=GovSelect(), validate_choice=False)
    partner = SelectField("Partner", widget=GovSelect(), validate_choice=False,
                          description="Partner leads see only their own partner's feedback, cases and actions.")
    submit = SubmitField("Save role", widget=GovSubmitInput())

    def __init__(self, *args, partners: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [SelectChoice("", "Select a role"), *(SelectChoice(k, v) for k, v in ROLES.items())]
        self.partner.choices = [SelectChoice("", "None"), *(SelectChoice(str(i), n) for i, n in partners)]
        self.partner_values = {"", *(str(i) for i, _ in partners)}

    def validate_role(self, field) -> None:
        if field.data not in ROLES:
            raise ValidationError("Select a role")

    def validate_partner(self, field) -> None:
        if (field.data or "") not in self.partner_values:
            raise ValidationError("Select a partner from the list")
        problem = missing_partner(self.role.data, bool(field.data))
        if problem:
            raise ValidationError(problem)  # on the partner field, where it is put right

    @property
    def partner_id(self) -> int | None:
        return int(self.partner.data) if self.partner.data else None


class InviteForm(RoleForm):
    """A new member of staff: who they are and what they do."""

    email = EmailField("Email address", widget=GovTextInput(),
                       validators=[DataRequired(message="Enter their email address"),
                                   Length(max=254, message="Email address must be 254 characters or fewer")])
    name = StringField("Name", widget=GovTextInput(),
                       validators=[Length(max=200, message="Name must be 200 characters or fewer")])
    submit = SubmitField("Create account", widget=GovSubmitInput())

    def validate_email(self, field) -> None:
        local, _, domain = (field.data or "").strip().partition("@")
        if not local or "." not in domain or " " in field.data.strip():
            raise ValidationError("Enter an email address in the correct format, like name@example.gov.uk")
