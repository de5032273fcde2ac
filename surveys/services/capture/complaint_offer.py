"""Whether to offer a person the choice of making their feedback a formal complaint, and acting on their choice.

The same gentle choice follows a survey whose answers read like a complaint and a comment (from the public form)
that does. Nothing is escalated unless the person chooses it, and a choice is made once.
"""

from analysis.complaints import reads_like_complaint
from surveys.models import Case, Response
from surveys.services.capture.cases import lifecycle
from surveys.services.capture.responses import free_text_of
from surveys.services.platform.errors import Invalid

CHOICES = {
    "formal_complaint": "Make it a formal complaint",
    "sendiass": "Talk to the SEND information, advice and support service (SENDIASS)",
    "mediation": "Ask about mediation",
    "keep_feedback": "Keep it as feedback",
}


def complaint_offer(response: Response) -> bool:
    """True when something the person wrote reads like a complaint."""
    return any(reads_like_complaint(text) for text in free_text_of(response))


def comment_offer(case: Case) -> bool:
    """True for a comment that reads like a complaint, not yet answered, whose writer has not chosen yet."""
    waiting = case.kind == "comment" and case.complaint_choice is None and case.responded_on is None
    return waiting and reads_like_complaint(case.details)


def choose_for_comment(case: Case, choice: str, **contact) -> bool:
    """Act on the person's choice for their comment: a formal complaint (with any contact details they add), or
    their choice kept. False when a choice was already made (a double submit does nothing twice)."""
    if choice not in CHOICES:
        raise Invalid(f"Unknown choice {choice!r}")
    if choice == "formal_complaint":
        return lifecycle.make_complaint(case, **contact)
    return lifecycle.record_comment_choice(case, choice)
