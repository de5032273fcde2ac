"""Publishing speed: one publication with 1,000 actions and 100,000 comments (target: under 5 s on this machine),
and the size of the largest public page of the result.

The data is bench_act's (responses, 100,000 comments in 20 themes, 30 actions), plus public actions up to 1,000
spread over the reviewed themes; the themes are made public, and every entry is approved by both sides, so the
whole lot goes through the gate, the snapshot builder and the switch. The timing is ``publish_steps.publish_now``
(clean up, build and commit, make live), as ``flask publish`` runs it. Then each public URL is fetched once.

Run: .venv/bin/python bench/bench_publish.py                  (SQLite, 100,000 comments, 1,000 actions)
     .venv/bin/python bench/bench_publish.py --size 20000 --actions 200
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

import bench_act  # noqa: E402 - the shared data builder

TARGET_SECONDS = 5.0
PUBLIC_PAGES = ("/you-said-we-did", "/you-said-we-did/easy-read", "/you-said-we-did.json", "/you-said-we-did.csv",
                "/you-said-we-did/feed.atom")


def add_actions(total: int) -> None:
    """Public actions up to ``total``, each on one reviewed theme, with an update; reviewed themes made public."""
    from sqlalchemy import insert, select

    from surveys.models import Action, ActionUpdate, Partner, Theme, action_theme, db

    themes = list(db.session.scalars(select(Theme.id).where(Theme.status == "reviewed")))
    db.session.execute(Theme.__table__.update().where(Theme.status == "reviewed").values(public=True))
    partner = db.session.scalar(select(Partner.id))
    start = db.session.scalar(select(db.func.max(Action.id))) or 0
    extra = range(start + 1, start + 1 + max(0, total - start))
    bench_act.bulk(Action, [{"id": n, "title": f"Action {n}: a clearer route to speech and language therapy",
                             "description": "What we will do.", "partner_id": partner, "status": "in_progress",
                             "public": True, "what_this_means": "Families will know who to call and when.",
                             "for_the_future": "We will check this again next year."} for n in extra])
    db.session.execute(Action.__table__.update().values(public=True))
    db.session.execute(insert(action_theme), [{"action_id": n, "theme_id": themes[n % len(themes)]} for n in extra])
    bench_act.bulk(ActionUpdate, [{"action_id": n, "body": "Two new therapists started this month."} for n in extra])
    db.session.commit()


def approve_everything() -> int:
    """Both sides approve every entry's current words; how many entries."""
    from surveys.models import Approval, db
    from surveys.services.report import sign_off

    waiting = sign_off.entries_for_sign_off()
    bench_act.bulk(Approval, [{"entry_kind": w.kind, "entry_id": w.entry["id"], "fingerprint": w.fingerprint,
                               "side": side, "approved": True, "note": ""}
                              for w in waiting for side in ("partnership", "forum")])
    db.session.commit()
    return len(waiting)


def run(size: int, actions: int) -> bool:
    from surveys import create_app
    from surveys.publish_steps import publish_now

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'b.db'}",
                          "OUTBOX_DIR": str(Path(folder) / "outbox"), "AUDIO_DIR": str(Path(folder) / "audio")})
        bench_act.build(app, size)
        with app.app_context():
            add_actions(actions)
            entries = approve_everything()
            started = time.perf_counter()
            publication, built = publish_now()
            seconds = time.perf_counter() - started
            version = publication.version
            themes = len(built.snapshot["themes"])
            published = sum(len(theme["actions"]) for theme in built.snapshot["themes"])
        print(f"Published version {version}: {themes} themes, {published:,} actions "
              f"({entries:,} entries approved) in {seconds:.2f} s: "
              f"{'under' if seconds < TARGET_SECONDS else 'OVER'} the {TARGET_SECONDS:g} s target", flush=True)
        client = app.test_client()
        sizes = {path: len(client.get(path).data) for path in PUBLIC_PAGES}
        for path, length in sizes.items():
            print(f"  {path:<32} {length / 1024:8.0f} KB")
        largest = max(sizes, key=sizes.get)
        print(f"Largest public page: {largest}, {sizes[largest] / 1024:.0f} KB")
    return seconds < TARGET_SECONDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="responses and comments (each)")
    parser.add_argument("--actions", type=int, default=1_000, help="actions in all")
    args = parser.parse_args()
    run(args.size, args.actions)


if __name__ == "__main__":
    main()
