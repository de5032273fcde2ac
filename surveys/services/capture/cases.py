"""Compliments, comments and complaints: creating cases, deadlines, workload, responses and stages.

Deadlines count working days in England (see ``surveys.services.platform.calendar``). The limits per stage
are ``RESPONSE_WORKING_DAYS``; an area sets its own with the app setting CASE_RESPONSE_WORKING_DAYS,
a dict merged over these defaults, read each time a deadline is worked out.
"""

import csv
import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app, has_app_context
from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from surveys.models import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES, AuditEvent, Case, Comment, Partner, User, db
from surveys.models.cases import CASE_CHANNELS
from surveys.services.platform import audit
from surveys.services.platform.calendar import add_working_days
from surveys.services.platform.calendar import today as _today
from surveys.services.platform.scoping import scoped
from surveys.services.understand.comments import add_comment

# Working days allowed to respond, by stage (councils commonly use these; override with CASE_RESPONSE_WORKING_DAYS).
RESPONSE_WORKING_DAYS = {
    "informal": 10,
    "stage_1": 20,
    "stage_2": 25,
    "ombudsman": 20,
    "mediation": 15,
    "tribunal": 20,
}
ACKNOWLEDGE_WORKING_DAYS = 3
DUE_SOON_DAYS = 5
REFERENCE_ATTEMPTS = 5
CASE_STATUSES = {"open": "Open", "overdue": "Overdue", "due_soon": "Due soon", "responded": "Responded"}
CHANNEL_NAMES = {
    "online": "Online form",
    "phone": "Phone",
    "letter": "Letter",
    "email": "Email",
    "in_person": "In person",
    "import": "Imported decision",
}
# Roles that read what the person wrote, and their contact details; others read the redacted text.
RAW_TEXT_ROLES = frozenset({"admin", "complaints_officer", "partner_lead", "safeguarding_lead"})
QUOTE_LIMIT = 400


def today() -> date:
    """Today in England (one place to ask, so tests and views agree)."""
    return _today()


def response_working_days() -> dict[str, int]:
    """Working days to respond at each stage: the defaults, with the app's CASE_RESPONSE_WORKING_DAYS over them."""
    limits = dict(RESPONSE_WORKING_DAYS)
    if has_app_context():
        limits.update(current_app.config.get("CASE_RESPONSE_WORKING_DAYS") or {})
    return limits


def working_days_for(stage: str) -> int:
    """Working days allowed to respond at ``stage`` (stage 1's limit for a stage we do not know)."""
    limits = response_working_days()
    return limits.get(stage, limits["stage_1"])


def due_date(received_on: date, stage: str) -> date:
    """The date a response is due for a case received on ``received_on`` at ``stage``."""
    return add_working_days(received_on, working_days_for(stage))


def default_stage(kind: str) -> str:
    """Complaints start at stage 1; compliments and comments are informal."""
    return "stage_1" if kind == "complaint" else "informal"


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
        raise ValueError(f"Unknown case {what} {value!r}")


def _build_case(fields: dict) -> Case:
    """A new case from cleaned fields, with its reference and deadlines."""
    case = Case(**fields)
    case.reference = unused_reference()
    case.due_on = due_date(case.received_on, case.stage)
    # The online form shows the reference at once: that is the acknowledgement.
    case.acknowledged_on = case.received_on if case.channel == "online" else None
    return case


def _comment_time(received_on: date) -> datetime | None:
    """When the words arrived, for a case received on an earlier day; None means now."""
    return datetime.combine(received_on, time(12), tzinfo=UTC) if received_on < today() else None


def _add_case(fields: dict, created_by: User | None, comment_source: str) -> Case:
    """Add a case and its comment to the session and flush; nothing is committed."""
    case = _build_case(fields)
    db.session.add(case)
    db.session.flush()  # a clash of references fails here, before the text is analysed
    if case.response_id is None:  # a complaint made from a survey: its words are already comments
        add_comment(
            case.details, comment_source, case=case, partner_id=case.partner_id,
            received_at=_comment_time(case.received_on),
        )
    if created_by is not None:
        audit.record(created_by, "case_created", case, reference=case.reference, channel=case.channel)
    return case


def _is_reference_clash(error: IntegrityError) -> bool:
    message = str(error.orig)
    return "feedback_case.reference" in message or "uq_feedback_case_reference" in message


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
    """Create, analyse and commit a case: unique reference, due date in working days, details as a comment.

    ``stage`` defaults to stage 1 for a complaint and informal otherwise. A case without contact details
    stores none. This commits the session, so anything else pending is committed with the case.
    """
    stage = stage or default_stage(kind)
    _check_choice(kind, CASE_KINDS, "kind")
    _check_choice(stage, CASE_STAGES, "stage")
    _check_choice(channel, CASE_CHANNELS, "channel")
    fields = {
        "kind": kind, "stage": stage, "channel": channel, "partner_id": partner_id,
        "summary": (summary or "").strip()[:200], "details": (details or "").strip(),
        "contact_name": _blank_to_none(contact_name), "contact_email": _blank_to_none(contact_email),
        "contact_phone": _blank_to_none(contact_phone), "received_on": received_on or today(),
        "response_id": response_id, "created_by_id": created_by.id if created_by is not None else None,
    }
    for attempt in range(1, REFERENCE_ATTEMPTS + 1):
        try:
            case = _add_case(fields, created_by, "case")
        except IntegrityError as error:
            # Two cases given the same new reference at the same moment: try again with another.
            db.session.rollback()
            if attempt == REFERENCE_ATTEMPTS or not _is_reference_clash(error):
                raise
            continue
        db.session.commit()
        return case
    raise AssertionError("unreachable")  # pragma: no cover


# --- Finding cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """Counts for the workspace home."""

    open_cases: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class CaseFilters:
    """What the list of cases is narrowed to. None means any. ``partner_id`` 0 means no partner."""

    kind: str | None = None
    stage: str | None = None
    status: str | None = None
    partner_id: int | None = None


@dataclass(frozen=True)
class CaseList:
    """One page of cases and how many there are in all."""

    items: list[Case]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, -(-self.total // self.per_page))


def due_soon_until(on: date) -> date:
    """The last day counted as "due soon" (the workspace says "in the next 5 days")."""
    return on + timedelta(days=DUE_SOON_DAYS)


def _status_condition(status: str, on: date):
    is_open = Case.responded_on.is_(None)
    conditions = {
        "open": is_open,
        "overdue": is_open & (Case.due_on < on),
        "due_soon": is_open & (Case.due_on >= on) & (Case.due_on <= due_soon_until(on)),
        "responded": Case.responded_on.is_not(None),
    }
    return conditions[status]


def case_status(case: Case, on: date) -> str:
    """One of ``CASE_STATUSES``: responded, overdue, due soon or open."""
    if not case.is_open:
        return "responded"
    if case.is_overdue(on):
        return "overdue"
    if case.due_on is not None and case.due_on <= due_soon_until(on):
        return "due_soon"
    return "open"


def _filtered(query, filters: CaseFilters, on: date):
    if filters.kind in CASE_KINDS:
        query = query.where(Case.kind == filters.kind)
    if filters.stage in CASE_STAGES:
        query = query.where(Case.stage == filters.stage)
    if filters.status in CASE_STATUSES:
        query = query.where(_status_condition(filters.status, on))
    if filters.partner_id == 0:
        query = query.where(Case.partner_id.is_(None))
    elif filters.partner_id is not None:
        query = query.where(Case.partner_id == filters.partner_id)
    return query


def find_cases(
    user: User, filters: CaseFilters | None = None, *, on: date | None = None, page: int = 1, per_page: int = 50
) -> CaseList:
    """Cases the user may see, filtered, most urgent first: open by due date, then responded, newest first."""
    on, filters = on or today(), filters or CaseFilters()
    query = _filtered(scoped(select(Case), Case, user), filters, on)
    total = db.session.scalar(query.with_only_columns(func.count(Case.id)).order_by(None)) or 0
    page = min(max(page, 1), max(1, -(-total // per_page)))
    ordered = query.order_by(
        sql_case((Case.responded_on.is_(None), 0), else_=1),
        sql_case((Case.due_on.is_(None), 1), else_=0),
        Case.due_on,
        Case.received_on.desc(),
        Case.id.desc(),
    )
    items = list(db.session.scalars(ordered.limit(per_page).offset((page - 1) * per_page)))
    return CaseList(items=items, total=total, page=page, per_page=per_page)


def list_cases(user: User) -> list[Case]:
    """Cases the user may see, newest first."""
    query = scoped(select(Case), Case, user).order_by(Case.received_on.desc(), Case.id.desc())
    return list(db.session.scalars(query))


def workload(user: User, on: date | None = None) -> Workload:
    """Open, overdue and due-soon cases the user may see."""
    on = on or today()
    base = scoped(select(func.count(Case.id)), Case, user)
    return Workload(
        open_cases=db.session.scalar(base.where(_status_condition("open", on))) or 0,
        overdue=db.session.scalar(base.where(_status_condition("overdue", on))) or 0,
        due_soon=db.session.scalar(base.where(_status_condition("due_soon", on))) or 0,
    )


def partner_options() -> list[tuple[int, str]]:
    """Every partner as (id, name), by name: what a case can be about."""
    return [(row.id, row.name) for row in db.session.execute(select(Partner.id, Partner.name).order_by(Partner.name))]


# --- One case --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryItem:
    """One thing staff did to a case."""

    at: datetime
    who: str
    what: str
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CasePage:
    """What the case page shows to one member of staff."""

    case: Case
    status: str
    shows_raw_text: bool
    details: str
    safeguarding_flag: bool
    history: list[HistoryItem]
    earlier_responses: list[dict]


HISTORY_WORDS = {
    "case_created": "Logged the case",
    "case_acknowledged": "Acknowledged",
    "case_response_saved": "Saved a draft response",
    "case_response_sent": "Recorded the response as sent",
    "case_stage_changed": "Moved the case to another stage",
}


def case_comment(case: Case) -> Comment | None:
    """The analysed comment made from the case's details."""
    return db.session.scalar(select(Comment).where(Comment.case_id == case.id).order_by(Comment.id).limit(1))


def case_history(case: Case) -> list[HistoryItem]:
    """What staff did to the case, oldest first (views are audited but not listed)."""
    query = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.object_type == "Case", AuditEvent.object_id == str(case.id))
        .where(AuditEvent.action.in_(list(HISTORY_WORDS)))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    )
    return [
        HistoryItem(at=event.created_at, who=email or "System", what=HISTORY_WORDS[event.action], detail=event.detail)
        for event, email in db.session.execute(query)
    ]


def case_page(case: Case, user: User, on: date | None = None) -> CasePage:
    """Everything the case page shows; reading the person's own words is audited."""
    comment = case_comment(case)
    shows_raw = user.role in RAW_TEXT_ROLES
    if shows_raw:
        audit.record(user, "case_viewed", case)
        db.session.commit()
    history = case_history(case)
    return CasePage(
        case=case,
        status=case_status(case, on or today()),
        shows_raw_text=shows_raw,
        details=case.details if shows_raw else (comment.redacted_text if comment else ""),
        safeguarding_flag=bool(comment and comment.safeguarding_flag),
        history=history,
        earlier_responses=[_earlier(item.detail["previous_response"]) for item in history
                           if "previous_response" in item.detail],
    )


def _earlier(previous: dict) -> dict:
    """A response kept when the case moved stage, with its date as a date."""
    sent = previous.get("responded_on")
    return previous | {"responded_on": date.fromisoformat(sent) if sent else None}


def long_date(day: date) -> str:
    """A date as people write it: 3 March 2026."""
    return f"{day.day} {day:%B %Y}"


def quote_from(details: str, limit: int = QUOTE_LIMIT) -> str:
    """The person's own words for a quote: whole if short, else whole sentences up to ``limit``, then "…"."""
    text = " ".join(details.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    quote = ""
    for sentence in sentences:
        if len(quote) + len(sentence) + 1 > limit:
            break
        quote = f"{quote} {sentence}".strip()
    if not quote:
        quote = text[:limit].rsplit(" ", 1)[0]
    return quote + " …"


def response_opening(case: Case) -> str:
    """A personal start to a response: who it is to, what they told us in their words, and when."""
    greeting = f"Dear {case.contact_name}," if case.contact_name else "Hello,"
    about = f" about {case.partner.name}" if case.partner else ""
    thanks = (
        f"Thank you for your {case.kind}{about}, which we received on {long_date(case.received_on)} "
        f"(our reference {case.reference})."
    )
    lines = [greeting, "", thanks]
    if case.details.strip():
        lines += ["", f'You told us that "{quote_from(case.details)}"']
    return "\n".join(lines) + "\n\n"


def response_draft(case: Case) -> str:
    """What the response editor starts from: the response so far, or a personal opening."""
    return case.response_text or response_opening(case)


# --- Changing a case -------------------------------------------------------------------------------


def acknowledge(case: Case, user: User, on: date | None = None) -> Case:
    """Record that the person has been told we have their case (once)."""
    if case.acknowledged_on is None:
        case.acknowledged_on = on or today()
        audit.record(user, "case_acknowledged", case, on=case.acknowledged_on.isoformat())
        db.session.commit()
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
    db.session.commit()
    return case


def _previous_response(case: Case) -> dict:
    return {
        "stage": case.stage,
        "responded_on": case.responded_on.isoformat() if case.responded_on else None,
        "outcome": case.outcome,
        "response_text": case.response_text,
    }


def move_stage(case: Case, user: User, stage: str, requested_on: date | None = None) -> Case:
    """Move the case to ``stage``, due in that stage's working days from ``requested_on`` (default today).

    A response already sent at the old stage is kept in the audit log and shown as an earlier response;
    the case is open again until the new stage's response is sent.
    """
    _check_choice(stage, CASE_STAGES, "stage")
    requested_on = requested_on or today()
    detail = {"from": case.stage, "to": stage, "requested_on": requested_on.isoformat()}
    if case.responded_on is not None or case.response_text:
        detail["previous_response"] = _previous_response(case)
    case.stage = stage
    case.due_on = due_date(requested_on, stage)
    case.responded_on, case.outcome, case.response_text = None, None, ""
    audit.record(user, "case_stage_changed", case, **detail)
    db.session.commit()
    return case


# --- Importing decisions of mediations, tribunals and the ombudsman ------------------------------------

IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_MAX_PROBLEMS_KEPT = 1000
IMPORT_COLUMNS = ("kind", "stage", "received_on", "decided_on", "outcome", "summary", "details", "partner")
IMPORT_REQUIRED_COLUMNS = ("stage", "received_on")
IMPORT_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
STAGE_ALIASES = {"lgsco": "ombudsman", "local government and social care ombudsman": "ombudsman",
                 "send tribunal": "tribunal", "first tier tribunal": "tribunal"}


class ImportFileError(ValueError):
    """The whole file cannot be imported; the message says why, in words for the person who sent it."""


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported: its line in the file, and why."""

    line: int
    reason: str


def _words(value: str) -> str:
    return " ".join(value.replace("_", " ").replace("-", " ").lower().split())


def _lookup(choices: dict[str, str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Each choice by its key and by its label, without case, spaces or underscores mattering."""
    table = {_words(key): key for key in choices} | {_words(label): key for key, label in choices.items()}
    return table | (aliases or {})


KIND_LOOKUP = _lookup(CASE_KINDS)
STAGE_LOOKUP = _lookup(CASE_STAGES, STAGE_ALIASES)
OUTCOME_LOOKUP = _lookup(CASE_OUTCOMES)


def _decode(data: bytes) -> str:
    if len(data) > IMPORT_MAX_BYTES:
        raise ImportFileError("The selected file must be smaller than 2MB")
    for encoding in ("utf-8-sig", "cp1252"):  # CSV UTF-8, or plain CSV from Excel on Windows
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The selected file must be a CSV file saved as UTF-8")


def _header(reader) -> list[str]:
    try:
        columns = [_words(name).replace(" ", "_") for name in next(reader)]
    except StopIteration:
        raise ImportFileError("The selected file is empty") from None
    missing = [name for name in IMPORT_REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(f"The selected file must have a header row with the columns {', '.join(IMPORT_COLUMNS)}")
    return columns


def _read_rows(text: str) -> list[tuple[int, dict[str, str], bool]]:
    """(line, values by column, whether the row had more cells than the header) for each non-blank row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(reader)
        rows, line = [], reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
                rows.append((line, values, len(cells) > len(columns)))
            if len(rows) > IMPORT_MAX_ROWS:
                raise ImportFileError(f"The selected file must have {IMPORT_MAX_ROWS:,} rows or fewer: split it up")
            line = reader.line_num + 1
    except csv.Error as error:
        message = f"The selected file could not be read as CSV at line {reader.line_num}: {error}"
        raise ImportFileError(message) from None
    return rows


def _parse_date(value: str) -> date | None:
    for pattern in IMPORT_DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _date_cell(values: dict, column: str, problems: list[str], on: date) -> date | None:
    value = values.get(column, "")
    if not value:
        return None
    parsed = _parse_date(value)
    if parsed is None:
        problems.append(f"{column} '{value}' is not a date like 2026-03-31 or 31/03/2026")
    elif parsed > on:
        problems.append(f"{column} {long_date(parsed)} is in the future")
    return parsed if parsed is not None and parsed <= on else None


def _choice_cell(values: dict, column: str, lookup: dict, problems: list[str], default: str | None = None):
    value = values.get(column, "")
    if not value:
        return default
    key = lookup.get(_words(value))
    if key is None:
        allowed = ", ".join(sorted({_words(k) for k in lookup.values()}))
        problems.append(f"{column} '{value}' is not one of: {allowed}")
    return key


def _check_row(values: dict, problems: list[str], received_on, decided_on, outcome) -> None:
    if not values.get("stage"):
        problems.append("stage is missing")
    if received_on is None and not values.get("received_on"):
        problems.append("received_on is missing")
    if received_on and decided_on and decided_on < received_on:
        problems.append("decided_on is before received_on")
    if outcome and not values.get("decided_on"):
        problems.append("an outcome needs a decided_on date")
    if not values.get("summary") and not values.get("details"):
        problems.append("give a summary or details")
    if len(values.get("summary", "")) > 200:
        problems.append("summary must be 200 characters or fewer")


def _parse_row(values: dict, partners: dict[str, int], on: date) -> tuple[dict, list[str]]:
    """The fields of a case from one row, and what is wrong with the row (nothing, if it can go in)."""
    problems: list[str] = []
    kind = _choice_cell(values, "kind", KIND_LOOKUP, problems, default="complaint")
    stage = _choice_cell(values, "stage", STAGE_LOOKUP, problems)
    outcome = _choice_cell(values, "outcome", OUTCOME_LOOKUP, problems)
    received_on = _date_cell(values, "received_on", problems, on)
    decided_on = _date_cell(values, "decided_on", problems, on)
    partner_name = values.get("partner", "")
    partner_id = partners.get(partner_name.casefold()) if partner_name else None
    if partner_name and partner_id is None:
        problems.append(f"there is no partner called '{partner_name}'")
    _check_row(values, problems, received_on, decided_on, outcome)
    fields = {
        "kind": kind, "stage": stage, "channel": "import", "partner_id": partner_id,
        "summary": values.get("summary", "") or f"{CASE_STAGES.get(stage or '', 'Imported')} decision",
        "details": values.get("details", ""), "received_on": received_on,
        "responded_on": decided_on, "outcome": outcome,
    }
    return fields, problems


def _import_key(fields: dict) -> tuple:
    return tuple(fields[name] for name in ("kind", "stage", "received_on", "responded_on", "partner_id", "details"))


def _already_imported(good: list[tuple[int, dict]]) -> set[tuple]:
    dates = {fields["received_on"] for _, fields in good}
    columns = (Case.kind, Case.stage, Case.received_on, Case.responded_on, Case.partner_id, Case.details)
    query = select(*columns).where(Case.channel == "import", Case.received_on.in_(dates))
    return {tuple(row) for row in db.session.execute(query)} if dates else set()


def _sort_rows(rows, partners: dict[str, int], on: date) -> tuple[list[tuple[int, dict]], list[RowProblem]]:
    """Split rows into good ones and problems; a row seen before (in the file or imported) is a problem."""
    good, problems, seen = [], [], set()
    for line, values, too_many_cells in rows:
        fields, reasons = _parse_row(values, partners, on)
        if too_many_cells:
            reasons.append("the row has more cells than the header row")
        if reasons:
            problems.append(RowProblem(line, "; ".join(reasons)))
        else:
            good.append((line, fields))
    existing = _already_imported(good)
    unique = []
    for line, fields in good:
        key = _import_key(fields)
        if key in existing or key in seen:
            problems.append(RowProblem(line, "this decision has already been imported"))
        else:
            seen.add(key)
            unique.append((line, fields))
    return unique, sorted(problems, key=lambda problem: problem.line)


def import_decisions(data: bytes, filename: str, user: User, on: date | None = None) -> AuditEvent:
    """Import decisions from a CSV file as cases; every good row goes in, or (on a crash) none does.

    Bad rows are reported by line number with the reason. Raises ``ImportFileError`` when the file
    as a whole cannot be read. Returns the audit event that records what happened.
    """
    rows = _read_rows(_decode(data))
    partners = {name.casefold(): partner_id for partner_id, name in partner_options()}
    good, problems = _sort_rows(rows, partners, on or today())
    try:
        created = [_add_case(fields, user, "import").reference for _, fields in good]
        event = audit.record(
            user, "cases_imported", None, filename=filename[:200], created=created, problem_count=len(problems),
            problems=[{"line": p.line, "reason": p.reason} for p in problems[:IMPORT_MAX_PROBLEMS_KEPT]],
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return event


def import_record(event_id: int, user: User) -> AuditEvent | None:
    """The record of an import, for the person who made it (or an admin)."""
    query = select(AuditEvent).where(AuditEvent.id == event_id, AuditEvent.action == "cases_imported")
    if user.role != "admin":
        query = query.where(AuditEvent.user_id == user.id)
    return db.session.scalar(query)
