"""Migrations build the same schema as the models, and the database enforces the key constraints."""

import json
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from surveys import MIGRATIONS_DIR, create_app
from surveys.models import Invitation, Response, Survey, SurveyVersion, db, utcnow


def test_single_head_and_numbered_revisions():
    script = ScriptDirectory.from_config(_alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1, f"migrations have several heads: {heads}"
    for revision in script.walk_revisions():
        assert revision.revision.isdigit(), f"revision {revision.revision} is not numbered"


def test_migrations_match_models(app_context):
    """No difference between the migrated database and the models (what autogenerate would write)."""

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def _alembic_config() -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _survey() -> SurveyVersion:
    survey = Survey(slug="s", title="S", audience="parent_carer")
    version = SurveyVersion(survey=survey, number=1)
    db.session.add(version)
    db.session.commit()
    return version


def test_token_hash_is_unique_in_the_database(app_context):
    version = _survey()
    expires = utcnow() + timedelta(days=30)
    db.session.add(Invitation(survey_id=version.survey_id, token_hash="a" * 64, expires_at=expires))
    db.session.commit()
    db.session.add(Invitation(survey_id=version.survey_id, token_hash="a" * 64, expires_at=expires))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_one_response_per_invitation_in_the_database(app_context):
    version = _survey()
    invitation = Invitation(survey_id=version.survey_id, token_hash="b" * 64, expires_at=utcnow() + timedelta(days=1))
    db.session.add(invitation)
    db.session.commit()
    db.session.add(Response(version_id=version.id, invitation_id=invitation.id))
    db.session.commit()
    db.session.add(Response(version_id=version.id, invitation_id=invitation.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_foreign_keys_are_enforced(app_context):
    db.session.add(Response(version_id=999_999))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_timestamps_come_back_as_aware_utc(app_context):
    version = _survey()
    loaded = db.session.get(SurveyVersion, version.id)
    db.session.expire(loaded)
    assert loaded.created_at.tzinfo is not None
    assert abs((utcnow() - loaded.created_at).total_seconds()) < 60


def test_safeguarding_alerts_get_their_comment_id_from_the_old_reference(tmp_path):
    """Revision 0004 moves the comment id out of provider_reference into notification.comment_id, and back."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.db'}",
                      "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio")})
    with app.app_context():
        upgrade(revision="0003")
        db.session.execute(text(
            "INSERT INTO comment (id, source, raw_text, redacted_text, redaction_spans, safeguarding_flag, "
            "safeguarding_reason, consent_quote, emotions, received_at) "
            "VALUES (7, 'import', 'x', 'x', '[]', 1, 'suicide', 0, '{}', '2026-01-01 00:00:00')"))
        for reference in ("yousaid-safeguarding-7-ab12 provider-1", "yousaid-safeguarding-99-cd34", "other"):
            db.session.execute(text(
                "INSERT INTO notification (kind, channel, recipient, notifier, status, provider_reference, error, "
                "created_at) VALUES ('safeguarding_alert', 'email', 'a@b.example', 'outbox', 'sent', :reference, '',"
                " '2026-01-01 00:00:00')"), {"reference": reference})
        db.session.commit()

        upgrade(revision="0004")
        rows = db.session.execute(text("SELECT provider_reference, comment_id FROM notification ORDER BY id")).all()
        # Comment 99 no longer exists, so its alert cannot point at it.
        assert [row.comment_id for row in rows] == [7, None, None]
        db.session.execute(text("UPDATE notification SET provider_reference = 'new-style' WHERE comment_id = 7"))
        db.session.commit()

        downgrade(revision="0003")
        references = db.session.scalars(text("SELECT provider_reference FROM notification ORDER BY id")).all()
        assert references[0] == "yousaid-safeguarding-7-new-style"
        db.session.remove()
        db.engine.dispose()


def test_safeguarding_decisions_are_filled_from_the_latest_review_in_the_audit_log(tmp_path):
    """Revision 0015 adds comment.safeguarding_decision and fills it from each comment's latest review."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.db'}",
                      "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio")})
    with app.app_context():
        upgrade(revision="0011")
        for comment_id in (1, 2, 3):
            db.session.execute(text(
                "INSERT INTO comment (id, source, raw_text, redacted_text, redaction_spans, safeguarding_flag, "
                "safeguarding_reason, consent_quote, emotions, received_at) "
                "VALUES (:id, 'import', 'x', 'x', '[]', 1, 'suicide', 0, '{}', '2026-01-01 00:00:00')"),
                {"id": comment_id})
        # Comment 1: no concern, then referred (the latest counts). Comment 2: no concern. Comment 3: never reviewed.
        for object_id, outcome in (("1", "no_concern"), ("2", "no_concern"), ("1", "referred")):
            db.session.execute(text(
                "INSERT INTO audit_event (action, object_type, object_id, detail, created_at) "
                "VALUES ('safeguarding_review', 'Comment', :object_id, :detail, '2026-01-02 00:00:00')"),
                {"object_id": object_id, "detail": f'{{"outcome": "{outcome}", "note": ""}}'})
        db.session.commit()

        upgrade(revision="0015")
        rows = db.session.execute(text("SELECT id, safeguarding_decision FROM comment ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "concern"), (2, "no_concern"), (3, None)]

        downgrade(revision="0011")
        columns = [row[1] for row in db.session.execute(text("PRAGMA table_info(comment)"))]
        assert "safeguarding_decision" not in columns
        db.session.remove()
        db.engine.dispose()


def test_notes_leave_the_audit_log_for_staff_note(tmp_path):
    """Revision 0013 moves review notes and earlier responses out of audit events; the events keep the note's id."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.db'}",
                      "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio")})
    with app.app_context():
        upgrade(revision="0011")
        for action, detail in (
            ("safeguarding_review", '{"outcome": "referred", "note": "Rang the school about J."}'),
            ("case_stage_changed", '{"from": "stage_1", "to": "stage_2", "previous_response": '
                                   '{"stage": "stage_1", "outcome": null, "response_text": "Dear Ms Smith"}}'),
            ("case_viewed", "{}"),
        ):
            db.session.execute(text(
                "INSERT INTO audit_event (action, object_type, object_id, detail, created_at) "
                "VALUES (:action, 'Comment', '7', :detail, '2026-01-01 00:00:00')"),
                {"action": action, "detail": detail})
        db.session.commit()
        upgrade(revision="0013")
        details = db.session.scalars(text("SELECT detail FROM audit_event ORDER BY id")).all()
        notes = dict(db.session.execute(text("SELECT id, text FROM staff_note")).all())
        db.session.remove()
        db.engine.dispose()
    review, moved, viewed = (json.loads(d) if isinstance(d, str) else d for d in details)
    assert notes[review["note_id"]] == "Rang the school about J." and "note" not in review
    assert notes[moved["previous_response"]["response_note_id"]] == "Dear Ms Smith"
    assert "response_text" not in moved["previous_response"] and viewed == {}
