"""The outbox worker: ``flask worker`` sends every message and does every piece of background work in the outbox.

``HANDLERS`` lists what each kind of item does (one line each, like ``surveys.jobs.JOBS``). The worker claims due
items and commits the claim (``surveys.services.platform.outbox.claim_due``), then runs each item in a
transaction of its own: the handler's work and the item marked done commit together. A handler that fails is
rolled back and the item is tried again later (10 s, then twice as long each time, at most an hour apart); a
message that could not be delivered keeps the record of the attempt (``SendFailed``). After its last attempt an
item is marked failed and shown to staff at /staff/outbox, where they can try it again.

Run as many workers as you like, on any hosts: each item is claimed by one. The worker looks for work every
``WORKER_POLL_SECONDS`` (1 s by default), so a safeguarding alert leaves within seconds of the answers that
caused it. ``flask worker --once`` does everything due and stops (tests, scripts and one-off catch-ups).
"""

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime

from flask import Flask

from surveys.models import OutboxItem, db
from surveys.services.platform import outbox
from surveys.transactions import transaction

log = logging.getLogger(__name__)

CLAIM_BATCH = 10


def analyse_comment(item: OutboxItem) -> None:
    """Redact, triage, score and place a new comment in a theme; queue its safeguarding alerts if flagged."""
    from surveys.services.understand.comments import analyse_queued

    analyse_queued(item.payload["comment_id"])


def send_email(item: OutboxItem) -> str:
    """Send an email whose words were written when it was queued (alerts)."""
    from surveys.services.platform.notify.queued import send_queued_email

    return send_queued_email(item.payload)


def send_invitation(item: OutboxItem) -> str:
    """Send an invitation or a reminder with a new link."""
    from surveys.services.capture.reminders import send_queued_invitation

    return send_queued_invitation(item.payload["invitation_id"], item.kind)


def send_follow_up(item: OutboxItem) -> str:
    """Tell one person what a publication changed about what they said."""
    from surveys.services.report.followups import send_queued_follow_up

    return send_queued_follow_up(item.payload)


def retrain_assigner(item: OutboxItem) -> None:
    """Train the theme assigner again on what people placed or confirmed."""
    from surveys.services.understand.theme_assignment import retrain

    retrain(item.id)


HANDLERS: dict[str, Callable[[OutboxItem], str | None]] = {
    "analyse_comment": analyse_comment,
    "safeguarding_alert": send_email,
    "email": send_email,
    "invitation": send_invitation,
    "reminder": send_invitation,
    "what_changed": send_follow_up,
    "retrain_assigner": retrain_assigner,
}


def worker_name() -> str:
    """Who holds a claim: this host, process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 100000}"


def run_item(item_id: int, worker: str, now: datetime | None = None) -> str:
    """Do one claimed item; what happened: done, retry, failed or skipped (another worker holds it now)."""
    try:
        with transaction():
            item = outbox.claimed_item(item_id, worker)
            if item is None:
                return "skipped"
            if item.attempts > item.max_attempts:
                outbox.fail_exhausted(item, now)
                return "failed"
            try:
                notifier = HANDLERS[item.kind](item)
            except outbox.SendFailed as failure:  # the attempt is recorded: keep it, and try again later
                return _status(outbox.reschedule(item.id, str(failure), now))
            outbox.finish(item, notifier, now)
            return "done"
    except Exception as error:  # noqa: BLE001 - rolled back; the item is tried again later
        log.warning("outbox item %s failed: %s", item_id, type(error).__name__)
        with transaction():
            return _status(outbox.reschedule(item_id, f"{type(error).__name__}: {error}", now))


def _status(item: OutboxItem | None) -> str:
    return "failed" if item is not None and item.status == "failed" else "retry"


def drain(now: datetime | None = None, worker: str | None = None, max_items: int | None = None) -> dict[str, int]:
    """Do every item due (including any the work itself adds), then return how many ended each way.

    ``now`` fixes the clock (tests); an item that fails is due again only after its backoff, so this ends.
    """
    worker = worker or worker_name()
    tally = {"done": 0, "retry": 0, "failed": 0, "skipped": 0}
    while max_items is None or sum(tally.values()) < max_items:
        with transaction():
            claimed = outbox.claim_due(worker, now, CLAIM_BATCH)
        if not claimed:
            break
        for item_id in claimed:
            tally[run_item(item_id, worker, now)] += 1
    return tally


def run_worker(app: Flask, poll_seconds: float | None = None) -> None:
    """Do outbox items as they fall due until stopped (Ctrl-C or SIGTERM), finishing the item in hand."""
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    work_until(app, stopping, poll_seconds)


def work_until(app: Flask, stopping: threading.Event, poll_seconds: float | None = None) -> None:
    """The worker's loop: a round of work, and a pause of ``poll_seconds`` when there was none, until ``stopping``."""
    poll = poll_seconds or float(app.config.get("WORKER_POLL_SECONDS", 1.0))
    worker = worker_name()
    log.info("outbox worker %s started, looking for work every %s s", worker, poll)
    with app.app_context():
        while not stopping.is_set():
            if not _round(worker):
                stopping.wait(poll)
    log.info("outbox worker %s stopped", worker)


def _round(worker: str) -> int:
    """One round of work; a database that is away is waited for, never fatal."""
    try:
        return sum(drain(worker=worker, max_items=100).values())
    except Exception:  # noqa: BLE001 - the database went away: wait and try again
        log.exception("outbox worker round failed; trying again shortly")
        db.session.remove()
        time.sleep(5)
        return 0
    finally:
        db.session.remove()
