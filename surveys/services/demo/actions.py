"""The demo's actions ("we did"): owners, statuses, dates, milestones, updates, forum notes and impact measures.

Dates are days before ``now`` (negative: after it), like the survey answers in responses.py, so each impact measure
shows a believable before and after: the duty line lifts the communication ratings, the annual review tracker
shrinks its theme, the therapy drop-ins warm the therapy comments. Some actions slip (a target date passed, a
milestone overdue, no update since the last board meeting), so the log has red, amber and green rows.
"""

from dataclasses import dataclass, field

from surveys.services.demo.people import (
    COPRODUCTION,
    COUNCIL_LEAD,
    COUNCIL_SEND,
    FORUM,
    FORUM_REP,
    ICB_LEAD,
    NORTH_ICB,
    SOCIAL_CARE,
    SOUTH_ICB,
)
from surveys.services.demo.themes import DUTY_LINE_OPENED, REVIEW_TRACKER_LIVE, SALT_DROP_INS_OPENED


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
    start: int | None = None  # when the work began (None: not started yet)
    impact: tuple[str, str, int] | None = None  # impact kind, question or theme key, window in days
    notes: tuple[tuple[int, str], ...] = ()  # the parent carer forum's notes: days ago, text


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
        start=440, impact=("question", "communication", 365),
        notes=((270, "Families at our coffee morning said the call back really does come the same day. Some asked "
                     "for a text message saying roughly when."),),
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
                 (100, COUNCIL_LEAD, "Every email now gets an automatic acknowledgement with a reply date.", None),
                 (45, COUNCIL_LEAD, "The weekly report is built but not yet checked by managers; it will be late.",
                  None)),
        start=220, impact=("theme_share", "communication", 180),
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
        start=360, impact=("question", "within_20_weeks", 180),
        notes=((15, "Families are glad the backlog is shrinking, but some who asked for an assessment last spring "
                    "are still waiting. Please write to them with a date."),),
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
        start=380, public=False,
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
        start=330, impact=("theme_sentiment", "annual_reviews", 330),
        notes=((150, "The forum checked twelve amended plans this term: ten arrived within four weeks."),),
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
                 (55, ICB_LEAD, "The first waiting well workshops were full; we are adding evening sessions.", None),
                 (12, ICB_LEAD, "The phone line for families on the waiting list is being tested with the forum and "
                                "is on track to open next month.", None)),
        start=240, impact=("theme_share", "mental_health", 180),
        notes=((40, "Parents who went to a waiting well workshop found it helpful. Parents who work asked for "
                    "evening sessions."),),
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
        start=240, impact=("theme_sentiment", "therapies", 240),
        notes=((90, "Parents in Eastmoor say the drop-in was the first time they saw a therapist without waiting "
                    "months."),),
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
        notes=((140, "The forum is disappointed. Families waiting for OT need advice now, not next year."),),
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
        start=300, impact=("question", "listened_to", 240),
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
        updates=((235, COUNCIL_LEAD, "The timetable is on the local offer website.", "in_progress"),
                 (110, COUNCIL_LEAD, "Consultations went to every school, ten days late because of staff sickness.",
                  None)),
        start=250, impact=("theme_share", "placements", 180),
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
