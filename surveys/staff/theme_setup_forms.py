"""Forms for setting up theme runs: re-run with a number of themes, and the codebook of expected themes."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, NumberRange

from surveys.forms import Form
from surveys.services.understand.theme_runs import MAX_THEMES, MIN_THEMES
from surveys.staff.survey_forms import WholeNumberField
from surveys.staff.theme_forms import single_spaced


class RerunForm(Form):
    """Find themes again with more or fewer of them, from the codebook or not."""

    theme_count = WholeNumberField(
        "Number of themes", widget=GovTextInput(), message="Number of themes must be a whole number, like 10",
        validators=[InputRequired(message="Enter the number of themes"),
                    NumberRange(MIN_THEMES, MAX_THEMES,
                                message=f"Number of themes must be between {MIN_THEMES} and {MAX_THEMES}")],
    )
    use_codebook = BooleanField("Start from the codebook of expected themes", widget=GovCheckboxInput())
    rerun_button = SubmitField("Find themes again", widget=GovSubmitInput())


class CodebookForm(Form):
    """One expected theme and the phrases people might use about it."""

    name = StringField("Theme name", widget=GovTextInput(), filters=[single_spaced])
    phrases = TextAreaField("Example phrases", widget=GovTextArea(),
                            description="One a line, in the words families use, for example “waiting for CAMHS”")
    save_button = SubmitField("Save theme", widget=GovSubmitInput())


class ButtonForm(Form):
    """A form that is only a button (remove a codebook theme, start from the SEND inspection areas)."""

    button = SubmitField("Continue", widget=GovSubmitInput())
