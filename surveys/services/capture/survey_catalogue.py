"""Which surveys are open to the public."""

from sqlalchemy import select

from surveys.models import Survey, db


def open_surveys() -> list[Survey]:
    """Active surveys anyone may answer without an invitation, by audience then title."""
    query = select(Survey).where(Survey.active.is_(True), Survey.open_link.is_(True))
    return list(db.session.scalars(query.order_by(Survey.audience, Survey.title)))
