"""Co-production sign-off: both sides approve the words that will be published; a change needs both again."""

import pytest

from surveys.models import ActionUpdate, Approval, db
from surveys.services.platform.errors import Conflict, Forbidden, Invalid, NotFound
from surveys.services.report import sign_off
from surveys.services.report.entries import fingerprint
from tests.factories import make_theme, make_user
from tests.surveys.services.report.publication_helpers import NOW, approve, approvers, public_action, public_theme


def waiting_for(kind, thing):
    return next(w for w in sign_off.entries_for_sign_off() if w.kind == kind and w.entry["id"] == thing.id)


def current_mark(kind, thing):
    return fingerprint(kind, sign_off.current_entry(kind, thing))


def test_sides_of_roles(app_context):
    assert sign_off.side_of(make_user("coproduction_lead")) == "partnership"
    assert sign_off.side_of(make_user("admin")) == "partnership"
    assert sign_off.side_of(make_user("pcf_rep")) == "forum"
    assert sign_off.side_of(make_user("analyst")) is None


def test_an_entry_needs_both_sides(app_context):
    theme = public_theme()
    lead, rep = approvers()
    sign_off.decide(lead, "theme", theme.id, current_mark("theme", theme))
    item = waiting_for("theme", theme)
    assert item.sides == {"partnership"}
    assert item.missing == ["Parent carer forum"]
    assert not sign_off.approval_book().approved("theme", item.entry)
    sign_off.decide(rep, "theme", theme.id, current_mark("theme", theme))
    item = waiting_for("theme", theme)
    assert item.missing == []
    assert sign_off.approval_book().approved("theme", item.entry)


def test_two_approvals_from_one_side_are_not_enough(app_context):
    theme = public_theme()
    for role in ("coproduction_lead", "admin"):
        sign_off.decide(make_user(role), "theme", theme.id, current_mark("theme", theme))
    assert waiting_for("theme", theme).missing == ["Parent carer forum"]


def test_a_changed_entry_needs_approval_again(app_context):
    theme = public_theme()
    action = public_action(theme)
    approve("theme", theme)
    approve("action", action)
    action.status = "completed"
    theme.description = "Families told us something else."
    db.session.commit()
    assert waiting_for("action", action).sides == set()
    assert waiting_for("theme", theme).sides == set()


def test_a_new_update_needs_approval_again(app_context):
    theme = public_theme()
    action = public_action(theme, update="We hired two nurses.")
    approve("action", action)
    action.updates.append(ActionUpdate(body="The waiting list halved.", kind="update",
                                       created_at=NOW.replace(day=2)))
    db.session.commit()
    assert waiting_for("action", action).sides == set()


def test_a_dissent_note_is_kept_with_a_later_approval(app_context):
    theme = public_theme()
    lead, rep = approvers()
    mark = current_mark("theme", theme)
    sign_off.decide(rep, "theme", theme.id, mark, approve=False, note="The forum wants the waits shown.")
    assert waiting_for("theme", theme).sides == set()
    sign_off.decide(rep, "theme", theme.id, mark, note="Approved, but show the waits next time.")
    sign_off.decide(lead, "theme", theme.id, mark)
    item = waiting_for("theme", theme)
    assert item.missing == []
    assert [row.note for row in sign_off.decisions("theme", theme.id) if row.note] == [
        "Approved, but show the waits next time.", "The forum wants the waits shown."]
    assert db.session.query(Approval).count() == 3


def test_a_later_dissent_withdraws_that_sides_approval(app_context):
    theme = public_theme()
    lead, rep = approvers()
    mark = current_mark("theme", theme)
    sign_off.decide(rep, "theme", theme.id, mark)
    sign_off.decide(rep, "theme", theme.id, mark, approve=False, note="On reflection, not yet.")
    assert waiting_for("theme", theme).sides == set()


def test_a_dissent_needs_a_note(app_context):
    theme = public_theme()
    with pytest.raises(Invalid):
        sign_off.decide(make_user("pcf_rep"), "theme", theme.id, current_mark("theme", theme), approve=False)


def test_approving_words_that_changed_since_they_were_read_is_refused(app_context):
    theme = public_theme()
    seen = current_mark("theme", theme)
    theme.description = "New words."
    db.session.commit()
    with pytest.raises(Conflict):
        sign_off.decide(make_user("pcf_rep"), "theme", theme.id, seen)


def test_only_approvers_decide(app_context):
    theme = public_theme()
    with pytest.raises(Forbidden):
        sign_off.decide(make_user("analyst"), "theme", theme.id, current_mark("theme", theme))


def test_only_publishable_entries_can_be_approved(app_context):
    private = make_theme("Private", status="reviewed", public=False)
    with pytest.raises(NotFound):
        sign_off.decide(make_user("pcf_rep"), "theme", private.id, "x")
    with pytest.raises(NotFound):
        sign_off.find_entry("widget", 1)
