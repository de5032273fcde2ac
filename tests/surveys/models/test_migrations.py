"""Migrations build the same schema as the models, and the database enforces the key constraints."""

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import IntegrityError

from surveys import MIGRATIONS_DIR
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
