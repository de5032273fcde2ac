"""Forms for the theme workspace: rename, mark reviewed, reject, merge, split and move a comment.

The rules about names and comments live in ``surveys.services.understand.theme_decisions``; its messages are shown
beside the field they are about. These forms only check what was offered was chosen.
"""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from surveys.forms import Form

NOT_REDACTED = "This comment has not been checked for personal details yet, so it is not shown."
THEME_STATUS_NAMES = {"proposed": "Proposed", "reviewed": "Reviewed", "rejected": "Rejected", "merged": "Merged"}


def theme_choices(themes, prompt: str) -> list[SelectChoice]:
    """A select's options: a prompt, then each theme by name and status."""
    return [SelectChoice("", prompt)] + [
        SelectChoice(str(theme.id), f"{theme.label} ({THEME_STATUS_NAMES.get(theme.status, theme.status).lower()})")
        for theme in themes
    ]


def single_spaced(value: str | None) -> str | None:
    """Runs of spaces and line breaks as one space, as the service stores names."""
    return " ".join(value.split()) if value else value


class ThemeSelectField(SelectField):
    """A theme chosen from a select; anything not offered gets ``message``."""

    def __init__(self, label, message: str, **kwargs):
        super().__init__(label, widget=GovSelect(), validate_choice=False, **kwargs)
        self.message = message

    def pre_validate(self, form) -> None:
        if not self.data or self.data not in {choice.value for choice in self.choices if choice.value}:
            raise ValidationError(self.message)

    def theme_id(self) -> int:
        """The chosen theme's id (call after validating)."""
        return int(self.data)


class RenameForm(Form):
    """The name people will read."""

    theme_name = StringField("Theme name", widget=GovTextInput())
    rename_button = SubmitField("Rename theme", widget=GovSubmitInput())


class ReviewForm(Form):
    """A button: the forum and the lead have looked at this theme."""

    review_button = SubmitField("Mark as reviewed", widget=GovSubmitInput())


class RejectForm(Form):
    """A button, on its own page: not a real theme."""

    reject_button = SubmitField("Reject theme", widget=GovSubmitInput())


class MergeForm(Form):
    """Fold this theme into another."""

    into = ThemeSelectField("Merge into", "Select a theme to merge into",
                            description="Every comment in this theme moves to the one you choose. "
                                        "This cannot be undone.")
    merge_button = SubmitField("Merge themes", widget=GovSubmitInput())

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.into.choices = theme_choices(themes, "Choose a theme")


class CommentIdsField(SelectMultipleField):
    """Checkboxes, one per comment shown; sends comment ids."""

    def pre_validate(self, form) -> None:
        """Ids not on this page pass (the service keeps only the theme's own comments); non-numbers do not."""
        if not self.data:
            raise ValidationError("Select the comments that belong in the new theme")
        if any(not value.isascii() or not value.isdigit() for value in self.data):
            raise ValidationError("Select comments from the list")

    def comment_ids(self) -> list[int]:
        """The ids chosen (call after validating)."""
        return [int(value) for value in self.data or []]


class SplitForm(Form):
    """Some of a theme's comments become a theme of their own."""

    comment_ids = CommentIdsField(
        "Comments for a new theme", widget=GovCheckboxesInput(),
        description="Select the comments that belong together in a theme of their own.",
    )
    # Checked here as well as by the service, so that both fields' problems are listed at once.
    new_theme_name = StringField(
        "Name of the new theme", widget=GovTextInput(), filters=[single_spaced],
        validators=[DataRequired(message="Enter a name for the theme"),
                    Length(max=200, message="Theme name must be 200 characters or fewer")],
    )
    split_button = SubmitField("Split into a new theme", widget=GovSubmitInput())

    def __init__(self, *args, comments, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment_ids.choices = [SelectChoice(str(comment.id), comment.redacted_text or NOT_REDACTED)
                                    for comment in comments]


class MoveForm(Form):
    """Put one comment in another theme.

    The review queue shows one of these per comment, each with its own prefix so ids stay unique. A prefix
    would rename the form's own security token field, so it is turned off here: the app-wide CSRFProtect
    still checks the token every page sends with each POST.
    """

    class Meta:
        csrf = False

    theme = ThemeSelectField("Move to theme", "Select a theme to move the comment to")
    move_button = SubmitField("Move", widget=GovSubmitInput())

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = theme_choices(themes, "Choose a theme")
