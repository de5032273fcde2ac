"""A case from start to finish: creating it (with a unique reference and its deadline), acknowledging it,
saving and sending its response, moving it to another stage, and a comment made a complaint at the person's choice.

Every change is audited. Like every service these add and flush; the request or command commits.
"""

import secrets
from datetime import UTC, date, datetime, time

from sqlalchemy import select, update

from surveys.models import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES, Case, User, db
from surveys.models.cases import CASE_CHANNELS
from surveys.services.capture.cases import deadlines
from surveys.services.platform import audit
from surveys.services.platform.errors import Invalid
from surveys.services.understand.comments import add_comment


def new_reference(prefix: str = "YS") -> str:
    """A short reference people can read out on the phone: no 0/O or 1/I."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return prefix + "-" + "".join(secrets.choice(alphabet) for _ in range(6))


def unused_reference(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A new reference that no case has yet (nor any in ``taken``)."""
    while True:
        reference = new_reference()
        if reference not in taken and not db.session.scalar(select(Case.id).where(Case.reference == reference)):
            return reference


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _check_choice(value: str, allowed, what: str) -> None:
    if value not in allowed:
        raise Invalid(f"Unknown case {what} {value!r}")


def _build_case(fields: dict) -> Case:
    """A new case from cleaned fields, with its reference and deadlines."""
    case = Case(**fields)
    case.reference = unused_reference()
    case.due_on = deadlines.due_date(case.received_on, case.stage)
    # The online form shows the reference at once: that is the acknowledgement.
    case.acknowledged_on = case.received_on if case.channel == "online" else None
    return case


def comment_time(received_on: date) -> datetime | None:
    """When the words arrived, for a case received on an earlier day; None means now."""
    return datetime.combine(received_on, time(12), tzinfo=UTC) if received_on < deadlines.today() else None


def add_case(fields: dict, created_by: User | None, comment_source: str) -> Case:
    """Add a case (from cleaned fields) and its analysed comment to the session, flushed; nothing is committed.

    The reference is one no committed case has. Another case given the same one at the same moment (about one
    chance in a billion) fails the flush, and the caller's whole unit of work is rolled back: a service cannot
    retry without a savepoint, and SQLite's driver turns an outermost savepoint into a commit.
    """
    case = _build_case(fields)
    db.session.add(case)
    db.session.flush()  # a clash of references fails here, before the text is analysed
    if case.response_id is None:  # a complaint made from a survey: its words are already comments
        add_comment(
            case.details, comment_source, case=case, partner_id=case.partner_id,
            received_at=comment_time(case.received_on),
        )
    if created_by is not None:
        audit.record(created_by, "case_created", case, reference=case.reference, channel=case.channel)
    return case


def create_case(
    kind: str,
    details: str,
    *,
    stage: str | None = None,
    channel: str = "online",
    partner_id: int | None = None,
    summary: str = "",
    contact_name: str | None = None,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    received_on: date | None = None,
    response_id: int | None = None,
    created_by: User | None = None,
) -> Case:
    """Create and analyse a case (flushed): unique reference, due date in working days, details as a comment.

    ``stage`` defaults to stage 1 for a complaint and informal otherwise. A case without contact details
    stores none. ``Invalid`` for a kind, stage or channel we do not know.
    """
    stage = stage or deadlines.default_stage(kind)
    _check_choice(kind, CASE_KINDS, "kind")
    _check_choice(stage, CASE_STAGES, "stage")
    _check_choice(channel, CASE_CHANNELS, "channel")
    fields = {
        "kind": kind, "stage": stage, "channel": channel, "partner_id": partner_id,
        "summary": (summary or "").strip()[:200], "details": (details or "").strip(),
        "contact_name": _blank_to_none(contact_name), "contact_email": _blank_to_none(contact_email),
        "contact_phone": _blank_to_none(contact_phone), "received_on": received_on or deadlines.today(),
        "response_id": response_id, "created_by_id": created_by.id if created_by is not None else None,
    }
    return add_case(fields, created_by, "case")


# --- Changing a case -------------------------------------------------------------------------------


def acknowledge(case: Case, user: User, on: date | None = None) -> Case:
    """Record that the person has been told we have their case (once)."""
    if case.acknowledged_on is None:
        case.acknowledged_on = on or deadlines.today()
        audit.record(user, "case_acknowledged", case, on=case.acknowledged_on.isoformat())
    return case


def save_response(
    case: Case, user: User, text: str, *, outcome: str | None = None, responded_on: date | None = None
) -> Case:
    """Save the response text; with ``responded_on`` it is recorded as sent, with its outcome."""
    if outcome is not None:
        _check_choice(outcome, CASE_OUTCOMES, "outcome")
    case.response_text = text.strip()
    case.outcome = outcome
    if responded_on is not None:
        case.responded_on = responded_on
    sent = case.responded_on is not None
    audit.record(
        user, "case_response_sent" if sent else "case_response_saved", case,
        outcome=outcome, responded_on=case.responded_on.isoformat() if sent else None,
    )
    return case


def _previous_response(case: Case) -> dict:
    """What the case's response was, for the audit event; its words are kept as a staff note, not in the log."""
    return {
        "stage": case.stage,
        "responded_on": case.responded_on.isoformat() if case.responded_on else None,
        "outcome": case.outcome,
        "response_note_id": audit.keep_note("earlier_response", case, case.response_text),
    }


def move_stage(case: Case, user: User, stage: str, requested_on: date | None = None) -> Case:
    """Move the case to ``stage``, due in that stage's working days from ``requested_on`` (default today).

    A response already sent at the old stage is kept in the audit log and shown as an earlier response;
    the case is open again until the new stage's response is sent.
    """
    _check_choice(stage, CASE_STAGES, "stage")
    requested_on = requested_on or deadlines.today()
    detail = {"from": case.stage, "to": stage, "requested_on": requested_on.isoformat()}
    if case.responded_on is not None or case.response_text:
        detail["previous_response"] = _previous_response(case)
    case.stage = stage
    case.due_on = deadlines.due_date(requested_on, stage)
    case.responded_on, case.outcome, case.response_text = None, None, ""
    audit.record(user, "case_stage_changed", case, **detail)
    return case


# --- A comment that reads like a complaint: the person's choice ----------------------------------------------


def _choose_once(case: Case, **values) -> bool:
    """Write ``values`` to a comment that has no choice yet, in one conditional UPDATE, so that two submits
    at the same moment cannot both act. True when this call made the change."""
    query = (update(Case).where(Case.id == case.id, Case.kind == "comment", Case.complaint_choice.is_(None))
             .values(**values).execution_options(synchronize_session=False))
    changed = db.session.execute(query).rowcount == 1
    db.session.refresh(case)
    return changed


def make_complaint(case: Case, *, contact_name: str | None = None, contact_email: str | None = None,
                   contact_phone: str | None = None, on: date | None = None) -> bool:
    """At the person's own request, make their comment a stage 1 complaint, due in stage 1's working days from
    ``on`` (default today), keeping any contact details they add (audited). False, changing nothing, when the
    comment already has a choice (a second submit) or is no longer a comment."""
    on = on or deadlines.today()
    contact = {"contact_name": _blank_to_none(contact_name) or case.contact_name,
               "contact_email": _blank_to_none(contact_email) or case.contact_email,
               "contact_phone": _blank_to_none(contact_phone) or case.contact_phone}
    changed = _choose_once(case, kind="complaint", stage="stage_1", due_on=deadlines.due_date(on, "stage_1"),
                           complaint_choice="formal_complaint", **contact)
    if changed:
        audit.record(None, "case_made_complaint", case, requested_on=on.isoformat(), due_on=case.due_on.isoformat())
    return changed


def record_comment_choice(case: Case, choice: str) -> bool:
    """Keep what the person chose instead of a complaint (advice, mediation, feedback), once (audited)."""
    changed = _choose_once(case, complaint_choice=choice)
    if changed:
        audit.record(None, "case_choice_recorded", case, choice=choice)
    return changed
