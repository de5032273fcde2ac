"""Publications of the "you said, we did" tracker."""

from sqlalchemy import select

from surveys.models import Publication, db


def live_publication() -> Publication | None:
    """The publication the public sees now, if there is one."""
    query = select(Publication).where(Publication.status == "live").order_by(Publication.version.desc())
    return db.session.scalar(query)
