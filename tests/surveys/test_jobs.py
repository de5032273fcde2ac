"""The scheduler: every job in one list, run in an app context, missed runs caught up once."""

import time
from datetime import timedelta

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import current_app
from sqlalchemy import update

from surveys import jobs
from surveys.models import Invitation, db, utcnow
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.notify import send_invitation
from tests.factories import make_invitation, make_survey


def test_every_job_is_a_small_named_function_with_a_docstring():
    names = [function.__name__ for function, _ in jobs.JOBS]
    assert len(names) == len(set(names))
    assert "send_reminders" in names
    for function, trigger in jobs.JOBS:
        assert function.__doc__ and "trigger" in trigger


def test_the_scheduler_has_every_job_with_safe_defaults(app):
    scheduler = jobs.build_scheduler(app, BackgroundScheduler, jobstore=MemoryJobStore())
    scheduler.start(paused=True)
    try:
        by_id = {job.id: job for job in scheduler.get_jobs()}
        assert set(by_id) == {function.__name__ for function, _ in jobs.JOBS}
        reminders = by_id["send_reminders"]
        assert reminders.coalesce is True and reminders.max_instances == 1
        assert reminders.misfire_grace_time is None  # however late, a missed run still happens (once)
        next_run = reminders.next_run_time.astimezone(LONDON)
        assert (next_run.hour, next_run.minute) == (10, 0)
        assert str(reminders.trigger.timezone) == "Europe/London"
    finally:
        scheduler.shutdown(wait=False)


def test_a_job_runs_inside_an_app_context(app, monkeypatch):
    seen = []

    def probe():
        """Look around."""
        seen.append((current_app.name, db.session is not None))
        return 7

    monkeypatch.setattr(jobs, "JOBS", [(probe, {"trigger": "interval", "hours": 1})])
    jobs.build_scheduler(app, BackgroundScheduler, jobstore=MemoryJobStore())
    assert jobs.run_job("probe") == 7  # no app context here: run_job brings its own
    assert seen == [(app.name, True)]


def test_a_missed_run_happens_once_when_the_scheduler_comes_back(app, monkeypatch, tmp_path):
    runs = []

    def catch_up_probe():
        """Count runs."""
        runs.append(time.monotonic())

    monkeypatch.setattr(jobs, "JOBS", [(catch_up_probe, {"trigger": "cron", "hour": 10, "minute": 0})])
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    first = jobs.build_scheduler(app, BackgroundScheduler, jobstore=SQLAlchemyJobStore(url=url))
    first.start(paused=True)
    first.shutdown()
    # Downtime: the job was due three days ago and the scheduler was not running.
    store = SQLAlchemyJobStore(url=url)
    three_days_ago = (utcnow() - timedelta(days=3)).timestamp()
    with store.engine.begin() as connection:
        connection.execute(update(store.jobs_t).values(next_run_time=three_days_ago))
    again = jobs.build_scheduler(app, BackgroundScheduler, jobstore=SQLAlchemyJobStore(url=url))
    again.start()
    try:
        deadline = time.monotonic() + 10
        while not runs and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        assert len(runs) == 1  # three missed runs, coalesced into one
        assert again.get_job("catch_up_probe").next_run_time > utcnow()
    finally:
        again.shutdown()


def test_jobs_no_longer_listed_are_removed_from_the_store(app, monkeypatch, tmp_path):
    def old_job():
        """Gone."""

    def new_job():
        """Here."""

    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    monkeypatch.setattr(jobs, "JOBS", [(old_job, {"trigger": "interval", "hours": 1})])
    scheduler = jobs.build_scheduler(app, BackgroundScheduler, jobstore=SQLAlchemyJobStore(url=url))
    scheduler.start(paused=True)
    scheduler.shutdown()
    monkeypatch.setattr(jobs, "JOBS", [(new_job, {"trigger": "interval", "hours": 1})])
    scheduler = jobs.build_scheduler(app, BackgroundScheduler, jobstore=SQLAlchemyJobStore(url=url))
    scheduler.start(paused=True)
    try:
        assert [job.id for job in scheduler.get_jobs()] == ["new_job"]
    finally:
        scheduler.shutdown()


def test_the_jobstore_is_the_app_database_unless_told(app, monkeypatch):
    assert jobs.jobstore_url(app) == app.config["SQLALCHEMY_DATABASE_URI"]
    monkeypatch.setitem(app.config, "SCHEDULER_JOBSTORE_URL", "sqlite:///elsewhere.db")
    assert jobs.jobstore_url(app) == "sqlite:///elsewhere.db"


def test_flask_send_reminders_runs_the_job_once(app, app_context):
    invitation, token = make_invitation(make_survey())
    send_invitation(invitation, token)
    eight_days_ago = utcnow() - timedelta(days=8)
    db.session.execute(update(Invitation).values(sent_at=eight_days_ago))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "Queued reminders to 1 person" in result.output
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert "Queued reminders to 0 people" in result.output


def test_flask_scheduler_lists_the_jobs_and_runs_them(app, app_context, monkeypatch):
    started = []
    monkeypatch.setattr(jobs, "run_scheduler", lambda application: started.append(application))
    result = app.test_cli_runner().invoke(args=["scheduler"])
    assert result.exit_code == 0, result.output
    assert "send_reminders: {'trigger': 'cron', 'hour': 10, 'minute': 0}" in result.output
    assert started == [app]
