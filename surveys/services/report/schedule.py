"""When the tracker is published: the cadence staff chose, its slots, and claiming a slot exactly once.

A *slot* is a scheduled moment: 09:00 (or the chosen time, England's clock) on the first working day of each
month, or of January, April and September for termly. The scheduler's job runs every few minutes and asks for
the latest slot that has passed; it publishes only if it can *claim* that slot by moving ``last_slot_at``
forward with one conditional UPDATE. The database lets only one UPDATE change the row: on PostgreSQL a second
scheduler waits for the first to commit, then finds the row changed and matches nothing; SQLite runs writes one
at a time. After downtime only the latest missed slot is due, so a missed publication runs once, not once per
missed slot. A new cadence applies from its next slot: saving it marks every slot already passed as handled.

Like every service this only flushes; the job (``surveys.jobs.publish_on_schedule``) commits.
"""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_, select, update

from surveys.models import SCHEDULE_KINDS, PublicationSchedule, User, db, utcnow
from surveys.services.platform import audit
from surveys.services.platform.calendar import LONDON, is_working_day
from surveys.services.platform.errors import Invalid

DEFAULT = {"kind": "monthly", "hour": 9, "minute": 0}
MONTHS = {"monthly": tuple(range(1, 13)), "termly": (1, 4, 9), "off": ()}
SCHEDULE_ID = 1  # one row: the area's schedule


def current_schedule() -> PublicationSchedule:
    """The saved schedule, or the default (monthly at 09:00, not saved) when nobody has set one."""
    return db.session.get(PublicationSchedule, SCHEDULE_ID) or PublicationSchedule(id=SCHEDULE_ID, **DEFAULT)


def first_working_day(year: int, month: int) -> date:
    """The first day of the month that is not a weekend or an English bank holiday."""
    day = date(year, month, 1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def slot_in(year: int, month: int, hour: int, minute: int) -> datetime:
    """The slot in one month, as an aware UTC time (09:00 in England is 08:00 UTC in summer)."""
    day = first_working_day(year, month)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def _months_from(year: int, month: int, step: int):
    """Months (year, month) from the one given, forwards (step 1) or backwards (step -1), for two years."""
    for _ in range(25):
        yield year, month
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12


def next_slot(schedule: PublicationSchedule, after: datetime) -> datetime | None:
    """The first slot strictly after ``after``; None when the schedule is off."""
    local = after.astimezone(LONDON)
    for year, month in _months_from(local.year, local.month, 1):
        if month in MONTHS[schedule.kind]:
            slot = slot_in(year, month, schedule.hour, schedule.minute)
            if slot > after:
                return slot
    return None


def latest_slot(schedule: PublicationSchedule, now: datetime) -> datetime | None:
    """The last slot at or before ``now``; None when the schedule is off."""
    local = now.astimezone(LONDON)
    for year, month in _months_from(local.year, local.month, -1):
        if month in MONTHS[schedule.kind]:
            slot = slot_in(year, month, schedule.hour, schedule.minute)
            if slot <= now:
                return slot
    return None


def next_publication_date(now: datetime | None = None) -> datetime | None:
    """When the tracker is next published on schedule, in England's time; None when the schedule is off."""
    slot = next_slot(current_schedule(), now or utcnow())
    return slot.astimezone(LONDON) if slot is not None else None


def check_schedule(kind: str, hour, minute) -> tuple[str, int, int]:
    """The cadence and time, checked; Invalid with a message saying what to change."""
    if kind not in SCHEDULE_KINDS:
        raise Invalid("Select how often to publish the tracker")
    if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= 23:
        raise Invalid("Hour must be a whole number from 0 to 23")
    if not isinstance(minute, int) or isinstance(minute, bool) or not 0 <= minute <= 59:
        raise Invalid("Minute must be a whole number from 0 to 59")
    return kind, hour, minute


def set_schedule(user: User | None, kind: str, hour: int, minute: int,
                 now: datetime | None = None) -> PublicationSchedule:
    """Save the cadence; it applies from its next slot (slots already passed are not published late)."""
    kind, hour, minute = check_schedule(kind, hour, minute)
    now = now or utcnow()
    schedule = _saved_schedule(now)
    schedule.kind, schedule.hour, schedule.minute = kind, hour, minute
    schedule.updated_by_id = user.id if user is not None else None
    schedule.updated_at = now
    passed = latest_slot(schedule, now)
    if passed is not None and (schedule.last_slot_at is None or schedule.last_slot_at < passed):
        schedule.last_slot_at = passed
    audit.record(user, "publication_schedule.set", schedule, kind=kind, time=f"{hour:02d}:{minute:02d}")
    db.session.flush()
    return schedule


def _saved_schedule(now: datetime) -> PublicationSchedule:
    """The schedule row, created with the default cadence (slots before ``now`` handled) if there is none."""
    schedule = db.session.get(PublicationSchedule, SCHEDULE_ID)
    if schedule is None:
        schedule = PublicationSchedule(id=SCHEDULE_ID, **DEFAULT, last_result="")
        schedule.last_slot_at = latest_slot(schedule, now)
        db.session.add(schedule)
        db.session.flush()
    return schedule


def ensure_schedule(now: datetime | None = None) -> PublicationSchedule:
    """The schedule row, saved with the default if there is none (a fresh install starts from its next slot)."""
    return _saved_schedule(now or utcnow())


def claim_due_slot(now: datetime) -> datetime | None:
    """Claim the latest slot that has passed and nobody has handled; the slot if this process got it, else None.

    The caller commits the claim before publishing, so a second scheduler, or this one after a restart, never
    publishes the same slot again.
    """
    slot = latest_slot(current_schedule(), now)
    if slot is None:
        return None
    claim = (
        update(PublicationSchedule)
        .where(PublicationSchedule.id == SCHEDULE_ID, PublicationSchedule.kind != "off",
               or_(PublicationSchedule.last_slot_at.is_(None), PublicationSchedule.last_slot_at < slot))
        .values(last_slot_at=slot, last_run_at=now, last_result="Started")
        .execution_options(synchronize_session=False)
    )
    return slot if db.session.execute(claim).rowcount == 1 else None


def release_slot(slot: datetime, previous: datetime | None, reason: str) -> None:
    """Give a claimed slot back after a failure that may pass (a crash, a database error), so the next run tries."""
    db.session.execute(
        update(PublicationSchedule)
        .where(PublicationSchedule.id == SCHEDULE_ID, PublicationSchedule.last_slot_at == slot)
        .values(last_slot_at=previous, last_result=reason[:200])
        .execution_options(synchronize_session=False)
    )


def record_result(result: str, now: datetime) -> None:
    """Remember what the last scheduled run did, for the staff page."""
    db.session.execute(
        update(PublicationSchedule).where(PublicationSchedule.id == SCHEDULE_ID)
        .values(last_result=result[:200], last_run_at=now).execution_options(synchronize_session=False)
    )


def previous_slot_claimed() -> datetime | None:
    """The slot last handled, read before claiming (to give it back if publishing fails)."""
    return db.session.scalar(select(PublicationSchedule.last_slot_at).where(PublicationSchedule.id == SCHEDULE_ID))
