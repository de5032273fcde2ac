"""Hand-written snapshots that follow the publication contract, and Publication rows holding them.

The public pages render whatever dict follows the contract, so their tests write the dict by hand rather than
build it through the publishing code (which has its own tests).
"""

from datetime import UTC, datetime

from surveys.models import Publication, db

PUBLISHED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def camhs_theme() -> dict:
    """A theme raised by parents and young people in two localities, with two actions and three quotes."""
    return {
        "id": 12, "title": "Waiting for CAMHS",
        "summary": "Families told us they wait a long time for a first CAMHS appointment.",
        "easy_read": {"title": "Waiting to see CAMHS", "summary": "You wait a long time. That is hard.",
                      "symbol": "clock"},
        "people": {"total": "120", "by_audience": {"parent_carer": "100", "young_person": "fewer than 5",
                                                   "practitioner": "not shown"},
                   "by_locality": {"North": "40", "South": "fewer than 5"}},
        "audiences": ["parent_carer", "young_person"], "localities": ["North", "South"],
        "quotes": ["We waited eighteen months.", "Nobody told us what was happening.", "=HYPERLINK(\"x\")"],
        "coproduced": True,
        "actions": [
            {"id": 7, "title": "A CAMHS waiting list helpline", "partner": "Exampleshire NHS ICB",
             "status": "in_progress", "status_label": "In progress",
             "latest_update": {"date": "2026-11-02", "text": "The helpline is open on weekdays."},
             "what_this_means": "You can ask where you are on the list.",
             "for_the_future": "We will publish waiting times each month.",
             "easy_read": {"title": "A phone line about waiting", "what_this_means": "You can phone and ask."}},
            {"id": 8, "title": "-1 extra clinic", "partner": "Exampleshire County Council",
             "status": "planned", "status_label": "Planned", "latest_update": None,
             "what_this_means": "More appointments in the South.", "for_the_future": "",
             "easy_read": {"title": "More clinics", "what_this_means": "More places to see someone."}},
        ],
    }


def transport_theme() -> dict:
    """A theme raised only by practitioners in the East, with no action yet and no easy-read symbol we know."""
    return {
        "id": 15, "title": "School transport", "summary": "Practitioners told us transport is often late.",
        "easy_read": {"title": "Getting to school", "summary": "The bus is late.", "symbol": "no-such-symbol"},
        "people": {"total": "30", "by_audience": {"practitioner": "30"}, "by_locality": {"East": "30"}},
        "audiences": ["practitioner"], "localities": ["East"], "quotes": [], "coproduced": False, "actions": [],
    }


def snapshot(version: int = 3, themes: list | None = None, changes: list | None = None) -> dict:
    """A whole snapshot of ``version``."""
    return {
        "version": version, "published_at": PUBLISHED.isoformat(),
        "area": "Exampleshire SEND Local Area Partnership",
        "themes": [camhs_theme(), transport_theme()] if themes is None else themes,
        "changes": [
            {"kind": "new_theme", "theme_id": 12, "action_id": None, "title": "New: waiting for CAMHS",
             "text": "Families told us about waiting for CAMHS."},
            {"kind": "status_changed", "theme_id": 12, "action_id": 7, "title": "Helpline: in progress",
             "text": "The CAMHS helpline is now in progress & open <weekdays>."},
        ] if changes is None else changes,
    }


def publish(version: int = 3, status: str = "live", published_at: datetime | None = PUBLISHED, **parts) -> Publication:
    """A Publication row of ``version`` with a hand-made snapshot, committed."""
    item = Publication(version=version, status=status, published_at=published_at,
                       snapshot=parts.pop("data", None) or snapshot(version, **parts))
    db.session.add(item)
    db.session.commit()
    return item
