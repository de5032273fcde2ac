"""Response schemas: the shape of every body the API sends, dumped by flask-smorest and described in the spec.

Counts are suppression cells: ``count`` is null when the number is small enough to identify someone (or would
give one away), and ``text`` says how the staff pages write it ("fewer than 5", "not shown").
"""

from marshmallow import Schema, fields


def _nullable(field_class, **kwargs):
    return field_class(allow_none=True, **kwargs)


class CellSchema(Schema):
    count = fields.Function(lambda cell: cell.shown, allow_none=True,
                            metadata={"type": "integer", "description": "null when suppressed"})
    suppressed = fields.Boolean()
    text = fields.String(metadata={"description": "as the staff pages show it"})


class ProblemSchema(Schema):
    """RFC 9457 problem details, with one entry per bad parameter in ``errors``."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    instance = fields.String()
    errors = fields.List(fields.Dict(keys=fields.String(), values=fields.Raw()))
    items = fields.List(fields.Dict(keys=fields.String(), values=fields.Raw()))


class PageSchema(Schema):
    next_cursor = _nullable(fields.String, metadata={"description": "send as ?cursor= for the next page; null at "
                                                                    "the end"})


class NamedSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class ThemeRefSchema(Schema):
    id = fields.Integer()
    label = fields.String()


# --- surveys and responses ---


class OptionSchema(Schema):
    value = fields.Function(lambda option: str(option.get("value", "")))
    label = fields.Function(lambda option: str(option.get("label", "")))


class QuestionSchema(Schema):
    key = fields.String()
    kind = fields.String()
    prompt = fields.String()
    easy_read_prompt = fields.String()
    hint = fields.String()
    required = fields.Boolean()
    page = fields.Integer()
    options = fields.List(fields.Nested(OptionSchema))


class SurveySchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    title = fields.String()
    audience = fields.String()
    easy_read = fields.Boolean()
    open_link = fields.Boolean()
    active = fields.Boolean()
    version = fields.Function(lambda survey: survey.current_version.number if survey.current_version else None,
                              allow_none=True, metadata={"type": "integer"})
    questions = fields.Function(
        lambda survey: QuestionSchema(many=True).dump(survey.current_version.questions if survey.current_version
                                                      else []),
        metadata={"type": "array", "items": {"type": "object"}})


class SurveyPageSchema(PageSchema):
    items = fields.List(fields.Nested(SurveySchema))


class AnswerSchema(Schema):
    question = fields.String(metadata={"description": "the question's key"})
    kind = fields.String()
    value = _nullable(fields.String, metadata={"description": "the answer; free text is redacted, and null when "
                                                              "withheld"})
    choices = _nullable(fields.List, cls_or_instance=fields.Raw())


class ResponseSchema(Schema):
    id = fields.Function(lambda row: row.response.id, metadata={"type": "integer"})
    survey = fields.Integer(attribute="survey_id")
    version = fields.Integer()
    submitted_at = fields.Function(lambda row: row.response.submitted_at and row.response.submitted_at.isoformat(),
                                   allow_none=True, metadata={"type": "string", "format": "date-time"})
    journey_stage = fields.Function(lambda row: row.response.journey_stage, allow_none=True,
                                    metadata={"type": "string"})
    locality = fields.Function(lambda row: row.response.locality, allow_none=True, metadata={"type": "string"})
    partner = fields.Function(lambda row: row.response.partner_id, allow_none=True, metadata={"type": "integer"})
    need_type = fields.Function(lambda row: row.response.need_type, allow_none=True, metadata={"type": "string"})
    answers = fields.List(fields.Nested(AnswerSchema))


class ResponsePageSchema(PageSchema):
    items = fields.List(fields.Nested(ResponseSchema))


# --- comments and themes ---


class CommentSchema(Schema):
    id = fields.Integer()
    source = fields.String()
    received_at = fields.AwareDateTime()
    text = fields.String(attribute="redacted_text", metadata={"description": "redacted: never the raw words"})
    audience = _nullable(fields.String)
    journey_stage = _nullable(fields.String)
    locality = _nullable(fields.String)
    need_type = _nullable(fields.String)
    partner = _nullable(fields.Integer, attribute="partner_id")
    sentiment = _nullable(fields.String)
    sentiment_score = _nullable(fields.Float)
    emotions = fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True))
    safeguarding_flag = fields.Boolean(metadata={"description": "only safeguarding reviewers see flagged comments"})
    themes = fields.List(fields.Nested(ThemeRefSchema))


class CommentPageSchema(PageSchema):
    items = fields.List(fields.Nested(CommentSchema))


class MonthCountSchema(Schema):
    month = fields.Function(lambda pair: pair[0], metadata={"type": "string", "example": "2026-03"})
    comments = fields.Function(lambda pair: CellSchema().dump(pair[1]), metadata={"type": "object"})


class ThemeSchema(Schema):
    id = fields.Function(lambda row: row.theme.id, metadata={"type": "integer"})
    label = fields.Function(lambda row: row.theme.label, metadata={"type": "string"})
    status = fields.Function(lambda row: row.theme.status, metadata={"type": "string"})
    description = fields.Function(lambda row: row.theme.description, metadata={"type": "string"})
    key_terms = fields.Function(lambda row: list(row.theme.key_terms or []),
                                metadata={"type": "array", "items": {"type": "string"}})
    public = fields.Function(lambda row: row.theme.public, metadata={"type": "boolean"})
    comments = fields.Nested(CellSchema, attribute="total")
    months = fields.List(fields.Nested(MonthCountSchema))


class ThemePageSchema(PageSchema):
    items = fields.List(fields.Nested(ThemeSchema))


# --- actions and the log ---


class MilestoneSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    due_on = _nullable(fields.Date)
    done_on = _nullable(fields.Date)


class UpdateSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "update, or forum_note from the parent carer forum"})
    body = fields.String()
    status = _nullable(fields.String, metadata={"description": "the status set with this update, if any"})
    created_at = fields.AwareDateTime()


class PeriodSchema(Schema):
    start = fields.Date()
    end = fields.Date()
    value = _nullable(fields.Float)
    text = fields.String()
    counts = fields.Dict(keys=fields.String(), values=fields.Nested(CellSchema))


class ImpactSchema(Schema):
    kind = fields.String()
    label = fields.String()
    unit = fields.String()
    before = fields.Nested(PeriodSchema)
    after = fields.Nested(PeriodSchema)
    change_text = fields.String()


class RagSchema(Schema):
    colour = fields.String()
    label = fields.String()
    reasons = fields.List(fields.String())
    days_past_target = fields.Integer()
    overdue_milestones = fields.Function(lambda rag: len(rag.overdue_milestones), metadata={"type": "integer"})
    no_update_since_board = fields.Boolean()
    last_board = _nullable(fields.Date)


class ActionBodySchema(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    partner = fields.Nested(NamedSchema)
    status = fields.String()
    status_reason = fields.String()
    start_date = _nullable(fields.Date)
    target_date = _nullable(fields.Date)
    completed_on = _nullable(fields.Date)
    what_this_means = fields.String()
    for_the_future = fields.String()
    public = fields.Boolean()
    themes = fields.List(fields.Nested(ThemeRefSchema))
    milestones = fields.List(fields.Nested(MilestoneSchema))
    updates = fields.List(fields.Nested(UpdateSchema))


class ActionSchema(Schema):
    action = fields.Nested(ActionBodySchema)
    rag = fields.Nested(RagSchema)
    impact = fields.Nested(ImpactSchema, allow_none=True)


class ActionPageSchema(PageSchema):
    items = fields.List(fields.Nested(ActionSchema))


class LatestUpdateSchema(Schema):
    created_at = fields.AwareDateTime()
    body = fields.String()


class LogRowSchema(Schema):
    action = fields.Function(lambda row: {"id": row.action.id, "title": row.action.title,
                                          "partner": row.action.partner.name, "status": row.action.status,
                                          "target_date": row.action.target_date.isoformat()
                                          if row.action.target_date else None},
                             metadata={"type": "object"})
    rag = fields.Nested(RagSchema)
    latest_update = fields.Nested(LatestUpdateSchema, allow_none=True)
    impact = fields.Nested(ImpactSchema, allow_none=True)


class LogSchema(Schema):
    rules = fields.List(fields.String(), metadata={"description": "how the RAG status is decided"})
    items = fields.List(fields.Nested(LogRowSchema))


# --- publications, cases, dashboard ---


class PublicationSchema(Schema):
    version = fields.Integer()
    status = fields.String()
    published_at = _nullable(fields.AwareDateTime)


class PublicationPageSchema(PageSchema):
    items = fields.List(fields.Nested(PublicationSchema))


class PublicationDetailSchema(PublicationSchema):
    snapshot = fields.Dict(metadata={"description": "the tracker as published (shape: /you-said-we-did.schema.json)"})


class BreakdownRowSchema(Schema):
    label = fields.Function(lambda row: row[0], metadata={"type": "string"})
    count = fields.Function(lambda row: CellSchema().dump(row[1]), metadata={"type": "object"})
    share = fields.Function(lambda row: row[2], metadata={"type": "string", "description": "\"\" when hidden"})


class BreakdownSchema(Schema):
    rows = fields.List(fields.Nested(BreakdownRowSchema))
    total = fields.Nested(CellSchema)


class TimelinessSchema(Schema):
    answered = fields.Nested(CellSchema)
    on_time = fields.Nested(CellSchema)
    overdue = fields.Nested(CellSchema)
    share_on_time = fields.String()


class PeriodDaysSchema(Schema):
    start = fields.Date()
    end = fields.Date()


class CaseStatisticsSchema(Schema):
    period = fields.Nested(PeriodDaysSchema)
    by_kind = fields.Nested(BreakdownSchema)
    by_stage = fields.Nested(BreakdownSchema)
    by_outcome = fields.Nested(BreakdownSchema)
    open = fields.Nested(CellSchema)
    overdue = fields.Nested(CellSchema)
    timeliness = fields.Nested(TimelinessSchema)


class CrossTabSchema(Schema):
    row_labels = fields.List(fields.String())
    column_labels = fields.List(fields.String())
    cells = fields.Function(lambda table: [CellSchema(many=True).dump(row) for row in table.grid.cells],
                            metadata={"type": "array", "items": {"type": "array", "items": {"type": "object"}}})
    row_totals = fields.Function(lambda table: CellSchema(many=True).dump(table.grid.row_totals),
                                 metadata={"type": "array", "items": {"type": "object"}})


class ResponseRateSchema(Schema):
    sent = fields.Nested(CellSchema)
    responded = fields.Nested(CellSchema)
    rate = fields.String()


class FeelingSchema(Schema):
    theme = fields.Integer(attribute="theme_id")
    label = fields.String()
    comments = fields.Nested(CellSchema)
    sentiment = _nullable(fields.Float)
    emotions = fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True))


class DashboardSchema(Schema):
    period = fields.Nested(PeriodDaysSchema)
    by = fields.String()
    responses_by_month = fields.Nested(CrossTabSchema, attribute="responses")
    responses_by = fields.Nested(BreakdownSchema)
    response_rate = fields.Nested(ResponseRateSchema)
    theme_volumes = fields.Nested(CrossTabSchema)
    feelings = fields.List(fields.Nested(FeelingSchema))
    timeliness = fields.Nested(TimelinessSchema)
    actions = fields.Nested(BreakdownSchema)


# --- writes ---


class InvitationResultSchema(Schema):
    survey = fields.Integer()
    invited = fields.Integer()
    messages_queued = fields.Integer(metadata={"description": "Messages queued for the worker, which sends them "
                                                          "within seconds and retries failures"})


class CreatedUpdateSchema(Schema):
    update = fields.Nested(UpdateSchema)
    action = fields.Nested(ActionBodySchema)
