"""Invitations: one-time survey links for a family after a milestone, and CSV upload of many at once.

Tokens
    ``new_token`` makes 256 random bits (``secrets.token_urlsafe(32)``); only ``hash_token`` of it (SHA-256,
    64 hex characters) is stored. The plain token exists only in memory long enough to be put in a message;
    it is never stored, logged or shown to staff.

Reminders and tokens: rotation
    A reminder needs a link, but the token cannot be read back from its hash. Each reminder therefore carries
    a NEW token, and the invitation's ``token_hash`` is replaced by the new hash once the reminder has been
    handed to the notifier (see ``surveys.services.platform.notify.send_invitation``). The older link then
    stops working;
    nothing is lost, because saved progress belongs to the invitation and its response, not to the link, and
    the respondent pages swap the token for a session at once. If a reminder fails to send, the hash is left
    alone, so the link the person already has keeps working.

    We chose rotation over deriving tokens from SECRET_KEY (HMAC of the invitation id): with derivation, one
    leaked key would open every family's survey, in-progress answers included; with rotation a leaked key or a
    leaked database opens nothing.

Transactions
    ``import_invitations`` commits all good rows in one transaction, then sends; a message that fails never
    takes its invitation with it.
"""

import csv
import hashlib
import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, case, func, select

from surveys.models import JOURNEY_STAGES, Invitation, Notification, Partner, Response, Survey, User, db, utcnow
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.scoping import scoped

TOKEN_BYTES = 32  # 256 bits; the design asks for at least 128
MAX_TOKEN_LENGTH = 200
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_ROWS = 20_000
MAX_REPORTED_PROBLEMS = 1_000
# stop_reminders() sets reminders_sent to this, so a later, larger MAX_REMINDERS never restarts them.
REMINDERS_STOPPED = 1_000


# -- tokens and links -------------------------------------------------------------------------------------


def new_token() -> str:
    """A fresh random token for a link (43 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The stored form of a token: SHA-256 as 64 lower-case hex characters."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_invitation(token: str | None) -> Invitation | None:
    """The invitation whose token this is, looked up by hash; None for anything else (expired ones included)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def is_expired(invitation: Invitation, now: datetime | None = None) -> bool:
    """True once the invitation's link has passed its expiry time."""
    return (now or utcnow()) >= invitation.expires_at


def invitation_url(token: str) -> str:
    """The link a respondent follows: ``{PUBLIC_BASE_URL}/respond/i/{token}``."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/respond/i/{token}"


def expiry_for(valid_days: int, now: datetime | None = None) -> datetime:
    """The end of the day, in England, ``valid_days`` from now: "works until 14 June" means all of 14 June."""
    last_day = (now or utcnow()).astimezone(LONDON).date() + timedelta(days=valid_days)
    return datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=LONDON).astimezone(UTC)


def expiry_date_text(invitation: Invitation) -> str:
    """The last day a link works, as people write it: 14 June 2026."""
    last_moment = invitation.expires_at.astimezone(LONDON) - timedelta(seconds=1)
    return f"{last_moment.day} {last_moment:%B %Y}"


# -- single invitations -----------------------------------------------------------------------------------


def build_invitation(
    survey: Survey,
    *,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    journey_stage: str | None = None,
    locality: str | None = None,
    partner: Partner | None = None,
    need_type: str | None = None,
    valid_days: int | None = None,
) -> tuple[Invitation, str]:
    """A new invitation added to the session (not committed) and its plain token."""
    if journey_stage is not None and journey_stage not in JOURNEY_STAGES:
        raise ValueError(f"Unknown journey stage {journey_stage!r}")
    token = new_token()
    days = valid_days if valid_days is not None else current_app.config["INVITATION_VALID_DAYS"]
    invitation = Invitation(
        survey_id=survey.id,
        token_hash=hash_token(token),
        expires_at=expiry_for(days),
        journey_stage=journey_stage,
        locality=locality or None,
        partner_id=partner.id if partner is not None else None,
        need_type=need_type or None,
        contact_email=contact_email or None,
        contact_phone=contact_phone or None,
        reminders_sent=0,
    )
    db.session.add(invitation)
    return invitation, token


def create_invitation(survey: Survey, **details) -> tuple[Invitation, str]:
    """Create and commit one invitation; returns it and the plain token (for its message only)."""
    invitation, token = build_invitation(survey, **details)
    db.session.commit()
    return invitation, token


def stop_reminders(invitation: Invitation) -> None:
    """The respondent asked for no more reminders: none will be sent, whatever MAX_REMINDERS becomes."""
    invitation.reminders_sent = max(invitation.reminders_sent or 0, REMINDERS_STOPPED)
    db.session.commit()


def reminders_stopped(invitation: Invitation) -> bool:
    """True when the respondent asked us to stop reminding them."""
    return (invitation.reminders_sent or 0) >= REMINDERS_STOPPED


# -- checking what people typed into a spreadsheet -----------------------------------------------------------

EMAIL = re.compile(r"^[^@\s]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
UK_MOBILE = re.compile(r"^(?:\+44|0044|44|0)?(7\d{9})$")  # a bare 7xxxxxxxxx: Excel dropped the leading 0
EXAMPLE_EMAIL = "name@example.com"
EXAMPLE_MOBILE = "07700 900 982"


def normalise_email(value: str) -> str | None:
    """The email address tidied up, or None if it is not one."""
    value = value.strip()
    if len(value) > 254 or not EMAIL.match(value) or ".." in value:
        return None
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalise_mobile(value: str) -> str | None:
    """A UK mobile number as +447xxxxxxxxx, or None if it is not one."""
    compact = PHONE_PUNCTUATION.sub("", value.strip().replace("(0)", ""))
    match = UK_MOBILE.match(compact)
    return f"+44{match.group(1)}" if match else None


def _words(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())


JOURNEY_STAGE_ALIASES = {
    "final ehcp": "final_plan",
    "final ehc plan": "final_plan",
    "final ehcp issued": "final_plan",
    "final plan issued": "final_plan",
    "ehc plan issued": "final_plan",
    "needs assessment": "needs_assessment",
    "ehc assessment": "needs_assessment",
    "ehcna": "needs_assessment",
    "annual review of ehc plan": "annual_review",
    "transfer": "phase_transfer",
    "send tribunal": "tribunal",
    "appeal": "tribunal",
}
JOURNEY_STAGE_LOOKUP = {
    **{_words(key): key for key in JOURNEY_STAGES},
    **{_words(label): key for key, label in JOURNEY_STAGES.items()},
    **JOURNEY_STAGE_ALIASES,
}


def parse_journey_stage(value: str) -> str | None:
    """The journey stage key for a key, label or common name (without case), or None if unknown."""
    return JOURNEY_STAGE_LOOKUP.get(_words(value))


# -- CSV upload ---------------------------------------------------------------------------------------------

COLUMN_ALIASES = {
    "email": "email",
    "email_address": "email",
    "e_mail": "email",
    "mobile": "mobile",
    "mobile_number": "mobile",
    "mobile_phone": "mobile",
    "phone": "mobile",
    "journey_stage": "journey_stage",
    "stage": "journey_stage",
    "locality": "locality",
    "area": "locality",
    "partner": "partner",
    "partner_name": "partner",
    "need_type": "need_type",
    "need": "need_type",
    "primary_need": "need_type",
}
TEXT_LIMITS = {"locality": ("Locality", 100), "need_type": ("Need type", 100)}


class UploadRejected(ValueError):
    """The whole file cannot be used; the message says what to do."""


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported: its line in the spreadsheet (the header is line 1) and why."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an upload did: how many were invited and which lines were not, with reasons."""

    invited: int = 0
    messages_sent: int = 0
    messages_failed: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    error: str | None = None  # the whole file was rejected; nothing was imported
    audit_event_id: int | None = None

    def as_dict(self) -> dict:
        """A JSON-ready summary for the audit log (no contact details; at most 1,000 problems)."""
        return {
            "invited": self.invited,
            "messages_sent": self.messages_sent,
            "messages_failed": self.messages_failed,
            "problem_count": len(self.problems),
            "problems": [[p.line, p.reason] for p in self.problems[:MAX_REPORTED_PROBLEMS]],
            "ignored_columns": self.ignored_columns,
            "error": self.error,
        }


@dataclass(frozen=True)
class InvitationRow:
    """One good row, ready to become an invitation."""

    line: int
    email: str | None
    mobile: str | None
    journey_stage: str | None
    locality: str | None
    partner: Partner | None
    need_type: str | None


def read_upload(data) -> str:
    """The text of an uploaded CSV (str, bytes or a file), refusing big files and text that is not UTF-8."""
    if isinstance(data, str):
        raw = data.encode("utf-8")
    elif isinstance(data, bytes | bytearray):
        raw = bytes(data)
    else:
        raw = data.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise UploadRejected("The selected file must be smaller than 5 MB. Split it into smaller files")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadRejected(
            "The selected file must be saved as ‘CSV UTF-8’. In Excel, choose File, Save a copy, "
            "then ‘CSV UTF-8 (comma delimited)’"
        ) from error
    if not text.strip():
        raise UploadRejected("The selected file is empty")
    return text


def read_header(header: list[str] | None, report: ImportReport) -> list[str | None]:
    """Our name for each column (None for columns we ignore), checking the ones we need are there."""
    if not header or not any(cell.strip() for cell in header):
        raise UploadRejected("The selected file is empty")
    columns: list[str | None] = []
    for cell in header:
        name = COLUMN_ALIASES.get(_words(cell).replace(" ", "_"))
        if name is not None and name in columns:
            raise UploadRejected(f"The file has more than one ‘{name}’ column. Remove one of them")
        if name is None and cell.strip():
            report.ignored_columns.append(cell.strip())
        columns.append(name)
    if "email" not in columns and "mobile" not in columns:
        raise UploadRejected("The file must have a column called ‘email’ or ‘mobile’ (or both) in its first row")
    return columns


def check_row(values: dict[str, str], partners: dict[str, Partner]) -> tuple[dict, list[str]]:
    """The cleaned values of one row and the reasons it cannot be used (an empty list when it can)."""
    reasons: list[str] = []
    email = mobile = stage = partner = None
    if values.get("email"):
        email = normalise_email(values["email"])
        if email is None:
            reasons.append(f"Enter the email address in the correct format, like {EXAMPLE_EMAIL}")
    if values.get("mobile"):
        mobile = normalise_mobile(values["mobile"])
        if mobile is None:
            reasons.append(f"Enter a UK mobile number, like {EXAMPLE_MOBILE}")
    if not values.get("email") and not values.get("mobile"):
        reasons.append("Enter an email address or a mobile number")
    if values.get("journey_stage"):
        stage = parse_journey_stage(values["journey_stage"])
        if stage is None:
            reasons.append("Journey stage must be one of: " + ", ".join(JOURNEY_STAGES.values()))
    if values.get("partner"):
        partner = partners.get(values["partner"].strip().lower())
        if partner is None:
            reasons.append(f"There is no partner called ‘{values['partner'].strip()[:100]}’")
    for key, (label, limit) in TEXT_LIMITS.items():
        if len(values.get(key, "")) > limit:
            reasons.append(f"{label} must be {limit} characters or fewer")
    cleaned = {"email": email, "mobile": mobile, "journey_stage": stage, "partner": partner}
    return cleaned, reasons


class DuplicateFinder:
    """Spots a contact seen earlier in the file, or already invited to this survey and still able to answer."""

    def __init__(self, survey: Survey, now: datetime):
        self.seen: dict[str, int] = {}
        query = select(func.lower(Invitation.contact_email), Invitation.contact_phone).where(
            Invitation.survey_id == survey.id, Invitation.expires_at > now
        )
        self.invited = {value for row in db.session.execute(query) for value in row if value}

    def problem(self, email: str | None, mobile: str | None) -> str | None:
        """Why this contact is a duplicate, or None."""
        for value, what in ((email and email.lower(), "email address"), (mobile, "mobile number")):
            if value and value in self.invited:
                return f"This {what} has already been invited to this survey"
            if value and value in self.seen:
                return f"Same {what} as line {self.seen[value]}"
        return None

    def remember(self, email: str | None, mobile: str | None, line: int) -> None:
        """Note a contact that will be invited."""
        for value in (email and email.lower(), mobile):
            if value:
                self.seen.setdefault(value, line)


def parse_rows(text: str, survey: Survey, report: ImportReport) -> list[InvitationRow]:
    """The good rows of the file; bad rows go into the report by spreadsheet line number."""
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = read_header(next(reader, None), report)
    partners = {p.name.strip().lower(): p for p in db.session.scalars(select(Partner))}
    duplicates = DuplicateFinder(survey, utcnow())
    rows: list[InvitationRow] = []
    for line, cells in enumerate(reader, start=2):
        if line - 1 > MAX_UPLOAD_ROWS:
            raise UploadRejected(f"The selected file must have {MAX_UPLOAD_ROWS:,} rows or fewer. Split it up")
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, often at the end of a spreadsheet
        values = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}
        cleaned, reasons = check_row(values, partners)
        duplicate = None if reasons else duplicates.problem(cleaned["email"], cleaned["mobile"])
        if reasons or duplicate:
            report.problems.append(RowProblem(line, ". ".join(reasons) if reasons else duplicate))
            continue
        duplicates.remember(cleaned["email"], cleaned["mobile"], line)
        rows.append(InvitationRow(line=line, locality=values.get("locality") or None,
                                  need_type=values.get("need_type") or None, **cleaned))
    return rows


def import_invitations(survey: Survey, data, *, send: bool = True, user: User | None = None) -> ImportReport:
    """Invite everyone on the good rows of a CSV (one transaction), then send their messages.

    Columns: email, mobile (either or both), journey_stage, locality, partner, need_type. When ``user`` is
    given the upload is written to the audit log, with counts and line numbers but no contact details.
    """
    report = ImportReport()
    try:
        rows = parse_rows(read_upload(data), survey, report)
    except (UploadRejected, csv.Error) as error:
        report = ImportReport(error=str(error) if isinstance(error, UploadRejected) else _csv_problem(error))
        _audit_upload(user, survey, report)
        return report
    created = [_build_from_row(survey, row) for row in rows]
    report.invited = len(created)
    event = _audit_upload(user, survey, report)  # the invitations and the audit event: one transaction
    if send:
        _send_all(created, report)
        if event is not None:
            event.detail = report.as_dict()  # now with the message counts
            db.session.commit()
    return report


def _csv_problem(error: csv.Error) -> str:
    return f"The selected file could not be read as a CSV ({error}). Check it is saved as ‘CSV UTF-8’"


def _build_from_row(survey: Survey, row: InvitationRow) -> tuple[Invitation, str]:
    return build_invitation(
        survey,
        contact_email=row.email,
        contact_phone=row.mobile,
        journey_stage=row.journey_stage,
        locality=row.locality,
        partner=row.partner,
        need_type=row.need_type,
    )


def _send_all(created: list[tuple[Invitation, str]], report: ImportReport) -> None:
    """Send every new invitation; one failure never stops the rest."""
    from surveys.services.platform.notify import get_notifier, send_invitation

    notifier = get_notifier(current_app.config)
    for invitation, token in created:
        for notification in send_invitation(invitation, token, notifier=notifier):
            if notification.status == "sent":
                report.messages_sent += 1
            else:
                report.messages_failed += 1


def _audit_upload(user: User | None, survey: Survey, report: ImportReport):
    """Record the upload (when a person did it) and commit whatever the upload added."""
    from surveys.services.platform.audit import record

    event = record(user, "invitations.upload", survey, **report.as_dict()) if user is not None else None
    db.session.commit()
    report.audit_event_id = event.id if event is not None else None
    return event


def upload_report(event_id: int):
    """The audit event of an upload (for its report page), or None."""
    from surveys.models import AuditEvent

    event = db.session.get(AuditEvent, event_id)
    return event if event is not None and event.action == "invitations.upload" else None


# -- what staff see -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationCounts:
    """How a survey's invitations are going."""

    survey_id: int
    invited: int
    sent: int
    opened: int
    answered: int
    reminded: int
    expired: int

    @property
    def not_sent(self) -> int:
        """Invitations no message has reached yet (failed, or still to send)."""
        return self.invited - self.sent


@dataclass(frozen=True)
class InvitationListItem:
    """One invitation as a list shows it: contact details masked, never the token."""

    id: int
    created_at: datetime
    contact: str
    journey_stage: str
    locality: str
    partner: str
    status: str
    reminders: str


def _answered():
    return select(Response.id).where(Response.invitation_id == Invitation.id, Response.status == "submitted").exists()


def _reminded():
    return (
        select(Notification.id)
        .where(Notification.invitation_id == Invitation.id, Notification.kind == "reminder",
               Notification.status == "sent")
        .exists()
    )


def _how_many(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def invitation_counts(user: User, survey_id: int | None = None, now: datetime | None = None) -> list[InvitationCounts]:
    """Counts per survey of the invitations ``user`` may see (partner scoping applies)."""
    now = now or utcnow()
    query = select(
        Invitation.survey_id,
        func.count(Invitation.id),
        _how_many(Invitation.sent_at.is_not(None)),
        _how_many(Invitation.opened_at.is_not(None)),
        _how_many(_answered()),
        _how_many(_reminded()),
        _how_many(and_(Invitation.expires_at <= now, ~_answered())),
    ).group_by(Invitation.survey_id).order_by(Invitation.survey_id)
    if survey_id is not None:
        query = query.where(Invitation.survey_id == survey_id)
    return [InvitationCounts(*row) for row in db.session.execute(scoped(query, Invitation, user))]


def list_invitations(survey: Survey, user: User, *, page: int = 1, per_page: int = 50,
                     now: datetime | None = None) -> tuple[list[InvitationListItem], int]:
    """One page of a survey's invitations that ``user`` may see, newest first, and how many there are in all."""
    now = now or utcnow()
    base = scoped(select(Invitation).where(Invitation.survey_id == survey.id), Invitation, user)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    query = (
        base.add_columns(Response.status)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    )
    return [_list_item(invitation, status, now) for invitation, status in db.session.execute(query)], total


def _list_item(invitation: Invitation, response_status: str | None, now: datetime) -> InvitationListItem:
    contacts = [mask_email(invitation.contact_email), mask_phone(invitation.contact_phone)]
    return InvitationListItem(
        id=invitation.id,
        created_at=invitation.created_at.astimezone(LONDON),
        contact=", ".join(c for c in contacts if c),
        journey_stage=JOURNEY_STAGES.get(invitation.journey_stage or "", ""),
        locality=invitation.locality or "",
        partner=invitation.partner.name if invitation.partner else "",
        status=invitation_status(invitation, response_status, now),
        reminders="Stopped" if reminders_stopped(invitation) else str(invitation.reminders_sent or 0),
    )


def invitation_status(invitation: Invitation, response_status: str | None, now: datetime) -> str:
    """Where an invitation has got to, in a word or two."""
    if response_status == "submitted":
        return "Answered"
    if is_expired(invitation, now):
        return "Expired"
    if response_status == "in_progress":
        return "Started"
    if invitation.opened_at is not None:
        return "Opened"
    return "Sent" if invitation.sent_at is not None else "Not sent"


def mask_email(email: str | None) -> str:
    """Enough of an email address to recognise, not to use: j***@example.com."""
    if not email or "@" not in email:
        return ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str | None) -> str:
    """The last 3 digits of a mobile number only: 07*** ***982."""
    if not phone:
        return ""
    return f"07*** ***{phone[-3:]}"


def invitable_surveys() -> list[Survey]:
    """Active surveys, which invitations can be sent for, by title."""
    return list(db.session.scalars(select(Survey).where(Survey.active.is_(True)).order_by(Survey.title)))
