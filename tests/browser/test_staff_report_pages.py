"""Every staff page added for issues 8 and 9 (the board and annual reports), in Chromium, signed in as a role that
may use it, with realistic data: axe-core finds no WCAG 2.2 A or AA problem, every chart (svg[role=img]) is
followed by its data table, and at 320 CSS pixels wide the page does not scroll sideways (WCAG 1.4.10)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from surveys.models import BoardMeeting, LocalContact, db
from surveys.services.act import actions as action_service
from surveys.services.act import milestones, updates
from surveys.services.act.rules import ActionData
from surveys.services.capture.cases.deadlines import today
from surveys.services.report import baseline, kept
from tests.browser.axe import assert_accessible
from tests.factories import (
    PASSWORD,
    make_case,
    make_comment,
    make_invitation,
    make_partner,
    make_survey,
    make_theme,
    make_user,
)
from tests.surveys.services.report.helpers import add_responses
from tests.surveys.services.report.reports_data import two_publications

# (path, role that signs in, whether the page draws charts)
PAGES = [
    ("/staff/actions", "coproduction_lead", False),
    ("/staff/actions/{action_id}", "coproduction_lead", False),
    ("/staff/actions/new", "coproduction_lead", False),
    ("/staff/log", "coproduction_lead", False),
    ("/staff/settings", "admin", False),
    ("/staff/publications/schedule", "coproduction_lead", False),
    ("/staff/surveys/{survey_id}/results", "analyst", True),
    ("/staff/dashboard", "analyst", True),
    ("/staff/representation", "coproduction_lead", False),
    ("/staff/session", "pcf_rep", False),
    ("/staff/disputes", "complaints_officer", True),
    ("/staff/reports", "analyst", False),
    ("/staff/reports/board", "analyst", False),
    ("/staff/reports/annual?year=2026", "analyst", False),
    ("/staff/reports/{report_id}", "analyst", False),
]
CHARTS_FOLLOWED_BY_TABLES = """() => Array.from(document.querySelectorAll('svg[role=img]')).map(svg => {
  const next = svg.nextElementSibling;
  return !!next && (next.matches('table') || next.querySelector('table') !== null);
})"""


def _responses(survey, partner) -> None:
    now = datetime.now(UTC)
    for weeks, score, locality in ((2, "4", "North"), (6, "2", "South"), (10, "5", "North"), (20, "3", "South")):
        add_responses(survey, 6, {"overall": score, "better": "The annual review was late and nobody replied"},
                      submitted_at=now - timedelta(weeks=weeks), locality=locality, partner_id=partner.id,
                      journey_stage="annual_review", need_type="autism")
    for _ in range(3):
        make_invitation(survey)


def _themes_and_disputes(partner) -> None:
    on = today()
    for index, label in enumerate(("Annual reviews are late", "School transport", "Waiting for CAMHS")):
        cases = [make_case(partner, stage=stage, outcome=outcome, received_on=on - timedelta(days=40 + 70 * n),
                           responded_on=on - timedelta(days=20) if outcome else None, channel="import")
                 for n, (stage, outcome) in enumerate([("tribunal", "upheld"), ("mediation", "not_upheld"),
                                                       ("stage_1", None), ("ombudsman", "partly_upheld")] * 2)]
        comments = [make_comment(f"{label}: what happened to us ({n})", case_id=case.id, partner_id=partner.id,
                                 source="decision", consent_quote=True, sentiment="negative",
                                 sentiment_score=-0.4 - index / 10, emotions={"frustration": 0.6})
                    for n, case in enumerate(cases)]
        make_theme(label, comments=comments, status="reviewed", public=True)


def _action(partner, admin) -> int:
    theme = make_theme("Communication", status="reviewed")
    action = action_service.create_action(admin, ActionData(
        title="Answer emails within five working days", theme_ids=[theme.id], partner_id=partner.id,
        start_date=today() - timedelta(days=90), target_date=today() + timedelta(days=90), status="in_progress"))
    milestones.add_milestone(admin, action, "Train the team", today() - timedelta(days=10))
    updates.add_update(admin, action, "The team has a shared inbox now.")
    updates.add_forum_note(admin, action, "Families want a named contact.")
    return action.id


@pytest.fixture
def realistic(app_context):
    """A partnership with responses, invitations, themes, disputes, an action, board dates, a baseline, contacts."""
    partner, admin = make_partner("Council SEND team"), make_user("admin")
    survey = make_survey(title="Annual review survey")
    _responses(survey, partner)
    _themes_and_disputes(partner)
    action_id = _action(partner, admin)
    db.session.add_all([BoardMeeting(meets_on=today() - timedelta(days=30)),
                        BoardMeeting(meets_on=today() + timedelta(days=60)),
                        LocalContact(kind="sendiass", name="Exampleshire SENDIASS", phone="01632 960 001")])
    for category, count in (("North", 79), ("South", 21)):
        baseline.save_figure(None, "locality", category, "ehc_plan", count, as_of=date(2026, 1, 1))
    two_publications()
    report = kept.keep_board_report(today() + timedelta(days=60), today())
    db.session.commit()
    return {"survey_id": survey.id, "action_id": action_id, "report_id": report.id}


def _sign_in(tab, server: str, role: str) -> None:
    user = make_user(role)
    tab.goto(f"{server}/staff/login")
    tab.fill("input[name=email]", user.email)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.press("input[name=password]", "Enter")


@pytest.mark.parametrize(("path", "role", "charts"), PAGES, ids=[path for path, _, _ in PAGES])
def test_new_staff_page_is_accessible_with_tables_for_charts_and_reflows(browser, live_server, realistic, path,
                                                                        role, charts):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    tab = context.new_page()
    try:
        _sign_in(tab, live_server, role)
        response = tab.goto(live_server + path.format(**realistic))
        assert response.status == 200 and tab.locator("h1").count() == 1
        followed = tab.evaluate(CHARTS_FOLLOWED_BY_TABLES)
        assert all(followed), f"a chart on {path} is not followed by its data table"
        assert len(followed) > 0 or not charts, f"{path} should draw charts with this data"
        assert_accessible(tab)
        tab.set_viewport_size({"width": 320, "height": 640})
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 321, f"{path} scrolls sideways at 320 px ({width} px wide)"
        assert_accessible(tab)
    finally:
        context.close()
