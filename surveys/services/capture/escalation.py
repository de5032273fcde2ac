"""Turning survey feedback into a formal complaint, only when the person chooses it."""

from surveys.models import Case, Response
from surveys.services.capture import cases as case_service
from surveys.services.capture import responses


def make_formal_complaint(
    response: Response, *, contact_name: str | None, contact_email: str | None, contact_phone: str | None
) -> Case | None:
    """Open a stage 1 complaint from what the person wrote, once, and only when the choice was offered: the choice
    is claimed first (a conditional UPDATE), and the case's response id is unique in the database. None, making
    nothing, when the choice was not offered or was already made."""
    if not responses.claim_complaint_choice(response, "formal_complaint"):
        return None
    details = "\n\n".join(responses.free_text_of(response))
    case = case_service.create_case(
        "complaint",
        details,
        stage="stage_1",
        channel="online",
        partner_id=response.partner_id,
        summary=f"From the survey “{response.version.survey.title}”",
        contact_name=contact_name or None,
        contact_email=contact_email or response.contact_email,
        contact_phone=contact_phone or response.contact_phone,
        response_id=response.id,
    )
    return case
