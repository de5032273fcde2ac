"""The scheduled publication: runs on its slot, once after downtime, once with two schedulers (PostgreSQL, two real
processes); and the other report-back jobs: case deadline alerts and clean-up.

Publishing itself (``surveys.services.report.publishing``) is reached through one door, ``jobs.publish_now``;
these tests put a small stand-in behind it that makes a version live, as the real one does.
"""

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from surveys import jobs
from surveys.models import Notification, OutboxItem, Publication, PublicationSchedule, db, utcnow
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.errors import Invalid
from surveys.services.report import schedule
from surveys.worker import drain
from tests.factories import make_case, make_user

ROOT = Path(__file__).resolve().parents[2]


def at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def make_live(now: datetime) -> Publication:
    """What publishing does, in small: the next version, live, the previous one superseded (flushed)."""
    version = (db.session.scalar(select(func.max(Publication.version))) or 0) + 1
    db.session.execute(update(Publication).where(Publication.status == "live").values(status="superseded"))
    publication = Publication(version=version, status="live", published_at=now,
                              snapshot={"version": version, "themes": [], "changes": []})
    db.session.add(publication)
    db.session.flush()
    return publication


@pytest.fixture
def publishing(monkeypatch):
    """Publishing that records each call and makes a version live."""
    calls = []

    def publish(now):
        calls.append(now)
        return make_live(now)

    monkeypatch.setattr(jobs, "publish_now", publish)
    return calls


def saved_schedule(now: datetime, kind: str = "monthly") -> None:
    schedule.set_schedule(None, kind, 9, 0, now=now)
    db.session.commit()


def publications() -> list[tuple[int, str]]:
    return [tuple(row) for row in db.session.execute(
        select(Publication.version, Publication.status).order_by(Publication.version))]


def test_publication_jobs_are_listed(app):
    names = {function.__name__ for function, _ in jobs.JOBS}
    assert {"publish_on_schedule", "send_publication_follow_ups", "send_case_deadline_alerts",
            "clean_up"} <= names


def test_it_publishes_when_a_slot_has_passed_and_not_before(app_context, publishing):
    saved_schedule(at(2026, 11, 20))
    assert jobs.publish_on_schedule(at(2026, 11, 30, 16)) == "Nothing due"
    assert jobs.publish_on_schedule(at(2026, 12, 1, 9, 5)) == "Published version 1"
    assert jobs.publish_on_schedule(at(2026, 12, 1, 9, 20)) == "Nothing due"
    assert publications() == [(1, "live")]
    row = db.session.get(PublicationSchedule, 1)
    assert (row.last_result, row.last_run_at) == ("Published version 1", at(2026, 12, 1, 9, 5))


def test_a_missed_run_after_downtime_runs_once(app_context, publishing):
    saved_schedule(at(2026, 8, 20))
    # The scheduler was down from August to mid-December: four slots passed. It comes back and runs every 15 min.
    back = at(2026, 12, 14, 10)
    results = [jobs.publish_on_schedule(back + timedelta(minutes=15 * n)) for n in range(8)]
    assert results == ["Published version 1"] + ["Nothing due"] * 7
    assert len(publishing) == 1
    assert jobs.publish_on_schedule(at(2027, 1, 4, 9, 0)) == "Published version 2"


def test_a_fresh_install_starts_from_the_next_slot(app_context, publishing):
    assert jobs.publish_on_schedule(at(2026, 12, 14)) == "Nothing due"
    assert publishing == []
    assert jobs.publish_on_schedule(at(2027, 1, 4, 9)) == "Published version 1"


def test_nothing_approved_is_recorded_and_not_tried_again_until_the_next_slot(app_context, monkeypatch):
    calls = []

    def nothing(now):
        calls.append(now)

    monkeypatch.setattr(jobs, "publish_now", nothing)
    saved_schedule(at(2026, 11, 20))
    assert jobs.publish_on_schedule(at(2026, 12, 1, 9, 5)) == "Nothing was approved to publish"
    assert jobs.publish_on_schedule(at(2026, 12, 1, 9, 20)) == "Nothing due"
    assert len(calls) == 1


def test_a_refusal_is_recorded_with_its_reason(app_context, monkeypatch):
    def refuse(now):
        raise Invalid("Nothing has been approved by both a partnership lead and the forum.")

    monkeypatch.setattr(jobs, "publish_now", refuse)
    saved_schedule(at(2026, 11, 20))
    result = jobs.publish_on_schedule(at(2026, 12, 1, 9, 5))
    assert result == "Not published: Nothing has been approved by both a partnership lead and the forum."
    assert db.session.get(PublicationSchedule, 1).last_result == result


def test_a_crash_before_anything_went_live_is_tried_again(app_context, monkeypatch):
    attempts = []

    def flaky(now):
        attempts.append(now)
        if len(attempts) == 1:
            raise RuntimeError("database went away")
        return make_live(now)

    monkeypatch.setattr(jobs, "publish_now", flaky)
    saved_schedule(at(2026, 11, 20))
    with pytest.raises(RuntimeError):
        jobs.publish_on_schedule(at(2026, 12, 1, 9, 5))
    assert publications() == []
    assert jobs.publish_on_schedule(at(2026, 12, 1, 9, 20)) == "Published version 1"


def test_a_crash_after_the_version_went_live_is_not_published_again(app_context, monkeypatch):
    def live_then_crash(now):
        make_live(now)
        db.session.commit()
        raise RuntimeError("crashed while tidying up")

    monkeypatch.setattr(jobs, "publish_now", live_then_crash)
    saved_schedule(at(2026, 11, 20))
    with pytest.raises(RuntimeError):
        jobs.publish_on_schedule(at(2026, 12, 1, 9, 5))
    assert jobs.publish_on_schedule(at(2026, 12, 1, 9, 20)) == "Nothing due"
    assert publications() == [(1, "live")]


def test_the_scheduler_runs_the_job_in_its_own_transaction(app, app_context, publishing, monkeypatch):
    saved_schedule(utcnow() - timedelta(days=70))
    assert jobs.run_job("publish_on_schedule").startswith("Published version")  # a slot passed since
    assert len(publishing) == 1


# -- two schedulers, one PostgreSQL database ----------------------------------------------------------------

TWO_SCHEDULERS = """
import sys, time
from sqlalchemy import func, select, update
from surveys import create_app, jobs
from surveys.models import Publication, db
from datetime import datetime, UTC

url, start, outbox, now = sys.argv[1], float(sys.argv[2]), sys.argv[3], datetime.fromisoformat(sys.argv[4])
app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "OUTBOX_DIR": outbox})

def publish(when):
    time.sleep(1)  # a slow build: the other scheduler is running meanwhile
    version = (db.session.scalar(select(func.max(Publication.version))) or 0) + 1
    db.session.execute(update(Publication).where(Publication.status == "live").values(status="superseded"))
    publication = Publication(version=version, status="live", published_at=when, snapshot={})
    db.session.add(publication)
    db.session.flush()
    return publication

jobs.publish_now = publish
with app.app_context():
    db.session.execute(select(1))  # connected before the start line, so both reach the claim together
    db.session.rollback()
    time.sleep(max(0, start - time.time()))
    print(jobs.publish_on_schedule(now))
"""


@pytest.mark.postgres_only
def test_two_schedulers_on_postgresql_publish_exactly_once(app_context, tmp_path):
    assert db.engine.dialect.name == "postgresql"
    saved_schedule(at(2026, 11, 20))
    url = os.environ["YOUSAID_TEST_DATABASE_URL"]
    start = time.time() + 3
    now = at(2026, 12, 1, 9, 5).isoformat()
    runs = [subprocess.Popen([sys.executable, "-c", TWO_SCHEDULERS, url, str(start), str(tmp_path / "out"), now],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    results = sorted(out.strip().splitlines()[-1] for out, _ in outputs)
    assert results == ["Nothing due", "Published version 1"]
    db.session.expire_all()
    assert publications() == [(1, "live")]


# -- case deadline alerts ------------------------------------------------------------------------------------


class Recorder:
    name = "outbox"

    def __init__(self):
        self.sent = []

    def send_email(self, to, subject, body, *, reference):
        self.sent.append((to, subject, body))
        return reference


def test_complaints_officers_get_one_alert_a_working_day(app_context, monkeypatch):
    from surveys.services.capture.cases.alerts import send_deadline_alerts

    officer = make_user("complaints_officer")
    make_user("complaints_officer", active=False)
    make_user("viewer")
    make_case(received_on=date(2026, 11, 2), due_on=date(2026, 11, 27), contact_name="Sam Parent")
    make_case(received_on=date(2026, 11, 20), due_on=date(2026, 12, 3))
    make_case(received_on=date(2026, 11, 2), due_on=date(2026, 11, 20), responded_on=date(2026, 11, 19))
    notifier = Recorder()
    monkeypatch.setattr("surveys.services.platform.notify.get_notifier", lambda config: notifier)
    monday = at(2026, 11, 30, 8, 30)
    assert send_deadline_alerts(monday) == 1
    db.session.commit()
    assert notifier.sent == [], "queued; the worker sends it"
    drain()
    [(to, subject, body)] = notifier.sent
    assert to == officer.email
    assert subject == "Cases: 1 overdue, 1 due in the next 5 days"
    assert "1 case is past the date a response was due." in body
    assert "/staff/cases?status=overdue" in body
    assert "Sam Parent" not in body and "annual review" not in body.lower()
    db.session.commit()
    assert send_deadline_alerts(monday + timedelta(hours=3)) == 0  # once a day
    assert send_deadline_alerts(at(2026, 12, 5, 8, 30)) == 0  # a Saturday
    assert db.session.scalar(select(func.count(Notification.id))) == 1


def test_no_alert_when_nothing_is_overdue_or_due_soon(app_context):
    from surveys.services.capture.cases.alerts import send_deadline_alerts

    make_user("complaints_officer")
    make_case(received_on=date(2026, 11, 20), due_on=date(2027, 1, 20))
    assert send_deadline_alerts(at(2026, 11, 30, 8, 30)) == 0
    assert db.session.scalar(select(func.count(OutboxItem.id))) == 0


# -- clean-up --------------------------------------------------------------------------------------------------


def test_clean_up_removes_only_builds_abandoned_for_a_day(app_context):
    now = utcnow()
    db.session.add_all([
        Publication(version=1, status="superseded", created_at=now - timedelta(days=40), published_at=now),
        Publication(version=2, status="live", created_at=now - timedelta(days=10), published_at=now),
        Publication(version=3, status="building", created_at=now - timedelta(days=2)),
        Publication(version=4, status="building", created_at=now - timedelta(hours=2)),
    ])
    db.session.commit()
    assert jobs.run_job("clean_up")["publications"] == 1
    db.session.expire_all()
    assert publications() == [(1, "superseded"), (2, "live"), (4, "building")]
