"""Query and body schemas: what each endpoint accepts, with a plain message for each bad value.

The same schemas validate requests (webargs, through flask-smorest) and describe them in /api/v1/openapi.json.
Unknown query parameters are refused, so a misspelt filter is reported instead of silently ignored.
"""

from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, OneOf, Range

from surveys.models import ACTION_STATUSES, AUDIENCES, JOURNEY_STAGES
from surveys.services.act.rag import COLOURS
from surveys.services.report.filters import DIMENSIONS

from .paging import DEFAULT_LIMIT, MAX_LIMIT

DATE_HELP = "a date written like 2026-03-31"


def _date(words: str, description: str, **kwargs) -> fields.Date:
    return fields.Date(**kwargs, metadata={"description": description},
                       error_messages={"invalid": f"Enter the {words} date as a real date, like 2026-03-31"})


def _id(what: str) -> fields.Integer:
    return fields.Integer(strict=False, validate=Range(min=1, max=2_147_483_647, error=f"Enter a {what} id"),
                          metadata={"description": f"only rows for this {what} (an id)"},
                          error_messages={"invalid": f"Enter a {what} id as a whole number"})


def _choice(choices, what: str) -> fields.String:
    return fields.String(validate=OneOf(list(choices), error=f"{what} must be one of: " + ", ".join(choices)),
                         metadata={"description": what})


class Strict(Schema):
    """Refuse parameters nobody defined."""

    class Meta:
        unknown = RAISE


class PageArgs(Strict):
    """A page of a list: where to start and how many rows."""

    cursor = fields.String(validate=Length(max=500, error="The cursor is too long"),
                           metadata={"description": "next_cursor from the previous page; leave out for the first"})
    limit = fields.Integer(load_default=DEFAULT_LIMIT,
                           validate=Range(min=1, max=MAX_LIMIT, error=f"Limit must be from 1 to {MAX_LIMIT}"),
                           metadata={"description": f"rows per page, 1 to {MAX_LIMIT}"},
                           error_messages={"invalid": "Limit must be a whole number"})


class DateArgs(Strict):
    """From one day to another, both included, in England's time."""

    start = _date("start", f"from this day ({DATE_HELP})", data_key="from")  # ``from`` is a Python keyword
    to = _date("end", f"up to and including this day ({DATE_HELP})")

    @validates_schema
    def _in_order(self, data, **kwargs):
        start, end = data.get("start"), data.get("to")
        if start and end and end < start:
            raise ValidationError("The end date must be the same as or after the start date", "to")


class SegmentArgs(DateArgs):
    """Who the feedback came from: audience, locality and partner."""

    audience = _choice(AUDIENCES, "Audience")
    locality = fields.String(validate=Length(min=1, max=100, error="Locality must be 1 to 100 characters"),
                             metadata={"description": "only rows from this locality"})
    partner = _id("partner")


class SurveyListArgs(PageArgs):
    """/surveys: a page, one audience."""

    audience = _choice(AUDIENCES, "Audience")


class ResponseListArgs(PageArgs, SegmentArgs):
    """/responses: a page, the segment, one survey, one journey stage."""

    survey = _id("survey")
    journey_stage = _choice(JOURNEY_STAGES, "Journey stage")


class CommentListArgs(PageArgs, SegmentArgs):
    """/comments: a page, the segment, one theme."""

    theme = _id("theme")


class ThemeListArgs(PageArgs, SegmentArgs):
    """/themes: a page; the segment narrows the comments counted."""


class ActionListArgs(PageArgs):
    """/actions: a page, one owner partner, one theme, one status."""

    partner = _id("partner")
    theme = _id("theme")
    status = _choice(ACTION_STATUSES, "Status")


class LogArgs(Strict):
    """/log: the log page's own filters."""

    partner = _id("partner")
    status = _choice(ACTION_STATUSES, "Status")
    rag = _choice(COLOURS, "RAG status")


class CaseStatisticsArgs(DateArgs):
    """/cases/statistics: the days cases were received on, one partner."""

    partner = _id("partner")


class DashboardArgs(DateArgs):
    """/dashboard: the period, and what to break responses down by."""

    by = _choice(DIMENSIONS, "Breakdown")


class InvitationItem(Strict):
    """One person to invite: the same fields and checks as a row of the CSV upload."""

    email = fields.String(load_default="", validate=Length(max=254, error="The email address is too long"))
    mobile = fields.String(load_default="", validate=Length(max=32, error="The mobile number is too long"))
    journey_stage = fields.String(load_default="", validate=Length(max=100, error="The journey stage is too long"))
    locality = fields.String(load_default="", validate=Length(max=200, error="The locality is too long"))
    partner = fields.String(load_default="", metadata={"description": "the partner's name, as on the CSV upload"},
                            validate=Length(max=200, error="The partner name is too long"))
    need_type = fields.String(load_default="", validate=Length(max=200, error="The need type is too long"))


class InvitationBatch(Strict):
    """POST /invitations: the survey and the people to invite to it."""

    survey = fields.Integer(required=True, strict=True, validate=Range(min=1, max=2_147_483_647,
                                                                       error="Enter a survey id"),
                            error_messages={"required": "Enter the id of the survey to invite people to"})
    invitations = fields.List(fields.Nested(InvitationItem), required=True,
                              validate=Length(min=1, max=1000, error="Send from 1 to 1,000 invitations at a time"),
                              error_messages={"required": "Send a list of invitations"})


class ActionUpdateBody(Strict):
    """POST /actions/{id}/updates: the update, and a new status with its reason if it changes."""

    body = fields.String(required=True, validate=Length(max=20_000, error="The update is too long"),
                         error_messages={"required": "Enter the update"})
    status = fields.String(load_default=None, allow_none=True,
                           validate=OneOf(list(ACTION_STATUSES), error="Status must be one of: "
                                          + ", ".join(ACTION_STATUSES)))
    status_reason = fields.String(load_default="", validate=Length(max=20_000, error="The reason is too long"))
