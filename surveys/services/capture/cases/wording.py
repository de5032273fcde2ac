"""How cases are put into words: channel names, dates as people write them, and a response's opening."""

import re

from surveys.formatters import local_date
from surveys.models import Case

CHANNEL_NAMES = {
    "online": "Online form",
    "phone": "Phone",
    "letter": "Letter",
    "email": "Email",
    "in_person": "In person",
    "import": "Imported decision",
}
QUOTE_LIMIT = 400


def quote_from(details: str, limit: int = QUOTE_LIMIT) -> str:
    """The person's own words for a quote: whole if short, else whole sentences up to ``limit``, then "…"."""
    text = " ".join(details.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    quote = ""
    for sentence in sentences:
        if len(quote) + len(sentence) + 1 > limit:
            break
        quote = f"{quote} {sentence}".strip()
    if not quote:
        quote = text[:limit].rsplit(" ", 1)[0]
    return quote + " …"


def response_opening(case: Case) -> str:
    """A personal start to a response: who it is to, what they told us in their words, and when."""
    greeting = f"Dear {case.contact_name}," if case.contact_name else "Hello,"
    about = f" about {case.partner.name}" if case.partner else ""
    thanks = (
        f"Thank you for your {case.kind}{about}, which we received on {local_date(case.received_on)} "
        f"(our reference {case.reference})."
    )
    lines = [greeting, "", thanks]
    if case.details.strip():
        lines += ["", f'You told us that "{quote_from(case.details)}"']
    return "\n".join(lines) + "\n\n"


def response_draft(case: Case) -> str:
    """What the response editor starts from: the response so far, or a personal opening."""
    return case.response_text or response_opening(case)
