"""The Exampleshire demo: what seed_demo creates, that it runs once, and that its text is varied."""

import random
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from analysis.themes.codebook import SEND_INSPECTION_CODEBOOK
from surveys.models import (
    CONTACT_KINDS,
    Action,
    ActionChange,
    ActionUpdate,
    Answer,
    BaselineFigure,
    BoardMeeting,
    Case,
    CodebookTheme,
    Comment,
    CommentTheme,
    Invitation,
    LocalContact,
    Partner,
    Question,
    Response,
    Survey,
    Theme,
    User,
    db,
)
from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS
from surveys.services.act.history import status_text
from surveys.services.act.rag import board_dates, rag_status
from surveys.services.capture import equality
from surveys.services.capture.cases import due_date
from surveys.services.demo import DemoDataError, DemoReport, seed_demo
from surveys.services.demo.local import TOTALS, apportion
from surveys.services.demo.mix import LOCALITIES, NEED_TYPES
from surveys.services.demo.people import DEMO_PASSWORD, PARTNERS, STAFF
from surveys.services.demo.text import Composer
from surveys.services.platform.sign_in import check_password

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def table_counts() -> dict[str, int]:
    return {table.name: count(table) for table in db.metadata.sorted_tables}


def check_people() -> None:
    partners = {p.name: p.kind for p in db.session.scalars(select(Partner))}
    assert partners == dict(PARTNERS)
    users = {u.email: u for u in db.session.scalars(select(User))}
    assert set(users) == {account.email for account in STAFF}
    for account in STAFF:
        user = users[account.email]
        assert user.role == account.role and user.name
        assert (user.partner.name if user.partner else None) == account.partner
    assert len({u.password_hash for u in users.values()}) == 1  # hashed once


def check_surveys() -> None:
    surveys = {s.slug: s for s in db.session.scalars(select(Survey))}
    assert set(surveys) == {"after-final-ehc-plan", "young-people-have-your-say", "practitioner-survey"}
    assert all(s.open_link and s.active and [v.number for v in s.versions] == [1] for s in surveys.values())
    for survey in surveys.values():
        keys = [q.key for q in survey.current_version.questions]
        assert len(keys) == len(set(keys)) and all(re.fullmatch(r"[a-z0-9_]+", k) for k in keys)
    parent = {q.key: q for q in surveys["after-final-ehc-plan"].current_version.questions}
    assert parent["communication"].options[0] == {"value": "1", "label": "Very poor"}
    assert parent["communication_what_happened"].condition_key == "communication"
    assert parent["consent_quote"].kind == parent["consent_contact"].kind == "consent"
    equality = [q for q in parent.values() if q.kind == "equality"]
    assert equality and all({"value": "prefer_not_to_say", "label": "Prefer not to say"} in q.options
                            for q in equality)
    young = surveys["young-people-have-your-say"]
    assert young.easy_read and young.audience == "young_person"
    assert all(q.easy_read_prompt for q in young.current_version.questions)
    symbols = [q for q in young.current_version.questions if q.kind == "symbol_scale"]
    assert symbols and all(o["label"] and o["symbol"] for q in symbols for o in q.options)
    assert "audio" in {q.kind for q in young.current_version.questions}


def check_responses() -> None:
    responses = list(db.session.scalars(select(Response)))
    assert 1800 <= len(responses) <= 2200
    assert {r.status for r in responses} == {"submitted"}
    submitted = [r.submitted_at for r in responses]
    assert min(submitted) >= NOW - timedelta(days=560) and max(submitted) <= NOW
    assert max(submitted) - min(submitted) > timedelta(days=500)
    assert all(r.started_at <= r.submitted_at for r in responses)
    by_audience = dict(db.session.execute(
        select(Survey.audience, func.count(Response.id)).join(Response.version).join(Survey).group_by(Survey.audience)
    ).all())
    assert by_audience["parent_carer"] > by_audience["young_person"] + by_audience["practitioner"]
    invited = sum(1 for r in responses if r.invitation_id is not None)
    assert 0.3 < invited / by_audience["parent_carer"] < 0.5
    assert all(r.contact_email is None for r in responses if not r.consent_contact)
    assert 0.4 < sum(r.consent_quote for r in responses) / len(responses) < 0.75
    hashes = list(db.session.scalars(select(Invitation.token_hash)))
    assert len(hashes) > invited and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)


def check_comments() -> None:
    free_text = db.session.scalar(
        select(func.count(Answer.id)).join(Question).where(Question.kind == "free_text", Answer.value_text != "")
    )
    assert count(select(Comment).where(Comment.source == "survey").subquery()) == free_text
    texts = list(db.session.scalars(select(Comment.raw_text).where(Comment.source == "survey")))
    assert len(set(texts)) >= 1000
    assert db.session.scalar(select(func.count(Comment.id)).where(Comment.analysed_at.is_not(None))) == 0
    assert any("07700 900123" in t for t in texts)  # personal data, for redaction to find
    assert any("hurting myself" in t for t in texts)  # a young person who needs a safeguarding review


def check_cases() -> None:
    cases = list(db.session.scalars(select(Case)))
    assert 100 <= len(cases) <= 140
    assert {c.kind for c in cases} == {"complaint", "compliment", "comment"}
    assert all(c.due_on == due_date(c.received_on, c.stage) for c in cases)
    assert any(c.is_overdue(TODAY) for c in cases)
    assert any(c.is_open and TODAY < c.due_on <= TODAY + timedelta(days=5) for c in cases)
    assert any(c.responded_on and c.responded_on > c.due_on for c in cases)
    assert all(c.outcome for c in cases if c.kind == "complaint" and c.responded_on)
    assert all(c.response_text for c in cases if c.responded_on)
    case_comments = db.session.scalar(select(func.count(Comment.id)).where(Comment.source == "case"))
    assert case_comments == len(cases)


def check_themes_and_actions() -> None:
    themes = list(db.session.scalars(select(Theme)))
    assert len(themes) == 10
    assert sorted(t.status for t in themes).count("reviewed") == 7
    assert all(t.public == (t.status == "reviewed") and t.key_terms for t in themes)
    sources = dict(db.session.execute(
        select(CommentTheme.source, func.count(CommentTheme.id)).group_by(CommentTheme.source)
    ).all())
    assert sources["model"] > 1000 and sources["manual"] > 0
    actions = list(db.session.scalars(select(Action)))
    assert len(actions) >= 10 and all(a.themes for a in actions)
    assert {a.status for a in actions} == {"planned", "in_progress", "completed", "changed", "not_taken_forward"}
    assert all(a.status_reason for a in actions if a.status == "not_taken_forward")
    assert any(a.target_date < TODAY and a.status != "completed" for a in actions)  # slippage


def check_action_log() -> None:
    actions = list(db.session.scalars(select(Action)))
    assert all(a.start_date for a in actions if a.status != "planned" and a.status != "not_taken_forward")
    assert all(a.start_date <= TODAY for a in actions if a.start_date)
    milestones = [m for a in actions for m in a.milestones]
    assert len(milestones) >= 20 and any(m.done_on for m in milestones)
    assert any(m.done_on is None and m.due_on < TODAY for m in milestones)  # overdue
    updates = list(db.session.scalars(select(ActionUpdate)))
    assert sum(u.kind == "update" for u in updates) >= 20
    notes = [u for u in updates if u.kind == "forum_note"]
    assert len(notes) >= 5 and all(u.author.role == "pcf_rep" for u in notes)
    assert all(u.created_at <= NOW for u in updates)
    assert {a.impact_kind for a in actions} >= {"question", "theme_share", "theme_sentiment"}
    assert {a.public for a in actions} == {True, False}


def check_action_history() -> None:
    actions = list(db.session.scalars(select(Action)))
    for action in actions:
        summaries = [change.summary for change in action.changes]  # in id order
        assert summaries[0] == "created" and action.changes[0].changes["status"] == ["", "Planned"]
        times = [change.changed_at for change in action.changes]
        assert times == sorted(times) and times[-1] <= NOW
        statuses = [c.changes["status"][1] for c in action.changes if c.summary == "status changed"]
        if action.status != "planned":
            assert statuses[-1] == status_text(action.status)
    assert count(ActionChange) >= 80


def check_rag() -> None:
    meetings = board_dates()
    assert len(meetings) == 8 and sum(day < TODAY for day in meetings) == 6
    assert TODAY - timedelta(days=366) < meetings[0] and meetings[-1] < TODAY + timedelta(days=130)
    assert all(day.weekday() == 1 for day in meetings)
    colours = {rag_status(action, TODAY, meetings).colour for action in db.session.scalars(select(Action))}
    assert colours == {"red", "amber", "green", "complete", "closed"}


def check_local_details() -> None:
    contacts = {c.kind: c for c in db.session.scalars(select(LocalContact))}
    assert set(contacts) == set(CONTACT_KINDS)
    hosts = [urlsplit(c.web_address) for c in contacts.values()]
    assert all(c.name for c in contacts.values())
    assert all(h.scheme == "https" and h.hostname.endswith("example.org") for h in hosts)
    assert all(c.phone.startswith("01632 ") for c in contacts.values() if c.phone)  # Ofcom's numbers for drama
    assert all(c.email.endswith("@example.org") for c in contacts.values())


def check_baseline() -> None:
    figures = list(db.session.scalars(select(BaselineFigure)))
    totals: dict[tuple[str, str], int] = {}
    for figure in figures:
        totals[figure.dimension, figure.support] = totals.get((figure.dimension, figure.support), 0) + figure.count
    assert set(totals) == {(d, s) for d in BASELINE_DIMENSIONS for s in SUPPORT_LEVELS}
    assert all(total == TOTALS[support] for (_, support), total in totals.items())  # every breakdown adds up
    assert 5000 < TOTALS["ehc_plan"] < 7000 and 12000 < TOTALS["sen_support"] < 16000
    categories = {d: {f.category for f in figures if f.dimension == d} for d in BASELINE_DIMENSIONS}
    assert categories["locality"] == set(LOCALITIES) and categories["need_type"] == set(NEED_TYPES)
    assert categories["sex"] == {"Female", "Male"}
    assert categories["ethnicity"] == set(equality.ETHNICITY.labels().values()) - {"Prefer not to say"}
    assert all(f.as_of and f.as_of.month == 1 and f.as_of <= TODAY for f in figures)


def test_apportion_adds_up_exactly():
    assert apportion(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert sum(apportion(6140, {"x": 0.333, "y": 0.333, "z": 0.2}).values()) == 6140


def test_seed_demo_builds_exampleshire_once(app_context):
    report = seed_demo(now=NOW)

    check_people()
    check_surveys()
    check_responses()
    check_comments()
    check_cases()
    check_themes_and_actions()
    check_action_log()
    check_action_history()
    check_rag()
    check_local_details()
    assert db.session.scalar(select(func.count(CodebookTheme.id))) == len(SEND_INSPECTION_CODEBOOK)
    check_baseline()
    assert report.total_responses == count(Response)
    assert report.comments_created == count(Comment)
    summary = report.describe()
    assert "Demo data for Exampleshire" in summary and DEMO_PASSWORD in summary
    assert (report.board_meetings, report.contacts, report.baseline_figures) == (
        count(BoardMeeting), count(LocalContact), count(BaselineFigure))
    assert report.history == count(ActionChange) and "board meetings" in summary

    before = table_counts()
    again = seed_demo(now=NOW + timedelta(days=1))
    assert again.already_present and "Demo data already present" in again.describe()
    assert table_counts() == before

    # Every account shares one hash (checked above), so a few sign-ins prove them all; Argon2 is slow on purpose.
    for account in (STAFF[0], STAFF[2], STAFF[4]):
        attempt = check_password(account.email, DEMO_PASSWORD)
        assert attempt.passed and attempt.user.role == account.role


def test_seed_demo_refuses_a_database_with_its_surveys_but_not_its_accounts(app_context):
    db.session.add(Survey(slug="after-final-ehc-plan", title="Someone else's", audience="parent_carer"))
    db.session.commit()

    with pytest.raises(DemoDataError, match="after-final-ehc-plan"):
        seed_demo(now=NOW)


def test_describe_lists_every_login_and_the_password():
    summary = DemoReport(already_present=True).describe()

    assert summary.startswith("Demo data already present")
    assert DEMO_PASSWORD in summary
    assert all(account.email in summary for account in STAFF)
    assert "Exampleshire Parent Carer Forum" in summary


def test_composer_is_reproducible_and_varied():
    def texts(seed: int) -> list[str]:
        composer = Composer(random.Random(seed))
        return [composer.parent_negative("communication", mood=1 + n % 5).text for n in range(1000)]

    first = texts(2026)
    assert first == texts(2026)
    assert len(set(first)) > 500  # one topic only; short repeated answers are realistic too
