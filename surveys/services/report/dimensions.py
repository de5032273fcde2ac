"""What reports break counts down by: a column of a response, comment or invitation, and how its values read."""

from surveys.models import AUDIENCES, Partner, Response
from surveys.models.invitations import JOURNEY_STAGES

NOT_KNOWN = "Not known"


def dimension_column(by: str, model=Response):
    """The column to group by: the model's own column, or the partner's name."""
    return Partner.name if by == "partner" else getattr(model, by)


def with_dimension(query, column, model=Response):
    """Join what the column needs: the partner table for a partner's name (kept when there is no partner)."""
    if column is not None and column is Partner.name:
        return query.outerjoin(Partner, Partner.id == model.partner_id)
    return query


def dimension_label(by: str, value) -> str:
    """A stored value as people read it: journey stages and audiences by name, a missing value as "Not known"."""
    if value is None or value == "":
        return NOT_KNOWN
    if by == "journey_stage":
        return JOURNEY_STAGES.get(value, value)
    if by == "audience":
        return AUDIENCES.get(value, value)
    return str(value)
