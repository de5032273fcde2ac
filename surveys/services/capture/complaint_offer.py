"""Whether to offer a person the choice of making their feedback a formal complaint."""

from analysis.complaints import reads_like_complaint
from surveys.models import Response
from surveys.services.capture.responses import free_text_of

CHOICES = {
    "formal_complaint": "Make it a formal complaint",
    "sendiass": "Talk to the SEND information, advice and support service (SENDIASS)",
    "mediation": "Ask about mediation",
    "keep_feedback": "Keep it as feedback",
}


def complaint_offer(response: Response) -> bool:
    """True when something the person wrote reads like a complaint."""
    return any(reads_like_complaint(text) for text in free_text_of(response))
