"""The demo local area's details: board meeting dates, the contacts pages point families to, and a baseline.

Contacts are fictional: example.org addresses and 01632 phone numbers, which Ofcom keeps for drama, so nobody is
rung by mistake. The baseline is plausible for a county of about 700,000 people (about 6,000 EHC plans and 14,000
children on SEN support) and adds up: each breakdown (primary need, age band, locality, ethnic group, sex) of a
support level sums to the same total. Anything an administrator has already set is left alone.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from surveys.models import BaselineFigure, BoardMeeting, LocalContact, User, db
from surveys.services.capture import equality
from surveys.services.demo.mix import LOCALITIES
from surveys.services.platform.calendar import LONDON

BOARD_EVERY_DAYS = 61  # every two months
LAST_BOARD_DAYS_AGO = 24  # the log then shows actions with and without an update since the last meeting
PAST_BOARDS, FUTURE_BOARDS = 6, 2
TUESDAY = 1

CONTACTS = {
    "sendiass": {
        "name": "Exampleshire SENDIASS", "phone": "01632 960412", "email": "sendiass@example.org",
        "web_address": "https://sendiass.example.org",
        "description": "Free, impartial and confidential advice about SEND for children, young people and parents.",
    },
    "mediation": {
        "name": "Exampleshire SEND Mediation Service", "phone": "01632 960587", "email": "mediation@example.org",
        "web_address": "https://mediation.example.org",
        "description": "Independent mediation about EHC needs assessments and plans, free to families.",
    },
    "complaints": {
        "name": "Exampleshire County Council complaints team", "phone": "01632 960100",
        "email": "complaints@example.org", "web_address": "https://www.example.org/complaints",
        "description": "Make a complaint about the council's SEND or social care services.",
    },
    "local_offer": {
        "name": "Exampleshire Local Offer", "phone": "", "email": "localoffer@example.org",
        "web_address": "https://localoffer.example.org",
        "description": "What support is available for children and young people with SEND in Exampleshire.",
    },
}

TOTALS = {"ehc_plan": 6140, "sen_support": 14230}
# Shares of each support level by group; each dimension's shares are scaled to add up to the total.
SHARES = {
    "need_type": {
        "ehc_plan": {"Autism": 0.36, "Speech, language and communication": 0.2,
                     "Social, emotional and mental health": 0.16, "Severe learning difficulty": 0.09,
                     "Moderate learning difficulty": 0.07, "Physical disability": 0.05,
                     "Specific learning difficulty": 0.04, "Hearing impairment": 0.03},
        "sen_support": {"Autism": 0.11, "Speech, language and communication": 0.25,
                        "Social, emotional and mental health": 0.22, "Severe learning difficulty": 0.01,
                        "Moderate learning difficulty": 0.15, "Physical disability": 0.03,
                        "Specific learning difficulty": 0.2, "Hearing impairment": 0.02},
    },
    "age_band": {
        "ehc_plan": {"Under 5": 0.05, "5 to 10": 0.34, "11 to 15": 0.36, "16 to 19": 0.19, "20 to 25": 0.06},
        "sen_support": {"Under 5": 0.04, "5 to 10": 0.5, "11 to 15": 0.41, "16 to 19": 0.05},
    },
    "locality": dict.fromkeys(TOTALS, LOCALITIES),
    "ethnicity": {  # the canonical labels of capture.equality, as the baseline stores them
        support: {equality.ETHNICITY.labels()[value]: share for value, share in
                  {"white": 0.8, "asian": 0.08, "mixed": 0.06, "black": 0.04, "other": 0.02}.items()}
        for support in TOTALS
    },
    "sex": {
        "ehc_plan": {equality.SEX.labels()["male"]: 0.72, equality.SEX.labels()["female"]: 0.28},
        "sen_support": {equality.SEX.labels()["male"]: 0.63, equality.SEX.labels()["female"]: 0.37},
    },
}


def board_dates(today: date) -> list[date]:
    """Board meetings every two months over the last year and the next few months, each on a Tuesday."""
    offsets = [LAST_BOARD_DAYS_AGO + BOARD_EVERY_DAYS * n for n in range(-FUTURE_BOARDS, PAST_BOARDS)]
    days = [today - timedelta(days=offset) for offset in offsets]
    return sorted(day - timedelta(days=(day.weekday() - TUESDAY) % 7) for day in days)


def make_board_meetings(today: date) -> list[BoardMeeting]:
    """The board meetings, except on days that already have one."""
    taken = set(db.session.scalars(select(BoardMeeting.meets_on)))
    return [BoardMeeting(meets_on=day, note="SEND partnership board") for day in board_dates(today) if day not in taken]


def make_contacts(now: datetime) -> list[LocalContact]:
    """The local contacts, except kinds an administrator has already set."""
    taken = set(db.session.scalars(select(LocalContact.kind)))
    return [LocalContact(kind=kind, updated_at=now, **values) for kind, values in CONTACTS.items() if kind not in taken]


def apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Whole numbers in proportion to ``shares`` that add up to ``total`` exactly (largest remainders)."""
    whole = sum(shares.values())
    exact = {name: total * share / whole for name, share in shares.items()}
    counts = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(exact, key=lambda name: (counts[name] - exact[name], name))
    for name in by_remainder[:total - sum(counts.values())]:
        counts[name] += 1
    return counts


def baseline_rows(as_of: date, admin: User, now: datetime) -> list[BaselineFigure]:
    """The baseline figures for every dimension and support level, except groups already given a figure."""
    taken = set(db.session.execute(select(BaselineFigure.dimension, BaselineFigure.category, BaselineFigure.support)))
    return [
        BaselineFigure(dimension=dimension, category=category, support=support, count=count, as_of=as_of,
                       updated_at=now, updated_by_id=admin.id)
        for dimension, by_support in SHARES.items()
        for support, shares in by_support.items()
        for category, count in apportion(TOTALS[support], shares).items()
        if (dimension, category, support) not in taken
    ]


def census_day(today: date) -> date:
    """The day of the latest January school census (the third Thursday of January) on or before ``today``."""
    year = today.year
    day = _third_thursday(year)
    return day if day <= today else _third_thursday(year - 1)


def _third_thursday(year: int) -> date:
    first = date(year, 1, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


@dataclass
class LocalDetails:
    """The local details the demo adds: board meetings, contacts and baseline figures."""

    meetings: list[BoardMeeting]
    contacts: list[LocalContact]
    figures: list[BaselineFigure]

    def rows(self) -> list:
        """Everything to add to the session."""
        return [*self.meetings, *self.contacts, *self.figures]


def make_local_details(now: datetime, admin: User) -> LocalDetails:
    """Board meetings, contacts and the baseline (as of the latest January census), for ``now`` in England."""
    today = now.astimezone(LONDON).date()
    return LocalDetails(make_board_meetings(today), make_contacts(now), baseline_rows(census_day(today), admin, now))
