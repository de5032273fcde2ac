"""Uploading people to invite: a CSV (or XLSX) file in, an invitation for each good row and a report by line out.

Columns (by label, see ``COLUMNS``): email, mobile (either or both), journey_stage, locality, partner,
need_type. The file is read by ``surveys.services.platform.uploads``. Bad rows and duplicates are reported by
line, with reasons that never repeat contact details; a file that cannot be used invites nobody.

Transactions
    Two steps, because a message sent cannot be unsent: ``add_invitations`` adds the good rows' invitations
    and the audit event (flushed, not committed); the caller commits; then
    ``surveys.batches.send_uploaded_invitations`` sends them, one transaction per invitation.
    A message that fails never takes its invitation with it.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from sqlalchemy import func, select

from surveys.models import JOURNEY_STAGES, AuditEvent, Invitation, Partner, Survey, User, db, utcnow
from surveys.services.capture.invitations import build_invitation
from surveys.services.platform import audit
from surveys.services.platform.uploads import (
    Column,
    Limits,
    Row,
    RowProblem,
    UploadRejected,
    lookup,
    read_table,
    words,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_ROWS = 20_000
MAX_REPORTED_PROBLEMS = 1_000
AUDIT_ACTION = "invitations.upload"
COLUMNS = (
    Column("email", labels=("email", "email address", "e mail")),
    Column("mobile", labels=("mobile", "mobile number", "mobile phone", "phone")),
    Column("journey_stage", labels=("journey_stage", "stage")),
    Column("locality", labels=("locality", "area")),
    Column("partner", labels=("partner", "partner name")),
    Column("need_type", labels=("need_type", "need", "primary need")),
)
TEXT_LIMITS = {"locality": ("Locality", 100), "need_type": ("Need type", 100)}


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
JOURNEY_STAGE_LOOKUP = lookup(JOURNEY_STAGES, JOURNEY_STAGE_ALIASES)


def parse_journey_stage(value: str) -> str | None:
    """The journey stage key for a key, label or common name (without case), or None if unknown."""
    return JOURNEY_STAGE_LOOKUP.get(words(value))


# -- checking rows ------------------------------------------------------------------------------------------


def check_row(values: dict[str, str], partners: dict[str, Partner]) -> tuple[dict, list[str]]:
    """The cleaned values of one row and the reasons it cannot be used (an empty list when it can)."""
    reasons: list[str] = []
    email, mobile = _contact(values, reasons)
    stage = _journey_stage(values.get("journey_stage", ""), reasons)
    partner = _partner(values.get("partner", "").strip(), partners, reasons)
    for key, (label, limit) in TEXT_LIMITS.items():
        if len(values.get(key, "")) > limit:
            reasons.append(f"{label} must be {limit} characters or fewer")
    return {"email": email, "mobile": mobile, "journey_stage": stage, "partner": partner}, reasons


def _contact(values: dict[str, str], reasons: list[str]) -> tuple[str | None, str | None]:
    email = normalise_email(values["email"]) if values.get("email") else None
    mobile = normalise_mobile(values["mobile"]) if values.get("mobile") else None
    if values.get("email") and email is None:
        reasons.append(f"Enter the email address in the correct format, like {EXAMPLE_EMAIL}")
    if values.get("mobile") and mobile is None:
        reasons.append(f"Enter a UK mobile number, like {EXAMPLE_MOBILE}")
    if not values.get("email") and not values.get("mobile"):
        reasons.append("Enter an email address or a mobile number")
    return email, mobile


def _journey_stage(value: str, reasons: list[str]) -> str | None:
    stage = parse_journey_stage(value) if value else None
    if value and stage is None:
        reasons.append("Journey stage must be one of: " + ", ".join(JOURNEY_STAGES.values()))
    return stage


def _partner(name: str, partners: dict[str, Partner], reasons: list[str]) -> Partner | None:
    partner = partners.get(name.lower()) if name else None
    if name and partner is None:
        reasons.append(f"There is no partner called ‘{name[:100]}’")
    return partner


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


def read_rows(data: bytes | BinaryIO, filename: str, survey: Survey, report: ImportReport) -> list[InvitationRow]:
    """The good rows of the file; bad rows go into the report by spreadsheet line number."""
    table = read_table(data, filename, COLUMNS, limits=Limits(MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS))
    if not table.has("email") and not table.has("mobile"):
        raise UploadRejected("The file must have a column called ‘email’ or ‘mobile’ (or both) in its first row")
    report.ignored_columns = table.ignored
    report.problems = list(table.problems)
    partners = {p.name.strip().lower(): p for p in db.session.scalars(select(Partner))}
    duplicates = DuplicateFinder(survey, utcnow())
    rows = [good for row in table.rows if (good := _good_row(row, partners, duplicates, report))]
    report.problems.sort(key=lambda problem: problem.line)
    return rows


def _good_row(row: Row, partners: dict[str, Partner], duplicates: DuplicateFinder,
              report: ImportReport) -> InvitationRow | None:
    values = {column.name: row.text(column.name) for column in COLUMNS}
    cleaned, reasons = check_row(values, partners)
    duplicate = None if reasons else duplicates.problem(cleaned["email"], cleaned["mobile"])
    if reasons or duplicate:
        report.problems.append(RowProblem(row.line, ". ".join(reasons) if reasons else duplicate))
        return None
    duplicates.remember(cleaned["email"], cleaned["mobile"], row.line)
    return InvitationRow(line=row.line, locality=values["locality"] or None,
                         need_type=values["need_type"] or None, **cleaned)


# -- the two steps ------------------------------------------------------------------------------------------


def add_invitations(survey: Survey, data: bytes | BinaryIO, filename: str = "invitations.csv", *,
                    user: User | None = None) -> tuple[ImportReport, list[tuple[Invitation, str]]]:
    """Add an invitation for every good row (flushed, not committed, not sent) and their plain tokens.

    When ``user`` is given the upload is written to the audit log, with counts and line numbers but no
    contact details; a file rejected as a whole is recorded too. Commit, then send (``surveys.batches``).
    """
    report = ImportReport()
    try:
        rows = read_rows(data, filename, survey, report)
    except UploadRejected as error:
        report, rows = ImportReport(error=error.message), []
    created = [_build_from_row(survey, row) for row in rows]
    report.invited = len(created)
    _audit_upload(user, survey, report)
    return report, created


def send_uploaded(invitation: Invitation, token: str, notifier, report: ImportReport) -> None:
    """Send one new invitation and count its messages in the report (a failure is recorded, never raised)."""
    from surveys.services.platform.notify import send_invitation

    for notification in send_invitation(invitation, token, notifier=notifier):
        if notification.status == "sent":
            report.messages_sent += 1
        else:
            report.messages_failed += 1


SENT_ACTION = "invitations.upload_sent"


def record_send_counts(report: ImportReport) -> None:
    """Record the counts of messages sent and failed as a second event (the audit log is append-only)."""
    upload = db.session.get(AuditEvent, report.audit_event_id) if report.audit_event_id else None
    if upload is not None:
        audit.record(None, SENT_ACTION, upload, messages_sent=report.messages_sent,
                     messages_failed=report.messages_failed)


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


def _audit_upload(user: User | None, survey: Survey, report: ImportReport) -> None:
    """Record the upload when a person did it; flush so the invitations and the event have their ids."""
    event = audit.record(user, AUDIT_ACTION, survey, **report.as_dict()) if user is not None else None
    db.session.flush()
    report.audit_event_id = event.id if event is not None else None


def upload_report(event_id: int) -> AuditEvent | None:
    """The audit event of an upload (for its report page), or None."""
    event = db.session.get(AuditEvent, event_id)
    return event if event is not None and event.action == AUDIT_ACTION else None


def upload_detail(event: AuditEvent) -> dict:
    """The upload's report, with the counts of messages sent and failed recorded after it."""
    sent = db.session.scalar(select(AuditEvent).where(AuditEvent.action == SENT_ACTION,
                                                      AuditEvent.object_type == "AuditEvent",
                                                      AuditEvent.object_id == str(event.id))
                             .order_by(AuditEvent.id.desc()).limit(1))
    counts = sent.detail if sent is not None else {}
    return {**event.detail, **{key: counts[key] for key in ("messages_sent", "messages_failed") if key in counts}}
