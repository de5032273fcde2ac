"""Speed and memory of the comments export: 100,000 comments downloaded as CSV and as XLSX through the app.

Seeds a temporary SQLite database (built by the migrations) with comments in bulk, each in one of 20 themes, signs
in as an analyst through the real login form, and downloads /staff/exports/comments.csv and .xlsx with the test
client, reading the whole body as a browser would. Each download is timed on its own, then run again under
tracemalloc for the peak of Python memory it allocated (tracemalloc slows it down, so the times come from the first
run). A streamed export should use about the same memory at 10,000 rows as at 100,000.

Run: .venv/bin/python bench/bench_exports.py [--rows N]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from surveys import create_app  # noqa: E402
from surveys.models import Comment, CommentTheme, Partner, Theme, User, db  # noqa: E402
from surveys.services.platform.passwords import hash_password  # noqa: E402

PASSWORD = "bench password for exports"
WORDS = ("annual review", "EHC plan", "school transport", "speech therapy", "CAMHS", "tribunal", "SENCo")
CHUNK = 10_000


def seed(rows: int) -> None:
    """``rows`` analysed comments spread over a year, four partners and 20 themes, inserted in bulk."""
    rng = random.Random(0)
    partners = [Partner(name=f"Partner {n}", kind="council") for n in range(4)]
    themes = [Theme(label=f"Theme {n}", status="reviewed") for n in range(20)]
    db.session.add_all([*partners, *themes, User(email="analyst@example.org", role="analyst",
                                                 password_hash=hash_password(PASSWORD))])
    db.session.commit()
    start = datetime(2025, 6, 1, tzinfo=UTC)
    for first in range(1, rows + 1, CHUNK):
        ids = range(first, min(first + CHUNK, rows + 1))
        db.session.execute(insert(Comment), [_comment(n, rng, start, partners) for n in ids])
        db.session.execute(insert(CommentTheme), [{"comment_id": n, "theme_id": themes[n % 20].id,
                                                   "confidence": 0.8} for n in ids])
        db.session.commit()


def _comment(n: int, rng: random.Random, start: datetime, partners: list[Partner]) -> dict:
    text = f"The {rng.choice(WORDS)} took {rng.randint(2, 40)} weeks and nobody called [name] back."
    return {"id": n, "source": "survey", "raw_text": text, "redacted_text": text,
            "received_at": start + timedelta(minutes=5 * n), "partner_id": partners[n % 4].id,
            "audience": "parent_carer", "locality": rng.choice(("North", "South", "East", "West")),
            "sentiment": "negative", "sentiment_score": round(rng.uniform(-1, 1), 3), "emotions": {},
            "redaction_spans": [], "analysed_at": start, "consent_quote": n % 3 == 0, "safeguarding_flag": False}


def sign_in(client) -> None:
    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/staff/login", data={"email": "analyst@example.org", "password": PASSWORD,
                                                 "csrf_token": token})
    assert response.status_code == 302, "could not sign in"


def download(client, kind: str) -> tuple[int, int]:
    """Download the export and read all of it; (bytes, rows in the file)."""
    response = client.get(f"/staff/exports/comments.{kind}", buffered=False)
    assert response.status_code == 200, response.status_code
    size = lines = 0
    for chunk in response.response:
        size += len(chunk)
        lines += chunk.count(b"\n") if kind == "csv" else 0
    response.close()
    return size, lines


def measure(client, kind: str) -> None:
    started = time.perf_counter()
    size, lines = download(client, kind)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    download(client, kind)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {kind.upper():4} {elapsed:6.2f} s, {size / 1e6:6.1f} MB file"
          + (f" ({lines - 1:,d} data lines)" if kind == "csv" else "")
          + f", peak Python memory while exporting {peak / 1e6:6.1f} MB, process peak RSS so far {rss:,.0f} MB",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "OUTBOX_DIR": f"{folder}/outbox", "AUDIO_DIR": f"{folder}/audio"})
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            seed(rows)
            count = db.session.scalar(select(db.func.count(Comment.id)))
            print(f"seeded {count:,d} comments in {time.perf_counter() - started:.1f} s", flush=True)
            db.session.remove()
        client = app.test_client()
        sign_in(client)
        for kind in ("csv", "xlsx"):
            measure(client, kind)


if __name__ == "__main__":
    main()
