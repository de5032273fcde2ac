"""Forms for editing surveys. They check what one field can check; the survey editor service checks the rest."""

from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, NumberRange, ValidationError

from surveys.forms import Form
from surveys.models import AUDIENCES
from surveys.services.capture.survey_editor import (
    DEFAULT_TEXT_LENGTH,
    KIND_NAMES,
    MAX_PAGE,
    MAX_TEXT_LENGTH,
    OPTION_KINDS,
    EditorError,
    parse_options,
)
from surveys.services.capture.symbols import DEFAULT_SCALE, SCALES

# What each type of question is for, shown when staff choose one.
KIND_HINTS = {
    "rating": "Points from, for example, 1 (very poor) to 5 (very good), each with a label.",
    "symbol_scale": "Faces, thumbs or yes and no pictures, each with its word beside it. Good for young people "
                    "and easy read.",
    "single_choice": "People choose one answer from a list.",
    "multiple_choice": "People choose all the answers that apply.",
    "yes_no": "People answer yes or no.",
    "free_text": "People write in their own words, up to a length you set.",
    "consent": "An explicit yes or no, for example to being quoted or contacted.",
    "equality": "An optional equality monitoring question that always offers “Prefer not to say”.",
    "audio": "People record or upload a spoken message instead of typing.",
}


class WholeNumberField(IntegerField):
    """A number box that says what it wants when given something that is not a whole number."""

    def __init__(self, label=None, validators=None, message: str = "Enter a whole number", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.not_a_number = message

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip().replace(",", ""))
            except ValueError as error:
                self.data = None
                raise ValueError(self.not_a_number) from error
        else:
            self.data = None


class SurveyForm(Form):
    """A survey's details: title, who it is for, introduction and switches."""

    title = StringField("Title", widget=GovTextInput(), validators=[DataRequired(message="Enter a title")])
    audience = RadioField(
        "Who is the survey for?",
        choices=list(AUDIENCES.items()),
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[
            InputRequired(message="Select who the survey is for"),
            AnyOf(list(AUDIENCES), message="Select who the survey is for"),
        ],
    )
    intro = TextAreaField(
        "Introduction (optional)",
        widget=GovTextArea(),
        description="Shown before the first question: what the survey is about and how long it takes.",
    )
    easy_read = BooleanField(
        "This is an easy-read survey",
        widget=GovCheckboxInput(),
        description="Short sentences and simple words. We check the wording when you save. "
        "Surveys for young people are always shown in easy read.",
    )
    open_link = BooleanField(
        "Anyone can answer it from the give feedback page, without an invitation (open link)",
        widget=GovCheckboxInput(),
    )
    active = BooleanField(
        "Active: people can answer it now",
        widget=GovCheckboxInput(),
        description="Turn this off to stop new answers. Answers already given are kept.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class NewSurveyForm(SurveyForm):
    """Creating a survey: it starts inactive, so the switch comes later, once it has questions."""

    active = None
    submit = SubmitField("Create survey", widget=GovSubmitInput())


class QuestionKindForm(Form):
    """Choosing the type of a new question."""

    kind = RadioField(
        "What type of question do you want to add?",
        choices=list(KIND_NAMES.items()),
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[
            InputRequired(message="Select the type of question"),
            AnyOf(list(KIND_NAMES), message="Select the type of question"),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class QuestionForm(Form):
    """One question. ``for_kind`` removes the fields a type of question does not use."""

    prompt = TextAreaField("Question", widget=GovTextArea(), validators=[DataRequired(message="Enter the question")])
    easy_read_prompt = TextAreaField(
        "Easy-read wording (optional)",
        widget=GovTextArea(),
        description="A shorter, simpler way to ask the question. Easy-read respondents see this instead.",
    )
    hint = TextAreaField(
        "Hint (optional)",
        widget=GovTextArea(),
        description="Help shown under the question, for example “Do not include names or contact details.”",
    )
    options = TextAreaField(
        "Answer options",
        widget=GovTextArea(),
        validators=[DataRequired(message="Enter the answer options, one on each line")],
    )
    symbols = RadioField(
        "Which symbols can people choose from?",
        choices=[(name, scale.name) for name, scale in SCALES.items()],
        widget=GovRadioInput(),
        default=DEFAULT_SCALE,
        validate_choice=False,
        validators=[InputRequired(message="Select the symbols people choose from"),
                    AnyOf(list(SCALES), message="Select the symbols people choose from")],
        description="Each picture always has its word beside it.",
    )
    max_length = WholeNumberField(
        "Most characters people can write",
        widget=GovTextInput(),
        message=f"Enter the most characters people can write, as a number from 1 to {MAX_TEXT_LENGTH:,}",
        default=DEFAULT_TEXT_LENGTH,
        description=f"People see a count of the characters they have left. Up to {MAX_TEXT_LENGTH:,}.",
        validators=[
            InputRequired(message="Enter the most characters people can write"),
            NumberRange(min=1, max=MAX_TEXT_LENGTH,
                        message=f"Maximum length must be between 1 and {MAX_TEXT_LENGTH:,} characters"),
        ],
    )
    required = BooleanField("People must answer this question", widget=GovCheckboxInput())
    page = WholeNumberField(
        "Page",
        widget=GovTextInput(),
        message=f"Enter the page number, from 1 to {MAX_PAGE}",
        description="Questions with the same page number are shown together.",
        validators=[
            InputRequired(message="Enter the page number"),
            NumberRange(min=1, max=MAX_PAGE, message=f"Page must be between 1 and {MAX_PAGE}"),
        ],
    )
    condition = SelectField("When should this question be shown?", widget=GovSelect(), validate_choice=False)
    key = StringField(
        "Key (optional)",
        widget=GovTextInput(),
        description="A short name for this question in exports and reports, like communication_rating. "
        "Lower case letters, numbers and underscores. Leave it blank to make one from the question.",
    )
    submit = SubmitField("Save question", widget=GovSubmitInput())
    kind = ""  # set by for_kind; options are read differently for scales

    def validate_options(self, field) -> None:
        """Read the option lines now, so their mistakes show with the other fields' mistakes."""
        try:
            parse_options(field.data, self.kind)
        except EditorError as error:
            raise ValidationError(error.message) from error

    @classmethod
    def for_kind(cls, kind: str, easy_read: bool, condition_choices: list[tuple[str, str]], **kwargs):
        """A form for one type of question, with the questions it may depend on."""
        form = cls(**kwargs)
        form.kind = kind
        if kind not in OPTION_KINDS or kind in ("yes_no", "symbol_scale"):
            del form.options
        if kind != "symbol_scale":
            del form.symbols
        if kind != "free_text":
            del form.max_length
        if not easy_read:
            del form.easy_read_prompt
        form.condition.choices = [("", "Always"), *condition_choices]
        return form


class ReadAloudForm(Form):
    """A recording of someone reading an easy-read question aloud."""

    recording = FileField(
        "Recording",
        widget=GovFileInput(),
        description="An audio file, like MP3, M4A, WAV, OGG or WEBM. Read the easy-read wording slowly and clearly.",
        validators=[FileRequired(message="Choose a recording to upload")],
    )
    submit = SubmitField("Save recording", widget=GovSubmitInput())


class RemoveReadAloudForm(Form):
    """One button: take the recording off the question."""

    remove = SubmitField("Remove recording", widget=GovSubmitInput())
