"""Importing the decisions of mediations, tribunals and the ombudsman from a CSV file, as cases.

The file is read by ``surveys.services.platform.uploads``. Bad rows are reported by line with the reason (in
the audit event that records the import); a decision already imported, or twice in the file, is left out.
Every good row goes in, in the caller's transaction: a crash part-way leaves nothing behind.

A decision often carries only a summary ("Tribunal ordered speech and language therapy in section F"). That
summary becomes a comment of its own (source "decision"), redacted and analysed on arrival like any other, so
the theme assigner places it and the disputes report can say what drives disputes. ``theme_imported_decisions``
does the same for decisions imported before this was so; it runs before the nightly re-theme, and twice is
the same as once.
"""

from datetime import date, datetime
from typing import BinaryIO

from sqlalchemy import exists, select

from surveys.formatters import local_date
from surveys.models import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES, AuditEvent, Case, Comment, User, db
from surveys.services.capture.cases import deadlines
from surveys.services.capture.cases.lifecycle import add_case, comment_time
from surveys.services.capture.cases.queries import partner_options
from surveys.services.platform import audit
from surveys.services.platform.uploads import Column, Limits, RowProblem, Table, lookup, read_table, words
from surveys.services.understand.comments import add_comment

IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_MAX_PROBLEMS_KEPT = 1000
IMPORT_COLUMNS = ("kind", "stage", "received_on", "decided_on", "outcome", "summary", "details", "partner")
IMPORT_REQUIRED_COLUMNS = ("stage", "received_on")
COLUMNS = tuple(Column(name, required=name in IMPORT_REQUIRED_COLUMNS) for name in IMPORT_COLUMNS)
IMPORT_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
MAX_DETAILS = 20_000  # as for any comment's text
STAGE_ALIASES = {"lgsco": "ombudsman", "local government and social care ombudsman": "ombudsman",
                 "send tribunal": "tribunal", "first tier tribunal": "tribunal"}
KIND_LOOKUP = lookup(CASE_KINDS)
STAGE_LOOKUP = lookup(CASE_STAGES, STAGE_ALIASES)
OUTCOME_LOOKUP = lookup(CASE_OUTCOMES)
IMPORT_ACTION = "cases_imported"
DECISION_SOURCE = "decision"


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
        problems.append(f"{column} {local_date(parsed)} is in the future")
    return parsed if parsed is not None and parsed <= on else None


def _choice_cell(values: dict, column: str, lookup: dict, problems: list[str], default: str | None = None):
    value = values.get(column, "")
    if not value:
        return default
    key = lookup.get(words(value))
    if key is None:
        allowed = ", ".join(sorted({words(k) for k in lookup.values()}))
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
    if len(values.get("details", "")) > MAX_DETAILS:
        problems.append(f"details must be {MAX_DETAILS:,} characters or fewer")


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
        "summary": values.get("summary", "") or default_summary(stage),
        "details": values.get("details", ""), "received_on": received_on,
        "responded_on": decided_on, "outcome": outcome,
    }
    return fields, problems


def default_summary(stage: str | None) -> str:
    """The summary a decision gets when its row has none: "Tribunal decision"."""
    return f"{CASE_STAGES.get(stage or '', 'Imported')} decision"


def _import_key(fields: dict) -> tuple:
    return tuple(fields[name] for name in ("kind", "stage", "received_on", "responded_on", "partner_id", "details"))


def _already_imported(good: list[tuple[int, dict]]) -> set[tuple]:
    dates = {fields["received_on"] for _, fields in good}
    columns = (Case.kind, Case.stage, Case.received_on, Case.responded_on, Case.partner_id, Case.details)
    query = select(*columns).where(Case.channel == "import", Case.received_on.in_(dates))
    return {tuple(row) for row in db.session.execute(query)} if dates else set()


def _sort_rows(table: Table, partners: dict[str, int], on: date) -> tuple[list[tuple[int, dict]], list[RowProblem]]:
    """Split rows into good ones and problems; a row seen before (in the file or imported) is a problem."""
    good, problems, seen = [], list(table.problems), set()
    for row in table.rows:
        fields, reasons = _parse_row({name: row.text(name) for name in IMPORT_COLUMNS}, partners, on)
        if reasons:
            problems.append(RowProblem(row.line, "; ".join(reasons)))
        else:
            good.append((row.line, fields))
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


def import_decisions(data: bytes | BinaryIO, filename: str, user: User, on: date | None = None) -> AuditEvent:
    """Add a case for every good row of a file of decisions, and the audit event that records the import (flushed).

    Bad rows are reported by line number with the reason. Raises ``UploadRejected`` when the file as a whole
    cannot be read, before anything is added.
    """
    table = read_table(data, filename, COLUMNS, limits=Limits(IMPORT_MAX_BYTES, IMPORT_MAX_ROWS))
    partners = {name.casefold(): partner_id for partner_id, name in partner_options()}
    good, problems = _sort_rows(table, partners, on or deadlines.today())
    created = [_add_decision(fields, user).reference for _, fields in good]
    event = audit.record(
        user, IMPORT_ACTION, None, filename=filename[:200], created=created, problem_count=len(problems),
        problems=[{"line": p.line, "reason": p.reason} for p in problems[:IMPORT_MAX_PROBLEMS_KEPT]],
    )
    db.session.flush()
    return event


def _add_decision(fields: dict, user: User) -> Case:
    case = add_case(fields, user, "import")
    add_decision_comment(case)
    return case


def add_decision_comment(case: Case) -> Comment | None:
    """The decision's own summary as an analysed comment of the case (None when it has only the default one)."""
    if case.summary.strip() == default_summary(case.stage):
        return None
    return add_comment(case.summary, DECISION_SOURCE, case=case, partner_id=case.partner_id,
                       received_at=comment_time(case.received_on))


def theme_imported_decisions(batch_size: int = 500) -> int:
    """Give every imported decision without one its summary's comment (flushed); returns how many were added."""
    has_comment = exists().where(Comment.case_id == Case.id, Comment.source == DECISION_SOURCE)
    query = select(Case).where(Case.channel == "import", ~has_comment).order_by(Case.id)
    added, after = 0, 0
    while batch := db.session.scalars(query.where(Case.id > after).limit(batch_size)).all():
        added += sum(add_decision_comment(case) is not None for case in batch)
        after = batch[-1].id
    return added


def import_record(event_id: int, user: User) -> AuditEvent | None:
    """The record of an import, for the person who made it (or an admin)."""
    query = select(AuditEvent).where(AuditEvent.id == event_id, AuditEvent.action == IMPORT_ACTION)
    if user.role != "admin":
        query = query.where(AuditEvent.user_id == user.id)
    return db.session.scalar(query)
