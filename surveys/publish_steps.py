"""Publishing at the edge: each step in its own transaction, so a publication is built and saved before it goes live.

Commands, staff pages and jobs call these; the services they call (``surveys.services.report.publishing``) only
flush. First the clean-up of anything an earlier run left half-built is committed; then the new version is built
and committed with status "building"; then one UPDATE makes it live and is committed at once. A process that dies
anywhere in between leaves the previous version live.
"""

import os
import time
from datetime import datetime

from surveys.models import Publication, User, utcnow
from surveys.services.report import publishing
from surveys.services.report.snapshot import Built
from surveys.transactions import transaction

# Seconds to wait between building and switching: set only by the test that kills a publishing process midway.
PAUSE_VARIABLE = "YOUSAID_PAUSE_BEFORE_SWITCH"


def publish_now(now: datetime | None = None, user: User | None = None) -> tuple[Publication, Built]:
    """Build what is approved, commit it, then make it live; ``NothingToPublish`` when nothing is approved."""
    now = now or utcnow()
    with transaction():
        publishing.clean_up_half_built(now)
    with transaction():
        publication, built = publishing.build_next(now)
    _pause_for_tests()
    with transaction():
        publishing.make_live(publication, now, user)
    return publication, built


def roll_back_now(version: int, now: datetime | None = None, user: User | None = None) -> Publication:
    """Publish a new version with an earlier version's content (checked by the gate again), in the same two steps."""
    now = now or utcnow()
    with transaction():
        publication = publishing.roll_back_to(version, now)
    with transaction():
        publishing.make_live(publication, now, user)
    return publication


def _pause_for_tests() -> None:
    seconds = os.environ.get(PAUSE_VARIABLE)
    if seconds:
        time.sleep(float(seconds))
