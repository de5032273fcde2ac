"""log_rows and LOG_COLUMNS: the rows the page and the exports share."""

from datetime import UTC, date, datetime

from surveys.models import Action, ActionUpdate, Milestone, db
from surveys.services.act.log import LOG_COLUMNS, LogFilters, log_rows, partner_choices
from tests.factories import make_partner, make_user

TODAY = date(2026, 6, 15)


def make_action(partner, title, **fields) -> Action:
    made = Action(title=title, partner=partner, created_at=datetime(2026, 1, 5, 12, tzinfo=UTC), **fields)
    db.session.add(made)
    db.session.commit()
    return made


def test_filters_from_query_arguments():
    assert LogFilters.from_args({"partner": "7", "status": "planned", "rag": "amber"}) == LogFilters(7, "planned",
                                                                                                    "amber")
    assert LogFilters.from_args({"partner": "x7", "status": "done", "rag": "blue"}) == LogFilters()
    assert LogFilters(7, None, "red").query_args() == {"partner": "7", "rag": "red"}


def test_rows_are_scoped_and_plain_text(app_context):
    ours, theirs = make_partner("Council SEND team"), make_partner("North ICB")
    make_action(ours, "Shorter waits", target_date=date(2026, 6, 1), start_date=date(2026, 2, 1),
                milestones=[Milestone(title="Hire staff", due_on=date(2026, 5, 1))],
                updates=[ActionUpdate(kind="update", body="=Two posts filled", created_at=datetime(2026, 6, 2, 9,
                                                                                                  tzinfo=UTC))])
    make_action(theirs, "Speech therapy drop-ins", status="completed")
    lead = make_user(role="partner_lead", partner=ours)
    rows = log_rows(lead, LogFilters(), TODAY)
    assert [row.action.title for row in rows] == ["Shorter waits"]
    assert [p.name for p in partner_choices(lead)] == ["Council SEND team"]
    values = {header: value(rows[0]) for header, value in LOG_COLUMNS}
    assert values["Owner"] == "Council SEND team"
    assert values["RAG status"] == "Red"
    assert values["Days past target"] == "14"
    assert values["Overdue milestones"] == "Hire staff (due 2026-05-01)"
    assert values["No update since the last board meeting"] == "No"
    assert values["Latest update date"] == "2026-06-02"
    assert values["Latest update"] == "=Two posts filled"  # the export neutralises formulas, not the log
    assert values["Impact measure"] == "" and values["Change"] == ""
    assert all(isinstance(value, str) for value in values.values())
    assert len({header for header, _ in LOG_COLUMNS}) == len(LOG_COLUMNS)


def test_everyone_else_sees_every_partner(app_context):
    make_action(make_partner(), "A")
    make_action(make_partner(), "B", status="completed")
    rows = log_rows(make_user(role="viewer"), LogFilters(rag="complete"), TODAY)
    assert [row.action.title for row in rows] == ["B"]
