"""Co-production session mode: reviewed themes in order, counts through suppression, safe quotes, forum views."""

from datetime import date

import pytest

from surveys.models import Action, ForumView, db
from surveys.services.act import forum_session
from surveys.services.platform.errors import Invalid, NotFound
from tests.factories import make_comment, make_partner, make_theme, make_user


def comments(n, text="The annual review was late", **fields):
    return [make_comment(f"{text} ({i})", **fields) for i in range(n)]


@pytest.fixture
def themes(app_context):
    big = make_theme("Annual reviews are late", comments(7, audience="parent_carer", sentiment="negative")
                     + comments(2, audience="young_person", sentiment="positive"), status="reviewed")
    small = make_theme("Transport", comments(3, audience="parent_carer"), status="reviewed")
    make_theme("Proposed only", comments(20), status="proposed")
    return big, small


def test_only_reviewed_themes_the_largest_first(themes):
    big, small = themes
    assert forum_session.session_themes() == [big, small]
    assert forum_session.position_of([big, small], small.id) == 2
    with pytest.raises(NotFound):
        forum_session.position_of([big, small], 999)


def test_a_slide_has_suppressed_counts_and_its_place(themes):
    slide = forum_session.slide(list(themes), 1)
    assert (slide.position, slide.total, slide.previous, slide.next) == (1, 2, None, 2)
    assert slide.comments.text == "9"
    # 2 young people is hidden, and so is the 7 beside it, which the total would otherwise give away
    assert [(label, cell.suppressed, share) for label, cell, share in slide.by_audience.rows] == [
        ("Parents and carers", True, ""), ("Young people", True, "")]
    assert [(label, cell.suppressed, cell.count) for label, cell, _ in slide.by_feeling.rows] == [
        ("Unhappy", True, 7), ("Neither", False, 0), ("Happy", True, 2)]
    last = forum_session.slide(list(themes), 2)
    assert (last.previous, last.next, last.comments.text) == (1, None, "fewer than 5")
    with pytest.raises(NotFound):
        forum_session.slide(list(themes), 3)


def test_quotes_are_consented_redacted_unflagged_and_at_most_three(app_context):
    safe = comments(4, "We waited a long time", consent_quote=True)
    flagged = make_comment("I am frightened at home", consent_quote=True, safeguarding_flag=True)
    unconsented = make_comment("Nobody called back", consent_quote=False)
    theme = make_theme("Waiting", [*safe, flagged, unconsented], status="reviewed", public=True)
    quotes = forum_session.slide([theme], 1).quotes
    assert len(quotes) == 3 and all(q.startswith("We waited a long time") for q in quotes)


def test_actions_linked_to_the_theme(themes):
    big, small = themes
    partner = make_partner()
    first = Action(title="Annual review tracker", partner_id=partner.id, themes=[big])
    other = Action(title="Bus passes", partner_id=partner.id, themes=[small])
    db.session.add_all([first, other])
    db.session.commit()
    assert forum_session.slide([big, small], 1).actions == [first]


def test_recording_the_forums_view(themes):
    big, _ = themes
    user = make_user("pcf_rep")
    forum_session.record_view(user, big, "partly", date(2027, 1, 12), "  Missing the wait for EPs  ")
    forum_session.record_view(None, big, "agree", date(2027, 2, 9))
    views = forum_session.forum_views(big)
    assert [(v.view, v.meeting_on, v.note) for v in views] == [
        ("agree", date(2027, 2, 9), ""), ("partly", date(2027, 1, 12), "Missing the wait for EPs")]
    assert views[1].recorded_by_id == user.id


def test_a_view_needs_a_reviewed_theme_and_a_known_view(app_context):
    proposed = make_theme("Proposed", status="proposed")
    reviewed = make_theme("Reviewed", status="reviewed")
    with pytest.raises(Invalid, match="Only reviewed themes"):
        forum_session.record_view(None, proposed, "agree", date(2027, 1, 12))
    with pytest.raises(Invalid, match="Select whether the forum agrees"):
        forum_session.record_view(None, reviewed, "maybe", date(2027, 1, 12))
    assert db.session.scalar(db.select(db.func.count(ForumView.id))) == 0
