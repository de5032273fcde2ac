"""Page speed with 100,000 responses and 100,000 comments: the dashboard, the action and impact log, and a
survey's results, each rendered through the Flask test client signed in as an administrator (target: under 1 s).

The database is built by the migrations in a temporary directory (SQLite), then filled with bulk inserts:
responses over 18 months across partners, localities, journey stages and need types, with answers to five
closed questions of one survey and one free-text answer each; comments from those answers with sentiment,
emotions and one or two of 20 themes; invitations; and 30 actions with milestones, updates and impact measures.

Run: .venv/bin/python bench/bench_act.py                  (SQLite, 100,000 of each, 5 requests per page)
     .venv/bin/python bench/bench_act.py --size 20000 --repeat 3
     YOUSAID_BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/bench_act.py --postgres
         (an EMPTY database on a server that is already running: its tables are dropped and rebuilt)
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

TARGET_MS = 1000
CHUNK = 10_000
SPAN_DAYS = 548
THEMES = 20
ACTIONS = 30
CLOSED = ("communication", "listened_to", "timeliness", "overall", "within_20_weeks")
LOCALITIES = ("Northbridge", "Eastmoor", "Southam Vale", "Westford", "Kingsholme")
NEEDS = ("Autism", "Speech, language and communication", "Social, emotional and mental health",
         "Specific learning difficulty", "Physical disability", "Severe learning difficulty")
STAGES = ("final_plan", "annual_review", "needs_assessment", "phase_transfer", "tribunal", "mediation")
EMOTIONS = ("sadness", "hopelessness", "anger", "frustration", "fear", "relief", "gratitude")
PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway account in a throwaway database


def bulk(model, rows: list[dict]) -> None:
    """Insert rows in chunks with one executemany each."""
    from surveys.models import db

    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start:start + CHUNK])


class Builder:
    """Fills the database; every id is given explicitly so rows can point at each other without reading back."""

    def __init__(self, size: int, now: datetime, rng: random.Random) -> None:
        self.size, self.now, self.rng = size, now, rng

    def when(self) -> datetime:
        return self.now - timedelta(seconds=self.rng.randint(600, SPAN_DAYS * 86400))

    def base(self):
        from surveys.models import Partner, User, db
        from surveys.services.demo.questionnaires import make_surveys
        from surveys.services.platform.passwords import hash_password

        self.partners = [Partner(name=f"Partner {n}", kind="school" if n > 3 else "council") for n in range(8)]
        admin = User(email="admin@bench.example", name="Bench admin", role="admin",
                     password_hash=hash_password(PASSWORD))
        self.lead = User(email="lead@bench.example", name="Bench lead", role="partner_lead",
                         password_hash=admin.password_hash, partner=self.partners[0])
        surveys = make_surveys(self.now)
        db.session.add_all([*self.partners, admin, self.lead, *(s.survey for s in surveys.values())])
        db.session.flush()
        self.survey = surveys["after-final-ehc-plan"]
        return self.survey.survey.id

    def responses(self) -> None:
        from surveys.models import Answer, Invitation, Response

        rng, survey, n = self.rng, self.survey, self.size
        invited = int(n * 0.3)
        invitations, responses, answers = [], [], []
        for i in range(1, int(n * 0.4) + 1):
            sent = self.when()
            invitations.append({
                "id": i, "survey_id": survey.survey.id, "token_hash": f"{i:064x}", "expires_at": sent + timedelta(28),
                "journey_stage": rng.choice(STAGES), "locality": rng.choice(LOCALITIES),
                "partner_id": rng.choice(self.partners).id, "need_type": rng.choice(NEEDS), "created_at": sent,
                "sent_at": sent, "contact_email": None, "contact_phone": None, "opened_at": None,
                "reminders_sent": 0, "last_reminded_at": None})
        free_text = survey.qid("do_better")
        closed = [survey.qid(key) for key in CLOSED]
        answer_id = 0
        for i in range(1, n + 1):
            invitation = invitations[i - 1] if i <= invited else None
            submitted = invitation["sent_at"] + timedelta(hours=rng.randint(1, 300)) if invitation else self.when()
            submitted = min(submitted, self.now - timedelta(minutes=5))
            responses.append({
                "id": i, "version_id": survey.version.id, "invitation_id": invitation["id"] if invitation else None,
                "status": "submitted", "started_at": submitted - timedelta(minutes=12), "submitted_at": submitted,
                "journey_stage": rng.choice(STAGES), "locality": rng.choice(LOCALITIES),
                "partner_id": rng.choice(self.partners).id, "need_type": rng.choice(NEEDS), "consent_quote": True,
                "consent_contact": False, "contact_email": None, "contact_phone": None, "supported_by": None,
                "complaint_choice": None})
            mood = rng.randint(1, 5)
            for question_id in closed:
                answer_id += 1
                value = ("yes" if mood > 2 else "no") if question_id == closed[-1] else str(
                    max(1, min(5, mood + rng.randint(-1, 1))))
                answers.append({"id": answer_id, "response_id": i, "question_id": question_id, "value_text": value,
                                "value_choices": None})
            answer_id += 1
            answers.append({"id": answer_id, "response_id": i, "question_id": free_text,
                            "value_text": f"Comment number {i}", "value_choices": None})
        self.free_text_answers = [(a["id"], a["response_id"]) for a in answers if a["question_id"] == free_text]
        self.responses_by_id = {r["id"]: r for r in responses}
        bulk(Invitation, invitations)
        bulk(Response, responses)
        bulk(Answer, answers)

    def comments(self) -> list[int]:
        from surveys.models import Comment, CommentTheme, Theme, db

        rng = self.rng
        themes = [Theme(label=f"Theme {n}", key_terms=["word"], status="reviewed" if n < 12 else "proposed",
                        created_at=self.now - timedelta(days=600)) for n in range(THEMES)]
        db.session.add_all(themes)
        db.session.flush()
        comments, links, link_id = [], [], 0
        for i, (answer_id, response_id) in enumerate(self.free_text_answers[: self.size], start=1):
            response = self.responses_by_id[response_id]
            score = round(rng.uniform(-1, 1), 3)
            comments.append({
                "id": i, "source": "survey", "answer_id": answer_id, "response_id": response_id, "case_id": None,
                "partner_id": response["partner_id"], "raw_text": f"Comment number {i}",
                "redacted_text": f"Comment number {i}", "redaction_spans": [], "received_at": response["submitted_at"],
                "audience": "parent_carer", "journey_stage": response["journey_stage"],
                "locality": response["locality"], "need_type": response["need_type"], "consent_quote": True,
                "analysed_at": response["submitted_at"], "sentiment": "positive" if score > 0 else "negative",
                "sentiment_score": score, "emotions": {name: round(rng.random(), 2) for name in EMOTIONS},
                "safeguarding_flag": False, "safeguarding_reason": "", "safeguarding_reviewed_at": None,
                "safeguarding_reviewed_by_id": None})
            for theme in rng.sample(themes, rng.choice((1, 1, 2))):
                link_id += 1
                links.append({"id": link_id, "comment_id": i, "theme_id": theme.id, "source": "model",
                              "confidence": 0.8, "assigned_at": response["submitted_at"]})
        bulk(Comment, comments)
        bulk(CommentTheme, links)
        return [theme.id for theme in themes]

    def actions(self, theme_ids: list[int]) -> None:
        from surveys.models import Action, ActionUpdate, BoardMeeting, Milestone, Theme, db

        rng, today = self.rng, self.now.date()
        kinds = ("question", "theme_share", "theme_sentiment", None)
        for n in range(ACTIONS):
            kind = kinds[n % len(kinds)]
            created = self.now - timedelta(days=rng.randint(100, 400))
            action = Action(
                title=f"Action {n}", description="What we will do.", partner=self.partners[n % 8], lead=self.lead,
                status=rng.choice(("planned", "in_progress", "in_progress", "completed")),
                start_date=(created + timedelta(days=20)).date(), target_date=today + timedelta(rng.randint(-60, 200)),
                created_at=created, public=n % 2 == 0, impact_kind=kind, impact_window_days=180,
                impact_survey_id=self.survey.survey.id if kind == "question" else None,
                impact_question_key=CLOSED[n % len(CLOSED)] if kind == "question" else None,
                impact_theme_id=theme_ids[n % THEMES] if kind and kind != "question" else None,
                themes=[db.session.get(Theme, theme_ids[n % THEMES])],
                milestones=[Milestone(title=f"Step {m}", due_on=today + timedelta(rng.randint(-90, 90)),
                                      done_on=today - timedelta(100) if m == 0 else None) for m in range(3)],
                updates=[ActionUpdate(author=self.lead, body=f"Update {m}", created_at=created + timedelta(30 * m))
                         for m in range(3)])
            db.session.add(action)
        db.session.add_all(BoardMeeting(meets_on=today - timedelta(days=24 + 61 * n)) for n in range(-2, 6))


def build(app, size: int, seed: int = 2026) -> int:
    """Build the schema with the migrations and fill it; returns the survey's id."""
    from flask_migrate import upgrade

    from surveys.models import db

    started = time.perf_counter()
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        builder = Builder(size, datetime.now(UTC).replace(microsecond=0), random.Random(seed))
        survey_id = builder.base()
        builder.responses()
        theme_ids = builder.comments()
        builder.actions(theme_ids)
        db.session.commit()
        dialect = db.engine.dialect.name
        if dialect == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()
    print(f"Set up ({dialect}): {size:,} responses, {size:,} comments, {ACTIONS} actions "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    return survey_id


def sign_in(client) -> None:
    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post("/staff/login", data={"email": "admin@bench.example", "password": PASSWORD,
                                               "csrf_token": token})
    assert answer.status_code == 302, "could not sign in"


def profile_page(client, path: str) -> None:
    """Where one request spends its time: the 25 functions with the most cumulative time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(lambda: client.get(path).get_data())
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def time_page(client, path: str, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of this process for each of ``repeat`` requests (after one to warm up).

    On SQLite the database works inside this process, so the CPU time is the whole request's work and stays
    meaningful when other jobs share the machine; on PostgreSQL it leaves out the server's share.
    """
    first = client.get(path)
    assert first.status_code == 200, f"{path} answered {first.status_code}"
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        client.get(path).get_data()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def run(url: str, size: int, repeat: int, build_first: bool = True, profile: bool = False) -> bool:
    from surveys import create_app

    with tempfile.TemporaryDirectory() as files:
        app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING",
                          "OUTBOX_DIR": str(Path(files) / "outbox"), "AUDIO_DIR": str(Path(files) / "audio")})
        survey_id = build(app, size) if build_first else 1
        client = app.test_client()
        all_fast = True
        with app.app_context():
            sign_in(client)
            for name, path in (("dashboard", "/staff/dashboard"), ("log", "/staff/log"),
                               ("results", f"/staff/surveys/{survey_id}/results"),
                               ("results by locality", f"/staff/surveys/{survey_id}/results?by=locality")):
                if profile:
                    profile_page(client, path)
                timings, cpus = time_page(client, path, repeat)
                median, worst = statistics.median(timings), max(timings)
                fast = worst < TARGET_MS
                all_fast &= fast
                print(f"  {name:<20} median {median:7.0f} ms   max {worst:7.0f} ms   "
                      f"CPU median {statistics.median(cpus):7.0f} ms   "
                      f"{'under' if fast else 'OVER'} the {TARGET_MS / 1000:g} s target", flush=True)
    return all_fast


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="responses and comments (each)")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    parser.add_argument("--postgres", action="store_true", help="use $YOUSAID_BENCH_DATABASE_URL (must be running)")
    parser.add_argument("--keep", type=Path, help="an SQLite file to keep the data in (built only if missing)")
    parser.add_argument("--profile", action="store_true", help="print a profile of one request to each page")
    args = parser.parse_args()
    if args.postgres:
        url = os.environ.get("YOUSAID_BENCH_DATABASE_URL")
        if not url:
            sys.exit("Set YOUSAID_BENCH_DATABASE_URL to an empty PostgreSQL database on a running server.")
        run(url, args.size, args.repeat, profile=args.profile)
        return
    if args.keep:
        run(f"sqlite:///{args.keep.resolve()}", args.size, args.repeat, not args.keep.exists(), args.profile)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'bench.db'}", args.size, args.repeat, profile=args.profile)


if __name__ == "__main__":
    main()
