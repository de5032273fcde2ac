"""Reading surveys for the editor's pages: find a survey or question, count versions and responses, easy read."""

from sqlalchemy import func, select

from surveys.models import Question, Response, Survey, SurveyVersion, db
from surveys.services.capture import readability
from surveys.services.capture.survey_editor.specs import SurveySummary


def find_survey(survey_id: int) -> Survey | None:
    """The survey with this id, or None."""
    return db.session.get(Survey, survey_id)


def find_question(survey: Survey, question_id: int) -> Question | None:
    """The question with this id if it belongs to any version of this survey, else None."""
    query = (
        select(Question)
        .join(SurveyVersion, Question.version_id == SurveyVersion.id)
        .where(Question.id == question_id, SurveyVersion.survey_id == survey.id)
    )
    return db.session.scalar(query)


def is_current(survey: Survey, question: Question) -> bool:
    """True when the question belongs to the version new respondents answer."""
    current = survey.current_version
    return current is not None and question.version_id == current.id


def has_responses(version: SurveyVersion | None) -> bool:
    """True when anyone has started answering this version."""
    if version is None or version.id is None:
        return False
    return db.session.scalar(select(Response.id).where(Response.version_id == version.id).limit(1)) is not None


def survey_summaries() -> list[SurveySummary]:
    """Every survey with its current version number, question count and finished responses, by title."""
    latest = dict(db.session.execute(
        select(SurveyVersion.survey_id, func.max(SurveyVersion.number)).group_by(SurveyVersion.survey_id)
    ).all())
    questions = {
        (survey_id, number): count
        for survey_id, number, count in db.session.execute(
            select(SurveyVersion.survey_id, SurveyVersion.number, func.count(Question.id))
            .join(Question, Question.version_id == SurveyVersion.id)
            .group_by(SurveyVersion.survey_id, SurveyVersion.number)
        )
    }
    responses = dict(db.session.execute(
        select(SurveyVersion.survey_id, func.count(Response.id))
        .join(Response, Response.version_id == SurveyVersion.id)
        .where(Response.status == "submitted")
        .group_by(SurveyVersion.survey_id)
    ).all())
    surveys = db.session.scalars(select(Survey).order_by(func.lower(Survey.title), Survey.id))
    return [
        SurveySummary(survey=survey, version_number=latest.get(survey.id, 0),
                      questions=questions.get((survey.id, latest.get(survey.id)), 0),
                      responses=responses.get(survey.id, 0))
        for survey in surveys
    ]


def version_responses(survey: Survey) -> dict[int, int]:
    """Responses started (any status) for each version id of a survey."""
    query = (
        select(Response.version_id, func.count(Response.id))
        .join(SurveyVersion, Response.version_id == SurveyVersion.id)
        .where(SurveyVersion.survey_id == survey.id)
        .group_by(Response.version_id)
    )
    return dict(db.session.execute(query).all())


def wording(survey: Survey) -> list[tuple[str, str]]:
    """``(where, text)`` for everything an easy-read respondent reads in the current version."""
    version = survey.current_version
    if version is None:
        return []
    texts = [("Introduction", version.intro)]
    for number, question in enumerate(version.questions, 1):
        texts.append((f"Question {number}", question.prompt_for(True)))
        texts.append((f"Question {number}, hint", question.hint))
        texts.extend((f"Question {number}, answer", option.get("label", "")) for option in question.options or [])
    return texts


def readability_findings(survey: Survey) -> list[readability.Finding]:
    """Hard or long sentences in an easy-read survey, hardest first; none for other surveys."""
    if not survey.reads_easy:
        return []
    return readability.check_easy_read(wording(survey))
