"""Does a piece of feedback read like a complaint? Used to offer, never to force, a formal complaint."""

import re

from analysis.sentiment import score_sentiment

# Words people use when something has gone wrong and they want it put right.
_EXPLICIT = re.compile(
    r"\b(complain\w*|formal(ly)? complain\w*|ombudsman|lgsco|solicitor|legal action|tribunal|"
    r"judicial review|appeal(ed|ing)?)\b",
    re.IGNORECASE,
)
_GRIEVANCE = re.compile(
    r"\b(unacceptable|disgrace\w*|appalling|shocking|disgusting|negligen\w*|incompeten\w*|"
    r"let (us|me|him|her|them) down|failed (us|me|my|our|him|her)|failing (us|my|our)|"
    r"ignored|no one (has )?(got back|replied|responded|called)|never (got back|replied|responded|heard back)|"
    r"still waiting|chased|lied|lost (the|our|my) (paperwork|forms?|documents?|file)|breach\w*|"
    r"out of time|over the 20 weeks?|statutory deadline|not (been )?(followed|implemented|delivered))\b",
    re.IGNORECASE,
)
NEGATIVE_ENOUGH = -0.3


def reads_like_complaint(text: str) -> bool:
    """True when the text names a complaint, or states a grievance in clearly negative words."""
    if not text or not text.strip():
        return False
    if _EXPLICIT.search(text):
        return True
    return bool(_GRIEVANCE.search(text)) and score_sentiment(text).compound <= NEGATIVE_ENOUGH
