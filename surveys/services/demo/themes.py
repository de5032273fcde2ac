"""Demo themes ("you said") and their links to comments; the actions partners took are in actions.py.

Dates are days before ``now``. The survey answers and the actions use the same dates, so ratings and
comment volumes change after an action is completed and the trend charts tell the story.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from surveys.models import Theme, ThemeDecision, User
from surveys.services.demo.people import COPRODUCTION

# Days before now when things changed; responses.py shapes the answers around them.
DUTY_LINE_OPENED = 290
REVIEW_TRACKER_LIVE = 210
SALT_DROP_INS_OPENED = 125

# Phrase-bank topic -> theme key.
TOPIC_THEME = {
    "waiting": "assessment_delays",
    "ep_waits": "assessment_delays",
    "communication": "communication",
    "listened": "listened_to",
    "annual_review": "annual_reviews",
    "mental_health": "mental_health",
    "therapies": "therapies",
    "senco_praise": "good_support",
    "positive": "good_support",
    "transport": "transport",
    "placement": "placements",
    "joined_up": "joined_up",
}


@dataclass(frozen=True)
class ThemeSpec:
    """One theme as the co-production lead would describe it."""

    key: str
    label: str
    description: str
    key_terms: list[str]
    what_this_means: str = ""
    reviewed: bool = True


THEMES = (
    ThemeSpec(
        "assessment_delays", "Waiting too long for EHC needs assessments and plans",
        "Families waited well beyond the 20-week legal limit for EHC needs assessments and final plans, "
        "often because advice from educational psychologists arrived late.",
        ["20 weeks", "waiting", "assessment", "EHC plan", "delay", "panel", "educational psychologist"],
        "Many families waited far longer than the law allows for an EHC plan. While they waited, children "
        "often went without the support they needed.",
    ),
    ThemeSpec(
        "communication", "Communication and being kept informed",
        "Unanswered emails and calls, changes of caseworker nobody explained, and not knowing what happens "
        "next. Later comments mention the duty line.",
        ["email", "reply", "caseworker", "phone", "call back", "updates", "kept informed"],
        "Families told us they were often left in the dark. They want a reply, a named person, and honest "
        "news about what happens next, even when it is bad news.",
    ),
    ThemeSpec(
        "listened_to", "Not feeling listened to",
        "Parents and young people felt their views were left out of plans and meetings, or that "
        "professionals who barely knew the child decided for them.",
        ["listened", "views", "section A", "dismissed", "meeting", "child's voice"],
        "Families know their children best. Many felt that what they said did not make it into the plan.",
    ),
    ThemeSpec(
        "annual_reviews", "Annual reviews and keeping plans up to date",
        "Annual reviews held late, paperwork not sent, and amended plans that take months or never come.",
        ["annual review", "amended plan", "out of date", "paperwork", "four weeks"],
        "An EHC plan should change as a child grows. Too often plans were not updated after the annual review.",
    ),
    ThemeSpec(
        "mental_health", "CAMHS and mental health support",
        "Long waits for CAMHS and neurodevelopmental assessments, referrals closed, and little support "
        "while families wait, with children out of school because of anxiety.",
        ["CAMHS", "anxiety", "waiting list", "threshold", "mental health", "crisis"],
        "Children and young people are waiting too long for help with their mental health, and families "
        "feel alone while they wait.",
    ),
    ThemeSpec(
        "therapies", "Speech and language therapy and OT",
        "Therapy written into plans but not delivered, long waits for occupational therapy, and discharges "
        "without explanation. Recent comments praise the family hub drop-ins.",
        ["SALT", "speech and language", "OT", "occupational therapy", "section F", "therapist"],
        "Therapy in a plan must actually happen. Families told us when it did not, and when it worked well.",
    ),
    ThemeSpec(
        "good_support", "Good support from SENCOs, schools and caseworkers",
        "Praise for SENCOs who fought for children, caseworkers who were kind and kept in touch, and plans "
        "that sound like the child.",
        ["SENCO", "school", "kind", "thank you", "supportive", "listened"],
        "When someone takes the time to know the child and keep in touch, families notice and it makes a "
        "real difference.",
    ),
    ThemeSpec(
        "transport", "Home to school transport",
        "Taxis and buses that are late or do not turn up, changes of driver, and refused applications.",
        ["transport", "taxi", "driver", "bus", "passenger assistant"], reviewed=False,
    ),
    ThemeSpec(
        "placements", "Not knowing which school at phase transfer",
        "Late decisions about the next school, specialist places that are full, and schools named that "
        "cannot meet needs.",
        ["phase transfer", "secondary", "15 February", "special school", "placement", "transition"],
        reviewed=False,
    ),
    ThemeSpec(
        "joined_up", "Health, education and social care not joined up",
        "Families repeat their story to every service; health and social care advice missing from plans.",
        ["joined up", "social care", "health", "section H", "repeat", "services"], reviewed=False,
    ),
)



def day_before(now: datetime, days_ago: int) -> date:
    """The date ``days_ago`` days before ``now`` (after it, when negative)."""
    return (now - timedelta(days=days_ago)).date()


def moment_before(now: datetime, days_ago: int, hour: int = 10) -> datetime:
    """A moment on the hour, ``days_ago`` days before ``now``."""
    moment = now - timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_themes(now: datetime, users: dict[str, User]) -> dict[str, Theme]:
    """The themes by key; reviewed ones are public, with a review decision by the co-production lead."""
    reviewer = users[COPRODUCTION]
    themes = {}
    for n, spec in enumerate(THEMES):
        created = moment_before(now, 430 - 12 * n) if spec.reviewed else moment_before(now, 20 + n)
        theme = Theme(
            label=spec.label, description=spec.description, key_terms=list(spec.key_terms),
            what_this_means=spec.what_this_means, status="reviewed" if spec.reviewed else "proposed",
            public=spec.reviewed, created_at=created, updated_at=created,
        )
        if spec.reviewed:
            theme.reviewed_at = moment_before(now, 400 - 12 * n, hour=15)
            theme.reviewed_by_id = reviewer.id
            theme.updated_at = theme.reviewed_at
        themes[spec.key] = theme
    return themes


def review_decisions(themes: dict[str, Theme], reviewer: User) -> list[ThemeDecision]:
    """The co-production lead's 'reviewed' decision for each reviewed theme (themes must be flushed)."""
    return [
        ThemeDecision(kind="review", theme_id=t.id, detail={"label": t.label}, user_id=reviewer.id,
                      created_at=t.reviewed_at)
        for t in themes.values() if t.status == "reviewed"
    ]


def assign_comments(
    rng: random.Random, tagged: list[tuple[int, datetime, tuple[str, ...]]], themes: dict[str, Theme]
) -> list[dict[str, Any]]:
    """Comment-theme rows linking each comment (id, received) to the themes its text was written for.

    Most links come from the model with a confidence; a few were made by hand by the co-production lead.
    """
    links = []
    for comment_id, received_at, topics in tagged:
        for key in dict.fromkeys(TOPIC_THEME[t] for t in topics if t in TOPIC_THEME):
            theme = themes[key]
            manual = theme.reviewed_at is not None and rng.random() < 0.015
            assigned = max(received_at, theme.created_at) + timedelta(hours=rng.randint(1, 30))
            links.append({
                "comment_id": comment_id, "theme_id": theme.id, "source": "manual" if manual else "model",
                "confidence": 1.0 if manual else round(rng.uniform(0.52, 0.97), 2), "assigned_at": assigned,
            })
    return links
