"""Load: 50 concurrent respondents completing real surveys through every page (CSRF included) against gunicorn on
127.0.0.1, beside a one-route Flask app served by the same gunicorn in the same run; and a crash mode that kills
the server with SIGKILL mid-run and checks that every acknowledged submission is stored exactly once.

Run: .venv/bin/python bench/bench_load.py                         (SQLite, then PostgreSQL if a URL is given)
     .venv/bin/python bench/bench_load.py --postgres auto         (also PostgreSQL, started by scripts/test-postgres)
     .venv/bin/python bench/bench_load.py --postgres postgresql://user@host:port/db
         (a server that is running: a fresh database yousaid_bench_<pid> is created in it and dropped afterwards)
     .venv/bin/python bench/bench_load.py --crash 3               (kill the server 3 times, then check the data)
     .venv/bin/python bench/bench_load.py --quick                 (short phases, the three demo surveys only)
     .venv/bin/python bench/bench_load.py --profile 30            (no gunicorn: cProfile and queries per page)

Each database gets a fresh database built by the migrations and the demo data (``flask seed-demo``; ``--quick``
seeds only the surveys), plus invitations to the parent survey. Phases, one gunicorn (4 sync workers):
  trivial  -- 50 clients request the one-route app for a while: its requests/s and latency are the ceiling;
  surveys  -- 50 respondents each complete surveys (open links to two surveys and one-time invitation links, in
              turn) through every page: requests/s, surveys/s, p50/p95/p99 per kind of page;
  single   -- one respondent alone: the submit step's own latency.
Server CPU per request is read from /proc (user + system time of the gunicorn master and workers). The client
shares the machine, so compare the survey figures with the trivial app's, not with absolute numbers.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from load_client import Outcome, Respondent, Sample  # noqa: E402

OPEN_SLUGS = ("after-final-ehc-plan", "young-people-have-your-say")
INVITED_SLUG = "after-final-ehc-plan"
MARKER = re.compile(r"bench-\d+-\d+-\d+")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
START_WITHIN = 300  # seconds for gunicorn to answer: minutes when other work shares the machine


@dataclass
class Phase:
    """What one phase measured: every sample, its wall time and the server CPU it used."""

    name: str
    seconds: float
    cpu_seconds: float
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def samples(self) -> list[Sample]:
        return [sample for outcome in self.outcomes for sample in outcome.samples]

    @property
    def acknowledged(self) -> list[str]:
        return [marker for outcome in self.outcomes for marker in outcome.acknowledged]


# ---------------------------------------------------------------- the database


class Database:
    """A fresh database for one run: a SQLite file in a temporary folder, or a new database on a PostgreSQL server."""

    def __init__(self, kind: str, folder: Path, server_url: str | None = None) -> None:
        self.kind, self.server_url = kind, server_url
        if kind == "sqlite":
            self.url = f"sqlite:///{folder / 'load.db'}"
        else:
            self.name = f"yousaid_bench_{os.getpid()}"
            self.url = server_url.rsplit("/", 1)[0] + "/" + self.name
            self._admin(f"DROP DATABASE IF EXISTS {self.name}")
            self._admin(f"CREATE DATABASE {self.name}")

    def _admin(self, statement: str) -> None:
        from sqlalchemy import create_engine, text

        from surveys.config import normalise_database_url

        engine = create_engine(normalise_database_url(self.server_url), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()

    def drop(self) -> None:
        if self.kind == "postgresql":
            self._admin(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def make_app(url: str, folder: Path, overrides: dict | None = None):
    from surveys import create_app

    return create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": url,
                       "OUTBOX_DIR": str(folder / "outbox"), "AUDIO_DIR": str(folder / "audio"),
                       "RATELIMIT_STORAGE_URI": f"sqlite:///{folder / 'ratelimits.db'}", **(overrides or {})})


def seed(app, demo: bool, invitations: int) -> list[str]:
    """Build the schema, add the demo (or only its surveys) and ``invitations`` invitations; their tokens."""
    from datetime import UTC, datetime

    from flask_migrate import upgrade
    from sqlalchemy import select

    from surveys.models import Survey, db
    from surveys.services.capture.invitations import create_invitation
    from surveys.services.demo import seed_demo
    from surveys.services.demo.questionnaires import make_surveys

    with app.app_context():
        upgrade()
        logging.getLogger().handlers.clear()  # alembic's logging set-up would echo every later log line
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        if demo:
            seed_demo()
        else:
            db.session.add_all(built.survey for built in make_surveys(datetime.now(UTC)).values())
        db.session.commit()
        survey = db.session.scalar(select(Survey).where(Survey.slug == INVITED_SLUG))
        tokens = [create_invitation(survey, contact_email=f"bench{n}@example.com")[1] for n in range(invitations)]
        db.session.commit()
        db.engine.dispose()
    return tokens


# ---------------------------------------------------------------- the server


class Server:
    """gunicorn serving bench/load_app.py with sync workers, in its own process group so a kill takes every worker."""

    def __init__(self, url: str, folder: Path, workers: int, port: int, config: str, log: str | None = None,
                 preload: bool = False) -> None:
        port, self.workers = port or free_port(), workers
        self.base = f"http://127.0.0.1:{port}"
        self.command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                        "--pythonpath", f"{ROOT},{HERE}", "--log-level", "error", "--timeout", "60",
                        *(["--preload"] if preload else []), "load_app:application"]
        self.env = {**os.environ, "YOUSAID_ENV": "development", "DATABASE_URL": url, "BENCH_CONFIG": config,
                    "OUTBOX_DIR": str(folder / "outbox"), "AUDIO_DIR": str(folder / "audio"),
                    "RATELIMIT_STORAGE_URI": f"sqlite:///{folder / 'ratelimits.db'}", "PYTHONPATH": f"{ROOT}"}
        self.log = open(log or folder / "gunicorn.log", "ab")  # noqa: SIM115 - open for the server's life
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Start and wait until every worker answers; the seconds it took."""
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, env=self.env, cwd=ROOT, start_new_session=True,  # noqa: S603
                                        stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + START_WITHIN
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: see {self.log.name}")
            try:
                if requests.get(self.base + "/bench-trivial/", timeout=2).status_code == 200:
                    self._warm()
                    return time.perf_counter() - started
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {START_WITHIN} s")

    def _warm(self) -> None:
        """A few pages per worker, so no phase measures a worker's first request."""
        for _ in range(3 * self.workers):
            requests.get(self.base + "/respond/", timeout=30)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a power cut or the OOM killer would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def cpu_seconds(self) -> float:
        """User + system CPU used so far by the master and its living workers."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return sum(_cpu(pid) for pid in pids)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


# ---------------------------------------------------------------- the clients


def _respondent_loop(base: str, ident: str, tokens: list[str], deadline: float, surveys: int | None) -> Outcome:
    outcome = Outcome()
    person = Respondent(base, outcome)
    n, turn = 0, int(ident.rsplit("-", 1)[1])
    while time.monotonic() < deadline and (surveys is None or n < surveys):
        marker = f"bench-{ident}-{n}"
        token = tokens.pop() if (turn + n) % 3 == 2 and tokens else None
        entry = f"/respond/i/{token}" if token else f"/respond/s/{OPEN_SLUGS[(turn + n) % 2]}"
        try:
            person.complete(entry, marker, token)
        except Exception as problem:  # noqa: BLE001 - every failure is reported, none stops the run
            outcome.failures.append(f"{marker}: {problem}")
            if len(outcome.failures) > 3:
                break
        n += 1
    return outcome


def _trivial_loop(base: str, deadline: float) -> Outcome:
    outcome = Outcome()
    http = requests.Session()
    while time.monotonic() < deadline:
        started = time.perf_counter()
        reply = http.get(base + "/bench-trivial/", timeout=30)
        outcome.samples.append(Sample("trivial", time.perf_counter() - started, reply.status_code))
    return outcome


def _client_process(job: tuple) -> list[Outcome]:
    """One client process: a thread per simulated person (several processes, so the client is not one core)."""
    kind, base, idents, token_lists, seconds, surveys = job
    deadline = time.monotonic() + seconds
    results: list[Outcome | None] = [None] * len(idents)

    def run(index: int) -> None:
        if kind == "trivial":
            results[index] = _trivial_loop(base, deadline)
        else:
            results[index] = _respondent_loop(base, idents[index], token_lists[index], deadline, surveys)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(idents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [result for result in results if result is not None]


def run_clients(kind: str, base: str, people: int, seconds: float, tokens: list[str], *, processes: int = 2,
                surveys: int | None = None, prefix: int = 0) -> list[Outcome]:
    """``people`` clients spread over ``processes`` processes for ``seconds``; the tokens shared out between them."""
    shares = [tokens[i::people] for i in range(people)]
    jobs = []
    for p in range(processes):
        mine = list(range(p, people, processes))
        jobs.append((kind, base, [f"{prefix}-{i}" for i in mine], [list(shares[i]) for i in mine], seconds, surveys))
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return [outcome for outcomes in pool.map(_client_process, jobs) for outcome in outcomes]


def measure(server: Server, name: str, kind: str, people: int, seconds: float, tokens: list[str],
            **options) -> Phase:
    cpu, started = server.cpu_seconds(), time.perf_counter()
    outcomes = run_clients(kind, server.base, people, seconds, tokens, **options)
    return Phase(name, time.perf_counter() - started, server.cpu_seconds() - cpu, outcomes)


# ---------------------------------------------------------------- figures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def latency(values: list[float]) -> str:
    return (f"p50 {percentile(values, 0.5) * 1000:7.1f}  p95 {percentile(values, 0.95) * 1000:7.1f}  "
            f"p99 {percentile(values, 0.99) * 1000:7.1f} ms")


def report(phase: Phase) -> dict:
    """Print a phase's figures; return the headline ones for the targets."""
    samples = phase.samples
    errors = Counter(sample.status for sample in samples if sample.status >= 400)
    rate = len(samples) / phase.seconds
    cpu_ms = phase.cpu_seconds / max(1, len(samples)) * 1000
    line = f"  {phase.name:8} {len(samples):6} requests in {phase.seconds:5.1f} s: {rate:6.1f} req/s"
    if phase.acknowledged:
        line += f", {len(phase.acknowledged) / phase.seconds:5.2f} surveys/s ({len(phase.acknowledged)} sent)"
    print(f"{line}; server CPU {cpu_ms:5.2f} ms/request; {latency([s.seconds for s in samples])}")
    if errors:
        print(f"           error statuses: {dict(errors)}")
    failures = [failure for outcome in phase.outcomes for failure in outcome.failures]
    for failure in failures[:5]:
        print(f"           failed: {failure}")
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample.seconds)
    if len(by_kind) > 1:
        for kind, values in sorted(by_kind.items()):
            print(f"    {kind:12} {len(values):6}  {latency(values)}")
    return {"rate": rate, "p99": percentile([s.seconds for s in samples], 0.99), "cpu_ms": cpu_ms,
            "submit_p95": percentile(by_kind.get("submit", []), 0.95), "failures": len(failures) + sum(errors.values())}


def verdict(trivial: dict, surveys: dict, single: dict) -> None:
    checks = [
        ("survey pages >= half the trivial throughput", surveys["rate"] >= 0.5 * trivial["rate"],
         f"{surveys['rate']:.0f} against {trivial['rate']:.0f} req/s ({surveys['rate'] / trivial['rate']:.2f}x)"),
        ("p99 within twice the trivial p99", surveys["p99"] <= 2 * trivial["p99"],
         f"{surveys['p99'] * 1000:.0f} against {trivial['p99'] * 1000:.0f} ms"),
        ("submit p95 with one respondent under 50 ms", single["submit_p95"] < 0.05,
         f"{single['submit_p95'] * 1000:.1f} ms"),
        ("server CPU per survey page under 5 ms", surveys["cpu_ms"] < 5, f"{surveys['cpu_ms']:.2f} ms"),
    ]
    for name, met, figure in checks:
        print(f"  target {'met    ' if met else 'NOT met'}  {name}: {figure}")


# ---------------------------------------------------------------- crash mode


def crash_run(server: Server, people: int, seconds: float, kills: int, tokens: list[str]) -> tuple[Phase, list]:
    """Respondents keep answering while the server is SIGKILLed ``kills`` times and restarted."""
    restarts: list[float] = []  # seconds each restart took, for each kill

    def killer() -> None:
        for n in range(kills):
            time.sleep(seconds / (kills + 1) if n == 0 else max(1.0, seconds / (kills + 1) - restarts[-1]))
            server.kill()
            time.sleep(0.3)
            try:
                restarts.append(server.start())
            except RuntimeError as problem:  # still starting: the respondents keep retrying, the check still runs
                restarts.append(float("nan"))
                print(f"  {problem}", flush=True)
                return

    thread = threading.Thread(target=killer)
    started = time.perf_counter()
    thread.start()
    outcomes = run_clients("survey", server.base, people, seconds, tokens, prefix=9)
    thread.join()
    return Phase("crash", time.perf_counter() - started, 0.0, outcomes), restarts


def check_stored(app, phase: Phase) -> dict:
    """Every acknowledged survey stored exactly once (by the marker in its free text), none twice, and the
    database's own integrity check; prints and returns the counts."""
    from sqlalchemy import select

    from surveys.models import Answer, Response, db

    with app.app_context():
        rows = db.session.execute(
            select(Answer.value_text, Response.id).join(Response, Answer.response_id == Response.id)
            .where(Response.status == "submitted", Answer.value_text.like("Bench answer bench-%"))
        ).all()
        stored: dict[str, set[int]] = defaultdict(set)
        for value, response_id in rows:
            stored[MARKER.search(value).group(0)].add(response_id)
        tokens = [token for outcome in phase.outcomes for token in outcome.tokens]
        from surveys.services.capture.invitations import find_invitation

        invited = [find_invitation(token) for token in tokens]
        bad_invitations = sum(
            1 for invitation in invited
            if invitation is None or db.session.scalars(
                select(Response.status).where(Response.invitation_id == invitation.id)).all() != ["submitted"]
        )
        integrity = integrity_check(db)
        db.engine.dispose()
    acknowledged = set(phase.acknowledged)
    lost = [marker for marker in acknowledged if not stored.get(marker)]
    twice = [marker for marker, ids in stored.items() if len(ids) > 1]
    print(f"  acknowledged {len(acknowledged)} surveys ({len(tokens)} by invitation); stored: "
          f"{len(acknowledged) - len(lost)}; lost {len(lost)}; stored twice {len(twice)}; "
          f"invitations not stored exactly once {bad_invitations}; integrity: {integrity}")
    return {"acknowledged": len(acknowledged), "lost": len(lost), "twice": len(twice),
            "bad_invitations": bad_invitations, "integrity": integrity}


def integrity_check(db) -> str:
    """SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL: amcheck over every B-tree index."""
    from sqlalchemy import text

    if db.engine.dialect.name == "sqlite":
        result = db.session.execute(text("PRAGMA integrity_check")).scalar()
        broken = db.session.execute(text("PRAGMA foreign_key_check")).all()
        return "ok" if result == "ok" and not broken else f"{result}; {len(broken)} broken foreign keys"
    db.session.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
    indexes = db.session.execute(text(
        "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public'")).scalars()
    checked = 0
    for oid in indexes:
        db.session.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
        checked += 1
    db.session.rollback()
    return f"ok (amcheck: {checked} indexes)"


# ---------------------------------------------------------------- one database


def run_database(kind: str, args, server_url: str | None = None) -> dict:
    print(f"\n{kind}: {args.workers} gunicorn sync workers, {args.people} concurrent respondents", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder_name:
        folder = Path(folder_name)
        database = Database(kind, folder, server_url)
        server = None
        try:
            app = make_app(database.url, folder)
            started = time.perf_counter()
            tokens = seed(app, demo=not args.quick, invitations=args.invitations)
            print(f"  seeded in {time.perf_counter() - started:.1f} s ({'surveys only' if args.quick else 'demo'}, "
                  f"{len(tokens)} invitations)", flush=True)
            if args.profile:
                from load_profile import profile

                profile(make_app(database.url, folder, json.loads(args.config)), args.profile, tokens)
                return {"lost": 0, "twice": 0, "bad_invitations": 0, "integrity": "ok (not checked)"}
            server = Server(database.url, folder, args.workers, args.port, args.config, args.log, args.preload)
            print(f"  gunicorn answering after {server.start():.1f} s", flush=True)
            if args.crash:
                phase, restarts = crash_run(server, args.people, args.seconds, args.crash, tokens)
                report(phase)
                print(f"  killed with SIGKILL {len(restarts)} times; back in "
                      f"{', '.join(f'{s:.1f}' for s in restarts)} s; {sum(o.retries for o in phase.outcomes)} "
                      f"requests repeated while it was down")
                return check_stored(app, phase)
            trivial = report(measure(server, "trivial", "trivial", args.people, args.seconds / 2, []))
            surveys_phase = measure(server, "surveys", "survey", args.people, args.seconds, tokens[: len(tokens) // 2])
            surveys = report(surveys_phase)
            single = report(measure(server, "single", "survey", 1, args.seconds / 2, tokens[len(tokens) // 2:],
                                    processes=1, prefix=5))
            verdict(trivial, surveys, single)
            return check_stored(app, surveys_phase)
        finally:
            if server:
                server.stop()
            database.drop()


def postgres_server(choice: str) -> tuple[str, callable]:
    """The server URL to use and how to stop it: a given URL, or one started by scripts/test-postgres."""
    if choice != "auto":
        return choice, lambda: None
    env = {**os.environ, "PGTEST_DIR": tempfile.mkdtemp(prefix="pg-bench-load-"),
           "PGTEST_PORT": os.environ.get("PGTEST_PORT", "55449")}
    url = subprocess.run([str(ROOT / "scripts/test-postgres"), "start"], env=env, check=True,  # noqa: S603
                         capture_output=True, text=True).stdout.strip()
    return url, lambda: subprocess.run([str(ROOT / "scripts/test-postgres"), "stop"], env=env,  # noqa: S603
                                       check=False, capture_output=True)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", help="a PostgreSQL server URL, or 'auto' to start one with scripts/test-postgres")
    parser.add_argument("--only-postgres", action="store_true", help="skip the SQLite run")
    parser.add_argument("--people", type=int, default=50, help="concurrent respondents (default 50)")
    parser.add_argument("--seconds", type=float, default=40, help="length of the surveys phase (default 40)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--invitations", type=int, default=400, help="invitations to the parent survey")
    parser.add_argument("--crash", type=int, default=0, metavar="N", help="kill the server N times, then check")
    parser.add_argument("--quick", action="store_true", help="short phases, surveys only (no demo data)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="no gunicorn: N surveys in this process under cProfile, with queries per page")
    parser.add_argument("--preload", action="store_true", help="gunicorn --preload: import the app once, fork")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--log", help="keep the server's log in this file (default: thrown away with the run)")
    parser.add_argument("--config", default="{}", help="JSON settings for the served app, e.g. to switch limits off")
    args = parser.parse_args(argv)
    if args.quick and args.seconds == 40:
        args.seconds = 12
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    results = []
    if not args.only_postgres:
        results.append(run_database("sqlite", args))
    if args.postgres or os.environ.get("YOUSAID_BENCH_DATABASE_URL"):
        url, stop = postgres_server(args.postgres or os.environ["YOUSAID_BENCH_DATABASE_URL"])
        try:
            results.append(run_database("postgresql", args, url))
        finally:
            stop()
    bad = [r for r in results if r["lost"] or r["twice"] or r["bad_invitations"] or not r["integrity"].startswith("ok")]
    print(json.dumps(results) if args.crash else "")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
