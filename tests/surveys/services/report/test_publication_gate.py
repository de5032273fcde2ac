"""The one gate: nothing unreviewed, unredacted, unconsented, unapproved or flagged for safeguarding is published."""

import json

from surveys.models import db
from surveys.services.report import publication_gate, sign_off
from surveys.services.report.snapshot import build_snapshot
from tests.factories import make_comment, make_theme, make_user
from tests.surveys.services.report.publication_helpers import (
    approve,
    approve_everything,
    public_action,
    public_theme,
)


def published_text() -> str:
    return json.dumps(build_snapshot(1, None).snapshot, ensure_ascii=False)


def titles() -> list[str]:
    return [theme["title"] for theme in build_snapshot(1, None).snapshot["themes"]]


def test_an_approved_reviewed_public_theme_is_published(app_context):
    public_theme("Waiting for CAMHS")
    approve_everything()
    assert titles() == ["Waiting for CAMHS"]


def test_an_unreviewed_theme_is_never_published(app_context):
    make_theme("Proposed by the model", [make_comment("Too slow.", consent_quote=True)], status="proposed",
               public=True)
    approve_everything()
    assert titles() == []
    assert "Too slow." not in published_text()


def test_a_theme_not_marked_public_is_never_published(app_context):
    make_theme("Private theme", [make_comment("Private words.", consent_quote=True)], status="reviewed")
    approve_everything()
    assert titles() == []


def test_an_unapproved_theme_is_held_back(app_context):
    public_theme("Waiting for CAMHS")
    built = build_snapshot(1, None)
    assert built.snapshot["themes"] == []
    assert built.held_back == ["Theme ‘Waiting for CAMHS’: waiting for approval."]


def test_a_theme_approved_by_one_side_only_is_held_back(app_context):
    theme = public_theme("Waiting for CAMHS")
    approve("theme", theme, users=[make_user("coproduction_lead")])
    assert titles() == []


def test_a_private_or_unapproved_action_is_never_published(app_context):
    theme = public_theme()
    public_action(theme, "Public and approved")
    private = public_action(theme, "Private plan", public=False)
    approve_everything()
    unapproved = public_action(theme, "Public, not approved")
    built = build_snapshot(1, None)
    assert [a["title"] for a in built.snapshot["themes"][0]["actions"]] == ["Public and approved"]
    assert "Action ‘Public, not approved’: waiting for approval." in built.held_back
    assert private.title not in published_text() and unapproved.title not in published_text()


def test_an_unconsented_quote_is_never_published(app_context):
    theme = make_theme("Waiting", [make_comment("Nobody asked me to be quoted.", consent_quote=False)],
                       status="reviewed", public=True)
    approve("theme", theme)
    assert titles() == ["Waiting"]
    assert "Nobody asked me" not in published_text()


def test_a_flagged_comment_is_never_quoted(app_context):
    theme = make_theme("Waiting", [make_comment("I am scared at home.", consent_quote=True, safeguarding_flag=True)],
                       status="reviewed", public=True)
    approve("theme", theme)
    assert titles() == ["Waiting"]
    assert "scared" not in published_text()


def test_an_unanalysed_comment_is_never_quoted(app_context):
    theme = make_theme("Waiting", [make_comment("Not analysed yet.", consent_quote=True, analysed_at=None)],
                       status="reviewed", public=True)
    approve("theme", theme)
    assert "Not analysed yet." not in published_text()


def test_a_quote_that_redaction_would_still_change_is_dropped(app_context):
    leaky = "Email me at jo.bloggs@example.com about the plan."
    theme = make_theme("Waiting", [make_comment(leaky, redacted_text=leaky, consent_quote=True),
                                   make_comment("Plans are late.", consent_quote=True)],
                       status="reviewed", public=True)
    approve("theme", theme)
    snapshot = build_snapshot(1, None).snapshot
    assert snapshot["themes"][0]["quotes"] == ["Plans are late."]
    assert "example.com" not in published_text()


def test_a_staff_name_learnt_since_redaction_drops_the_quote(app_context):
    quote = "Mrs Okonkwo never called back."
    theme = make_theme("Waiting", [make_comment(quote, consent_quote=True)], status="reviewed", public=True)
    user = make_user("viewer")
    user.name = "Okonkwo"
    db.session.commit()
    assert publication_gate.safe_quotes(theme) == []


def test_admit_refuses_what_is_no_longer_allowed(app_context):
    """A snapshot built earlier (a rollback's copy) is checked against the database as it is now."""
    comment = make_comment("We waited a year.", consent_quote=True, audience="parent_carer")
    theme = make_theme("Waiting", [comment], status="reviewed", public=True)
    other = public_theme("Transport")
    approve_everything()
    earlier = build_snapshot(1, None).snapshot
    assert "We waited a year." in json.dumps(earlier)
    comment.safeguarding_flag = True
    other.public = False
    db.session.commit()
    admitted = publication_gate.admit(earlier, sign_off.approval_book())
    assert [t["title"] for t in admitted.snapshot["themes"]] == ["Waiting"]
    assert admitted.snapshot["themes"][0]["quotes"] == []
    assert "Theme ‘Transport’: it is not a reviewed public theme." in admitted.held_back
    assert theme.id == admitted.snapshot["themes"][0]["id"]


def test_admit_refuses_a_forged_entry(app_context):
    proposed = make_theme("Proposed", status="proposed")
    forged = {"themes": [{"id": proposed.id, "title": "Proposed", "summary": "", "quotes": [], "actions": []}]}
    admitted = publication_gate.admit(forged, sign_off.approval_book())
    assert admitted.snapshot["themes"] == []
