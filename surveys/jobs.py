"""Every scheduled job, in one place.

Jobs are small functions named for what they do, and none sends a message itself: messages are queued in the
outbox and sent by the worker (``flask worker``, ``surveys.worker``), which also does comment analysis. ``JOBS``
lists each with its trigger, so adding a job is one line. ``flask scheduler`` runs them in a process of its own:
run exactly one, never a scheduler inside the web workers (every gunicorn worker would run every job).
``flask send-reminders`` runs one job now.

Missed runs: the job store is a table (``apscheduler_jobs``) in the app's database, so the scheduler knows
when each job was next due. After downtime a missed run happens once when the scheduler comes back
(``coalesce``: several missed runs become one; no ``misfire_grace_time`` limit: however late), and never
twice at the same time (``max_instances=1``). The jobs themselves are also safe to run twice.

Publication: the cadence is a setting staff change at any time, not a fixed trigger, so ``publish_on_schedule``
runs every 15 minutes and publishes only when it claims a passed slot (see
``surveys.services.report.schedule``): once after downtime, and once with two schedulers on one database.
"""

import logging
import signal
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.jobstores.base import BaseJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.util import utc_timestamp_to_datetime
from flask import Flask, current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from surveys.models import db, utcnow
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.errors import DomainError
from surveys.transactions import transaction

log = logging.getLogger(__name__)


def send_reminders() -> int:
    """Queue reminders to people who have not answered their invitation (REMINDER_AFTER_DAYS, MAX_REMINDERS)."""
    from surveys.batches import send_due_reminders

    return send_due_reminders()


def rerun_themes() -> int:
    """Theme every comment again overnight (imported decisions' summaries first), keeping every decision people made."""
    from surveys.services.capture.cases.decision_import import theme_imported_decisions
    from surveys.services.understand.themes import run_themes

    theme_imported_decisions()
    return len(run_themes())


def run_requested_themes() -> int:
    """Find themes again when staff asked for more or fewer of them (one waiting request a tick).

    A run that fails is rolled back and its request marked failed, so it neither repeats every minute nor
    blocks the next request."""
    from surveys.services.understand.theme_runs import claim_next, mark_failed, run_claimed

    request = claim_next()
    if request is None:
        return 0
    request_id = request.id
    try:
        with transaction():
            run_claimed(request)
    except Exception:
        log.exception("theme re-run %s failed", request_id)
        mark_failed(request_id)
    return 1


def retrain_triage_model() -> int:
    """Teach the triage model from staff decisions on flagged comments, when there are new ones."""
    from surveys.services.understand.safeguarding.learning import retrain_triage_model as retrain

    return retrain()


def make_due_reports() -> int:
    """Make and keep the board report a week before each board meeting, and last year's annual report, once each."""
    from surveys.services.platform.calendar import today
    from surveys.services.report.kept import make_due_reports as make_due

    return make_due(today())


def publish_now(now: datetime):
    """The one door to publishing: build and make live what is approved (None when nothing is)."""
    from surveys.services.report.publishing import publish_approved

    return publish_approved(now)


def publish_on_schedule(now: datetime | None = None) -> str:
    """Publish the tracker when a scheduled slot (monthly or termly, set by staff) has passed since the last one.

    The job runs every 15 minutes because the cadence is a setting, not a fixed trigger. Only the latest passed
    slot counts, so after downtime a missed publication runs once; the slot is claimed and committed before
    publishing (see ``surveys.services.report.schedule``), so two schedulers publish it once.
    """
    from surveys.services.report import schedule

    now = now or utcnow()
    _ensure_schedule(now)
    with transaction():
        previous = schedule.previous_slot_claimed()
        slot = schedule.claim_due_slot(now)
    if slot is None:
        return "Nothing due"
    result = _publish_claimed(slot, previous, now)
    with transaction():
        schedule.record_result(result, now)
    send_publication_follow_ups()
    return result


def _ensure_schedule(now: datetime) -> None:
    """Save the default schedule once; a second scheduler saving it at the same moment loses quietly."""
    from surveys.services.report import schedule

    try:
        with transaction():
            schedule.ensure_schedule(now)
    except IntegrityError:
        pass  # the other process saved it


def _publish_claimed(slot: datetime, previous: datetime | None, now: datetime) -> str:
    """Publish for a claimed slot; what happened, in a few words. A failure before anything went live gives the
    slot back so the next run tries again; a failure after leaves it claimed (never publish twice)."""
    from surveys.services.report import schedule
    from surveys.services.report.publications import live_publication

    live_before = getattr(live_publication(), "version", None)
    try:
        with transaction():
            publication = publish_now(now)
    except DomainError as error:
        return f"Not published: {error.message}"[:200]
    except Exception:
        if getattr(live_publication(), "version", None) == live_before:
            with transaction():
                schedule.release_slot(slot, previous, "Failed before publishing; the next run tries again")
        raise
    if publication is None:
        return "Nothing was approved to publish"
    return f"Published version {publication.version}"


def send_publication_follow_ups() -> int:
    """Tell people who agreed to be contacted what the live publication changed about what they told us."""
    from surveys.batches import follow_up_live_publication

    return follow_up_live_publication()


def send_case_deadline_alerts() -> int:
    """Email complaints officers, once a working day, how many cases are overdue or due soon."""
    from surveys.services.capture.cases.alerts import send_deadline_alerts

    return send_deadline_alerts()


def clean_up() -> dict[str, int]:
    """Nightly clean-up: publications left half-built for over a day (the live one is never touched), audio nobody
    needs (files too), outbox items done over OUTBOX_KEEP_DAYS ago, spent come-back-later codes, and whatever the
    retention rules say is past its time. Each part is committed on its own, the retention in batches, so a run
    killed midway keeps what it did and the next run finishes the rest; a second run removes nothing more. Returns
    what it removed, by kind."""
    from surveys.services.capture import audio, resume_codes
    from surveys.services.platform import outbox
    from surveys.services.platform.retention import apply_retention
    from surveys.services.report.cleanup import remove_abandoned_builds

    now = utcnow()
    with transaction():
        report = {"publications": remove_abandoned_builds(now)}
    with transaction():
        report |= {f"audio_{kind}": count for kind, count in audio.remove_unused_audio(now).items()}
    report |= apply_retention(now, each=transaction)
    with transaction():
        report["outbox_done"] = outbox.remove_finished(now, timedelta(days=current_app.config["OUTBOX_KEEP_DAYS"]))
    with transaction():
        report["resume_codes"] = resume_codes.remove_spent(now)
    report["audio_files"] = audio.remove_files_without_rows(now)  # after the rows' removal is committed
    return report


# (job, trigger). Times are in England's time (Europe/London), summer time included.
JOBS: list[tuple[Callable[[], object], dict]] = [
    (send_reminders, {"trigger": "cron", "hour": 10, "minute": 0}),
    (rerun_themes, {"trigger": "cron", "hour": 2, "minute": 30}),
    (retrain_triage_model, {"trigger": "cron", "hour": 1, "minute": 45}),
    (run_requested_themes, {"trigger": "interval", "minutes": 1}),
    (make_due_reports, {"trigger": "cron", "hour": 6, "minute": 0}),
    (publish_on_schedule, {"trigger": "interval", "minutes": 15}),
    (send_publication_follow_ups, {"trigger": "interval", "minutes": 15}),
    (send_case_deadline_alerts, {"trigger": "cron", "day_of_week": "mon-fri", "hour": 8, "minute": 30}),
    (clean_up, {"trigger": "cron", "hour": 3, "minute": 15}),
]

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
JOBSTORE_TABLE = "apscheduler_jobs"

_app: Flask | None = None  # the app jobs run in; the job store keeps only a job's name (an app cannot be stored)


def jobs_by_name() -> dict[str, Callable[[], object]]:
    """Each job function by its name, which is also its id in the scheduler."""
    return {function.__name__: function for function, _ in JOBS}


def run_job(name: str):
    """Run one job inside an app context and a transaction, with a fresh session; what the scheduler calls.

    The job's work is committed when it finishes and rolled back if it fails; batch jobs that send messages
    also commit item by item (see ``surveys.batches``).
    """
    job = jobs_by_name()[name]
    app = _app or current_app._get_current_object()
    with app.app_context():
        try:
            with transaction():
                result = job()
            log.info("job %s finished: %s", name, result)
            return result
        except Exception:
            log.exception("job %s failed", name)
            raise
        finally:
            db.session.remove()


def build_scheduler(app: Flask, scheduler_class: type[BaseScheduler] = BlockingScheduler,
                    jobstore: BaseJobStore | None = None) -> BaseScheduler:
    """A scheduler with every job in ``JOBS``, keeping any missed run that the job store remembers."""
    global _app
    _app = app
    store = jobstore or SQLAlchemyJobStore(url=jobstore_url(app), tablename=JOBSTORE_TABLE)
    due = remembered_run_times(store, keep=set(jobs_by_name()))
    scheduler = scheduler_class(timezone=LONDON, jobstores={"default": store}, job_defaults=JOB_DEFAULTS)
    for function, trigger in JOBS:
        name = function.__name__
        options = dict(trigger)
        if due.get(name) is not None:
            options["next_run_time"] = due[name]  # replacing a job would otherwise forget a missed run
        summary = (function.__doc__ or name).strip().splitlines()[0]
        scheduler.add_job(run_job, args=[name], id=name, name=summary, replace_existing=True, **options)
    return scheduler


def jobstore_url(app: Flask) -> str:
    """Where the scheduler keeps its jobs: SCHEDULER_JOBSTORE_URL, or the app's own database."""
    return app.config.get("SCHEDULER_JOBSTORE_URL") or app.config["SQLALCHEMY_DATABASE_URI"]


def remembered_run_times(store: BaseJobStore, keep: set[str]) -> dict[str, datetime | None]:
    """When each stored job was next due, read before the scheduler starts; jobs no longer listed are removed."""
    if not isinstance(store, SQLAlchemyJobStore):
        return {}
    table = store.jobs_t
    with store.engine.begin() as connection:
        table.create(connection, checkfirst=True)
        connection.execute(delete(table).where(table.c.id.not_in(keep)))
        rows = connection.execute(select(table.c.id, table.c.next_run_time)).all()
    return {job_id: utc_timestamp_to_datetime(timestamp) for job_id, timestamp in rows}


def describe_jobs() -> list[str]:
    """One line per job: its name and when it runs."""
    return [f"{function.__name__}: {trigger}" for function, trigger in JOBS]


def run_scheduler(app: Flask) -> None:
    """Run every job on its schedule until stopped (Ctrl-C or SIGTERM), letting a running job finish."""
    scheduler = build_scheduler(app)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown())
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        if scheduler.running:
            scheduler.shutdown()
