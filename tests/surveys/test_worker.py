"""The outbox worker: claims each item once however many workers run, retries with backoff, gives up after the
last attempt, takes over items whose worker died, and runs from ``flask worker``."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from surveys.models import Notification, OutboxItem, db, utcnow
from surveys.services.platform import outbox
from surveys.services.platform.notify.queued import queue_email
from surveys.worker import drain


class Recorder:
    """A notifier that keeps what it sent (safe across threads)."""

    name = "smtp"

    def __init__(self):
        self.sent, self.lock = [], threading.Lock()

    def send_email(self, to, subject, body, *, reference):
        with self.lock:
            self.sent.append(to)
        return reference


@pytest.fixture
def recorder(monkeypatch) -> Recorder:
    notifier = Recorder()
    monkeypatch.setattr("surveys.services.platform.notify.get_notifier", lambda config: notifier)
    return notifier


def queue(count: int) -> list[int]:
    ids = [queue_email("case_deadline_alert", f"officer{n}@council.example", "Cases", "Body").id
           for n in range(count)]
    db.session.commit()
    return ids


def test_a_claim_takes_each_item_once(app_context):
    ids = queue(5)
    first = outbox.claim_due("worker-a", limit=3)
    second = outbox.claim_due("worker-b", limit=10)
    db.session.commit()
    assert sorted(first + second) == ids and not set(first) & set(second)
    assert outbox.claim_due("worker-c") == []


def test_alerts_and_analysis_go_before_bulk_messages(app_context):
    invitation = outbox.enqueue("invitation", {"invitation_id": 1})
    analysis = outbox.enqueue("analyse_comment", {"comment_id": 1})
    alert = queue_email("safeguarding_alert", "lead@council.example", "Urgent", "Body", comment_id=None)
    db.session.commit()
    assert outbox.claim_due("worker") == [analysis.id, alert.id, invitation.id]


@pytest.mark.postgres_only
def test_two_workers_never_send_one_item_twice(app, recorder):
    with app.app_context():
        ids = queue(60)
    barrier = threading.Barrier(2)
    tallies, errors = [], []

    def work(name: str) -> None:
        try:
            with app.app_context():
                barrier.wait()
                tallies.append(drain(worker=name))
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(name,)) for name in ("worker-a", "worker-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sorted(recorder.sent) == sorted(f"officer{n}@council.example" for n in range(60)), "each once"
    assert sum(tally["done"] for tally in tallies) == 60
    with app.app_context():
        items = db.session.scalars(select(OutboxItem).where(OutboxItem.id.in_(ids))).all()
        assert {(item.status, item.attempts) for item in items} == {("done", 1)}
        assert len({item.claimed_by for item in items}) <= 2
        assert db.session.scalar(select(db.func.count(Notification.id))) == 60
        db.session.remove()


def test_backoff_doubles_up_to_an_hour():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert outbox.backoff(30) == timedelta(hours=1)


def test_work_that_keeps_failing_is_marked_failed_after_its_last_attempt(app_context, monkeypatch):
    item = outbox.enqueue("analyse_comment", {"comment_id": 1})
    db.session.commit()
    monkeypatch.setattr("surveys.services.understand.comments.analyse_queued", lambda comment_id: 1 / 0)
    now = utcnow()
    for attempt in range(1, item.max_attempts + 1):
        tally = drain(now=now)
        assert tally == ({"done": 0, "retry": 0, "failed": 1, "skipped": 0} if attempt == item.max_attempts
                         else {"done": 0, "retry": 1, "failed": 0, "skipped": 0})
        now += outbox.backoff(attempt) + timedelta(seconds=1)
    db.session.refresh(item)
    assert (item.status, item.attempts) == ("failed", 10) and "ZeroDivisionError" in item.last_error
    assert drain(now=now + timedelta(days=1))["failed"] == 0, "not tried again unless staff ask"


def test_an_item_whose_worker_died_is_taken_over_after_the_lease(app_context, recorder):
    [item_id] = queue(1)
    now = utcnow()
    assert outbox.claim_due("dead-worker", now) == [item_id]
    db.session.commit()  # the worker died here, before sending
    assert drain(now=now + timedelta(minutes=5))["done"] == 0, "still within its lease"
    assert drain(now=now + outbox.LEASE + timedelta(seconds=1))["done"] == 1
    assert recorder.sent == ["officer0@council.example"]
    item = db.session.get(OutboxItem, item_id)
    assert (item.status, item.attempts) == ("done", 2)


def test_flask_worker_once_does_everything_due_and_stops(app, app_context, recorder):
    queue(3)
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "3 done" in result.output
    assert len(recorder.sent) == 3


def test_the_nightly_clean_up_deletes_items_done_long_ago_and_keeps_the_rest(app, app_context):
    """Done items hold addresses and message words nobody needs once sent; failed and waiting ones stay."""
    from surveys import jobs

    now = utcnow()
    old, recent, failed, waiting = (outbox.enqueue("email", {"to": f"{n}@example.com"}) for n in range(4))
    for item, status, days in ((old, "done", 31), (recent, "done", 2), (failed, "failed", 90)):
        item.status, item.finished_at = status, now - timedelta(days=days)
    db.session.commit()
    report = jobs.run_job("clean_up")
    assert report["outbox_done"] == 1
    assert {item.id for item in db.session.scalars(select(OutboxItem))} == {recent.id, failed.id, waiting.id}
    assert jobs.run_job("clean_up")["outbox_done"] == 0  # a second run removes nothing more
