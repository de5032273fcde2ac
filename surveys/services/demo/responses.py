"""Demo invitations, responses and answers: about 2,000 over 18 months, shaped to tell a story.

Each respondent gets a mood; ratings and free text follow it, so low ratings come with unhappy
words. Mood improves slowly over the period, and the themes people write about shift when the
actions in themes.py take effect (the duty line, the annual review tracker, the therapy drop-ins).
"""

import hashlib
import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from typing import Any

from surveys.models import Invitation, Partner, Response
from surveys.services.demo import text
from surveys.services.demo.definitions import SUPPORTED_BY_OPTIONS
from surveys.services.demo.mix import (
    BARRIERS,
    EQUALITY,
    LOCALITIES,
    LOCALITY_MOOD,
    NEED_TYPES,
    NORTH,
    PARENT_HOURS,
    PARENT_NEGATIVE,
    PRACTITIONER_TOPICS,
    ROLES,
    SCHOOL_HOURS,
    SEASON,
    STAGE_MOOD,
    STAGE_TOPICS,
    STAGES,
    SUPPORTED_BY,
    WORK_HOURS,
    YOUNG_PERSON_TOPICS,
)
from surveys.services.demo.people import COUNCIL_SEND, NORTH_ICB, SCHOOLS, SOUTH_ICB
from surveys.services.demo.questionnaires import BuiltSurvey
from surveys.services.demo.text import Composed, Composer
from surveys.services.demo.themes import DUTY_LINE_OPENED, REVIEW_TRACKER_LIVE, SALT_DROP_INS_OPENED

SPAN_DAYS = 548  # about 18 months
PARENTS, YOUNG_PEOPLE, PRACTITIONERS = 1420, 300, 290
INVITED_SHARE = 0.4
UNANSWERED_RECENT, UNANSWERED_OLD = 60, 190  # still open (for reminders) and expired
INVITATION_DAYS = 28
ALL_ABOUT_ME = 170  # days ago the co-produced "All about me" page started (see themes.py)

PARENT_SLUG, YOUNG_PERSON_SLUG, PRACTITIONER_SLUG = "after-final-ehc-plan", "young-people-have-your-say", \
    "practitioner-survey"

SUPPORTED_BY_LABELS = {option["value"]: option["label"] for option in SUPPORTED_BY_OPTIONS}


@dataclass
class PendingAnswer:
    """An answer to insert in bulk once its response has an id; free text also becomes a comment."""

    response: Response
    audience: str
    values: dict[str, Any]  # question_id and value_text or value_choices
    composed: Composed | None = None
    id: int | None = None

    def row(self) -> dict[str, Any]:
        """The answer as a row for a bulk insert (after the response is flushed)."""
        return {"response_id": self.response.id, **self.values}


@dataclass
class Generated:
    """Everything made here, for the caller to add, flush and count."""

    invitations: list[Invitation] = field(default_factory=list)
    responses: dict[str, list[Response]] = field(default_factory=dict)
    answers: list[PendingAnswer] = field(default_factory=list)
    unanswered: int = 0


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _token_hash() -> str:
    """The hash of a fresh random token; the token itself is never kept or shown."""
    return hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()


FIVE_FACES_FROM_THREE = {"1": "2", "2": "3", "3": "4"}  # whats_next has five faces; the generator thinks in three


def _on_scale(key: str, value: str) -> str:
    """A three-point demo score on the question's own scale."""
    return FIVE_FACES_FROM_THREE[value] if key == "whats_next" else value


class ResponseMaker:
    """Builds invitations, responses and answers with one seeded generator."""

    def __init__(self, rng: random.Random, composer: Composer, now: datetime, surveys: dict[str, BuiltSurvey],
                 partners: dict[str, Partner]):
        self.rng, self.composer, self.now, self.surveys, self.partners = rng, composer, now, surveys, partners
        self.start = now - timedelta(days=SPAN_DAYS)
        self.out = Generated()
        self.serial = 0  # invitations sent
        self.people = count(1)  # fictional contact addresses for respondents who agree to be contacted

    # --- time and context ----------------------------------------------------------------------

    def _moments(self, number: int, hours: dict[int, float]) -> list[datetime]:
        """Submission times over the period: more recently, fewer in August and at Christmas."""
        rng, moments = self.rng, []
        hour_keys, hour_weights = list(hours), list(hours.values())
        while len(moments) < number:
            t = rng.random()
            day = self.start + timedelta(days=SPAN_DAYS * t)
            if rng.random() * 1.25 > (0.75 + 0.25 * t) * SEASON[day.month]:
                continue
            moment = day.replace(hour=rng.choices(hour_keys, hour_weights)[0], minute=rng.randint(0, 59),
                                 second=rng.randint(0, 59), microsecond=0)
            if moment > self.now - timedelta(minutes=10):
                moment = self.now - timedelta(minutes=rng.randint(10, 600))
            moments.append(moment)
        return sorted(moments)

    def _days_ago(self, moment: datetime) -> int:
        return (self.now - moment).days

    def _t(self, moment: datetime) -> float:
        """How far through the period, from 0 (18 months ago) to 1 (now)."""
        return max(0.0, min(1.0, 1 - (self.now - moment).total_seconds() / (SPAN_DAYS * 86400)))

    def _context(self) -> dict[str, str | None]:
        """Who an invitation went to: journey stage, locality, partner, need type."""
        rng = self.rng
        stage, locality = _pick(rng, STAGES), _pick(rng, LOCALITIES)
        roll = rng.random()
        if stage in ("annual_review", "phase_transfer") and roll < 0.55:
            partner = rng.choice(SCHOOLS)
        elif roll < 0.8:
            partner = COUNCIL_SEND
        else:
            partner = NORTH_ICB if locality in NORTH else SOUTH_ICB
        return {"journey_stage": stage, "locality": locality, "partner": partner, "need_type": _pick(rng, NEED_TYPES)}

    def _invitation(self, context: dict, sent: datetime) -> Invitation:
        self.serial += 1
        invitation = Invitation(
            survey_id=self.surveys[PARENT_SLUG].survey.id, token_hash=_token_hash(),
            expires_at=sent + timedelta(days=INVITATION_DAYS), journey_stage=context["journey_stage"],
            locality=context["locality"], partner_id=self.partners[context["partner"]].id,
            need_type=context["need_type"], created_at=sent - timedelta(minutes=self.rng.randint(1, 90)), sent_at=sent,
            contact_email=None, contact_phone=None, opened_at=None, reminders_sent=0, last_reminded_at=None,
        )
        if self.rng.random() < 0.75:
            invitation.contact_email = f"family{self.serial:04d}@example.com"
        else:
            invitation.contact_phone = f"07700 900{self.serial % 1000:03d}"
        self.out.invitations.append(invitation)
        return invitation

    def _remind(self, invitation: Invitation, until: datetime) -> None:
        """Reminders go out a week and two weeks after sending, while unanswered."""
        for n in (1, 2):
            when = invitation.sent_at + timedelta(days=7 * n)
            if when < until:
                invitation.reminders_sent, invitation.last_reminded_at = n, when

    # --- answers --------------------------------------------------------------------------------

    def _rating(self, mean: float, top: int = 5, sd: float = 0.75) -> str:
        return str(max(1, min(top, round(self.rng.gauss(mean, sd)))))

    def _answer(self, response: Response, built: BuiltSurvey, key: str, value: str | None = None,
                choices: list[str] | None = None, composed: Composed | None = None) -> None:
        values: dict[str, Any] = {"question_id": built.qid(key)}
        if choices is not None:
            values["value_choices"] = choices
        else:
            values["value_text"] = value
        self.out.answers.append(PendingAnswer(response, built.survey.audience, values, composed))

    def _free_text(self, response: Response, built: BuiltSurvey, key: str, composed: Composed) -> None:
        self._answer(response, built, key, composed.text, composed=composed)

    def _consent(self, response: Response, built: BuiltSurvey, quote: float, contact: float | None,
                 email: str) -> None:
        rng = self.rng
        if rng.random() < 0.96:
            response.consent_quote = rng.random() < quote
            self._answer(response, built, "consent_quote", "yes" if response.consent_quote else "no")
        if contact is not None and rng.random() < 0.94:
            response.consent_contact = rng.random() < contact
            self._answer(response, built, "consent_contact", "yes" if response.consent_contact else "no")
            if response.consent_contact:
                response.contact_email = email

    def _response(self, built: BuiltSurvey, submitted: datetime, **fields) -> Response:
        started = submitted - timedelta(minutes=self.rng.randint(3, 35))
        if self.rng.random() < 0.06:  # saved and came back later
            started -= timedelta(hours=self.rng.randint(2, 70))
        # Every response sets the same attributes, so the flush inserts them in a few large batches.
        values = {"journey_stage": None, "locality": None, "partner_id": None, "need_type": None,
                  "invitation_id": None, "consent_quote": False, "consent_contact": False, "contact_email": None,
                  "contact_phone": None, "supported_by": None, **fields}
        return Response(version_id=built.version.id, status="submitted", started_at=started, submitted_at=submitted,
                        **values)

    # --- parents and carers ---------------------------------------------------------------------

    def _negative_topic(self, t: float, days_ago: int, month: int, stage: str | None) -> str:
        weights = dict(PARENT_NEGATIVE)
        weights["waiting"] -= 0.06 * t
        weights["mental_health"] += 0.04 * t
        if days_ago < DUTY_LINE_OPENED:
            weights["communication"] = 0.08
        if days_ago < REVIEW_TRACKER_LIVE:
            weights["annual_review"] = 0.05
        if days_ago < SALT_DROP_INS_OPENED:
            weights["therapies"] = 0.055
        if days_ago < ALL_ABOUT_ME:
            weights["listened"] = 0.06
        if month in (1, 2, 3, 6, 7):
            weights["placement"] += 0.06
        if month in (9, 10):
            weights["transport"] += 0.06
        if month in (7, 8):
            weights["short_breaks"] += 0.04
        for topic, boost in STAGE_TOPICS.get(stage or "", {}).items():
            weights[topic] += boost
        return _pick(self.rng, weights)

    def _positive_topic(self, days_ago: int) -> str:
        weights = {
            "senco_praise": 0.36, "positive": 0.36, "mental_health": 0.04, "short_breaks": 0.04,
            "communication": 0.18 if days_ago < DUTY_LINE_OPENED else 0.03,
            "therapies": 0.12 if days_ago < SALT_DROP_INS_OPENED else 0.04,
            "annual_review": 0.09 if days_ago < REVIEW_TRACKER_LIVE else 0.03,
        }
        return _pick(self.rng, weights)

    def _parent_texts(self, mood: int, primary: str, second: str, days_ago: int) -> tuple[Composed | None, ...]:
        """What went well and what could be better, in keeping with the mood."""
        rng, compose = self.rng, self.composer
        late = days_ago < DUTY_LINE_OPENED
        went_well = do_better = None
        answer_well, answer_better = {1: (0.55, 0.92), 2: (0.65, 0.9), 3: (0.75, 0.85), 4: (0.8, 0.75),
                                      5: (0.85, 0.65)}[mood]
        if rng.random() < answer_well:
            if mood <= 2 and rng.random() < (0.7 if mood == 1 else 0.4):
                went_well = compose.short(text.SHORT_NEGATIVE)
            elif mood == 5 and rng.random() < 0.1:
                went_well = compose.short(text.SHORT_POSITIVE)
            else:
                went_well = compose.parent_positive(self._positive_topic(days_ago))
        if rng.random() < answer_better:
            short = {4: 0.45, 5: 0.7}.get(mood, 0.0)
            if rng.random() < short:
                do_better = compose.short(text.SHORT_NEUTRAL)
            else:
                do_better = compose.parent_negative(primary, mood, late=late, second=second)
        return went_well, do_better

    def _parent(self, submitted: datetime, invited: bool, special: Composed | None, special_well: bool) -> Response:
        rng, built = self.rng, self.surveys[PARENT_SLUG]
        t, days_ago = self._t(submitted), self._days_ago(submitted)
        context = self._context() if invited else {}
        stage = context.get("journey_stage")
        base = 2.55 + 0.9 * t + LOCALITY_MOOD.get(context.get("locality"), 0) + STAGE_MOOD.get(stage, 0)
        if context.get("partner") in SCHOOLS:
            base += 0.25
        mood = max(1, min(5, round(rng.gauss(base, 1.05))))
        if special is not None:
            mood = max(mood, 4) if special_well else min(mood, 2)
        primary = self._negative_topic(t, days_ago, submitted.month, stage)
        second = self._negative_topic(t, days_ago, submitted.month, stage)
        response = self._response(
            built, submitted, journey_stage=stage, locality=context.get("locality"),
            partner_id=self.partners[context["partner"]].id if invited else None, need_type=context.get("need_type"),
        )
        if invited:
            sent = submitted - timedelta(hours=rng.randint(2, 24 * 24))
            response.started_at = max(response.started_at, sent + timedelta(minutes=5))
            invitation = self._invitation(context, sent)
            invitation.opened_at = response.started_at
            self._remind(invitation, response.started_at)
            response.invitation = invitation
        self._parent_ratings(response, built, mood, primary, t, days_ago)
        went_well, do_better = self._parent_texts(mood, primary, second, days_ago)
        if special is not None:
            went_well, do_better = (special, do_better) if special_well else (went_well, special)
        for key, composed in (("went_well", went_well), ("do_better", do_better)):
            if composed is not None:
                self._free_text(response, built, key, composed)
        self._consent(response, built, quote=0.6, contact=0.3, email=f"parent{next(self.people)}@example.com")
        if response.consent_contact and invited:  # as the respondent pages do: the contact the invitation used
            response.contact_email = response.invitation.contact_email
            response.contact_phone = response.invitation.contact_phone
        if rng.random() < 0.55:
            for key, weights in EQUALITY.items():
                if rng.random() < 0.92:
                    self._answer(response, built, key, _pick(rng, weights))
        return response

    def _parent_ratings(self, response: Response, built: BuiltSurvey, mood: int, primary: str, t: float,
                        days_ago: int) -> None:
        rng = self.rng
        comm_shift = 0.15 if days_ago < DUTY_LINE_OPENED else -0.55
        communication = self._rating(mood + comm_shift - (0.9 if primary == "communication" else 0))
        self._answer(response, built, "communication", communication)
        if communication == "1" and rng.random() < 0.8:
            late = days_ago < DUTY_LINE_OPENED
            self._free_text(response, built, "communication_what_happened",
                            self.composer.parent_negative("communication", min(mood, 2), late=late))
        heard = 0.3 if days_ago < ALL_ABOUT_ME else 0.0
        timeliness = self._rating(mood - 0.9 + 0.7 * t - (0.8 if primary in ("waiting", "ep_waits") else 0))
        ratings = {
            "listened_to": self._rating(mood + heard - (0.8 if primary == "listened" else 0)),
            "timeliness": timeliness,
            "plan_reflects_child": self._rating(mood + 0.1 + heard),
            "overall": self._rating(mood, sd=0.45),
        }
        for key, value in ratings.items():
            if rng.random() < 0.96:
                self._answer(response, built, key, value)
        if rng.random() < 0.9:
            chance = 0.22 + 0.38 * t + 0.08 * (int(timeliness) - 3) - (0.15 if primary == "waiting" else 0)
            self._answer(response, built, "within_20_weeks", "yes" if rng.random() < chance else "no")

    # --- young people ---------------------------------------------------------------------------

    def _young_person(self, submitted: datetime, special: Composed | None) -> Response:
        rng, built = self.rng, self.surveys[YOUNG_PERSON_SLUG]
        t = self._t(submitted)
        base = 1.85 + 0.3 * t - (0.8 if special else 0)
        response = self._response(built, submitted)
        scores = []
        for key, shift in (("help_at_school", 0.15), ("listened_to", -0.1), ("help_with_health", -0.25 + 0.2 * t),
                           ("whats_next", -0.25)):
            if rng.random() < 0.95:
                value = self._rating(base + shift, top=3, sd=0.65)
                scores.append(int(value))
                self._answer(response, built, key, _on_scale(key, value))
        happy = sum(scores) / len(scores) >= 2.5 if scores else False
        # its own generator, so adding this question left every other demo answer as it was
        liked = random.Random(f"liked-{submitted.isoformat()}").random() < (0.8 if happy else 0.55)
        self._answer(response, built, "liked_survey", "2" if liked else "1")
        if special is not None:
            self._free_text(response, built, "make_better", special)
        elif rng.random() < 0.85:
            roll = rng.random()
            if happy and roll < 0.4:
                composed = self.composer.young_person(None)
            elif roll < (0.7 if happy else 0.12):
                composed = self.composer.short(text.YOUNG_PERSON_SHORT)
            else:
                weights = dict(YOUNG_PERSON_TOPICS, mental_health=0.15 + 0.05 * t)
                composed = self.composer.young_person(_pick(rng, weights))
            self._free_text(response, built, "make_better", composed)
        if rng.random() < 0.93:
            value = _pick(rng, SUPPORTED_BY)
            self._answer(response, built, "supported_by", value)
            response.supported_by = SUPPORTED_BY_LABELS[value]  # the label people chose, as the respondent pages keep
        email = f"young.person{next(self.people)}@example.com"
        self._consent(response, built, quote=0.55, contact=0.2, email=email)
        return response

    # --- practitioners --------------------------------------------------------------------------

    def _practitioner(self, submitted: datetime) -> Response:
        rng, built = self.rng, self.surveys[PRACTITIONER_SLUG]
        t = self._t(submitted)
        response = self._response(built, submitted)
        role = _pick(rng, ROLES)
        self._answer(response, built, "role", role)
        know = 0.45 + 0.3 * t + (0.35 if role == "council_officer" else 0)
        self._answer(response, built, "know_who_to_ask", "yes" if rng.random() < know else "no")
        self._answer(response, built, "multi_agency",
                     self._rating(2.3 + 0.6 * t - (0.2 if role == "social_care" else 0), sd=0.9))
        if rng.random() < 0.9:
            self._answer(response, built, "ehc_advice", self._rating(2.4 + 0.5 * t + (0.3 if role == "senco" else 0)))
        barriers = [b for b, chance in BARRIERS.items()
                    if rng.random() < chance - (0.15 * t if b == "unclear_pathways" else 0)]
        self._answer(response, built, "barriers", choices=barriers or ["capacity"])
        if rng.random() < 0.8:
            if rng.random() < 0.08:
                composed = self.composer.short(text.PRACTITIONER_SHORT)
            else:
                weights = dict(PRACTITIONER_TOPICS, communication=0.15 - 0.08 * t)
                if role == "senco":
                    weights["ep_waits"] += 0.1
                elif role == "health":
                    weights["joined_up"] += 0.1
                composed = self.composer.practitioner(_pick(rng, weights))
            self._free_text(response, built, "one_thing", composed)
        self._consent(response, built, quote=0.5, contact=None, email="")
        return response

    # --- everything -----------------------------------------------------------------------------

    def _unanswered(self) -> None:
        """Invitations nobody answered: recent ones still open for reminders, older ones expired."""
        rng = self.rng
        recent = [self.now - timedelta(hours=rng.randint(3, 24 * (INVITATION_DAYS - 1))) for _ in
                  range(UNANSWERED_RECENT)]
        old = [self.start + timedelta(hours=rng.randint(0, 24 * (SPAN_DAYS - INVITATION_DAYS - 2))) for _ in
               range(UNANSWERED_OLD)]
        for sent in sorted(old) + sorted(recent):
            invitation = self._invitation(self._context(), sent)
            # Leave some recent reminders undone, so "send reminders" has people to remind.
            self._remind(invitation, self.now - timedelta(days=2) if rng.random() < 0.35 else self.now)
            if rng.random() < 0.2:
                invitation.opened_at = sent + timedelta(hours=rng.randint(1, 72))
        self.out.unanswered = UNANSWERED_RECENT + UNANSWERED_OLD

    def make(self) -> Generated:
        """All demo responses, plus the invitations they came from and some never answered."""
        rng = self.rng
        specials = (*text.PERSONAL_DATA_PARENT, *text.SAFEGUARDING_PARENT)
        parent_specials = dict(zip(rng.sample(range(PARENTS), len(specials)), range(len(specials)), strict=True))
        young_specials = dict(zip(rng.sample(range(YOUNG_PEOPLE), len(text.SAFEGUARDING_YOUNG_PERSON)),
                                  text.SAFEGUARDING_YOUNG_PERSON, strict=True))
        parents = []
        for n, moment in enumerate(self._moments(PARENTS, PARENT_HOURS)):
            index = parent_specials.get(n)
            special = specials[index] if index is not None else None
            well = index in text.POSITIVE_SPECIALS if index is not None else False
            parents.append(self._parent(moment, rng.random() < INVITED_SHARE, special, well))
        young = [self._young_person(m, young_specials.get(n))
                 for n, m in enumerate(self._moments(YOUNG_PEOPLE, SCHOOL_HOURS))]
        practitioners = [self._practitioner(m) for m in self._moments(PRACTITIONERS, WORK_HOURS)]
        self._unanswered()
        self.out.responses = {"parent_carer": parents, "young_person": young, "practitioner": practitioners}
        return self.out

