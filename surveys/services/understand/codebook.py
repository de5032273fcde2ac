"""The theme codebook: themes the co-production lead expects, each with example phrases, kept in the database.

A re-run asked for "from the codebook" starts the theme engine from these themes
(``analysis.themes.codebook``); the engine still proposes themes the codebook does not cover. The first
codebook can be the SEND inspection areas, which the lead then edits.
"""

from sqlalchemy import func, select

from analysis.themes.codebook import MAX_ENTRIES, MAX_LENGTH, MAX_PHRASES, SEND_INSPECTION_CODEBOOK, CodebookEntry
from surveys.models import CodebookTheme, User, db
from surveys.services.platform.audit import record
from surveys.services.platform.errors import Conflict, Invalid, NotFound


def entries() -> list[CodebookTheme]:
    """The codebook, by name."""
    return list(db.session.scalars(select(CodebookTheme).order_by(CodebookTheme.name, CodebookTheme.id)))


def for_engine() -> list[CodebookEntry]:
    """The codebook as the theme engine takes it."""
    return [CodebookEntry(entry.name, list(entry.phrases or [])) for entry in entries()]


def get_entry(entry_id: int) -> CodebookTheme:
    """One codebook theme, or NotFound."""
    entry = db.session.get(CodebookTheme, entry_id)
    if entry is None:
        raise NotFound("There is no such codebook theme")
    return entry


def split_phrases(text: str) -> list[str]:
    """One phrase a line, spaces tidied, blanks and repeats dropped."""
    phrases: list[str] = []
    for line in (text or "").splitlines():
        phrase = " ".join(line.split())
        if phrase and phrase.lower() not in (p.lower() for p in phrases):
            phrases.append(phrase)
    return phrases


def _check(name: str, phrases: list[str], entry: CodebookTheme | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise Invalid("Enter a name for the theme")
    if len(name) > MAX_LENGTH:
        raise Invalid(f"Theme name must be {MAX_LENGTH} characters or fewer")
    if not phrases:
        raise Invalid("Enter at least one example phrase")
    if len(phrases) > MAX_PHRASES:
        raise Invalid(f"Enter {MAX_PHRASES} example phrases or fewer")
    if any(len(p) > MAX_LENGTH for p in phrases):
        raise Invalid(f"Each example phrase must be {MAX_LENGTH} characters or fewer")
    same = db.session.scalar(select(CodebookTheme).where(func.lower(CodebookTheme.name) == name.lower()))
    if same is not None and same is not entry:
        raise Conflict(f"The codebook already has a theme called ‘{same.name}’")
    return name


def add(name: str, phrases: list[str], user: User) -> CodebookTheme:
    """Add a theme to the codebook."""
    if db.session.scalar(select(func.count(CodebookTheme.id))) >= MAX_ENTRIES:
        raise Conflict(f"The codebook has {MAX_ENTRIES} themes, the most it can have. Remove one first")
    entry = CodebookTheme(name=_check(name, phrases, None), phrases=phrases)
    db.session.add(entry)
    db.session.flush()
    record(user, "codebook.add", entry, phrases=len(phrases))  # the entry by id: no typed words in the log
    return entry


def change(entry: CodebookTheme, name: str, phrases: list[str], user: User) -> CodebookTheme:
    """Change a codebook theme's name or phrases."""
    entry.name, entry.phrases = _check(name, phrases, entry), phrases
    db.session.flush()
    record(user, "codebook.change", entry, phrases=len(phrases))
    return entry


def remove(entry: CodebookTheme, user: User) -> None:
    """Take a theme out of the codebook (themes already found are not touched)."""
    record(user, "codebook.remove", entry)
    db.session.delete(entry)
    db.session.flush()


def start_from_send_inspection(user: User) -> int:
    """Fill an empty codebook with the SEND inspection areas; returns how many themes were added."""
    if entries():
        raise Conflict("The codebook already has themes. Remove them first to start again")
    for default in SEND_INSPECTION_CODEBOOK:
        db.session.add(CodebookTheme(name=default.name, phrases=list(default.phrases)))
    db.session.flush()
    record(user, "codebook.start", None, source="SEND inspection areas", themes=len(SEND_INSPECTION_CODEBOOK))
    return len(SEND_INSPECTION_CODEBOOK)
