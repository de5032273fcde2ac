"""Demo data for Exampleshire: a believable local area to try yousaid with (``flask seed-demo``).

``seed_demo()`` fills an empty database in one transaction: partners, staff logins, three surveys,
about 2,000 responses over 18 months with their free text as comments, cases with statutory dates,
themes, actions with milestones, updates, forum notes, history and impact measures, board meeting
dates, local contacts and a baseline. A second run finds the demo administrator and adds nothing. Everything except
invitation tokens comes from ``random.Random(2026)``, so the data is the same every time.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, select

from analysis.themes.codebook import SEND_INSPECTION_CODEBOOK
from surveys.models import ROLES, Answer, Case, CodebookTheme, Comment, CommentTheme, Survey, db, utcnow
from surveys.services.demo.action_rows import make_actions, make_history
from surveys.services.demo.cases import CaseMaker, case_stage_journey
from surveys.services.demo.definitions import SURVEYS
from surveys.services.demo.local import make_local_details
from surveys.services.demo.people import (
    ADMIN_EMAIL,
    COMPLAINTS_OFFICER,
    COPRODUCTION,
    DEMO_PASSWORD,
    STAFF,
    demo_data_present,
    make_partners,
    make_staff,
)
from surveys.services.demo.questionnaires import BuiltSurvey, make_surveys
from surveys.services.demo.responses import PARENT_SLUG, Generated, ResponseMaker
from surveys.services.demo.text import Composer
from surveys.services.demo.themes import assign_comments, make_themes, review_decisions
from surveys.services.platform.calendar import LONDON

__all__ = ["DemoDataError", "DemoReport", "seed_demo"]

SEED = 2026


@dataclass
class DemoReport:
    """What seed_demo did, and the logins to try."""

    already_present: bool = False
    partners: int = 0
    staff: int = 0
    surveys: int = 0
    questions: int = 0
    invitations: int = 0
    unanswered_invitations: int = 0
    responses: dict[str, int] = field(default_factory=dict)
    answers: int = 0
    survey_comments: int = 0
    case_comments: int = 0
    cases: int = 0
    open_cases: int = 0
    overdue_cases: int = 0
    themes: int = 0
    theme_assignments: int = 0
    actions: int = 0
    milestones: int = 0
    updates: int = 0
    forum_notes: int = 0
    history: int = 0
    board_meetings: int = 0
    contacts: int = 0
    baseline_figures: int = 0
    first_response: date | None = None
    last_response: date | None = None
    seconds: float = 0.0

    @property
    def total_responses(self) -> int:
        """Submitted responses across all three surveys."""
        return sum(self.responses.values())

    @property
    def comments_created(self) -> int:
        """Comments made from free-text answers and from cases, waiting for the analysis pipeline."""
        return self.survey_comments + self.case_comments

    def describe(self) -> str:
        """A short summary for the terminal, ending with the demo logins and password."""
        if self.already_present:
            lines = ["Demo data already present: nothing added."]
        else:
            lines = [
                f"Demo data for Exampleshire created in {self.seconds:.1f} seconds:",
                f"  {self.partners} partners, {self.staff} staff accounts, {self.surveys} surveys "
                f"({self.questions} questions)",
                f"  {self.total_responses:,} responses ({self.responses.get('parent_carer', 0):,} parents and carers, "
                f"{self.responses.get('young_person', 0)} young people, {self.responses.get('practitioner', 0)} "
                f"practitioners) from {self.first_response} to {self.last_response}, {self.answers:,} answers",
                f"  {self.invitations:,} invitations ({self.unanswered_invitations} not answered)",
                f"  {self.comments_created:,} comments ({self.survey_comments:,} from surveys, {self.case_comments} "
                "from cases), not yet analysed",
                f"  {self.cases} cases ({self.open_cases} open, {self.overdue_cases} overdue)",
                f"  {self.themes} themes ({self.theme_assignments:,} comment links), {self.actions} actions "
                f"({self.milestones} milestones, {self.updates} updates, {self.forum_notes} forum notes, "
                f"{self.history} history entries)",
                f"  {self.board_meetings} board meetings, {self.contacts} local contacts, "
                f"{self.baseline_figures} baseline figures",
            ]
        lines.append(f"Staff logins (password: {DEMO_PASSWORD}):")
        width = max(len(login.email) for login in STAFF)
        for login in STAFF:
            partner = f" ({login.partner})" if login.partner else ""
            lines.append(f"  {login.email:<{width}}  {ROLES[login.role]}{partner}")
        return "\n".join(lines)


def _as_utc(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("seed_demo needs an aware datetime for now")
    return now.astimezone(UTC)


class DemoDataError(RuntimeError):
    """The database holds data that the demo would clash with; the message says what."""


def _check_empty() -> None:
    """The demo needs its survey slugs free; other data (partners, users) is reused or left alone."""
    slugs = [definition["slug"] for definition in SURVEYS]
    taken = list(db.session.scalars(select(Survey.slug).where(Survey.slug.in_(slugs))))
    if taken:
        raise DemoDataError(
            f"The database already has the survey {taken[0]!r} but not the demo accounts. "
            "seed-demo fills an empty database: use a new one."
        )


def _insert(model: type, rows: list[dict[str, Any]]) -> None:
    """Insert many rows fast, with an ORM bulk insert (ids are looked up afterwards where needed)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:  # rows with the same columns go together, else every change of columns starts a batch
        groups.setdefault(tuple(sorted(row)), []).append(row)
    statement = insert(model).execution_options(render_nulls=True)  # keep None, or columns vary row to row
    for group in groups.values():
        db.session.execute(statement, group)


def _insert_answers(generated: Generated, surveys: dict[str, BuiltSurvey]) -> None:
    """All answers; then the ids of the free-text ones, which their comments point at."""
    _insert(Answer, [a.row() for a in generated.answers])
    free_text = [q.id for s in surveys.values() for q in s.questions.values() if q.kind == "free_text"]
    query = select(Answer.id, Answer.response_id, Answer.question_id).where(Answer.question_id.in_(free_text))
    ids = {(response_id, question_id): answer_id for answer_id, response_id, question_id in db.session.execute(query)}
    for answer in generated.answers:
        if answer.composed is not None:
            answer.id = ids[answer.response.id, answer.values["question_id"]]


def _insert_comments(tagged: list[tuple[dict[str, Any], tuple[str, ...]]]) -> list[int]:
    """Insert the comments; their ids in the same order (found by answer or case, both unique here)."""
    _insert(Comment, [row for row, _ in tagged])
    query = select(Comment.id, Comment.answer_id, Comment.case_id).where(Comment.source.in_(("survey", "case")))
    ids = {("answer", a) if a is not None else ("case", c): i for i, a, c in db.session.execute(query)}
    return [ids[("answer", row["answer_id"]) if row["answer_id"] is not None else ("case", row["case_id"])]
            for row, _ in tagged]


# A comment before the analysis pipeline has seen it (bulk inserts skip the models' Python defaults).
UNANALYSED = {
    "redacted_text": "", "redaction_spans": [], "analysed_at": None, "sentiment": None, "sentiment_score": None,
    "emotions": {}, "safeguarding_flag": False, "safeguarding_reason": "", "safeguarding_reviewed_at": None,
    "safeguarding_reviewed_by_id": None,
}


def _survey_comments(generated: Generated) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """One comment per non-empty free-text answer (answers and responses must have ids)."""
    tagged = []
    for answer in generated.answers:
        if answer.composed is None or not answer.composed.text.strip():
            continue
        response = answer.response
        row = {
            **UNANALYSED, "source": "survey", "answer_id": answer.id, "response_id": response.id, "case_id": None,
            "partner_id": response.partner_id, "raw_text": answer.composed.text, "received_at": response.submitted_at,
            "audience": answer.audience, "journey_stage": response.journey_stage, "locality": response.locality,
            "need_type": response.need_type, "consent_quote": response.consent_quote,
        }
        tagged.append((row, answer.composed.topics))
    return tagged


def _case_comments(cases: list[tuple[Case, str]]) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """One comment per case, from what the person told us (cases must have ids)."""
    return [
        ({**UNANALYSED, "source": "case", "answer_id": None, "response_id": None, "case_id": case.id,
          "partner_id": case.partner_id, "raw_text": case.details, "received_at": case.created_at,
          "audience": "parent_carer", "journey_stage": case_stage_journey(case.stage), "locality": None,
          "need_type": None, "consent_quote": False}, (topic,))
        for case, topic in cases
    ]


def seed_demo(now: datetime | None = None) -> DemoReport:
    """Fill an empty database with the Exampleshire demo; do nothing if the demo is already there."""
    started = time.perf_counter()
    if demo_data_present():
        return DemoReport(already_present=True)
    now = _as_utc(now)
    _check_empty()
    report = _seed(now)  # the caller commits it all or nothing: a half-made demo could not be finished later
    report.seconds = time.perf_counter() - started
    return report


def _seed(now: datetime) -> DemoReport:
    """Everything, flushed for the caller to commit as one transaction."""
    rng = random.Random(SEED)
    # One generator per part, drawn from the seeded one, so changing one part leaves the others alone.
    response_rng, case_rng, text_rng, theme_rng = (random.Random(rng.getrandbits(64)) for _ in range(4))

    partners = make_partners()
    users = make_staff(partners)
    surveys = make_surveys(now)
    db.session.add_all(s.survey for s in surveys.values())
    db.session.flush()

    generated = ResponseMaker(response_rng, Composer(text_rng), now, surveys, partners).make()
    responses = [r for group in generated.responses.values() for r in group]
    db.session.add_all(generated.invitations)
    db.session.add_all(responses)
    today = now.astimezone(LONDON).date()
    cases = CaseMaker(case_rng, today, partners, users[COMPLAINTS_OFFICER]).make()
    db.session.add_all(case for case, _ in cases)
    themes = make_themes(now, users)
    db.session.add_all(themes.values())
    db.session.flush()
    _insert_answers(generated, surveys)

    survey_comments, case_comments = _survey_comments(generated), _case_comments(cases)
    tagged = survey_comments + case_comments
    comment_ids = _insert_comments(tagged)
    links = assign_comments(
        theme_rng, [(cid, row["received_at"], topics) for cid, (row, topics) in zip(comment_ids, tagged, strict=True)],
        themes,
    )
    _insert(CommentTheme, links)
    db.session.add_all(review_decisions(themes, users[COPRODUCTION]))
    made = make_actions(now, partners, users, themes, surveys[PARENT_SLUG].survey)
    actions = [action for action, _ in made]
    db.session.add_all(actions)
    db.session.flush()
    changes = make_history(now, made, users)
    db.session.add_all(changes)
    local = make_local_details(now, users[ADMIN_EMAIL])
    db.session.add_all(local.rows())
    db.session.add_all(CodebookTheme(name=e.name, phrases=list(e.phrases)) for e in SEND_INSPECTION_CODEBOOK)

    submitted = [r.submitted_at for r in responses]
    report = DemoReport(
        partners=len(partners), staff=len(users), surveys=len(surveys),
        questions=sum(len(s.questions) for s in surveys.values()),
        invitations=len(generated.invitations), unanswered_invitations=generated.unanswered,
        responses={audience: len(group) for audience, group in generated.responses.items()},
        answers=len(generated.answers), survey_comments=len(survey_comments), case_comments=len(case_comments),
        cases=len(cases), open_cases=sum(1 for c, _ in cases if c.is_open),
        overdue_cases=sum(1 for c, _ in cases if c.is_overdue(today)),
        themes=len(themes), theme_assignments=len(links), actions=len(actions),
        milestones=sum(len(a.milestones) for a in actions),
        updates=sum(u.kind == "update" for a in actions for u in a.updates),
        forum_notes=sum(u.kind == "forum_note" for a in actions for u in a.updates), history=len(changes),
        board_meetings=len(local.meetings), contacts=len(local.contacts), baseline_figures=len(local.figures),
        first_response=min(submitted).date(), last_response=max(submitted).date(),
    )
    db.session.flush()
    return report
