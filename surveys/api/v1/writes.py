"""Write endpoints: invitations in bulk and updates on actions. Each write is in the audit log with the token.

Invitations: the same role as the CSV upload, the same checks on each item (``invitation_upload``), all or
nothing: if any item has a problem, nothing is created and the answer is 422 with every problem by item. The
invitations are committed before any message goes, and sent by the upload's own batch (a message sent cannot be
unsent). Updates: the same roles and the same rule as the staff page (a partner lead only on their partner's
actions: another partner's action is not found).
"""

from flask import g

from surveys.models import Survey, db
from surveys.services.act import actions as action_service
from surveys.services.act import updates
from surveys.services.capture import invitation_lists, invitation_upload
from surveys.services.platform import audit
from surveys.services.platform.errors import Conflict, Forbidden, NotFound
from surveys.staff.invitation_views import UPLOAD_ROLES
from surveys.transactions import transaction

from . import arguments, blp, schemas
from .auth import api_user, token_required
from .problems import problem


@blp.route("/invitations", methods=["POST"])
@token_required(*UPLOAD_ROLES)
@blp.arguments(arguments.InvitationBatch)
@blp.response(201, schemas.InvitationResultSchema)
@blp.alt_response(422, description="Some items cannot be used; none was created", schema=schemas.ProblemSchema,
                  content_type="application/problem+json")
def create_invitations(batch):
    """Invite people to a survey.

    Up to 1,000 at a time, with the CSV upload's checks. All or nothing: one bad item and none is created."""
    survey = db.session.get(Survey, batch["survey"])
    if survey is None:
        raise NotFound("There is no survey with that id.")
    if survey not in invitation_lists.invitable_surveys():  # the upload form offers active surveys only
        raise Conflict("That survey is closed: invitations can be sent for active surveys only.")
    with transaction():  # the invitations, their queued messages and the audit event are kept together
        report, created = invitation_upload.add_invitation_items(survey, batch["invitations"], user=api_user())
        if created:
            audit.record(api_user(), "api.invitations", survey, token=g.api_token.id, invited=len(created))
    if report.problems:
        return problem(422, "No invitation was created. Correct the items listed in errors and send them all "
                            "again.", errors=_item_errors(report), items=_items(report))
    return {"survey": survey.id, "invited": report.invited, "messages_queued": len(created)}


def _item_errors(report) -> list[dict]:
    return [{"in": "body", "name": f"invitations.{item.line}", "detail": item.reason} for item in report.problems]


def _items(report) -> list[dict]:
    return [{"index": item.line, "problem": item.reason} for item in report.problems]


@blp.route("/actions/<int(min=1, max=2147483647):action_id>/updates", methods=["POST"])
@token_required(*action_service.EDIT_ROLES)
@blp.arguments(arguments.ActionUpdateBody)
@blp.response(201, schemas.CreatedUpdateSchema)
def post_action_update(body, action_id):
    """Post an update on an action.

    It changes the status if status differs; "changed" and "not_taken_forward" need a status_reason."""
    user = api_user()
    action = action_service.get_action(user, action_id)
    if not action_service.may_edit(user, action):
        raise Forbidden("This token's account can read this action but not change it.")
    update = updates.add_update(user, action, body["body"], body.get("status"), body.get("status_reason") or "")
    db.session.flush()
    audit.record(user, "api.action_update", action, token=g.api_token.id, update=update.id)
    return {"update": update, "action": action}
