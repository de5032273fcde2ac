"""Finding cases: the filtered, most-urgent-first list, the workload counts, and everything one case's page shows."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case as sql_case
from sqlalchemy import func, select

from surveys.models import CASE_KINDS, CASE_STAGES, AuditEvent, Case, Comment, Partner, User, db
from surveys.services.capture.cases import deadlines
from surveys.services.capture.cases.deadlines import CASE_STATUSES, due_soon_until
from surveys.services.platform import audit
from surveys.services.platform.raw_text import may_read_raw, record_raw_text_view
from surveys.services.platform.scoping import scoped
from surveys.services.understand.comments import redacted


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


def status_condition(status: str, on: date):
    """The condition for one of ``CASE_STATUSES`` on the day ``on`` (the list and the export both use it)."""
    is_open = Case.responded_on.is_(None)
    conditions = {
        "open": is_open,
        "overdue": is_open & (Case.due_on < on),
        "due_soon": is_open & (Case.due_on >= on) & (Case.due_on <= due_soon_until(on)),
        "responded": Case.responded_on.is_not(None),
    }
    return conditions[status]


def _filtered(query, filters: CaseFilters, on: date):
    if filters.kind in CASE_KINDS:
        query = query.where(Case.kind == filters.kind)
    if filters.stage in CASE_STAGES:
        query = query.where(Case.stage == filters.stage)
    if filters.status in CASE_STATUSES:
        query = query.where(status_condition(filters.status, on))
    if filters.partner_id == 0:
        query = query.where(Case.partner_id.is_(None))
    elif filters.partner_id is not None:
        query = query.where(Case.partner_id == filters.partner_id)
    return query


def find_cases(
    user: User, filters: CaseFilters | None = None, *, on: date | None = None, page: int = 1, per_page: int = 50
) -> CaseList:
    """Cases the user may see, filtered, most urgent first: open by due date, then responded, newest first."""
    on, filters = on or deadlines.today(), filters or CaseFilters()
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
    on = on or deadlines.today()
    base = scoped(select(func.count(Case.id)), Case, user)
    return Workload(
        open_cases=db.session.scalar(base.where(status_condition("open", on))) or 0,
        overdue=db.session.scalar(base.where(status_condition("overdue", on))) or 0,
        due_soon=db.session.scalar(base.where(status_condition("due_soon", on))) or 0,
    )


def partner_options() -> list[tuple[int, str]]:
    """Every partner as (id, name), by name: what a case can be about."""
    return [(row.id, row.name) for row in db.session.execute(select(Partner.id, Partner.name).order_by(Partner.name))]


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
    shows_raw_text: bool  # also the draft response, which starts "Dear <name>" and quotes them
    summary: str
    details: str
    safeguarding_flag: bool
    history: list[HistoryItem]
    earlier_responses: list[dict]
    being_checked: bool = False  # the redacted words are not ready yet: the worker has not analysed them


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
    """Everything the case page shows; reading the person's own words is audited. Roles that may not read raw
    text get the redacted details and summary, and never the response (written to the person by name)."""
    comment = case_comment(case)
    shows_raw = may_read_raw(user)
    if shows_raw:
        record_raw_text_view(user, case, "case")
    history = case_history(case)
    return CasePage(
        case=case,
        status=deadlines.case_status(case, on or deadlines.today()),
        shows_raw_text=shows_raw,
        summary=shown_summary(case, user),
        details=case.details if shows_raw else (comment.redacted_text if comment else ""),
        safeguarding_flag=bool(comment and comment.safeguarding_flag),
        history=history,
        earlier_responses=_earlier_responses(history) if shows_raw else [],
        being_checked=not shows_raw and comment is not None and comment.analysed_at is None,
    )


def shown_summary(case: Case, user: User) -> str:
    """The case's summary as this user may read it: as typed for raw-text roles, otherwise redacted."""
    return case.summary if may_read_raw(user) else redacted(case.summary, case.contact_name)


def shown_summaries(cases: list[Case], user: User) -> dict[int, str]:
    """``shown_summary`` for a list of cases, by case id; showing raw summaries is audited (once for the list)."""
    if may_read_raw(user) and any(case.summary for case in cases):
        record_raw_text_view(user, None, "case_list", cases=len(cases))
    return {case.id: shown_summary(case, user) for case in cases}


def _earlier_responses(history) -> list[dict]:
    """The responses kept when the case moved stage, with their dates as dates and their words from staff notes."""
    kept = [item.detail["previous_response"] for item in history if "previous_response" in item.detail]
    texts = audit.note_texts(previous.get("response_note_id") for previous in kept)
    return [_earlier(previous, texts) for previous in kept]


def _earlier(previous: dict, texts: dict[int, str]) -> dict:
    """A response kept when the case moved stage, with its date as a date."""
    sent = previous.get("responded_on")
    shown = {key: value for key, value in previous.items() if key != "response_note_id"}
    return shown | {"responded_on": date.fromisoformat(sent) if sent else None,
                    "response_text": texts.get(previous.get("response_note_id"), "")}
