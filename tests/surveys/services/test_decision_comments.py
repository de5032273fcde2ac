"""Imported decisions are themed: each decision's summary becomes an analysed comment, on import and by backfill."""

from datetime import date, timedelta

from sqlalchemy import func, select

from surveys.models import Case, Comment, CommentTheme, OutboxItem, Theme, db, utcnow
from surveys.services.capture.cases import decision_import
from surveys.services.understand import theme_decisions as decide
from surveys.services.understand.themes import run_themes
from surveys.worker import drain
from tests.factories import make_case, make_user
from tests.surveys.services.test_themes import seed_topics

DECISIONS = """kind,stage,received_on,decided_on,outcome,summary,details,partner
complaint,tribunal,2026-01-05,2026-02-20,upheld,Tribunal found the school taxi late every day; write to jo@example.com,,
complaint,ombudsman,2026-01-06,,,,Ombudsman found delay in issuing the EHC plan,
complaint,mediation,2026-01-07,2026-02-01,not upheld,Mediation on the CAMHS waiting list,Agreed a date,
"""


def _import(text: str = DECISIONS):
    return decision_import.import_decisions(text.encode(), "decisions.csv", make_user("complaints_officer"),
                                            on=date(2026, 3, 1))


def decision_comments() -> list[Comment]:
    return db.session.scalars(select(Comment).where(Comment.source == "decision").order_by(Comment.id)).all()


def test_import_makes_a_redacted_comment_of_each_decision_summary(app_context):
    _import()
    db.session.commit()
    queued = db.session.scalars(select(OutboxItem.payload).where(OutboxItem.kind == "analyse_comment")).all()
    assert {c.id for c in decision_comments()} <= {item["comment_id"] for item in queued}, "the import queues it"
    drain()
    found = decision_comments()
    tribunal = db.session.scalar(select(Case).where(Case.stage == "tribunal"))
    assert [comment.case_id for comment in found][0] == tribunal.id
    assert len(found) == 2  # the ombudsman row had no summary of its own: its details are already a comment
    assert "jo@example.com" in found[0].raw_text and "jo@example.com" not in found[0].redacted_text
    assert all(comment.analysed_at is not None and comment.sentiment for comment in found)
    assert found[0].received_at.date() == date(2026, 1, 5)


def test_decision_summary_is_placed_in_a_reviewed_theme_on_import(app_context):
    seed_topics()
    run_themes(k=3)
    for theme in db.session.scalars(select(Theme)).all():
        decide.mark_reviewed(theme, None)
    db.session.commit()
    drain(now=utcnow() + timedelta(minutes=1))  # the worker retrains after the decisions
    _import()
    db.session.commit()
    drain()
    tribunal = decision_comments()[0]
    assert db.session.scalar(select(CommentTheme).where(CommentTheme.comment_id == tribunal.id)) is not None


def test_backfill_themes_old_decisions_once(app_context):
    old = make_case(kind="complaint", stage="tribunal", channel="import", summary="Tribunal ordered therapy",
                    received_on=date(2025, 6, 1))
    make_case(kind="complaint", stage="ombudsman", channel="import", summary="Ombudsman decision",
              received_on=date(2025, 6, 2))  # only the default summary: nothing to theme
    make_case(kind="complaint", stage="stage_1", channel="online", summary="Not a decision")
    assert decision_import.theme_imported_decisions() == 1
    db.session.commit()
    assert decision_import.theme_imported_decisions() == 0
    db.session.commit()
    assert [(comment.case_id, comment.raw_text) for comment in decision_comments()] == [
        (old.id, "Tribunal ordered therapy")]


def test_backfill_after_an_import_adds_nothing(app_context):
    _import()
    db.session.commit()
    before = db.session.scalar(select(func.count(Comment.id)))
    assert decision_import.theme_imported_decisions() == 0
    assert db.session.scalar(select(func.count(Comment.id))) == before


def test_flask_command_backfills(app, app_context):
    make_case(kind="complaint", stage="mediation", channel="import", summary="Mediation about transport",
              received_on=date(2025, 6, 1))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["themes", "decisions"])
    second = runner.invoke(args=["themes", "decisions"])
    assert first.exit_code == 0 and "Added 1 comment from imported decisions." in first.output
    assert "Added 0 comments" in second.output
    assert len(decision_comments()) == 1
