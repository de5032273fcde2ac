"""The rules an action must keep, in one place: the forms ask these functions, and the services enforce them.

Each check returns problems as a dict of field name to a GOV.UK message, so a form can show every problem beside
its field at once, and a service can refuse the whole change (``ActionInvalid``) before it touches anything.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from surveys.models import ACTION_STATUSES, IMPACT_KINDS, Partner, Question, SurveyVersion, Theme, User, db
from surveys.models.actions import STATUSES_NEEDING_A_REASON
from surveys.services.platform.errors import Invalid

TITLE_MAX = 200
TEXT_MAX = 10000
OPEN_THEME_STATUSES = ("reviewed", "proposed")
CLOSED_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no")
WINDOW_DAYS = (30, 730)
REASON_MESSAGES = {
    "changed": "Enter why the action changed",
    "not_taken_forward": "Enter why the action was not taken forward",
}


class ActionInvalid(Invalid):
    """What was sent breaks a rule; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass
class ActionData:
    """Everything a person sets on an action, as plain values (ids, dates, words)."""

    title: str = ""
    description: str = ""
    theme_ids: list[int] = field(default_factory=list)
    partner_id: int | None = None
    lead_id: int | None = None
    status: str = "planned"
    status_reason: str = ""
    start_date: date | None = None
    target_date: date | None = None
    what_this_means: str = ""
    for_the_future: str = ""
    public: bool = False
    impact_kind: str = ""  # "" for none, else a key of IMPACT_KINDS
    impact_survey_id: int | None = None
    impact_question_key: str = ""
    impact_theme_id: int | None = None
    impact_window_days: int | None = 180


def refuse_if(problems: dict[str, str]) -> None:
    """Raise ``ActionInvalid`` when there is any problem."""
    if problems:
        raise ActionInvalid(problems)


def text_problems(data: ActionData) -> dict[str, str]:
    """A title, and no text longer than we keep."""
    problems = {}
    if not data.title.strip():
        problems["title"] = "Enter a title"
    elif len(data.title) > TITLE_MAX:
        problems["title"] = f"Title must be {TITLE_MAX} characters or fewer"
    for name, label in (("description", "Description"), ("what_this_means", "What this means for families"),
                        ("for_the_future", "For the future")):
        if len(getattr(data, name) or "") > TEXT_MAX:
            problems[name] = f"{label} must be {TEXT_MAX:,} characters or fewer"
    return problems


def status_problems(status: str, reason: str) -> dict[str, str]:
    """A known status, with a reason when it is "changed" or "not taken forward"."""
    if status not in ACTION_STATUSES:
        return {"status": "Select the status"}
    if status in STATUSES_NEEDING_A_REASON and not (reason or "").strip():
        return {"status_reason": REASON_MESSAGES[status]}
    if len(reason or "") > TEXT_MAX:
        return {"status_reason": f"Reason must be {TEXT_MAX:,} characters or fewer"}
    return {}


def date_problems(start: date | None, target: date | None) -> dict[str, str]:
    """The target date is not before the start date."""
    if start and target and target < start:
        return {"target_date": f"Target date must be the same as or after the start date, {start.day} {start:%B %Y}"}
    return {}


def theme_problems(theme_ids: list[int], kept: set[int]) -> dict[str, str]:
    """At least one theme; each reviewed or proposed (or already linked: ``kept``, so an edit loses nothing)."""
    if not theme_ids:
        return {"themes": "Select at least one theme"}
    allowed = set(db.session.scalars(
        select(Theme.id).where(Theme.id.in_(theme_ids), Theme.status.in_(OPEN_THEME_STATUSES))
    )) | kept
    if not set(theme_ids) <= allowed:
        return {"themes": "Select themes from the list: only reviewed and proposed themes can have actions"}
    return {}


def owner_problems(partner_id: int | None, lead_id: int | None) -> dict[str, str]:
    """A partner that exists, and a lead (if any) who is an active member of staff."""
    problems = {}
    if partner_id is None or db.session.get(Partner, partner_id) is None:
        problems["partner"] = "Select the partner that owns the action"
    if lead_id is not None:
        lead = db.session.get(User, lead_id)
        if lead is None or not lead.active:
            problems["lead"] = "Select a lead from the list of active staff"
    return problems


def is_closed_question(survey_id: int | None, key: str) -> bool:
    """Whether some version of the survey asks a closed question (choices or a scale) with this key."""
    if survey_id is None or not key:
        return False
    found = db.session.scalar(
        select(Question.id).join(SurveyVersion)
        .where(SurveyVersion.survey_id == survey_id, Question.key == key, Question.kind.in_(CLOSED_KINDS)).limit(1)
    )
    return found is not None


def impact_problems(data: ActionData) -> dict[str, str]:
    """A measure from the list, what it measures, a window of 30 to 730 days, and a start date to compare about."""
    kind = data.impact_kind or ""
    if kind == "":
        return {}
    if kind not in IMPACT_KINDS:
        return {"impact_kind": "Select how to measure the impact, or none"}
    problems = {}
    if kind == "question" and not is_closed_question(data.impact_survey_id, data.impact_question_key):
        problems["impact_question"] = "Select a closed survey question to measure"
    if kind != "question" and (data.impact_theme_id is None or db.session.get(Theme, data.impact_theme_id) is None):
        problems["impact_theme"] = "Select the theme to measure"
    low, high = WINDOW_DAYS
    if data.impact_window_days is None or not low <= data.impact_window_days <= high:
        problems["impact_window_days"] = f"Enter a number of days between {low} and {high}"
    if data.start_date is None:
        problems["start_date"] = "Enter the start date: the impact is compared before and after it"
    return problems


def action_problems(data: ActionData, kept_theme_ids: set[int] = frozenset()) -> dict[str, str]:
    """Every rule for an action's fields; later rules do not hide earlier fields' messages."""
    problems = {}
    for found in (
        text_problems(data), theme_problems(data.theme_ids, set(kept_theme_ids)),
        owner_problems(data.partner_id, data.lead_id), status_problems(data.status, data.status_reason),
        date_problems(data.start_date, data.target_date), impact_problems(data),
    ):
        problems = found | problems  # the first message for a field wins
    return problems


def body_problems(body: str, name: str, what: str) -> dict[str, str]:
    """Some text, not too long: an update or a forum note."""
    if not (body or "").strip():
        return {name: f"Enter the {what}"}
    if len(body) > TEXT_MAX:
        return {name: f"The {what} must be {TEXT_MAX:,} characters or fewer"}
    return {}


def milestone_problems(title: str, due_on: date | None) -> dict[str, str]:
    """A milestone has a name and a due date."""
    problems = {}
    if not (title or "").strip():
        problems["title"] = "Enter the milestone"
    elif len(title) > TITLE_MAX:
        problems["title"] = f"Milestone must be {TITLE_MAX} characters or fewer"
    if due_on is None:
        problems["due_on"] = "Enter the date the milestone is due"
    return problems


def done_problems(done_on: date | None, today: date) -> dict[str, str]:
    """A milestone is done on a day that has come."""
    if done_on is None:
        return {"done_on": "Enter the date the milestone was done"}
    if done_on > today:
        return {"done_on": "Date done must be today or in the past"}
    return {}
