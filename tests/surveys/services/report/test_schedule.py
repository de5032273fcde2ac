"""The publication schedule: slots on first working days in England's time, validation, and claiming a slot once."""

from datetime import UTC, datetime

import pytest

from surveys.models import PublicationSchedule, db
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.errors import Invalid
from surveys.services.report import schedule
from tests.factories import make_user


def at(year, month, day, hour=12, minute=0) -> datetime:
    """A moment on England's clock, as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def test_the_first_working_day_skips_weekends_and_bank_holidays():
    assert schedule.first_working_day(2026, 1) == datetime(2026, 1, 2).date()  # 1 January is a bank holiday
    assert schedule.first_working_day(2026, 3) == datetime(2026, 3, 2).date()  # 1 March 2026 is a Sunday
    assert schedule.first_working_day(2026, 6) == datetime(2026, 6, 1).date()


def test_with_nothing_saved_the_tracker_is_published_monthly_at_nine(app_context):
    current = schedule.current_schedule()
    assert (current.kind, current.hour, current.minute) == ("monthly", 9, 0)
    next_run = schedule.next_publication_date(at(2026, 11, 30))
    assert next_run == datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)
    assert next_run.tzinfo is LONDON


def test_the_time_is_england_time_in_summer_too(app_context):
    next_run = schedule.next_publication_date(at(2026, 5, 20))
    assert next_run.utcoffset().total_seconds() == 3600  # 09:00 BST is 08:00 UTC
    assert (next_run.date().isoformat(), next_run.hour) == ("2026-06-01", 9)


def test_on_the_day_itself_before_and_after_the_time(app_context):
    assert schedule.next_publication_date(at(2026, 12, 1, 8, 59)).date().isoformat() == "2026-12-01"
    assert schedule.next_publication_date(at(2026, 12, 1, 9, 0)).date().isoformat() == "2027-01-04"


def test_termly_is_january_april_and_september(app_context):
    schedule.set_schedule(None, "termly", 10, 30, now=at(2026, 5, 1))
    slot = schedule.next_publication_date(at(2026, 5, 1))
    assert (slot.date().isoformat(), slot.hour, slot.minute) == ("2026-09-01", 10, 30)
    assert schedule.next_publication_date(at(2026, 10, 1)).date().isoformat() == "2027-01-04"
    assert schedule.next_publication_date(at(2027, 1, 5)).date().isoformat() == "2027-04-01"


def test_off_has_no_next_date(app_context):
    schedule.set_schedule(None, "off", 9, 0)
    assert schedule.next_publication_date() is None
    assert schedule.claim_due_slot(at(2027, 6, 1)) is None


@pytest.mark.parametrize("kind, hour, minute, message", [
    ("weekly", 9, 0, "Select how often to publish the tracker"),
    ("monthly", 24, 0, "Hour must be a whole number from 0 to 23"),
    ("monthly", -1, 0, "Hour must be a whole number from 0 to 23"),
    ("monthly", 9, 60, "Minute must be a whole number from 0 to 59"),
    ("monthly", "9", 0, "Hour must be a whole number from 0 to 23"),
])
def test_a_bad_schedule_says_what_to_change(app_context, kind, hour, minute, message):
    with pytest.raises(Invalid) as raised:
        schedule.set_schedule(None, kind, hour, minute)
    assert raised.value.message == message
    assert db.session.get(PublicationSchedule, 1) is None


def test_saving_records_who_and_starts_from_the_next_slot(app_context):
    lead = make_user("coproduction_lead")
    saved = schedule.set_schedule(lead, "monthly", 8, 0, now=at(2026, 12, 1, 8, 30))
    assert saved.updated_by_id == lead.id
    assert saved.last_slot_at == at(2026, 12, 1, 8, 0)  # today's 08:00 passed before it was chosen: not run late
    assert schedule.claim_due_slot(at(2026, 12, 1, 8, 45)) is None


def test_a_slot_is_claimed_once(app_context):
    schedule.set_schedule(None, "monthly", 9, 0, now=at(2026, 11, 15))
    db.session.commit()
    assert schedule.claim_due_slot(at(2026, 11, 30)) is None  # nothing has passed since
    assert schedule.claim_due_slot(at(2026, 12, 1, 9, 15)) == at(2026, 12, 1, 9, 0)
    db.session.commit()
    assert schedule.claim_due_slot(at(2026, 12, 1, 9, 30)) is None
    assert schedule.claim_due_slot(at(2027, 1, 4, 9, 0)) == at(2027, 1, 4, 9, 0)


def test_after_downtime_only_the_latest_missed_slot_is_due(app_context):
    schedule.set_schedule(None, "monthly", 9, 0, now=at(2026, 8, 15))
    db.session.commit()
    # Down from August to December: September, October, November and December were all missed.
    assert schedule.claim_due_slot(at(2026, 12, 10)) == at(2026, 12, 1, 9, 0)
    db.session.commit()
    assert schedule.claim_due_slot(at(2026, 12, 10, 12, 15)) is None
