"""Paging through 100,000 comments with the partners' API, by cursor, as a partner's tool would.

Seeds a temporary SQLite database (built by the migrations) with comments in bulk (the same seed as
bench_exports.py), makes an analyst's API token, then reads /api/v1/comments page after page through the test
client (WSGI, no network), following next_cursor until it is null. Prints the total time, pages per second, and
the slowest page: keyset pages should cost the same at the end as at the start.

Run: .venv/bin/python bench/bench_api.py [--rows N] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.bench_exports import seed  # noqa: E402
from surveys import create_app  # noqa: E402
from surveys.models import Comment, User, db  # noqa: E402
from surveys.services.platform.api_tokens import create_token  # noqa: E402


def page_through(client, token: str, limit: int) -> tuple[int, list[float]]:
    """Read every page; (comments read, seconds for each page)."""
    headers = {"Authorization": f"Bearer {token}"}
    cursor, read, times = None, 0, []
    while True:
        started = time.perf_counter()
        url = f"/api/v1/comments?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        times.append(time.perf_counter() - started)
        read += len(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return read, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=500)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "OUTBOX_DIR": f"{folder}/outbox", "AUDIO_DIR": f"{folder}/audio", "LOG_LEVEL": "WARNING"})
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            seed(options.rows)
            count = db.session.scalar(select(db.func.count(Comment.id)))
            print(f"seeded {count:,d} comments in {time.perf_counter() - started:.1f} s", flush=True)
            analyst = db.session.scalar(select(User).where(User.email == "analyst@example.org"))
            _, token = create_token(analyst, "Benchmark")
            db.session.commit()
            db.session.remove()
        client = app.test_client()
        started = time.perf_counter()
        read, times = page_through(client, token, options.limit)
        elapsed = time.perf_counter() - started
        times.sort()
        print(f"paged through {read:,d} comments in {len(times):,d} pages of {options.limit}: {elapsed:.1f} s "
              f"({read / elapsed:,.0f} comments/s); page median {1000 * times[len(times) // 2]:.0f} ms, "
              f"slowest {1000 * times[-1]:.0f} ms", flush=True)


if __name__ == "__main__":
    main()
