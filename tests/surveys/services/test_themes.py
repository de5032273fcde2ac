"""Themes in the database: stable ids across re-runs, people's decisions kept, safe public quotes."""

from datetime import timedelta

from sqlalchemy import func, select

from surveys.models import Comment, CommentTheme, OutboxItem, Partner, Theme, ThemeDecision, User, db, utcnow
from surveys.services.understand import theme_decisions as decide
from surveys.services.understand.comments import add_comment
from surveys.services.understand.theme_assignment import assign_comment, review_queue, training_rows
from surveys.services.understand.theme_queries import public_quotes
from surveys.services.understand.themes import run_themes
from surveys.worker import drain
from tests.factories import make_user

TOPICS = {
    "transport": ["The taxi to school was late again", "School transport driver never arrived on time",
                  "Our transport to school changed with no warning", "The school taxi keeps turning up late",
                  "No transport to school for two weeks", "Transport to school is unreliable and late"],
    "waiting": ["We waited months for the CAMHS appointment", "The CAMHS waiting list is over a year long",
                "Still waiting for CAMHS after eight months", "Waiting for CAMHS has been awful",
                "Months on the CAMHS waiting list", "CAMHS waiting times are far too long"],
    "emails": ["Nobody answered my emails to the SEND team", "My emails to the caseworker went unanswered",
               "The SEND team never replies to emails", "Emails to the team get no reply for weeks",
               "I sent emails and heard nothing back", "Unanswered emails from the caseworker again"],
}


def add_comments(texts, consent=True):
    comments = [add_comment(text, "import", consent_quote=consent) for text in texts]
    db.session.commit()
    drain()  # the worker analyses them
    return comments


def seed_topics(copies=3):
    texts = [f"{text}{'.' * n}" for n in range(copies) for group in TOPICS.values() for text in group]
    return add_comments(texts)


def theme_of(comment) -> Theme | None:
    link = db.session.scalar(select(CommentTheme).where(CommentTheme.comment_id == comment.id))
    return db.session.get(Theme, link.theme_id) if link else None


def test_run_finds_themes_and_assigns_comments(app_context):
    comments = seed_topics()
    summary = run_themes(k=3)
    assert {s.size for s in summary} and sum(s.size for s in summary) >= len(comments) * 0.8
    assert all(t.status == "proposed" for t in db.session.scalars(select(Theme)))
    transport = {theme_of(c).id for c in comments if "taxi" in c.raw_text.lower() and theme_of(c)}
    assert len(transport) == 1, "comments about taxis share one theme"


def test_rerun_keeps_ids_and_reviewed_labels(app_context):
    seed_topics()
    run_themes(k=3)
    first = {t.id: t.label for t in db.session.scalars(select(Theme))}
    theme = db.session.get(Theme, next(iter(first)))
    decide.rename(theme, "Our own name for it", None)
    decide.mark_reviewed(theme, None)
    add_comments(["The taxi to school was very late this week", "CAMHS waiting list is too long still"])
    run_themes()
    db.session.expire_all()
    assert set(first) <= {t.id for t in db.session.scalars(select(Theme))}
    assert db.session.get(Theme, theme.id).label == "Our own name for it"


def test_moved_comment_is_never_moved_back(app_context):
    comments = seed_topics()
    run_themes(k=3)
    taxi = next(c for c in comments if "taxi" in c.raw_text.lower())
    target = next(t for t in db.session.scalars(select(Theme)) if t.id != theme_of(taxi).id)
    decide.move_comment(taxi, target, None)
    run_themes(k=3)
    run_themes()
    link = db.session.scalar(select(CommentTheme).where(CommentTheme.comment_id == taxi.id))
    assert (link.theme_id, link.source) == (target.id, "manual")
    assert db.session.scalar(select(func.count(ThemeDecision.id)).where(ThemeDecision.kind == "move")) == 1


def test_rejected_theme_is_not_proposed_again(app_context):
    comments = seed_topics()
    run_themes(k=3)
    theme = theme_of(comments[0])
    decide.reject(theme, None)
    run_themes(k=3)
    db.session.expire_all()
    assert db.session.get(Theme, theme.id).status == "rejected"
    assert db.session.scalar(select(func.count()).where(CommentTheme.theme_id == theme.id)) == 0


def test_merge_moves_comments_and_survives_a_rerun(app_context):
    comments = seed_topics()
    run_themes(k=3)
    themes = list(db.session.scalars(select(Theme).where(Theme.status == "proposed")))
    source, target = themes[0], themes[1]
    decide.merge(source, target, None)
    run_themes(k=3)
    db.session.expire_all()
    assert db.session.get(Theme, source.id).status == "merged"
    assert db.session.scalar(select(func.count()).where(CommentTheme.theme_id == source.id)) == 0
    assert len(comments) > 0


def test_split_makes_a_reviewed_theme_of_chosen_comments(app_context):
    comments = seed_topics()
    run_themes(k=3)
    theme = theme_of(comments[0])
    members = [c.id for c in comments if theme_of(c) and theme_of(c).id == theme.id][:3]
    new = decide.split(theme, members, "A smaller theme", make_user())
    assert new.status == "reviewed"
    run_themes()
    assert {theme_of(db.session.get(Comment, cid)).id for cid in members} == {new.id}


def test_decision_errors_are_plain(app_context):
    comments = seed_topics(1)
    run_themes(k=3)
    theme = theme_of(comments[0])
    for call, message in [
        (lambda: decide.rename(theme, "   ", None), "Enter a name"),
        (lambda: decide.merge(theme, theme, None), "different theme"),
        (lambda: decide.split(theme, [], "x", None), "Select the comments"),
    ]:
        try:
            call()
        except decide.DecisionError as error:
            assert message in str(error)
        else:
            raise AssertionError("no error")


def test_new_comment_is_placed_by_the_worker_with_the_model_retrained_after_decisions(app_context):
    comments = seed_topics()
    run_themes(k=3)
    for theme in db.session.scalars(select(Theme)).all():
        decide.mark_reviewed(theme, None)
    db.session.commit()
    retrains = db.session.scalars(select(OutboxItem).where(OutboxItem.kind == "retrain_assigner")).all()
    assert len(retrains) == 1 and retrains[0].status == "pending", "three decisions, one retrain, in the background"
    taxi_theme = theme_of(next(c for c in comments if "taxi" in c.raw_text.lower()))
    early = add_comment("The school taxi was late every morning this week", "survey")
    db.session.commit()
    drain()
    assert early.analysed_at is not None and theme_of(early) is None, "the last model was trained before any review"
    assert drain(now=utcnow() + timedelta(minutes=1))["done"] == 1  # the retrain falls due
    new = add_comment("The school taxi was late every morning this week", "survey")
    db.session.commit()
    assert db.session.scalar(select(CommentTheme).where(CommentTheme.comment_id == new.id)) is None
    drain()  # the worker analyses and places it
    link = db.session.scalar(select(CommentTheme).where(CommentTheme.comment_id == new.id))
    assert link is not None and link.source == "model" and 0 < link.confidence <= 1
    assert link.theme_id == taxi_theme.id


def test_the_assigner_learns_only_what_people_placed_or_confirmed(app_context):
    seed_topics()
    run_themes(k=3)
    themes = db.session.scalars(select(Theme).order_by(Theme.id)).all()
    for theme in themes:
        decide.mark_reviewed(theme, None)
    db.session.commit()
    confirmed = len(training_rows())
    assert confirmed > 0, "placements present when a person reviewed the theme are confirmed"
    drain(now=utcnow() + timedelta(minutes=1))
    placed = add_comments(["The school taxi was late every morning this week"])[0]
    assert theme_of(placed) is not None
    assert len(training_rows()) == confirmed, "the assigner's own placement is not learned from"
    decide.move_comment(placed, themes[-1], None)
    db.session.commit()
    assert len(training_rows()) == confirmed + 1, "a comment a person placed is"


def test_nothing_assigned_before_anything_is_reviewed(app_context):
    comment = add_comment("The taxi was late", "survey")
    db.session.commit()
    assert assign_comment(comment) is None


def test_review_queue_holds_unthemed_comments(app_context):
    comment = add_comment("Something nobody has grouped yet", "survey")
    db.session.commit()
    assert comment not in review_queue(), "not analysed yet"
    drain()
    assert comment in review_queue()


def test_public_quotes_never_unredacted_unconsented_or_flagged(app_context):
    safe = add_comments(["My son Jack waited a year for CAMHS, it was awful"] + TOPICS["waiting"])
    unconsented = add_comments(["CAMHS waiting list meant no help for months"], consent=False)
    flagged = add_comments(["CAMHS waiting so long that my daughter wants to kill herself"])
    theme = Theme(label="Waiting for CAMHS", status="reviewed", public=True)
    db.session.add(theme)
    db.session.flush()
    for comment in safe + unconsented + flagged:
        db.session.add(CommentTheme(comment_id=comment.id, theme_id=theme.id, source="manual"))
    db.session.commit()
    assert flagged[0].safeguarding_flag
    quotes = public_quotes(theme, limit=20)
    assert quotes and all("Jack" not in q for q in quotes)
    assert any("[name]" in q for q in quotes)
    assert unconsented[0].redacted_text not in quotes and flagged[0].redacted_text not in quotes
    theme.status = "proposed"
    assert public_quotes(theme) == []


def test_comment_not_yet_analysed_is_never_publishable(app_context):
    comment = Comment(source="import", raw_text="Plain words", redacted_text="Plain words", consent_quote=True)
    assert not comment.publishable
    comment.analysed_at = utcnow()
    assert comment.publishable


def test_known_staff_and_school_names_are_redacted(app_context):
    db.session.add_all([Partner(name="Hollybrook Academy", kind="school"),
                        User(email="x@example.org", name="Priya Chaudhry", password_hash="x", role="viewer")])
    db.session.commit()
    comment = add_comment("Priya Chaudhry at Hollybrook Academy never called back", "survey")
    assert "Chaudhry" not in comment.redacted_text and "Hollybrook" not in comment.redacted_text
    assert "Chaudhry" in comment.raw_text


def test_regroup_reaches_the_number_asked_for_and_keeps_reviewed_themes(app_context):
    comments = seed_topics()
    run_themes(k=3)
    transport = theme_of(next(c for c in comments if "taxi" in c.raw_text.lower()))
    decide.rename(transport, "Getting to school", make_user("coproduction_lead"))
    decide.mark_reviewed(transport, make_user("coproduction_lead"))
    db.session.commit()
    unflagged = [c for c in comments if not c.safeguarding_flag]
    kept = {c.id for c in unflagged if theme_of(c) == transport}
    summary = run_themes(k=2, regroup=True)
    db.session.commit()
    assert len(summary) == 2
    assert {c.id for c in unflagged if theme_of(c) == transport} >= kept
    assert db.session.get(Theme, transport.id).label == "Getting to school"
    empty = [t for t in db.session.scalars(select(Theme).where(Theme.status == "proposed"))
             if not db.session.scalar(select(func.count(CommentTheme.id)).where(CommentTheme.theme_id == t.id))]
    assert empty == []  # proposals nobody touched and no comment holds are gone


def test_a_codebook_names_the_themes_it_seeds(app_context):
    from analysis.themes.codebook import CodebookEntry

    seed_topics()
    summary = run_themes(codebook=[CodebookEntry("Home to school transport", ["taxi to school", "school transport"])])
    assert "Home to school transport" in [s.label for s in summary]
