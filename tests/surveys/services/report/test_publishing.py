"""Publishing: build first, then one switch; clean-up of half-built versions; rollback; comparing versions."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from surveys.models import Publication, db
from surveys.services.platform.errors import Conflict, NotFound
from surveys.services.report import publishing
from tests.surveys.services.report.publication_helpers import (
    NOW,
    approve_everything,
    public_action,
    public_theme,
)


def statuses() -> dict[int, str]:
    db.session.expire_all()
    return {p.version: p.status for p in db.session.scalars(select(Publication))}


def publish(now=NOW) -> Publication:
    """The two steps, each committed, as the edge does."""
    publication, _ = publishing.build_next(now)
    db.session.commit()
    publishing.make_live(publication, now)
    db.session.commit()
    return publication


def test_publishing_makes_the_approved_version_live(app_context):
    public_theme()
    approve_everything()
    publication = publish()
    assert publication.version == 1 and publication.status == "live"
    assert publication.published_at == NOW
    assert publication.snapshot["published_at"] == "2026-12-01T09:00:00+00:00"
    assert publishing.previous_live().version == 1


def test_the_next_version_supersedes_the_live_one_in_one_step(app_context):
    public_theme()
    approve_everything()
    publish()
    publish(NOW + timedelta(days=30))
    assert statuses() == {1: "superseded", 2: "live"}


def test_a_built_version_is_not_live_until_the_switch(app_context):
    public_theme()
    approve_everything()
    publish()
    built, _ = publishing.build_next(NOW)
    db.session.commit()
    assert statuses() == {1: "live", 2: "building"}
    assert publishing.previous_live().version == 1
    assert built.snapshot["published_at"] is None


def test_nothing_approved_is_refused_with_a_reason(app_context):
    public_theme()
    with pytest.raises(publishing.NothingToPublish, match="no theme is approved by both"):
        publishing.build_next(NOW)
    db.session.rollback()
    assert statuses() == {}


def test_no_public_theme_is_refused_with_a_reason(app_context):
    with pytest.raises(publishing.NothingToPublish, match="no reviewed theme marked public"):
        publishing.build_next(NOW)


def test_a_stale_build_is_marked_failed_and_a_live_builders_is_left(app_context):
    public_theme()
    approve_everything()
    old = Publication(version=1, status="building", created_at=NOW - timedelta(hours=1), built_by="elsewhere:1")
    mine = Publication(version=2, status="building", created_at=NOW, built_by=publishing.builder_id())
    db.session.add_all([old, mine])
    db.session.commit()
    assert publishing.clean_up_half_built(NOW) == [1]
    assert statuses() == {1: "failed", 2: "building"}


def test_a_build_left_by_a_dead_process_is_marked_failed_at_once(app_context):
    import socket

    dead = Publication(version=1, status="building", created_at=NOW, built_by=f"{socket.gethostname()}:999999999")
    db.session.add(dead)
    db.session.commit()
    assert publishing.clean_up_half_built(NOW) == [1]


def test_a_cleaned_up_build_cannot_go_live(app_context):
    public_theme()
    approve_everything()
    publish()
    built, _ = publishing.build_next(NOW)
    db.session.commit()
    built.status = "failed"
    db.session.commit()
    with pytest.raises(Conflict):
        publishing.make_live(built, NOW)
    assert statuses() == {1: "live", 2: "failed"}


def test_rollback_restores_the_earlier_version_as_a_new_one(app_context):
    theme = public_theme("Waiting for CAMHS")
    approve_everything()
    first = publish()
    action = public_action(theme, "Open a CAMHS front door")
    approve_everything()
    publish(NOW + timedelta(days=1))
    restored = publishing.roll_back_to(1, NOW + timedelta(days=2))
    db.session.commit()
    publishing.make_live(restored, NOW + timedelta(days=2))
    db.session.commit()
    assert statuses() == {1: "superseded", 2: "superseded", 3: "live"}
    live = publishing.previous_live().snapshot
    assert [t["title"] for t in live["themes"]] == ["Waiting for CAMHS"]
    assert live["themes"][0]["actions"] == []
    assert live["version"] == 3
    assert {k: v for k, v in live["themes"][0].items() if k != "actions"} == {
        k: v for k, v in first.snapshot["themes"][0].items() if k != "actions"}
    assert db.session.get(Publication, first.id).snapshot["version"] == 1  # history is never changed
    assert action.title not in str(live)


def test_rollback_leaves_out_what_may_no_longer_be_published(app_context):
    theme = public_theme("Waiting for CAMHS")
    other = public_theme("Transport")
    approve_everything()
    publish()
    other.public = False
    db.session.commit()
    publish(NOW + timedelta(days=1))
    restored = publishing.roll_back_to(1, NOW + timedelta(days=2))
    assert [t["id"] for t in restored.snapshot["themes"]] == [theme.id]


def test_rolling_back_to_the_live_or_an_unknown_version_is_refused(app_context):
    public_theme()
    approve_everything()
    publish()
    with pytest.raises(Conflict):
        publishing.roll_back_to(1, NOW)
    with pytest.raises(NotFound):
        publishing.roll_back_to(7, NOW)


def test_compare_two_versions(app_context):
    theme = public_theme("Waiting for CAMHS")
    approve_everything()
    publish()
    public_action(theme, "Open a CAMHS front door")
    public_theme("Transport")
    approve_everything()
    publish(NOW + timedelta(days=1))
    diff = publishing.compare(1, 2)
    assert diff.added_themes == ["Transport"]
    assert diff.added_actions == ["Open a CAMHS front door"]
    assert diff.removed_themes == diff.changed_themes == []
    assert publishing.compare(2, 2).empty
