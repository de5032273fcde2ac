"""The form for the publication schedule: how often, and at what time in England."""

import re

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, ValidationError

from surveys.form_fields import strip_text
from surveys.forms import Form
from surveys.models import SCHEDULE_KINDS

TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_time(text: str) -> tuple[int, int] | None:
    """(hour, minute) from "09:00", "9:00" or "14.30"; None for anything else, or a time that does not exist."""
    match = TIME.match(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    return (hour, minute) if hour <= 23 and minute <= 59 else None


class ScheduleForm(Form):
    """How often the tracker is published, and when."""

    kind = RadioField("How often should the tracker be published?", choices=list(SCHEDULE_KINDS.items()),
                      widget=GovRadioInput(), validate_choice=False,
                      validators=[InputRequired(message="Select how often to publish the tracker"),
                                  AnyOf(list(SCHEDULE_KINDS), message="Select how often to publish the tracker")])
    time = StringField("Time", widget=GovTextInput(), filters=[strip_text],
                       description="In England's time, on the 24-hour clock. For example, 09:00 or 14:30")
    save = SubmitField("Save schedule", widget=GovSubmitInput())

    def validate_time(self, field) -> None:
        """A time is needed unless publishing on a schedule is off."""
        if self.kind.data == "off" and not field.data:
            return
        if not field.data:
            raise ValidationError("Enter the time to publish, for example 09:00")
        if parse_time(field.data) is None:
            raise ValidationError("Time must be a real time on the 24-hour clock, for example 09:00 or 14:30")

    def hour_minute(self, default: tuple[int, int]) -> tuple[int, int]:
        """The time entered, or ``default`` when it was left empty (allowed when off)."""
        return parse_time(self.time.data) or default
