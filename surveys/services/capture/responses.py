"""Survey responses: start, save as you go, submit exactly once.

One invitation has at most one response (a unique constraint in the database). Submitting is a
single conditional UPDATE, so a double click, a back button or two tabs cannot store a duplicate.
Anonymous responses store no IP address and no contact details.
"""

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from surveys.models import Answer, Invitation, Question, Response, Survey, SurveyVersion, db, utcnow
from surveys.services.capture import questions as q
from surveys.services.platform.errors import Conflict
from surveys.services.understand.comments import add_comment


class AlreadySubmitted(Conflict):
    """The response was submitted before: we already have these answers."""


def answer_values(response: Response | None) -> dict[str, q.AnswerValue]:
    """The respondent's saved answers, by question key."""
    if response is None:
        return {}
    keys = {question.id: question.key for question in response.version.questions}  # one query, not one per answer
    values: dict[str, q.AnswerValue] = {}
    for answer in response.answers:
        key = keys.get(answer.question_id) or answer.question.key
        values[key] = answer.value_choices if answer.value_choices is not None else answer.value_text
    return values


def response_for_invitation(invitation: Invitation) -> Response | None:
    """The response linked to an invitation, if one was started."""
    return db.session.scalar(select(Response).where(Response.invitation_id == invitation.id))


def start_response(survey: Survey, invitation: Invitation | None = None) -> Response:
    """Create the in-progress response, or return the one this invitation already has."""
    version: SurveyVersion = survey.current_version
    if invitation is None:
        response = Response(version_id=version.id, status="in_progress")
        db.session.add(response)
        db.session.flush()
        return response
    # Two first pages posted at once for one invitation: the database keeps one row and the other insert
    # does nothing, so both requests go on with the same response and neither transaction is spoiled.
    db.session.execute(
        _insert_ignoring_duplicates(Response.__table__, "invitation_id").values(
            version_id=version.id, status="in_progress", invitation_id=invitation.id,
            journey_stage=invitation.journey_stage, locality=invitation.locality,
            partner_id=invitation.partner_id, need_type=invitation.need_type,
        )
    )
    return response_for_invitation(invitation)


def _insert_ignoring_duplicates(table, unique_column: str):
    """INSERT ... ON CONFLICT DO NOTHING for the database in use (SQLite and PostgreSQL both have it)."""
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing(index_elements=[unique_column])


def hold_in_progress(response: Response) -> None:
    """Check in the database, not in the loaded object, that the response is still in progress, and hold its row
    for this transaction; ``AlreadySubmitted`` otherwise.

    The status loaded at the start of a request goes stale when another tab submits meanwhile, so the check is a
    conditional UPDATE that changes nothing: on PostgreSQL it waits for a submit in flight and then sees it, and
    a submit waits for this save; on SQLite writes are serialised, so it reads the committed status.
    """
    held = db.session.execute(
        update(Response).where(Response.id == response.id, Response.status == "in_progress")
        .values(status="in_progress").execution_options(synchronize_session=False)
    ).rowcount
    if held != 1:
        db.session.refresh(response)
        raise AlreadySubmitted()


def save_answers(response: Response, values: dict[Question, q.AnswerValue | None]) -> None:
    """Save (insert or replace) answers to some questions of an in-progress response."""
    hold_in_progress(response)
    existing = {answer.question_id: answer for answer in response.answers}
    for question, value in values.items():
        answer = existing.get(question.id)
        if value is None or value == "" or value == []:
            if answer is not None:
                response.answers.remove(answer)
            continue
        if answer is None:
            answer = Answer(question=question)
            response.answers.append(answer)
        answer.value_text = value if isinstance(value, str) else None
        answer.value_choices = list(value) if isinstance(value, list) else None
    db.session.flush()


def set_contact(response: Response, email: str | None, phone: str | None) -> None:
    """Keep contact details given on an open link (used only if they consent to contact)."""
    response.contact_email = email or None
    response.contact_phone = phone or None


def submit_response(response_id: int) -> Response:
    """Submit once. Raises AlreadySubmitted for a second submit, whoever sends it and however fast."""
    claimed = db.session.execute(
        update(Response)
        .where(Response.id == response_id, Response.status == "in_progress")
        .values(status="submitted", submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise AlreadySubmitted()
    response = db.session.get(Response, response_id, populate_existing=True)
    finalise(response)
    return response


def finalise(response: Response) -> None:
    """Drop answers to questions the respondent never saw; record consents; turn free text into comments."""
    values = answer_values(response)
    visible = {question.id for question in q.visible_questions(response.version, values)}
    for answer in list(response.answers):
        if answer.question_id not in visible:
            response.answers.remove(answer)
    values = answer_values(response)
    response.consent_quote = values.get("consent_quote") == "yes"
    response.consent_contact = values.get("consent_contact") == "yes"
    if not response.consent_contact:
        response.contact_email = response.contact_phone = None
    elif response.invitation is not None:
        response.contact_email = response.contact_email or response.invitation.contact_email
        response.contact_phone = response.contact_phone or response.invitation.contact_phone
    supported = next((a for a in response.answers if a.question.key == q.SUPPORTED_BY_KEY), None)
    response.supported_by = q.display_value(supported.question, supported.value_text)[:200] if supported else None
    db.session.flush()
    for answer in response.answers:
        if answer.question.kind == "free_text" and answer.value_text:
            add_comment(
                answer.value_text,
                "survey",
                response=response,
                answer=answer,
                partner_id=response.partner_id,
                audience=response.version.survey.audience,
                journey_stage=response.journey_stage,
                locality=response.locality,
                need_type=response.need_type,
                consent_quote=response.consent_quote,
                received_at=response.submitted_at,
            )


def free_text_of(response: Response) -> list[str]:
    """Everything the respondent wrote in their own words."""
    return [a.value_text for a in response.answers if a.question.kind == "free_text" and a.value_text]


def record_complaint_offer(response: Response, offered: bool) -> None:
    """Record at submission whether the person was offered the complaint choice (nothing is chosen without it)."""
    response.complaint_offered = offered
    db.session.flush()


def claim_complaint_choice(response: Response, choice: str) -> bool:
    """Record what the person chose when their feedback read like a complaint, once, and only if they were offered
    the choice: one conditional UPDATE, so two clicks at the same moment cannot both act. True when this call
    recorded it."""
    claimed = db.session.execute(
        update(Response)
        .where(Response.id == response.id, Response.status == "submitted", Response.complaint_offered.is_(True),
               Response.complaint_choice.is_(None))
        .values(complaint_choice=choice)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    db.session.refresh(response)
    return claimed
