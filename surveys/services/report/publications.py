"""Publications of the "you said, we did" tracker."""

from datetime import date, timedelta

from sqlalchemy import select

from surveys.models import Publication, db
from surveys.services.platform.calendar import is_working_day, today


def live_publication() -> Publication | None:
    """The publication the public sees now, if there is one."""
    query = select(Publication).where(Publication.status == "live").order_by(Publication.version.desc())
    return db.session.scalar(query)


def next_update_date(on: date | None = None) -> date:
    """When the tracker is next updated: the first working day of next month."""
    on = on or today()
    first = date(on.year + on.month // 12, on.month % 12 + 1, 1)
    while not is_working_day(first):
        first += timedelta(days=1)
    return first
