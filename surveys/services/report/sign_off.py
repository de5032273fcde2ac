"""Co-production sign-off: nothing is published until both sides approved that version of it.

A partnership lead (a co-production lead or an administrator) and a parent carer forum representative each approve
an entry: a reviewed public theme, or a public action under one. An approval is of a fingerprint of the entry's
words (``entries.fingerprint``), so when the words change the entry waits for both again. Either side may record a
dissent note, with its approval or instead of it; every decision is kept with its time, none is ever changed.
For each side, its latest decision on the current words counts. Services flush; the edge commits.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from surveys.models import SIDES, Action, Approval, Theme, User, db, utcnow
from surveys.services.platform import audit
from surveys.services.platform.errors import Conflict, Forbidden, Invalid, NotFound
from surveys.services.report import entries, publication_gate

PARTNERSHIP_ROLES = ("admin", "coproduction_lead")
FORUM_ROLES = ("pcf_rep",)


def side_of(user: User) -> str | None:
    """The side a person approves for: "partnership", "forum", or None when they cannot approve."""
    if user.role in PARTNERSHIP_ROLES:
        return "partnership"
    return "forum" if user.role in FORUM_ROLES else None


class ApprovalBook:
    """Every decision, read once, to ask quickly which sides approved which words of which entry."""

    def __init__(self, rows: list[Approval]) -> None:
        self._latest: dict[tuple, Approval] = {}
        self.notes: dict[tuple[str, int], list[Approval]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: (r.decided_at, r.id)):
            self._latest[(row.entry_kind, row.entry_id, row.fingerprint, row.side)] = row
            if row.note:
                self.notes[(row.entry_kind, row.entry_id)].append(row)

    def sides(self, kind: str, entry_id: int, fingerprint: str) -> set[str]:
        """The sides whose latest decision on these words approves them."""
        return {side for side in SIDES
                if (row := self._latest.get((kind, entry_id, fingerprint, side))) is not None and row.approved}

    def approved(self, kind: str, entry: dict) -> bool:
        """True when both sides approved exactly these words."""
        return self.sides(kind, entry["id"], entries.fingerprint(kind, entry)) == set(SIDES)


def approval_book() -> ApprovalBook:
    """All decisions, for one build or one page."""
    return ApprovalBook(list(db.session.scalars(select(Approval))))


@dataclass
class Waiting:
    """An entry as it would be published now, and who has approved these words."""

    kind: str
    entry: dict
    fingerprint: str
    sides: set[str]
    theme_title: str = ""
    notes: list[Approval] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """The sides still to approve, as people say them."""
        return [label for side, label in SIDES.items() if side not in self.sides]


def entries_for_sign_off() -> list[Waiting]:
    """Every entry that could be published now (reviewed public themes and their public actions), in order."""
    book, known = approval_book(), publication_gate.known_words()
    found = []
    for theme in publication_gate.publishable_themes():
        found.append(_waiting(book, "theme", current_entry("theme", theme, known), theme.label))
        for action in publication_gate.publishable_actions(theme):
            found.append(_waiting(book, "action", current_entry("action", action, known), theme.label))
    return found


def _waiting(book: ApprovalBook, kind: str, entry: dict, theme_title: str) -> Waiting:
    mark = entries.fingerprint(kind, entry)
    return Waiting(kind, entry, mark, book.sides(kind, entry["id"], mark), theme_title,
                   book.notes.get((kind, entry["id"]), []))


def current_entry(kind: str, thing: Theme | Action, known=None) -> dict:
    """The words an entry would be published with now."""
    if kind == "theme":
        return entries.theme_content(thing, publication_gate.safe_quotes(thing, known))
    return entries.action_content(thing)


def find_entry(kind: str, entry_id: int) -> Theme | Action:
    """A theme or action that could be published; ``NotFound`` for anything else."""
    model = {"theme": Theme, "action": Action}.get(kind)
    thing = db.session.get(model, entry_id) if model else None
    if thing is None or not publication_gate.may_be_published(kind, thing):
        raise NotFound("That entry is not one that could be published: only reviewed public themes and public "
                       "actions linked to them are.")
    return thing


def decide(user: User, kind: str, entry_id: int, seen: str, *, approve: bool = True, note: str = "") -> Approval:
    """Record a person's approval of (or dissent from) the words they saw, ``seen`` being their fingerprint.

    ``Conflict`` when the words changed since the person read them; ``Invalid`` for a dissent without a note.
    """
    side = side_of(user)
    if side is None:
        raise Forbidden("Only a co-production lead, an administrator or a parent carer forum representative "
                        "can approve what is published.")
    note = (note or "").strip()
    if not approve and not note:
        raise Invalid("Enter a note saying why you do not approve")
    current = entries.fingerprint(kind, current_entry(kind, find_entry(kind, entry_id)))
    if current != seen:
        raise Conflict("This entry changed since you opened the page. Read it again before you decide.")
    row = Approval(entry_kind=kind, entry_id=entry_id, fingerprint=current, user_id=user.id, side=side,
                   approved=approve, note=note, decided_at=utcnow())
    db.session.add(row)
    db.session.flush()
    audit.record(user, "publication_approved" if approve else "publication_dissent", row, entry_kind=kind,
                 entry_id=entry_id, side=side)
    return row


def decisions(kind: str, entry_id: int) -> list[Approval]:
    """Every decision on an entry, the latest first, notes and earlier versions included."""
    query = (select(Approval).where(Approval.entry_kind == kind, Approval.entry_id == entry_id)
             .order_by(Approval.decided_at.desc(), Approval.id.desc()))
    return list(db.session.scalars(query))
