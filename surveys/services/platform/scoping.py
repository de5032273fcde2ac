"""Partner scoping: the one place that decides which rows a member of staff may see."""

from sqlalchemy import Select, false

from surveys.models import User, db
from surveys.services.platform.accounts import PARTNER_SCOPED_ROLES
from surveys.services.platform.errors import NotFound


def scoped(query: Select, model, user: User) -> Select:
    """Limit a query on ``model`` to what ``user`` may see: a partner lead sees only their partner's rows."""
    if user.role not in PARTNER_SCOPED_ROLES:
        return query
    if user.partner_id is None:
        return query.where(false())
    return query.where(model.partner_id == user.partner_id)


def get_scoped(model, object_id: int, user: User):
    """The row with this id if the user may see it; otherwise ``NotFound`` (a 404), so guessing ids reveals nothing."""
    query = scoped(db.select(model).where(model.id == object_id), model, user)
    row = db.session.scalar(query)
    if row is None:
        raise NotFound()
    return row
