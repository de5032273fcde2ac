"""Test data for publishing: public themes with comments and actions, and approvals from both sides."""

from datetime import UTC, datetime

from surveys.models import Action, ActionUpdate, db
from surveys.services.report import sign_off
from tests.factories import make_comment, make_partner, make_theme, make_user

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def public_theme(label: str = "Waiting for CAMHS", people: int = 6, quotes=("We waited a year for CAMHS.",),
                 **fields):
    """A reviewed public theme raised by ``people`` parents in the North, with consented quotes among them."""
    comments = [make_comment(quote, consent_quote=True, audience="parent_carer", locality="North")
                for quote in quotes]
    comments += [make_comment(f"Comment {n} about {label}.", audience="parent_carer", locality="North")
                 for n in range(max(0, people - len(comments)))]
    fields.setdefault("description", f"Families told us about {label.lower()}.")
    return make_theme(label, comments, status="reviewed", public=True, **fields)


def public_action(theme, title: str = "Open a CAMHS front door", update: str | None = None, **fields) -> Action:
    """A public action linked to ``theme``, with an update when given."""
    fields.setdefault("status", "in_progress")
    fields.setdefault("what_this_means", "You will have one number to call.")
    fields.setdefault("public", True)
    action = Action(title=title, partner=make_partner(), themes=[theme], **fields)
    db.session.add(action)
    if update:
        action.updates.append(ActionUpdate(body=update, kind="update", created_at=NOW))
    db.session.commit()
    return action


def approvers():
    """A co-production lead and a forum representative."""
    return make_user("coproduction_lead"), make_user("pcf_rep")


def approve(kind: str, thing, users=None, note: str = "") -> None:
    """Both sides approve the entry's words as they are now."""
    from surveys.services.report.entries import fingerprint

    for user in users or approvers():
        mark = fingerprint(kind, sign_off.current_entry(kind, thing))
        sign_off.decide(user, kind, thing.id, mark, note=note)
    db.session.commit()


def approve_everything(users=None) -> None:
    """Both sides approve every entry waiting now."""
    users = users or approvers()
    for waiting in sign_off.entries_for_sign_off():
        for user in users:
            if sign_off.side_of(user) not in waiting.sides:
                sign_off.decide(user, waiting.kind, waiting.entry["id"], waiting.fingerprint)
    db.session.commit()
