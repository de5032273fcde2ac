"""The demo publishes a first version: both sides approve every entry, the forum adds one dissent note."""

from datetime import UTC, datetime

from sqlalchemy import select

from surveys.models import Approval, db
from surveys.publish_steps import publish_now
from surveys.services.demo import seed_demo
from surveys.services.demo.publication import FORUM_NOTE, approve_for_demo
from surveys.services.report import publishing, sign_off

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


def test_the_demo_approves_and_publishes_a_first_version(app_context):
    seed_demo(now=NOW)
    db.session.commit()
    approved = approve_for_demo()
    db.session.commit()
    assert approved == len(sign_off.entries_for_sign_off()) > 0
    assert all(not waiting.missing for waiting in sign_off.entries_for_sign_off())
    assert db.session.scalar(select(Approval.note).where(Approval.note != "")) == FORUM_NOTE

    publication, built = publish_now()
    live = publishing.previous_live()
    assert live.version == publication.version == 1
    themes = live.snapshot["themes"]
    assert themes and all(theme["coproduced"] for theme in themes)
    assert any(theme["actions"] for theme in themes)
    assert {change["kind"] for change in live.snapshot["changes"]} == {"new_theme", "new_action"}
    assert approve_for_demo() == approved  # nothing new to approve: every side had approved already
    assert db.session.scalar(select(db.func.count(Approval.id))) == 2 * approved
