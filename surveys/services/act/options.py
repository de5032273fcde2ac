"""What the action form offers: partners, active staff as leads, open themes, and closed survey questions."""

from dataclasses import dataclass

from sqlalchemy import select

from surveys.models import Partner, Question, Survey, SurveyVersion, Theme, User, db
from surveys.services.act.rules import CLOSED_KINDS, OPEN_THEME_STATUSES


@dataclass(frozen=True)
class QuestionOption:
    """A closed question a measure can watch: the survey, the question's key and its words."""

    survey_id: int
    key: str
    label: str

    @property
    def value(self) -> str:
        """How the form sends it: survey id and key, joined by a colon."""
        return f"{self.survey_id}:{self.key}"


def partner_options() -> list[tuple[int, str]]:
    """Every partner, by name."""
    return [(row.id, row.name) for row in db.session.execute(select(Partner.id, Partner.name).order_by(Partner.name))]


def lead_options(keep_id: int | None = None) -> list[tuple[int, str]]:
    """Active staff, by name or email (and the current lead, even if no longer active, so an edit keeps them)."""
    query = select(User).where((User.active.is_(True)) | (User.id == keep_id)).order_by(User.name, User.email)
    return [(user.id, user.name or user.email) for user in db.session.scalars(query)]


def theme_options(keep_ids: set[int] = frozenset()) -> list[Theme]:
    """Reviewed and proposed themes (and those already linked, so an edit keeps them), by name."""
    query = select(Theme).where(Theme.status.in_(OPEN_THEME_STATUSES) | Theme.id.in_(keep_ids)).order_by(Theme.label)
    return list(db.session.scalars(query))


def question_options() -> list[QuestionOption]:
    """Each closed question of each survey once, in the words of its newest version."""
    rows = db.session.execute(
        select(Survey.id, Survey.title, Question.key, Question.prompt)
        .join(SurveyVersion, SurveyVersion.survey_id == Survey.id)
        .join(Question, Question.version_id == SurveyVersion.id)
        .where(Question.kind.in_(CLOSED_KINDS))
        .order_by(Survey.title, Survey.id, SurveyVersion.number.desc(), Question.position)
    )
    seen, options = set(), []
    for survey_id, title, key, prompt in rows:
        if (survey_id, key) not in seen:
            seen.add((survey_id, key))
            options.append(QuestionOption(survey_id, key, f"{title}: {prompt}"))
    return options
