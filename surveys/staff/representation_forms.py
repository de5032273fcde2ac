"""Forms for who is not being heard: choose what to compare, type a baseline figure, upload a file of them."""

from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSelect, GovSubmitInput, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from surveys.form_fields import strip_text
from surveys.forms import Form
from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS
from surveys.services.platform.errors import Invalid
from surveys.services.report import baseline
from surveys.services.report.who_answered import AUDIENCES, SUPPORT_CHOICES
from surveys.staff.case_forms import DayMonthYearField, choices, not_in_future

PERIODS = {"term": "This school term", "year": "The last 12 months", "all": "All time"}
AUDIENCE_NAMES = {"parent_carer": "Parents and carers", "young_person": "Young people",
                  "both": "Parents, carers and young people"}


class ComparisonForm(Form):
    """What to compare, sent in the address (a GET form, so no security token)."""

    class Meta:
        csrf = False

    audience = SelectField("Who answered", widget=GovSelect(), choices=choices(AUDIENCE_NAMES), default="both",
                           validate_choice=False)
    support = SelectField("Compare with", widget=GovSelect(), choices=choices(SUPPORT_CHOICES), default="ehc_plan",
                          validate_choice=False)
    period = SelectField("Responses from", widget=GovSelect(), choices=choices(PERIODS), default="year",
                         validate_choice=False)

    def chosen(self, name: str, allowed) -> str:
        """The value chosen, if it is one we offer; otherwise the default."""
        field = self[name]
        return field.data if field.data in allowed else field.default

    def values(self) -> tuple[str, str, str]:
        """The audience, support level and period to show."""
        return self.chosen("audience", AUDIENCES), self.chosen("support", SUPPORT_CHOICES), \
            self.chosen("period", PERIODS)


class FigureForm(Form):
    """One baseline figure: how many children and young people are in one group."""

    dimension = RadioField("Breakdown", widget=GovRadioInput(), choices=choices(BASELINE_DIMENSIONS),
                           validate_choice=False, validators=[InputRequired(message="Select a breakdown")])
    category = StringField("Group", widget=GovTextInput(), filters=[strip_text],
                           description="For example, the locality’s name, ‘Autism’, ‘5 to 10’ or ‘White’",
                           validators=[DataRequired(message="Enter the group")])
    support = RadioField("Support", widget=GovRadioInput(), choices=choices(SUPPORT_LEVELS), validate_choice=False,
                         validators=[InputRequired(message="Select EHC plan or SEN support")])
    count = StringField("Number of children and young people", widget=GovTextInput(), filters=[strip_text],
                        validators=[DataRequired(message="Enter the number of children and young people")])
    as_of = DayMonthYearField("Date the figures are for", description="Optional. For example, 16 1 2026",
                              validators=[not_in_future])
    submit = SubmitField("Save figure", widget=GovSubmitInput())

    def validate_dimension(self, field) -> None:
        if field.data not in BASELINE_DIMENSIONS:
            raise ValidationError("Select a breakdown")

    def validate_support(self, field) -> None:
        if field.data not in SUPPORT_LEVELS:
            raise ValidationError("Select EHC plan or SEN support")

    def validate_count(self, field) -> None:
        try:
            baseline.count_of(field.data)
        except Invalid as problem:
            raise ValidationError(problem.message) from None

    def validate_category(self, field) -> None:
        if self.dimension.data in BASELINE_DIMENSIONS:
            try:
                baseline.category_of(self.dimension.data, field.data)
            except Invalid as problem:
                raise ValidationError(problem.message) from None


class UploadForm(Form):
    """A CSV or XLSX file of baseline figures."""

    file = FileField(
        "Upload a file", widget=GovFileInput(),
        validators=[FileRequired(message="Select a CSV or XLSX file"),
                    FileAllowed(["csv", "xlsx"], message="The selected file must be a CSV or XLSX")],
    )
    submit = SubmitField("Upload figures", widget=GovSubmitInput())


class RemoveForm(Form):
    """A button that removes one figure."""

    submit = SubmitField("Remove", widget=GovSubmitInput())
