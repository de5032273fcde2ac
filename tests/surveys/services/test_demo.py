"""The Exampleshire demo: what seed_demo creates, that it runs once, and that its text is varied."""

import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from surveys.models import (
    Action,
    Answer,
    Case,
    Comment,
    CommentTheme,
    Invitation,
    Partner,
    Question,
    Response,
    Survey,
    Theme,
    User,
    db,
)
from surveys.services.capture.cases import due_date
from surveys.services.demo import DemoDataError, DemoReport, seed_demo
from surveys.services.demo.people import DEMO_PASSWORD, PARTNERS, STAFF
from surveys.services.demo.text import Composer
from surveys.services.platform.accounts import authenticate

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


def test_seed_demo_builds_exampleshire_once(app_context):
    report = seed_demo(now=NOW)

    check_people()
    check_surveys()
    check_responses()
    check_comments()
    check_cases()
    check_themes_and_actions()
    assert report.total_responses == count(Response)
    assert report.comments_created == count(Comment)
    summary = report.describe()
    assert "Demo data for Exampleshire" in summary and DEMO_PASSWORD in summary

    before = table_counts()
    again = seed_demo(now=NOW + timedelta(days=1))
    assert again.already_present and "Demo data already present" in again.describe()
    assert table_counts() == before

    # Every account shares one hash (checked above), so a few sign-ins prove them all; Argon2 is slow on purpose.
    for account in (STAFF[0], STAFF[2], STAFF[4]):
        user = authenticate(account.email, DEMO_PASSWORD)
        assert user is not None and user.role == account.role


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
