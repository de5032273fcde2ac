"""Forms for actions: the action itself, an update, a forum note, a milestone, a milestone done, the list's filters.

The forms read what was typed (dates in three boxes, ids from lists); the rules live in ``surveys.services.act``
and their messages are put beside the field they are about, so every problem shows at once.
"""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from surveys.form_fields import strip_text
from surveys.forms import Form
from surveys.models import ACTION_STATUSES, IMPACT_KINDS
from surveys.services.act import rules, updates
from surveys.services.act.rag import COLOURS as RAG_COLOURS
from surveys.services.act.rules import ActionData
from surveys.staff.case_forms import DayMonthYearField, choices

WINDOW_MESSAGE = f"Enter the window as a whole number of days between {rules.WINDOW_DAYS[0]} and {rules.WINDOW_DAYS[1]}"


def text_area(label: str, description: str = "") -> TextAreaField:
    """A trimmed, optional text box (its rules are the service's)."""
    return TextAreaField(label, widget=GovTextArea(), filters=[strip_text], description=description)


def as_id(value: str | None) -> int | None:
    """An id sent by a list, or None for nothing or nonsense."""
    return int(value) if value and value.isascii() and value.isdigit() else None


def add_problems(form: Form, problems: dict[str, str]) -> bool:
    """Put each service problem beside its field (unless the field has one already); True if the form is fine."""
    for name, message in problems.items():
        field = form._fields.get(name)
        if field is not None and not field.errors:
            field.errors = [*field.errors, message]
    return not form.errors


class ChoiceIds(SelectMultipleField):
    """Ticked boxes that send ids; anything not offered is for the service to refuse."""

    def pre_validate(self, form) -> None:
        if any(as_id(value) is None for value in self.data or []):
            raise ValidationError("Select themes from the list")

    def ids(self) -> list[int]:
        """The ids ticked."""
        return [int(value) for value in self.data or [] if as_id(value) is not None]


class ActionForm(Form):
    """An action: what, why (its themes), who, when, and how we will know it helped."""

    title = StringField("Title", widget=GovTextInput(), filters=[strip_text],
                        description="What will be done, in a few words families would understand")
    description = text_area("Description")
    themes = ChoiceIds("Themes", widget=GovCheckboxesInput(), validate_choice=False,
                       description="What families told us that this action answers. Select all that apply.")
    partner = SelectField("Owner partner", widget=GovSelect(), validate_choice=False)
    lead = SelectField("Lead", widget=GovSelect(), validate_choice=False, description="The person leading it")
    status = RadioField("Status", widget=GovRadioInput(), choices=choices(ACTION_STATUSES), validate_choice=False)
    status_reason = text_area("Reason for the status",
                              "Needed if the action changed or was not taken forward: say why, in plain words")
    start_date = DayMonthYearField("Start date", description="For example, 1 4 2026")
    target_date = DayMonthYearField("Target date", description="For example, 30 9 2026")
    what_this_means = text_area("What this means for families")
    for_the_future = text_area("For the future", "What the partnership will keep doing, or do next")
    public = BooleanField("Families may see this action when what we did is shared with them",
                          widget=GovCheckboxInput())
    impact_kind = RadioField("How will we know it helped?", widget=GovRadioInput(), validate_choice=False,
                             choices=[SelectChoice("", "No measure yet"), *choices(IMPACT_KINDS)])
    impact_question = SelectField("Survey question", widget=GovSelect(), validate_choice=False,
                                  description="Only if you chose a closed survey question's result")
    impact_theme = SelectField("Theme to measure", widget=GovSelect(), validate_choice=False,
                               description="Only if you chose a theme's share of comments or mean sentiment")
    impact_window_days = StringField(
        "Window in days", widget=GovTextInput(), filters=[strip_text],
        description="The measure compares this many days before the start date with this many days after it "
                    f"({rules.WINDOW_DAYS[0]} to {rules.WINDOW_DAYS[1]})",
    )
    submit = SubmitField("Save action", widget=GovSubmitInput())

    def __init__(self, *args, options: dict, kept_theme_ids: set[int] = frozenset(), owner_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_theme_ids, self.owner_id = set(kept_theme_ids), owner_id
        self.themes.choices = [SelectChoice(str(theme.id), theme.label) for theme in options["themes"]]
        if owner_id is not None:
            del self.partner  # a partner lead's actions are their own partner's
        else:
            self.partner.choices = [SelectChoice("", "Choose a partner"), *id_choices(options["partners"])]
        self.lead.choices = [SelectChoice("", "No lead yet"), *id_choices(options["leads"])]
        self.impact_question.choices = [SelectChoice("", "Choose a question")] + [
            SelectChoice(option.value, option.label) for option in options["questions"]]
        self.impact_theme.choices = [SelectChoice("", "Choose a theme")] + [
            SelectChoice(str(theme.id), theme.label) for theme in options["themes"]]

    def validate_impact_window_days(self, field) -> None:
        if field.data and not (field.data.isascii() and field.data.isdigit()):
            raise ValidationError(WINDOW_MESSAGE)

    def validate(self, extra_validators=None) -> bool:
        """The form's own checks, then the service's rules, every message beside its field."""
        super().validate(extra_validators)
        problems = rules.action_problems(self.action_data(), self.kept_theme_ids)
        if problems.get("impact_window_days"):
            problems["impact_window_days"] = WINDOW_MESSAGE
        return add_problems(self, problems)

    def action_data(self) -> ActionData:
        """What was sent, as the service takes it."""
        survey_id, _, key = (self.impact_question.data or "").partition(":")
        window = self.impact_window_days.data
        return ActionData(
            title=self.title.data or "", description=self.description.data or "", theme_ids=self.themes.ids(),
            partner_id=self.owner_id if self.partner is None else as_id(self.partner.data),
            lead_id=as_id(self.lead.data), status=self.status.data or "", status_reason=self.status_reason.data or "",
            start_date=self.start_date.data, target_date=self.target_date.data,
            what_this_means=self.what_this_means.data or "", for_the_future=self.for_the_future.data or "",
            public=bool(self.public.data), impact_kind=self.impact_kind.data or "",
            impact_survey_id=as_id(survey_id), impact_question_key=key, impact_theme_id=as_id(self.impact_theme.data),
            impact_window_days=int(window) if window and window.isascii() and window.isdigit() else None,
        )

    @classmethod
    def starting_from(cls, data: ActionData) -> dict:
        """Form values for an action's current ``data``."""
        return {
            "title": data.title, "description": data.description, "themes": [str(i) for i in data.theme_ids],
            "partner": str(data.partner_id or ""), "lead": str(data.lead_id or ""), "status": data.status,
            "status_reason": data.status_reason, "start_date": data.start_date, "target_date": data.target_date,
            "what_this_means": data.what_this_means, "for_the_future": data.for_the_future, "public": data.public,
            "impact_kind": data.impact_kind,
            "impact_question": f"{data.impact_survey_id}:{data.impact_question_key}" if data.impact_survey_id else "",
            "impact_theme": str(data.impact_theme_id or ""), "impact_window_days": str(data.impact_window_days or 180),
        }


def id_choices(pairs: list[tuple[int, str]]) -> list[SelectChoice]:
    """Select options from (id, words) pairs."""
    return [SelectChoice(str(pid), words) for pid, words in pairs]


class UpdateForm(Form):
    """An update on progress, which may change the status."""

    body = text_area("Update", "What has happened since the last update")
    status = RadioField("Status", widget=GovRadioInput(), choices=choices(ACTION_STATUSES), validate_choice=False)
    status_reason = text_area("Reason for the status", "Needed if the action changed or was not taken forward")
    submit = SubmitField("Post update", widget=GovSubmitInput())

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if not self.is_submitted():
            self.status.data, self.status_reason.data = action.status, action.status_reason

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        return add_problems(self, updates.update_problems(
            self.action, self.body.data or "", self.status.data or "", self.status_reason.data or ""))


class ForumNoteForm(Form):
    """The parent carer forum's view of an action."""

    body = text_area("The forum's note", "What the forum thinks of this action, in its own words")
    submit = SubmitField("Add forum note", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        return add_problems(self, updates.note_problems(self.body.data or ""))


class MilestoneForm(Form):
    """A step towards the action, with its due date."""

    title = StringField("Milestone", widget=GovTextInput(), filters=[strip_text])
    due_on = DayMonthYearField("Date due", description="For example, 30 6 2026")
    submit = SubmitField("Save milestone", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        return add_problems(self, rules.milestone_problems(self.title.data or "", self.due_on.data))


class DoneForm(Form):
    """The day a milestone was done."""

    done_on = DayMonthYearField("Date done", description="For example, 2 4 2026")
    submit = SubmitField("Mark as done", widget=GovSubmitInput())

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if not self.is_submitted() and self.done_on.data is None:
            self.done_on.data = today

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        return add_problems(self, rules.done_problems(self.done_on.data, self.today))


class ActionFilterForm(Form):
    """Filters for the list of actions, sent in the address (a GET form, so no security token)."""

    class Meta:
        csrf = False

    partner = SelectField("Partner", widget=GovSelect(), validate_choice=False)
    status = SelectField("Status", widget=GovSelect(), validate_choice=False)
    theme = SelectField("Theme", widget=GovSelect(), validate_choice=False)
    rag = SelectField("RAG status", widget=GovSelect(), validate_choice=False)

    def __init__(self, formdata, *, partners: list[tuple[int, str]] | None, themes):
        super().__init__(formdata=formdata)
        every = SelectChoice("", "All")
        self.status.choices = [every, *choices(ACTION_STATUSES)]
        self.theme.choices = [every] + [SelectChoice(str(theme.id), theme.label) for theme in themes]
        self.rag.choices = [every, *choices(RAG_COLOURS)]
        if partners is None:
            del self.partner  # partner leads see only their own partner's actions
        else:
            self.partner.choices = [every, *id_choices(partners)]

    def chosen_id(self, name: str) -> int | None:
        """The id chosen in a filter, if it is one we offer; anything else means "all"."""
        field = getattr(self, name)
        offered = {choice.value for choice in field.choices} if field is not None else set()
        return as_id(field.data) if field is not None and field.data in offered else None

    def chosen_rag(self) -> str | None:
        """The RAG colour chosen, if it is one we know."""
        return self.rag.data if self.rag.data in RAG_COLOURS else None

    def chosen_status(self) -> str | None:
        """The status chosen, if it is one we know."""
        return self.status.data if self.status.data in ACTION_STATUSES else None
