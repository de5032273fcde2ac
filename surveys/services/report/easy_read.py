"""The easy-read twin of a tracker entry: short sentences and a symbol with words, reading age checked.

Themes and actions have no easy-read wording of their own yet, so the twin is the entry's first sentence, with a
symbol chosen from its words. The reading age is checked with the readability check the survey editor uses; a
hard line is a warning for staff to look again, never a reason to hold an entry back.
"""

from surveys.services.capture.readability import check_easy_read, sentences

# The first symbol whose word stems appear in an entry; the public pages show each with its word.
SYMBOLS = (
    ("clock", ("wait", "late", "delay", "slow", "week", "month")),
    ("health", ("camhs", "health", "therap", "nhs", "doctor", "mental", "nurse")),
    ("school", ("school", "college", "placement", "class", "teacher", "senco")),
    ("bus", ("transport", "travel", "bus", "taxi")),
    ("talk", ("listen", "communicat", "call", "email", "told", "inform", "answer", "heard")),
    ("plan", ("plan", "ehc", "assess", "review")),
)
DEFAULT_SYMBOL = "speech"


def symbol_for(*texts: str) -> str:
    """A symbol for an entry, from the words of its title first, then its summary."""
    for text in texts:
        words = (text or "").lower()
        for symbol, stems in SYMBOLS:
            if any(stem in words for stem in stems):
                return symbol
    return DEFAULT_SYMBOL


def first_sentence(text: str) -> str:
    """The first sentence of a text, or "" for none."""
    found = sentences(text or "")
    return found[0] if found else ""


def theme_twin(entry: dict, plain: str = "") -> dict:
    """The easy-read version of a theme entry, from ``plain`` words for families when there are some."""
    return {"title": entry["title"], "summary": first_sentence(plain or entry["summary"]),
            "symbol": symbol_for(entry["title"], entry["summary"])}


def action_twin(entry: dict) -> dict:
    """The easy-read version of an action entry."""
    return {"title": entry["title"], "what_this_means": first_sentence(entry["what_this_means"])}


def reading_warnings(themes: list[dict]) -> list[str]:
    """What staff may want to reword in the easy-read twin: lines above a reading age of 9, or too long."""
    texts = []
    for theme in themes:
        texts += [(theme["title"], theme["easy_read"]["title"]), (theme["title"], theme["easy_read"]["summary"])]
        texts += [(action["title"], action["easy_read"]["what_this_means"]) for action in theme["actions"]]
    return [f"Easy read of ‘{finding.where}’: “{finding.text}” {' '.join(finding.messages)}"
            for finding in check_easy_read(texts)]
