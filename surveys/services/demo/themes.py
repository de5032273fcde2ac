"""Demo themes ("you said"), their links to comments, and the actions partners took ("we did").

The action dates are days before ``now``. The survey answers use the same dates, so ratings and
comment volumes change after an action is completed and the trend charts tell the story.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from surveys.models import Action, ActionUpdate, Milestone, Partner, Theme, ThemeDecision, User
from surveys.services.demo.people import COUNCIL_SEND, FORUM, NORTH_ICB, SOCIAL_CARE, SOUTH_ICB

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


@dataclass(frozen=True)
class ActionSpec:
    """One action, with dates in days before now (negative: after now)."""

    title: str
    partner: str
    lead: str | None
    status: str
    themes: tuple[str, ...]
    created: int
    target: int
    description: str
    what_this_means: str
    for_the_future: str
    impact_measure: str
    completed: int | None = None
    status_reason: str = ""
    public: bool = True
    milestones: tuple[tuple[str, int, int | None], ...] = ()
    updates: tuple[tuple[int, str, str, str | None], ...] = field(default=())


COUNCIL_LEAD = "council.lead@demo.yousaid.local"
ICB_LEAD = "icb.lead@demo.yousaid.local"
COPRODUCTION = "coproduction@demo.yousaid.local"
FORUM_REP = "forum@demo.yousaid.local"

ACTIONS = (
    ActionSpec(
        "Open a SEND duty line with a same-day call back", COUNCIL_SEND, COUNCIL_LEAD, "completed",
        ("communication",), created=480, target=300, completed=DUTY_LINE_OPENED,
        description="A phone line staffed by duty caseworkers every weekday, so families can always reach "
                    "someone who can look at their child's file.",
        what_this_means="If you ring the SEND team between 9am and 4pm on a weekday, a caseworker will call you "
                        "back the same day, even if your own caseworker is away.",
        for_the_future="We will keep checking how quickly we call back and publish the figures every three months.",
        impact_measure="Parent survey question 'How good was our communication with you?' and the number of "
                       "comments about not being kept informed, before and after the duty line opened.",
        milestones=(("Recruit two duty caseworkers", 400, 395),
                    ("Agree the call-back promise with the parent carer forum", 350, 340),
                    ("Duty line opens", 300, DUTY_LINE_OPENED)),
        updates=((420, COUNCIL_LEAD, "We have advertised for two duty caseworkers. The parent carer forum is "
                                     "helping us write the call-back promise.", "in_progress"),
                 (DUTY_LINE_OPENED, COUNCIL_LEAD, "The duty line opened on Monday. Families can ring 9am to 4pm "
                                                  "and will get a call back the same day.", "completed"),
                 (120, COUNCIL_LEAD, "In the last three months we called back 94% of families on the same day.",
                  None)),
    ),
    ActionSpec(
        "Reply to every email within 5 working days", COUNCIL_SEND, COUNCIL_LEAD, "in_progress",
        ("communication",), created=250, target=30,
        description="Shared inboxes for each locality team, an automatic acknowledgement that says when to "
                    "expect a reply, and a weekly check of emails still waiting.",
        what_this_means="When you email the SEND team you will get an automatic reply straight away, and an "
                        "answer from a person within 5 working days.",
        for_the_future="We will report how many emails were answered in time to the SEND partnership board.",
        impact_measure="Comments about unanswered emails; share of emails answered within 5 working days.",
        milestones=(("Shared inbox for each locality team", 200, 190),
                    ("Automatic acknowledgement with the expected reply date", 120, 100),
                    ("Weekly report of emails waiting more than 5 days", 30, None)),
        updates=((190, COUNCIL_LEAD, "Locality inboxes are live in Northbridge and Eastmoor.", "in_progress"),
                 (100, COUNCIL_LEAD, "Every email now gets an automatic acknowledgement with a reply date.", None)),
    ),
    ActionSpec(
        "Clear the backlog of EHC needs assessments", COUNCIL_SEND, COUNCIL_LEAD, "in_progress",
        ("assessment_delays",), created=420, target=60,
        description="A temporary assessment team and weekly panels until every new assessment finishes within "
                    "20 weeks.",
        what_this_means="Fewer families should wait longer than 20 weeks for a final EHC plan.",
        for_the_future="Once the backlog is cleared the temporary team will become part of the permanent service.",
        impact_measure="Share of final plans issued within 20 weeks; parent survey questions on timeliness and "
                       "'Was the plan finished within 20 weeks?'.",
        milestones=(("Temporary assessment team in place", 360, 350),
                    ("Weekly panel instead of fortnightly", 300, 300),
                    ("All new assessments finished within 20 weeks", 60, None)),
        updates=((350, COUNCIL_LEAD, "Four temporary caseworkers started this week.", "in_progress"),
                 (200, COUNCIL_LEAD, "52% of plans were finished within 20 weeks this quarter, up from 31%.", None),
                 (20, COUNCIL_LEAD, "We have missed the target date. The backlog is down by two thirds; we now "
                                    "expect to clear it by the end of next term.", None)),
    ),
    ActionSpec(
        "Recruit more educational psychologists", COUNCIL_SEND, COUNCIL_LEAD, "changed",
        ("assessment_delays",), created=400, target=150,
        status_reason="We could not recruit permanent educational psychologists, so we now buy time from "
                      "associate EPs for statutory advice.",
        description="Two more educational psychologists, so that EP advice for assessments arrives on time.",
        what_this_means="EP advice for EHC needs assessments should arrive within six weeks.",
        for_the_future="We will try again to recruit permanent EPs next year and train two trainee EPs.",
        impact_measure="Share of EP advice returned within six weeks; comments about EP waits.",
        milestones=(("Advertise two EP posts", 380, 370), ("Contract associate EPs", 200, 190)),
        updates=((300, COUNCIL_LEAD, "Nobody applied for the two permanent posts.", None),
                 (190, COUNCIL_LEAD, "We have changed this action: associate EPs are now doing statutory advice.",
                  "changed")),
    ),
    ActionSpec(
        "Track every annual review and send amended plans within four weeks", COUNCIL_SEND, COUNCIL_LEAD,
        "completed", ("annual_reviews",), created=380, target=200, completed=REVIEW_TRACKER_LIVE,
        description="A tracker of every annual review due, reminders to schools, and a check that amended plans "
                    "go out within four weeks.",
        what_this_means="Your child's school will be reminded before the annual review is due, and you should get "
                        "the decision and any amended plan within four weeks of the meeting.",
        for_the_future="The parent carer forum will check a sample of amended plans each term.",
        impact_measure="Comments about late annual reviews; share of decisions sent within four weeks.",
        milestones=(("Tracker built from the case management system", 330, 320),
                    ("Reminders to schools switched on", 240, REVIEW_TRACKER_LIVE)),
        updates=((320, COUNCIL_LEAD, "The tracker shows 410 reviews overdue. We are working through them by "
                                     "school.", "in_progress"),
                 (REVIEW_TRACKER_LIVE, COUNCIL_LEAD, "Schools now get a reminder eight weeks before each review.",
                  "completed")),
    ),
    ActionSpec(
        "One front door for CAMHS, with support while you wait", NORTH_ICB, ICB_LEAD, "in_progress",
        ("mental_health",), created=300, target=-90,
        description="A single point of access for mental health referrals and a 'waiting well' offer of "
                    "workshops and a phone line for families on the waiting list.",
        what_this_means="You will have one number to call about a referral, and help while you wait.",
        for_the_future="We will publish CAMHS waiting times by locality every three months.",
        impact_measure="Comments about CAMHS waits; young people's answers to 'help with your health'.",
        milestones=(("Single point of access agreed by partners", 240, 230),
                    ("Waiting well workshops start", 60, 55),
                    ("Phone line for families on the waiting list", -60, None)),
        updates=((230, ICB_LEAD, "All partners have agreed the single point of access.", "in_progress"),
                 (55, ICB_LEAD, "The first waiting well workshops were full; we are adding evening sessions.", None)),
    ),
    ActionSpec(
        "Mental health support teams in 20 more schools", SOUTH_ICB, None, "planned", ("mental_health",),
        created=60, target=-270,
        description="Extend mental health support teams to 20 more schools in the south of the county.",
        what_this_means="More children will be able to get mental health support in school.",
        for_the_future="Schools with the most children waiting for CAMHS will be first.",
        impact_measure="Comments about mental health support in school.",
        milestones=(("Choose the 20 schools with headteachers", -30, None),),
    ),
    ActionSpec(
        "Speech and language drop-ins at family hubs", NORTH_ICB, ICB_LEAD, "completed", ("therapies",),
        created=330, target=140, completed=SALT_DROP_INS_OPENED,
        description="Weekly drop-in sessions with a speech and language therapist at four family hubs.",
        what_this_means="You can get speech and language advice at a family hub without a referral.",
        for_the_future="We will add OT advice to the drop-ins from next term.",
        impact_measure="Comments about speech and language therapy; attendance at drop-ins.",
        milestones=(("Therapists recruited", 220, 210), ("Drop-ins open at four hubs", 140, SALT_DROP_INS_OPENED)),
        updates=((210, ICB_LEAD, "Two therapists have joined the team.", "in_progress"),
                 (SALT_DROP_INS_OPENED, ICB_LEAD, "Drop-ins are open in Northbridge, Eastmoor, Westford and "
                                                  "Southam Vale.", "completed")),
    ),
    ActionSpec(
        "OT advice line for parents and schools", SOUTH_ICB, None, "not_taken_forward", ("therapies",),
        created=300, target=100,
        status_reason="The ICB could not fund a separate advice line this year. Instead, OT advice is being "
                      "added to the speech and language drop-ins at family hubs.",
        description="A phone line for occupational therapy advice.",
        what_this_means="There will not be a separate OT advice line. You can get OT advice at the family hub "
                        "drop-ins from next term.",
        for_the_future="We will look at this again when we set next year's budget.",
        impact_measure="Comments about waits for occupational therapy.",
        updates=((150, COPRODUCTION, "Not taken forward: funding was not agreed.", "not_taken_forward"),),
    ),
    ActionSpec(
        "An 'All about me' page, written with the child, in every EHC plan", FORUM, FORUM_REP, "completed",
        ("listened_to",), created=360, target=180, completed=170,
        description="The parent carer forum and young people designed a one-page profile that opens every plan.",
        what_this_means="Every new EHC plan starts with a page about your child in their own words and yours.",
        for_the_future="Young people will help train caseworkers in writing the page.",
        impact_measure="Parent survey questions 'How well did we listen?' and 'How well does the plan describe "
                       "your child?'.",
        milestones=(("Workshops with families and young people", 300, 290),
                    ("Template agreed", 200, 185)),
        updates=((290, FORUM_REP, "Thirty families and twelve young people came to the workshops.", "in_progress"),
                 (170, FORUM_REP, "The page is now in every new plan.", "completed")),
    ),
    ActionSpec(
        "Name secondary schools by 15 February for every child moving phase", COUNCIL_SEND, COUNCIL_LEAD,
        "in_progress", ("placements", "annual_reviews"), created=270, target=40,
        description="Start consultations with schools in the autumn term and publish the timetable.",
        what_this_means="If your child moves to secondary school, you will know the school named in the plan by "
                        "15 February.",
        for_the_future="We will extend this to moves into college.",
        impact_measure="Share of phase transfer plans issued by 15 February; comments about phase transfer.",
        milestones=(("Timetable published", 240, 235), ("All consultations sent", 120, 130),
                    ("All schools named", 40, None)),
        updates=((235, COUNCIL_LEAD, "The timetable is on the local offer website.", "in_progress"),),
    ),
    ActionSpec(
        "Health and social care at every EHC panel", SOCIAL_CARE, None, "planned", ("joined_up",),
        created=30, target=-180, public=False,
        description="Health and social care representatives at every EHC panel, so decisions are joined up.",
        what_this_means="Decisions about your child's plan will take health and social care needs into account.",
        for_the_future="",
        impact_measure="Plans with health and social care sections completed.",
    ),
)


def _day(now: datetime, days_ago: int) -> date:
    return (now - timedelta(days=days_ago)).date()


def _moment(now: datetime, days_ago: int, hour: int = 10) -> datetime:
    moment = now - timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_themes(now: datetime, users: dict[str, User]) -> dict[str, Theme]:
    """The themes by key; reviewed ones are public, with a review decision by the co-production lead."""
    reviewer = users[COPRODUCTION]
    themes = {}
    for n, spec in enumerate(THEMES):
        created = _moment(now, 430 - 12 * n) if spec.reviewed else _moment(now, 20 + n)
        theme = Theme(
            label=spec.label, description=spec.description, key_terms=list(spec.key_terms),
            what_this_means=spec.what_this_means, status="reviewed" if spec.reviewed else "proposed",
            public=spec.reviewed, created_at=created, updated_at=created,
        )
        if spec.reviewed:
            theme.reviewed_at = _moment(now, 400 - 12 * n, hour=15)
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


def make_actions(
    now: datetime, partners: dict[str, Partner], users: dict[str, User], themes: dict[str, Theme]
) -> list[Action]:
    """The action and impact log: owners, statuses, milestones and updates, some of them slipping."""
    actions = []
    for spec in ACTIONS:
        created = _moment(now, spec.created, hour=11)
        updates = [
            ActionUpdate(author=users[author], body=body, status=status, created_at=_moment(now, days, hour=14))
            for days, author, body, status in spec.updates
        ]
        actions.append(Action(
            title=spec.title, description=spec.description, partner=partners[spec.partner],
            lead=users[spec.lead] if spec.lead else None, status=spec.status, status_reason=spec.status_reason,
            target_date=_day(now, spec.target),
            completed_on=_day(now, spec.completed) if spec.completed is not None else None,
            what_this_means=spec.what_this_means, for_the_future=spec.for_the_future,
            impact_measure=spec.impact_measure, public=spec.public, created_at=created,
            updated_at=max([created, *(u.created_at for u in updates)]),
            themes=[themes[key] for key in spec.themes],
            milestones=[
                Milestone(title=title, due_on=_day(now, due), done_on=_day(now, done) if done is not None else None)
                for title, due, done in spec.milestones
            ],
            updates=updates,
        ))
    return actions
