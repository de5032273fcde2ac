"""The snapshot: exactly the shared contract, counts through suppression, easy read, and changes since the last."""

from surveys.models import Response, db
from surveys.services.report.snapshot import build_snapshot
from tests.factories import make_comment, make_survey, make_theme
from tests.surveys.services.report.publication_helpers import (
    approve_everything,
    public_action,
    public_theme,
)

THEME_KEYS = ["id", "title", "summary", "easy_read", "people", "audiences", "localities", "quotes", "coproduced",
              "actions"]
ACTION_KEYS = ["id", "title", "partner", "status", "status_label", "latest_update", "what_this_means",
               "for_the_future", "easy_read"]


def test_the_snapshot_has_exactly_the_contracts_shape(app_context):
    theme = public_theme("Waiting for CAMHS", people=12)
    public_action(theme, "Open a CAMHS front door", update="We hired two nurses.", for_the_future="More nurses.")
    approve_everything()
    snapshot = build_snapshot(3, None).snapshot
    assert list(snapshot) == ["version", "published_at", "area", "themes", "changes"]
    assert snapshot["version"] == 3 and snapshot["published_at"] is None
    assert snapshot["area"] == "Exampleshire SEND Local Area Partnership"
    entry = snapshot["themes"][0]
    assert list(entry) == THEME_KEYS
    assert list(entry["easy_read"]) == ["title", "summary", "symbol"]
    assert list(entry["people"]) == ["total", "by_audience", "by_locality"]
    assert entry["coproduced"] is True
    assert entry["quotes"] == ["We waited a year for CAMHS."]
    action = entry["actions"][0]
    assert list(action) == ACTION_KEYS
    assert action["status_label"] == "In progress"
    assert action["latest_update"] == {"date": "2026-12-01", "text": "We hired two nurses."}
    assert action["easy_read"] == {"title": "Open a CAMHS front door",
                                   "what_this_means": "You will have one number to call."}


def test_people_are_counted_through_suppression(app_context):
    comments = [make_comment(f"Parent {n}.", audience="parent_carer", locality="North") for n in range(20)]
    comments += [make_comment(f"Young person {n}.", audience="young_person", locality="South") for n in range(2)]
    comments += [make_comment("No audience.")]
    make_theme("Waiting", comments, status="reviewed", public=True, description="Long waits.")
    approve_everything()
    entry = build_snapshot(1, None).snapshot["themes"][0]
    assert entry["people"]["total"] == "23"
    assert entry["people"]["by_audience"] == {"parent_carer": "20", "young_person": "fewer than 5",
                                              "not_known": "fewer than 5"}
    assert entry["people"]["by_locality"] == {"North": "20", "Not known": "fewer than 5", "South": "fewer than 5"}
    assert entry["audiences"] == ["parent_carer", "young_person"]
    assert entry["localities"] == ["North", "South"]


def test_a_small_theme_shows_no_small_number(app_context):
    public_theme("Rare", people=3)
    approve_everything()
    people = build_snapshot(1, None).snapshot["themes"][0]["people"]
    assert people == {"total": "fewer than 5", "by_audience": {"parent_carer": "fewer than 5"},
                      "by_locality": {"North": "fewer than 5"}}


def test_several_comments_from_one_response_are_one_person(app_context):
    survey = make_survey()
    response = Response(version_id=survey.current_version.id, status="submitted")
    db.session.add(response)
    db.session.commit()
    comments = [make_comment(f"Answer {n}.", response_id=response.id, audience="parent_carer") for n in range(6)]
    make_theme("Waiting", comments, status="reviewed", public=True, description="Waits.")
    approve_everything()
    assert build_snapshot(1, None).snapshot["themes"][0]["people"]["total"] == "fewer than 5"


def test_themes_raised_by_most_people_come_first(app_context):
    public_theme("Small", people=6)
    public_theme("Big", people=9)
    approve_everything()
    assert [t["title"] for t in build_snapshot(1, None).snapshot["themes"]] == ["Big", "Small"]


def test_easy_read_uses_plain_words_and_warns_about_hard_lines(app_context):
    public_theme("Waiting for CAMHS", what_this_means="You waited too long. We are sorry.",
                 description="Notwithstanding comprehensive neurodevelopmental assessments, families experienced "
                             "considerable administrative obstacles throughout the diagnostic process.")
    approve_everything()
    built = build_snapshot(1, None)
    assert built.snapshot["themes"][0]["easy_read"] == {"title": "Waiting for CAMHS",
                                                        "summary": "You waited too long.", "symbol": "clock"}
    public_theme("Hard words", description="Notwithstanding comprehensive neurodevelopmental assessments, "
                                           "families experienced considerable administrative obstacles.")
    approve_everything()
    warnings = build_snapshot(1, None).warnings
    assert any(w.startswith("Easy read of ‘Hard words’") and "reading age" in w for w in warnings)


def test_changes_are_worked_out_against_the_previous_snapshot(app_context):
    theme = public_theme("Waiting for CAMHS")
    action = public_action(theme, "Open a CAMHS front door")
    approve_everything()
    first = build_snapshot(1, None).snapshot
    assert [(c["kind"], c["action_id"]) for c in first["changes"]] == [("new_theme", None),
                                                                        ("new_action", action.id)]
    action.status = "completed"
    other = public_action(theme, "Mental health teams in schools")
    db.session.commit()
    approve_everything()
    second = build_snapshot(2, first).snapshot
    assert [(c["kind"], c["action_id"], c["theme_id"]) for c in second["changes"]] == [
        ("status_changed", action.id, theme.id), ("new_action", other.id, theme.id)]
    assert second["changes"][0]["text"] == "‘Open a CAMHS front door’ is now completed (it was in progress)."
    assert build_snapshot(3, second).snapshot["changes"] == []
