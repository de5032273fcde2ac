"""The durable outbox: add work to it in the caller's transaction; claim, finish and retry it for the worker.

Whatever causes a message or background work (a submitted response, a flagged comment, an upload of invitations,
a theme decision) calls ``enqueue`` in the same transaction as its data, so the item is committed exactly when the
data is: nothing goes for work rolled back, nothing is lost for work kept. ``surveys.worker`` claims due items
(``claim_due``), runs each one's handler in a transaction of its own and records the outcome (``finish``,
``reschedule``). Like every service this only adds and flushes; the worker and the request commit.

Several workers may run at once: a claim is one UPDATE of the rows picked with ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL (a second worker skips rows the first holds) and one UPDATE on SQLite, which runs writes one at a time.
An item whose worker died stays ``working`` until its claim is ``LEASE`` old, then is claimed again.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, cast, delete, func, or_, select, update

from surveys.models import OutboxItem, User, db, utcnow
from surveys.services.platform import audit
from surveys.services.platform.errors import Conflict, NotFound

# Lower goes first. Analysis comes first because a safeguarding alert waits on it.
PRIORITIES = {"analyse_comment": 0, "safeguarding_alert": 0, "email": 3, "invitation": 5, "reminder": 5,
              "what_changed": 6, "retrain_assigner": 8}
MAX_ATTEMPTS = {"safeguarding_alert": 16}  # about a day of tries (the wait is capped at an hour)
DEFAULT_MAX_ATTEMPTS = 10  # about 3 hours of tries: 10 s, 20 s, 40 s ... doubling, at most an hour apart
FIRST_RETRY = timedelta(seconds=10)
LONGEST_WAIT = timedelta(hours=1)
LEASE = timedelta(minutes=10)  # a claim this old belongs to a worker that died: the item is claimed again
ERROR_LENGTH = 1000


class SendFailed(RuntimeError):
    """A handler could not deliver a message but recorded the attempt: keep what it flushed, and retry later."""


def enqueue(kind: str, payload: dict[str, Any] | None = None, *, delay: timedelta | None = None,
            now: datetime | None = None) -> OutboxItem:
    """Add an item to the outbox in the current transaction (flushed, so it has its id)."""
    now = now or utcnow()
    item = OutboxItem(kind=kind, payload=payload or {}, priority=PRIORITIES.get(kind, 5), status="pending",
                      attempts=0, max_attempts=MAX_ATTEMPTS.get(kind, DEFAULT_MAX_ATTEMPTS),
                      available_at=now + (delay or timedelta(0)), last_error="", notifier="", created_at=now)
    db.session.add(item)
    db.session.flush()
    return item


def enqueue_once(kind: str, *, delay: timedelta, now: datetime | None = None) -> OutboxItem:
    """Add a payload-free item unless one of its kind is still waiting: many triggers, one run (coalesced).

    Two transactions adding at the same moment may both add one; the work then runs twice, which is harmless.
    """
    waiting = db.session.scalar(select(OutboxItem).where(OutboxItem.kind == kind, OutboxItem.status == "pending")
                                .order_by(OutboxItem.id).limit(1))
    return waiting if waiting is not None else enqueue(kind, delay=delay, now=now)


def due_condition(now: datetime):
    """Items ready to claim: waiting and due, or claimed by a worker that has been silent for ``LEASE``."""
    return or_(
        and_(OutboxItem.status == "pending", OutboxItem.available_at <= now),
        and_(OutboxItem.status == "working", OutboxItem.claimed_at <= now - LEASE),
    )


def claim_due(worker: str, now: datetime | None = None, limit: int = 10) -> list[int]:
    """Claim up to ``limit`` due items for ``worker`` (the caller commits at once); their ids, most urgent first."""
    now = now or utcnow()
    if db.session.scalar(select(OutboxItem.id).where(due_condition(now)).limit(1)) is None:
        return []  # a read, so an idle worker never takes SQLite's write lock
    pick = (select(OutboxItem.id).where(due_condition(now))
            .order_by(OutboxItem.priority, OutboxItem.available_at, OutboxItem.id)
            .limit(limit).with_for_update(skip_locked=True))
    claim = (update(OutboxItem).where(OutboxItem.id.in_(pick.scalar_subquery()))
             .values(status="working", claimed_by=worker[:80], claimed_at=now, attempts=OutboxItem.attempts + 1)
             .returning(OutboxItem.id, OutboxItem.priority, OutboxItem.available_at)
             .execution_options(synchronize_session=False))
    rows = db.session.execute(claim).all()
    return [row.id for row in sorted(rows, key=lambda row: (row.priority, row.available_at, row.id))]


def claimed_item(item_id: int, worker: str) -> OutboxItem | None:
    """The item if ``worker`` still holds it (None when another worker took it over after the lease ran out)."""
    item = db.session.get(OutboxItem, item_id, populate_existing=True)
    return item if item is not None and item.status == "working" and item.claimed_by == worker[:80] else None


def finish(item: OutboxItem, notifier: str | None = None, now: datetime | None = None) -> None:
    """Mark an item done, with the notifier that took it when it was a message."""
    item.status, item.finished_at, item.last_error = "done", now or utcnow(), ""
    item.notifier = (notifier or "")[:16]
    db.session.flush()


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failure: 10 s, doubling each time, at most an hour."""
    return min(FIRST_RETRY * (2 ** max(0, attempts - 1)), LONGEST_WAIT)


def reschedule(item_id: int, error: str, now: datetime | None = None) -> OutboxItem | None:
    """Record a failed attempt: try again after the backoff, or mark the item failed after its last attempt."""
    now = now or utcnow()
    item = db.session.get(OutboxItem, item_id, populate_existing=True)
    if item is None:
        return None
    item.last_error = error[:ERROR_LENGTH]
    if item.attempts >= item.max_attempts:
        item.status, item.finished_at = "failed", now
    else:
        item.status, item.available_at = "pending", now + backoff(item.attempts)
    item.claimed_by = item.claimed_at = None
    db.session.flush()
    return item


def fail_exhausted(item: OutboxItem, now: datetime | None = None) -> None:
    """An item reclaimed after its worker died on its last attempt: failed, not tried again."""
    item.status, item.finished_at = "failed", now or utcnow()
    item.last_error = item.last_error or "The worker stopped while doing this on its last attempt"
    db.session.flush()


# -- what staff see and do -----------------------------------------------------------------------------------


def counts() -> dict[str, int]:
    """How many items are in each status."""
    rows = db.session.execute(select(OutboxItem.status, func.count(OutboxItem.id)).group_by(OutboxItem.status))
    found = dict(rows.all())
    return {status: found.get(status, 0) for status in ("pending", "working", "done", "failed")}


def failed_items(kinds: tuple[str, ...] | None = None, limit: int = 200) -> list[OutboxItem]:
    """Items that failed after every attempt, newest first (only ``kinds`` when given)."""
    query = select(OutboxItem).where(OutboxItem.status == "failed")
    if kinds is not None:
        query = query.where(OutboxItem.kind.in_(kinds))
    return list(db.session.scalars(query.order_by(OutboxItem.finished_at.desc(), OutboxItem.id.desc()).limit(limit)))


def retrying_items(kinds: tuple[str, ...] | None = None, limit: int = 200) -> list[OutboxItem]:
    """Items that failed at least once and will be tried again, soonest first."""
    query = select(OutboxItem).where(OutboxItem.status == "pending", OutboxItem.attempts > 0)
    if kinds is not None:
        query = query.where(OutboxItem.kind.in_(kinds))
    return list(db.session.scalars(query.order_by(OutboxItem.available_at, OutboxItem.id).limit(limit)))


def retry(item_id: int, user: User, kinds: tuple[str, ...] | None = None, now: datetime | None = None) -> OutboxItem:
    """Staff asked to try a failed item again now, with a fresh set of attempts (audited)."""
    item = db.session.get(OutboxItem, item_id)
    if item is None or (kinds is not None and item.kind not in kinds):
        raise NotFound("There is no such item in the outbox")
    if item.status != "failed":
        raise Conflict("Only an item that failed can be tried again")
    item.status, item.available_at, item.finished_at = "pending", now or utcnow(), None
    item.max_attempts = item.attempts + MAX_ATTEMPTS.get(item.kind, DEFAULT_MAX_ATTEMPTS)
    audit.record(user, "outbox.retry", item, kind=item.kind, attempts=item.attempts)
    db.session.flush()
    return item


SAFEGUARDING_KINDS = ("analyse_comment", "safeguarding_alert")  # what a safeguarding lead sees and may retry


def describe(item: OutboxItem) -> str:
    """What an item is, for staff: ids and staff addresses, never a respondent's contact details or words."""
    payload = item.payload or {}
    descriptions = {
        "analyse_comment": lambda: f"Checking comment {payload.get('comment_id')}",
        "safeguarding_alert": lambda: f"Safeguarding alert about comment {payload.get('comment_id')} "
                                      f"to {payload.get('to')}",
        "email": lambda: f"{str(payload.get('kind', 'email')).replace('_', ' ').capitalize()} to {payload.get('to')}",
        "invitation": lambda: f"Invitation {payload.get('invitation_id')}",
        "reminder": lambda: f"Reminder for invitation {payload.get('invitation_id')}",
        "what_changed": lambda: f"Follow-up about version {payload.get('version')} "
                                f"to the person who wrote response {payload.get('response_id')}",
        "retrain_assigner": lambda: "Training the theme assigner again",
    }
    return descriptions.get(item.kind, lambda: item.kind)()


def written_to_files() -> int:
    """Messages the file notifier took: written to the outbox folder, not delivered to anyone."""
    return db.session.scalar(select(func.count(OutboxItem.id))
                             .where(OutboxItem.status == "done", OutboxItem.notifier == "outbox")) or 0


# Ids in a payload that say whose data an item is about (erasure removes the items about a person).
PERSONAL_KEYS = {"invitation_id": "invitations", "response_id": "responses", "comment_id": "comments"}


def remove_finished(now: datetime, keep: timedelta) -> int:
    """Delete items done more than ``keep`` ago: their payloads hold addresses and words nobody needs once sent.
    Failed items stay until someone deals with them. How many."""
    old = delete(OutboxItem).where(OutboxItem.status == "done", OutboxItem.finished_at < now - keep)
    return db.session.execute(old.execution_options(synchronize_session=False)).rowcount


def remove_about(ids: dict[str, set[int]]) -> int:
    """Delete every item whose payload names one of these invitations, responses or comments, done or not
    (``ids`` by the names in ``PERSONAL_KEYS``' values). How many."""
    # Compared as text, the same on both databases: SQLite's json_extract gives a number, PostgreSQL's ->> text.
    matches = [cast(OutboxItem.payload[key].as_string(), String).in_(sorted(str(i) for i in ids[kind]))
               for key, kind in PERSONAL_KEYS.items() if ids.get(kind)]
    if not matches:
        return 0
    removed = db.session.execute(delete(OutboxItem).where(or_(*matches)).execution_options(synchronize_session=False))
    db.session.flush()
    return removed.rowcount
