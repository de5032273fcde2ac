"""Publishing: build the whole next version first, then make it live in one step; roll back; compare versions.

The steps, each for the edge (a command, a request, a job) to commit on its own:

1. ``build_next`` cleans up what an earlier run left half-built, builds the snapshot of what is approved and
   admitted by the gate, and adds it as a publication with status "building". The edge commits it.
2. ``make_live`` switches with ONE UPDATE: the live version becomes "superseded" and the built one "live" in the
   same statement, so there is never a moment with two live versions or none. The edge commits that at once.

If the process dies between the two (or during the build), the previous version stays live; the next run marks
the half-built one "failed": at once when the process that built it is gone, otherwise once it is older than
``STALE_AFTER``. Versions are never changed after they went live: a rollback is a new version with an earlier
version's content, passed through the gate again, so what is no longer allowed is not published again.
"""

import os
import socket
from datetime import UTC, datetime, timedelta

from sqlalchemy import JSON, and_, case, exists, func, literal, or_, select, update
from sqlalchemy.orm import aliased

from surveys.models import Publication, User, db
from surveys.models.base import UTCDateTime
from surveys.services.platform import audit
from surveys.services.platform.errors import Conflict, Invalid, NotFound
from surveys.services.report import publication_diff, publication_gate, sign_off
from surveys.services.report.publications import live_publication
from surveys.services.report.snapshot import Built, build_snapshot, finish

STALE_AFTER = timedelta(minutes=10)
PUBLISHED = ("live", "superseded")


class NothingToPublish(Invalid):
    """Nothing is approved, or nothing that is approved may be published."""


def previous_live() -> Publication | None:
    """The version the public sees now (the one the next version's "changes" are worked out against)."""
    return live_publication()


def next_version() -> int:
    """The next version number: one more than any version ever built, failed ones included."""
    return (db.session.scalar(select(func.max(Publication.version))) or 0) + 1


def builder_id() -> str:
    """This process, as "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


def preview() -> Built:
    """What would be published now, without saving anything."""
    live = previous_live()
    return build_snapshot(next_version(), live.snapshot if live else None)


def build_next(now: datetime) -> tuple[Publication, Built]:
    """Clean up, then add the next version as "building"; ``NothingToPublish`` when nothing is approved. Flushes."""
    clean_up_half_built(now)
    built = preview()
    if not built.snapshot["themes"]:
        raise NothingToPublish(nothing_approved_reason(built))
    return _add_building(built, now), built


def nothing_approved_reason(built: Built) -> str:
    """Why there is nothing to publish, in plain words."""
    if not publication_gate.publishable_themes():
        return ("Nothing to publish: there is no reviewed theme marked public. Review a theme and mark it public "
                "first.")
    return ("Nothing to publish: no theme is approved by both a partnership lead and a parent carer forum "
            "representative. See what waits for approval at /staff/publications.")


def _add_building(built: Built, now: datetime) -> Publication:
    publication = Publication(version=built.snapshot["version"], status="building", snapshot=built.snapshot,
                              created_at=now, built_by=builder_id())
    db.session.add(publication)
    db.session.flush()
    return publication


def make_live(publication: Publication, now: datetime, user: User | None = None) -> Publication:
    """Make a built version live and supersede the live one, in one UPDATE; ``Conflict`` if it is not building.

    Audited as "publication_published" by ``user`` (None for the scheduler or a command)."""
    snapshot = {**publication.snapshot, "published_at": now.astimezone(UTC).isoformat()}
    built = aliased(Publication)
    still_building = exists().where(built.id == publication.id, built.status == "building")
    is_new = Publication.id == publication.id
    switch = (update(Publication)
              .where(or_(Publication.status == "live", is_new), still_building)
              .values(status=case((is_new, "live"), else_="superseded"),
                      published_at=case((is_new, literal(now, UTCDateTime())), else_=Publication.published_at),
                      snapshot=case((is_new, literal(snapshot, JSON())), else_=Publication.snapshot))
              .execution_options(synchronize_session=False))
    db.session.execute(switch)
    db.session.expire_all()
    if db.session.get(Publication, publication.id).status != "live":
        raise Conflict(f"Version {publication.version} is no longer waiting to go live: it was cleaned up or "
                       "published already.")
    audit.record(user, "publication_published", publication, version=publication.version)
    return publication


def publish_approved(now: datetime) -> Publication:
    """Build and make live in the caller's one transaction (for a job; commands commit between the two steps)."""
    publication, _ = build_next(now)
    return make_live(publication, now)


def clean_up_half_built(now: datetime) -> list[int]:
    """Mark as "failed" every version left building by a process that is gone or too long ago; their versions."""
    found = db.session.scalars(select(Publication).where(Publication.status == "building"))
    failed = [p for p in found if p.created_at < now - STALE_AFTER or _builder_gone(p.built_by)]
    for publication in failed:
        publication.status = "failed"
    db.session.flush()
    return [publication.version for publication in failed]


def _builder_gone(built_by: str) -> bool:
    """True when the process that started a build is known to be dead (on this machine; elsewhere, age decides)."""
    host, _, pid = (built_by or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def roll_back_to(version: int, now: datetime) -> Publication:
    """Add, as "building", a new version with an earlier version's content, passed through the gate again. Flushes.

    The edge commits it, then calls ``make_live``; the earlier version itself is never changed.
    """
    earlier = published_version(version)
    if earlier.status == "live":
        raise Conflict(f"Version {version} is live already.")
    clean_up_half_built(now)
    live = previous_live()
    copy = {**earlier.snapshot, "version": next_version(), "published_at": None}
    admitted = publication_gate.admit(copy, sign_off.approval_book())
    built = finish(admitted.snapshot, live.snapshot if live else None, admitted.held_back)
    if not built.snapshot["themes"]:
        raise NothingToPublish(f"Nothing of version {version} may be published now, so it cannot be restored.")
    return _add_building(built, now)


def published_version(version: int) -> Publication:
    """A version that went live at some time (live now or superseded); ``NotFound`` for any other."""
    publication = db.session.scalar(select(Publication).where(and_(Publication.version == version,
                                                                   Publication.status.in_(PUBLISHED))))
    if publication is None:
        raise NotFound(f"There is no published version {version}.")
    return publication


def history() -> list[Publication]:
    """Every version ever built, the newest first, failed ones included (staff see what happened)."""
    return list(db.session.scalars(select(Publication).order_by(Publication.version.desc())))


def compare(older: int, newer: int) -> publication_diff.Diff:
    """What changed from one published version to another."""
    return publication_diff.diff(published_version(older).snapshot, published_version(newer).snapshot)
