"""The production shape, for real: two gunicorn app processes, one ``flask scheduler`` and one ``flask worker``,
each a process of its own on one PostgreSQL database (as on several hosts behind a proxy).

A respondent moves between the two app processes page by page (one SECRET_KEY, so the session cookie and the CSRF
tokens of one are good on the other) and the response is stored once; the comment that triage flags leads to one
safeguarding alert, sent by the worker; a publication due on the schedule is published once by the scheduler.
"""

import email
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from email import policy
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import delete, func, insert, select

from surveys import jobs
from surveys.models import Comment, Notification, OutboxItem, Publication, PublicationSchedule, Response, db, utcnow
from surveys.services.report import schedule
from tests.html import csrf_token_from, parse_page
from tests.surveys.respond.conftest import RATING, build_survey
from tests.surveys.services.report.publication_helpers import approve_everything, public_theme

pytestmark = pytest.mark.postgres_only

ROOT = Path(__file__).resolve().parents[2]
CONTACT = "safeguarding.team@council.example"
WORRYING = "My son said he wants to kill himself because of school."
WAIT = 30  # seconds for any one thing to happen; each normally takes one or two


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """Child processes, each in a process group of its own, all ended by ``stop`` (the fixture's finaliser)."""

    def __init__(self, env: dict[str, str], logs: Path):
        self.env, self.logs, self.running = env, logs, []

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self.running.append((name, process))
        return process

    def check_alive(self) -> None:
        for name, process in self.running:
            assert process.poll() is None, f"{name} stopped:\n{self.log(name)}"

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        for _, process in self.running:
            _signal(process, signal.SIGTERM)
        for _, process in self.running:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                _signal(process, signal.SIGKILL)
                process.wait(10)
        for _, process in self.running:  # a gunicorn worker or anything else the process left behind
            _signal(process, signal.SIGKILL)


def _signal(process: subprocess.Popen, number: int) -> None:
    try:
        os.killpg(process.pid, number)
    except ProcessLookupError:
        pass


class Browser:
    """One person's browser: one cookie jar for every host, redirects shown rather than followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), self._NoRedirect)

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, str]:
        """Status, body and Location of a GET (or a POST of ``data``)."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=WAIT) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")

    def get(self, url: str) -> str:
        status, body, _ = self.request(url)
        assert status == 200, f"{status} for GET {url}"
        return body

    def post_form(self, form_url: str, to_url: str, data: dict) -> str:
        """Load the form on ``form_url``, post it (with its CSRF token and version) to ``to_url``; the redirect."""
        page = self.get(form_url)
        version = parse_page(page).select_one('input[name="version_id"]')
        form = {"csrf_token": csrf_token_from(page), **data}
        if version is not None:
            form["version_id"] = version["value"]
        status, body, location = self.request(to_url, form)
        assert status == 302, f"{status} for POST {to_url}: {body[:500]}"
        return urllib.parse.urlsplit(location).path


def wait_until(check, what: str, processes: Processes):
    """Poll ``check`` until it returns something true; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        processes.check_alive()
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {WAIT} s")


def fresh(statement):
    db.session.rollback()  # see what the other processes committed
    return db.session.execute(statement)


@pytest.fixture
def processes(app, tmp_path):
    """Everything the children need, from the environment as in production, and the processes ended afterwards
    (even when the test fails; ask for it after ``jobstore`` so they stop before their tables are emptied)."""
    # development, not production: production cookies are Secure (HTTPS only) and there is no TLS proxy here.
    env = {**os.environ, "YOUSAID_ENV": "development", "FLASK_APP": "wsgi", "PYTHONPATH": str(ROOT),
           "SECRET_KEY": os.urandom(32).hex(),  # one key for every process: cookies and CSRF tokens work on all
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "OUTBOX_DIR": str(tmp_path / "outbox"),
           "AUDIO_DIR": str(tmp_path / "audio"), "TRIAGE_MODEL_PATH": str(tmp_path / "triage_model.npz"),
           "SAFEGUARDING_CONTACT_EMAIL": CONTACT, "NOTIFIER": "outbox", "WORKER_POLL_SECONDS": "0.2"}
    running = Processes(env, tmp_path)
    yield running
    running.stop()


@pytest.fixture
def jobstore(app):
    """The scheduler's job store (a table of its own, outside the models), emptied afterwards."""
    store = SQLAlchemyJobStore(url=app.config["SQLALCHEMY_DATABASE_URI"], tablename=jobs.JOBSTORE_TABLE)
    with store.engine.begin() as connection:
        store.jobs_t.create(connection, checkfirst=True)
        connection.execute(delete(store.jobs_t))
    yield store
    with store.engine.begin() as connection:
        connection.execute(delete(store.jobs_t))
    store.engine.dispose()


def publication_due_now(store: SQLAlchemyJobStore) -> None:
    """An approved publication whose slot has passed, and the scheduler's job due now: the scheduler was down when
    it was due, so it runs it once as it starts (``jobs.build_scheduler`` keeps a missed run)."""
    schedule.set_schedule(None, "monthly", 9, 0, now=utcnow() - timedelta(days=70))
    public_theme()
    approve_everything()
    db.session.commit()
    with store.engine.begin() as connection:  # only the time is read back: the job itself is written afresh
        connection.execute(insert(store.jobs_t).values(id="publish_on_schedule", next_run_time=time.time(),
                                                       job_state=b""))


def test_two_app_processes_one_scheduler_and_a_worker_do_each_thing_once(app_context, jobstore, processes):
    assert db.engine.dialect.name == "postgresql"
    build_survey("after-plan", "parent_carer", [
        {"key": "overall", "kind": "rating", "prompt": "How was getting the EHC plan?", "required": True,
         "options": RATING, "page": 1},
        {"key": "better", "kind": "free_text", "prompt": "What could we do better?", "page": 2},
    ])
    publication_due_now(jobstore)

    a, b = free_port(), free_port()
    for name, port in (("app-a", a), ("app-b", b)):
        processes.start(name, "gunicorn", "--workers", "2", "--preload", "--bind", f"127.0.0.1:{port}", "wsgi:app")
    processes.start("scheduler", "flask", "scheduler")
    processes.start("worker", "flask", "worker")
    app_a, app_b = f"http://127.0.0.1:{a}", f"http://127.0.0.1:{b}"
    browser = Browser()
    for url in (app_a, app_b):
        wait_until(lambda url=url: _answers(browser, url), f"{url} answering", processes)

    # A respondent follows the open link on A, then each page's form comes from one process and goes to the other.
    status, _, location = browser.request(f"{app_a}/respond/s/after-plan")
    assert status == 302, "the open link starts a response"
    assert browser.post_form(f"{app_b}/respond/survey/page/1", f"{app_a}/respond/survey/page/1",
                             {"overall": "2"}) == "/respond/survey/page/2"
    assert browser.post_form(f"{app_a}/respond/survey/page/2", f"{app_b}/respond/survey/page/2",
                             {"better": WORRYING}) == "/respond/survey/check"
    token = csrf_token_from(browser.get(f"{app_b}/respond/survey/check"))
    arrived = []
    for url in (app_a, app_b):  # the send button pressed twice, the second press reaching the other process
        status, body, location = browser.request(f"{url}/respond/survey/submit", {"csrf_token": token})
        assert status == 302, f"{status} for the send button on {url}: {body[:500]}"
        arrived.append(urllib.parse.urlsplit(location).path)
    assert arrived[0] == "/respond/survey/done"
    assert arrived[1] == "/respond/survey/already-answered", "the second press stores nothing more"

    # The worker analyses the comment, flags it and sends one alert; the scheduler publishes once.
    def alert_sent():
        return fresh(select(Notification).where(Notification.kind == "safeguarding_alert",
                                                Notification.status == "sent")).scalars().all()

    wait_until(alert_sent, "the safeguarding alert", processes)
    wait_until(lambda: fresh(select(Publication.status)).scalars().all() == ["live"], "the publication", processes)
    wait_until(lambda: fresh(select(func.count()).select_from(OutboxItem)
                             .where(OutboxItem.status != "done")).scalar() == 0, "the outbox emptying", processes)
    time.sleep(1)  # several more polls of the worker and ticks of the scheduler: nothing happens twice
    processes.check_alive()

    assert fresh(select(func.count(Response.id))).scalar() == 1
    assert fresh(select(Response.status)).scalar() == "submitted"
    [flagged] = fresh(select(Comment).where(Comment.safeguarding_flag.is_(True))).scalars().all()
    assert flagged.raw_text == WORRYING
    [alert] = alert_sent()
    assert (alert.comment_id, alert.recipient) == (flagged.id, CONTACT)
    sent = [email.message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(Path(processes.env["OUTBOX_DIR"]).glob("*.eml"))]
    assert [message["To"] for message in sent if CONTACT in message["To"]] == [CONTACT]

    assert [tuple(row) for row in fresh(select(Publication.version, Publication.status))] == [(1, "live")]
    assert fresh(select(PublicationSchedule.last_result)).scalar() == "Published version 1"
    assert jobs.run_job("publish_on_schedule") == "Nothing due", "the slot was claimed once, for good"


def _answers(browser: Browser, url: str) -> bool:
    try:
        return browser.request(f"{url}/")[0] == 200
    except OSError:
        return False
