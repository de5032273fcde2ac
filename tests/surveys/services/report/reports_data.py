"""Known data for the board and annual report tests: board meetings, a red action, new and growing themes, and
publications with hand-written snapshots that follow the snapshot contract."""

from datetime import UTC, date, datetime

from surveys.models import Action, BoardMeeting, Publication, db
from tests.factories import make_comment, make_partner, make_theme

ON = date(2026, 11, 20)  # the day the report is made
PREVIOUS, MEETING = date(2026, 10, 20), date(2026, 11, 25)  # the period is 20 October to 20 November


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def comments(count: int, day: date) -> list:
    return [make_comment(f"Comment {n}", received_at=at(day)) for n in range(count)]


def board_data() -> None:
    """Two meetings, a red and a green action, a new theme, a growing theme and a steady one."""
    db.session.add_all([BoardMeeting(meets_on=PREVIOUS), BoardMeeting(meets_on=MEETING)])
    council = make_partner("Council SEND team")
    db.session.add_all([
        Action(title="Shorter waits for assessments", partner=council, status="in_progress",
               target_date=date(2026, 11, 10), created_at=at(date(2026, 11, 1))),
        Action(title="Transport helpline", partner=council, status="planned", target_date=date(2027, 6, 1),
               created_at=at(date(2026, 11, 1))),
    ])
    db.session.commit()
    make_theme("Waiting for CAMHS", comments(6, date(2026, 11, 1)), status="reviewed")
    make_theme("School transport", comments(8, date(2026, 11, 2)) + comments(2, date(2026, 10, 1)))
    make_theme("Annual reviews", comments(5, date(2026, 11, 3)) + comments(5, date(2026, 10, 2)))


def theme(theme_id: int, title: str, actions: list[dict]) -> dict:
    return {"id": theme_id, "title": title, "summary": f"Families told us about {title.lower()}.",
            "easy_read": {"title": title, "summary": "Short.", "symbol": "clock"},
            "people": {"total": "120", "by_audience": {"parent_carer": "100"}, "by_locality": {"North": "40"}},
            "audiences": ["parent_carer"], "localities": ["North"], "quotes": [], "coproduced": True,
            "actions": actions}


def action(action_id: int, title: str, status: str, label: str, update: dict | None = None) -> dict:
    return {"id": action_id, "title": title, "partner": "Exampleshire County Council", "status": status,
            "status_label": label, "latest_update": update, "what_this_means": "Shorter waits for families.",
            "for_the_future": "We will keep checking.", "easy_read": {"title": title, "what_this_means": "Less wait."}}


def publication(version: int, status: str, published: datetime, themes: list[dict], changes: list[dict]):
    snapshot = {"version": version, "published_at": published.isoformat(),
                "area": "Exampleshire SEND Local Area Partnership", "themes": themes, "changes": changes}
    made = Publication(version=version, status=status, snapshot=snapshot, published_at=published)
    db.session.add(made)
    db.session.commit()
    return made


def change(kind: str, theme_id: int, action_id: int | None = None) -> dict:
    return {"kind": kind, "theme_id": theme_id, "action_id": action_id, "title": kind, "text": "Something changed."}


def two_publications() -> None:
    """Two publications in 2026 (and one in 2025, which the 2026 report leaves out)."""
    publication(1, "superseded", datetime(2025, 12, 1, 9, tzinfo=UTC),
                [theme(1, "Old theme", [])], [change("new_theme", 1)])
    publication(2, "superseded", datetime(2026, 3, 2, 9, tzinfo=UTC),
                [theme(12, "Waiting for CAMHS", [action(7, "Drop-in clinics", "planned", "Planned")])],
                [change("new_theme", 12), change("new_action", 12, 7)])
    publication(3, "live", datetime(2026, 9, 1, 9, tzinfo=UTC),
                [theme(12, "Waiting for CAMHS", [action(7, "Drop-in clinics", "completed", "Completed",
                                                       {"date": "2026-08-20", "text": "Clinics open weekly."})]),
                 theme(13, "School transport", [action(8, "Transport helpline", "in_progress", "In progress")])],
                [change("new_theme", 13), change("new_action", 13, 8), change("status_changed", 12, 7),
                 change("updated", 12, 7)])
