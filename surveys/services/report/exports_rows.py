"""Row-level exports: survey answers, comments and cases, one row each, read from the database as they are written.

What a row may hold is decided here, once for both formats:
- Never a raw word: comments give only their redacted text; a free-text answer gives the redacted text of the
  comment made from it; a case gives the redacted text of its comment, never its details, summary or response as
  typed (no redacted copy of those exists).
- Never a way to reach a person: no contact name, email or phone, no "supported by", no invitation.
- Comments flagged as a possible safeguarding concern only for those who review them (``may_review``); for
  everyone else they are left out, and so is their text where an answer or a case carries it.
- Equality monitoring answers and audio messages are not exported row by row: equality answers beside a
  locality and a need type could name a child, so they go out only as suppressed counts (the results export).
Partner leads get only their partner's rows (``scoped``).
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, func, select, true

from surveys.models import (
    AUDIENCES,
    CASE_KINDS,
    CASE_OUTCOMES,
    CASE_STAGES,
    JOURNEY_STAGES,
    Answer,
    Case,
    Comment,
    CommentTheme,
    Partner,
    Question,
    Response,
    Survey,
    SurveyVersion,
    Theme,
    User,
    db,
)
from surveys.services.capture.cases import deadlines
from surveys.services.capture.cases.deadlines import CASE_STATUSES
from surveys.services.capture.cases.queries import status_condition
from surveys.services.capture.questions import option_label
from surveys.services.platform.scoping import scoped
from surveys.services.report import exports_filters as read
from surveys.services.report.exports_columns import Export
from surveys.services.understand.safeguarding import may_review

ANSWER_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no", "consent", "free_text")
BATCH = 1000  # rows fetched at a time: memory stays flat however many there are


def _streamed(query: Select) -> Callable[[], object]:
    """Read the query's rows a batch at a time, each time the export is written."""
    return lambda: db.session.execute(query.execution_options(yield_per=BATCH))


def _count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def _hide_flagged(user: User, condition):
    """``condition`` unless the user reviews safeguarding flags (then everything)."""
    return true() if may_review(user) else condition


def _by_partner(query: Select, model, partner_id: int | None) -> Select:
    if partner_id == read.NO_PARTNER:
        return query.where(model.partner_id.is_(None))
    return query if partner_id is None else query.where(model.partner_id == partner_id)


def _in_period(query: Select, column, args: Mapping[str, str]) -> Select:
    period = read.period(args)
    if period is None:
        return query
    first, after = period.bounds()
    return query.where(column >= first, column < after)


def _equal(query: Select, column, value: str | None) -> Select:
    return query if value is None else query.where(column == value)


def _redacted(owner_column, user: User):
    """The redacted text of the first comment made from an answer or a case, unless it is hidden from the user."""
    return (select(Comment.redacted_text).where(owner_column, _hide_flagged(user, Comment.safeguarding_flag.is_(False)))
            .order_by(Comment.id).limit(1).scalar_subquery())


def _named(names: Mapping[str, str]) -> Callable[[str | None], str]:
    return lambda value: names.get(value, value) if value else ""


# --- Responses: one row per answer ---------------------------------------------------------------------------

RESPONSE_ARGS = ("survey", "from", "to", "partner", "audience", "locality")


class QuestionFacts(NamedTuple):
    """What the responses export needs of a question, as plain values (``option_label`` reads kind and options)."""

    key: str
    prompt: str
    kind: str
    options: list


def responses_export(user: User, args: Mapping[str, str]) -> Export:
    """Every answer to a submitted response the user may see, filtered by survey, dates, partner, audience, place."""
    query = _response_query(user)
    query = _equal(query, Survey.id, read.whole_number(args, "survey", "survey"))
    query = _in_period(query, Response.submitted_at, args)
    query = _by_partner(query, Response, read.partner(args))
    query = _equal(query, Survey.audience, read.choice(args, "audience", AUDIENCES, "audience"))
    query = _equal(query, Response.locality, read.text(args, "locality"))
    questions = {q.id: QuestionFacts(q.key, q.prompt, q.kind, list(q.options or []))  # plain values: read after commit
                 for q in db.session.scalars(select(Question).where(Question.kind.in_(ANSWER_KINDS)))}
    return Export("responses", "Survey answers", _response_columns(questions), _streamed(query), _count(query),
                  read.given(args, RESPONSE_ARGS))


def _response_query(user: User) -> Select:
    redacted = _redacted(Comment.answer_id == Answer.id, user)
    query = (select(Response.id.label("response_id"), Survey.title.label("survey"), SurveyVersion.number,
                    Survey.audience, Response.submitted_at, Response.journey_stage, Response.locality,
                    Partner.name.label("partner"), Response.need_type, Answer.question_id, Answer.value_text,
                    Answer.value_choices, redacted.label("redacted"))
             .select_from(Answer).join(Response, Response.id == Answer.response_id)
             .join(SurveyVersion, SurveyVersion.id == Response.version_id).join(Survey)
             .join(Question, Question.id == Answer.question_id).outerjoin(Partner, Partner.id == Response.partner_id)
             .where(Response.status == "submitted", Question.kind.in_(ANSWER_KINDS))
             .order_by(Response.id, Question.position))
    return scoped(query, Response, user)


def _response_columns(questions: Mapping[int, "QuestionFacts"]):
    def answer(row) -> str:
        question = questions[row.question_id]
        if question.kind == "free_text":
            return row.redacted or ""
        chosen = row.value_choices if question.kind == "multiple_choice" else [row.value_text]
        return "; ".join(option_label(question, value) for value in chosen or [] if value is not None)

    return (
        ("Response", lambda row: row.response_id),
        ("Survey", lambda row: row.survey),
        ("Survey version", lambda row: row.number),
        ("Audience", lambda row: _named(AUDIENCES)(row.audience)),
        ("Submitted", lambda row: row.submitted_at),
        ("Journey stage", lambda row: _named(JOURNEY_STAGES)(row.journey_stage)),
        ("Locality", lambda row: row.locality),
        ("Partner", lambda row: row.partner),
        ("Need type", lambda row: row.need_type),
        ("Question", lambda row: questions[row.question_id].key),
        ("Question asked", lambda row: questions[row.question_id].prompt),
        ("Answer", answer),
    )


# --- Comments ---------------------------------------------------------------------------------------------------

COMMENT_ARGS = ("from", "to", "partner", "audience", "locality")


def comments_export(user: User, args: Mapping[str, str]) -> Export:
    """Comments the user may see, redacted, with their themes; flagged ones only for safeguarding reviewers."""
    query = _comment_query(user)
    query = _in_period(query, Comment.received_at, args)
    query = _by_partner(query, Comment, read.partner(args))
    query = _equal(query, Comment.audience, read.choice(args, "audience", AUDIENCES, "audience"))
    query = _equal(query, Comment.locality, read.text(args, "locality"))
    return Export("comments", "Comments", COMMENT_COLUMNS, _streamed(query), _count(query),
                  read.given(args, COMMENT_ARGS))


def _comment_query(user: User) -> Select:
    themes = (select(func.aggregate_strings(Theme.label, "; ")).select_from(CommentTheme)
              .join(Theme, Theme.id == CommentTheme.theme_id)
              .where(CommentTheme.comment_id == Comment.id, Theme.status.in_(("proposed", "reviewed")))
              .scalar_subquery())
    query = (select(Comment.id, Comment.received_at, Comment.source, Partner.name.label("partner"), Comment.audience,
                    Comment.journey_stage, Comment.locality, Comment.need_type, Comment.sentiment,
                    Comment.sentiment_score, Comment.consent_quote, Comment.safeguarding_flag,
                    themes.label("themes"), Comment.redacted_text)
             .outerjoin(Partner, Partner.id == Comment.partner_id)
             .where(_hide_flagged(user, Comment.safeguarding_flag.is_(False))).order_by(Comment.id))
    return scoped(query, Comment, user)


COMMENT_COLUMNS = (
    ("Comment", lambda row: row.id),
    ("Received", lambda row: row.received_at),
    ("Source", lambda row: row.source),
    ("Partner", lambda row: row.partner),
    ("Audience", lambda row: _named(AUDIENCES)(row.audience)),
    ("Journey stage", lambda row: _named(JOURNEY_STAGES)(row.journey_stage)),
    ("Locality", lambda row: row.locality),
    ("Need type", lambda row: row.need_type),
    ("Themes", lambda row: row.themes),
    ("Sentiment", lambda row: row.sentiment),
    ("Sentiment score", lambda row: row.sentiment_score),
    ("Consent to quote", lambda row: row.consent_quote),
    ("Flagged for safeguarding review", lambda row: row.safeguarding_flag),
    ("Comment (redacted)", lambda row: row.redacted_text),
)


# --- Cases ------------------------------------------------------------------------------------------------------

CASE_ARGS = ("from", "to", "partner", "kind", "stage", "status")


def cases_export(user: User, args: Mapping[str, str], on: date | None = None) -> Export:
    """Cases the user may see, filtered as the cases page filters them and by the date received."""
    on = on or deadlines.today()
    query = _case_query(user)
    period = read.period(args)
    if period is not None:
        query = query.where(Case.received_on >= period.start, Case.received_on <= period.end)
    query = _by_partner(query, Case, read.partner(args))
    query = _equal(query, Case.kind, read.choice(args, "kind", CASE_KINDS, "type of case"))
    query = _equal(query, Case.stage, read.choice(args, "stage", CASE_STAGES, "stage"))
    status = read.choice(args, "status", CASE_STATUSES, "status")
    if status is not None:
        query = query.where(status_condition(status, on))
    return Export("cases", "Cases", _case_columns(on), _streamed(query), _count(query), read.given(args, CASE_ARGS))


def _case_query(user: User) -> Select:
    query = (select(Case, Partner.name.label("partner"), _redacted(Comment.case_id == Case.id, user).label("text"))
             .outerjoin(Partner, Partner.id == Case.partner_id).order_by(Case.received_on, Case.id))
    return scoped(query, Case, user)


def _case_columns(on: date):
    return (
        ("Reference", lambda row: row.Case.reference),
        ("Type", lambda row: _named(CASE_KINDS)(row.Case.kind)),
        ("Stage", lambda row: _named(CASE_STAGES)(row.Case.stage)),
        ("Channel", lambda row: row.Case.channel),
        ("Partner", lambda row: row.partner),
        ("Received", lambda row: row.Case.received_on),
        ("Acknowledged", lambda row: row.Case.acknowledged_on),
        ("Due", lambda row: row.Case.due_on),
        ("Responded", lambda row: row.Case.responded_on),
        ("Status", lambda row: CASE_STATUSES[deadlines.case_status(row.Case, on)]),
        ("Outcome", lambda row: _named(CASE_OUTCOMES)(row.Case.outcome)),
        ("What the person told us (redacted)", lambda row: row.text),
    )
