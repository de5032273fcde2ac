"""Demo complaints, compliments and comments, with statutory dates and personal responses.

Each case comes from a scenario: what the person raised in their own words, and what the
partner found and did. Responses quote what was raised, because families told inspectors
that generic replies leave them feeling unheard.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from surveys.formatters import local_date
from surveys.models import Case, Partner, User
from surveys.services.capture.cases import due_date
from surveys.services.demo.people import COUNCIL_SEND, NORTH_ICB, SCHOOLS, SOCIAL_CARE, SOUTH_ICB
from surveys.services.platform.calendar import add_working_days, is_working_day

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as surveys.services.capture.cases.new_reference
COMPLAINTS, COMPLIMENTS, COMMENTS = 72, 30, 18
DUE_SOON = 4  # open cases due in the next few days, so the workload shows "due soon"


@dataclass(frozen=True)
class Scenario:
    """What someone raised and how the partner answered."""

    topic: str
    partner: str  # a partner name, or "school" / "icb" for one of those
    summary: str
    raised: str
    context: tuple[str, ...]
    ask: str = ""
    agree: str = ""
    explain: str = ""
    remedy: str = ""


COMPLAINT_SCENARIOS = (
    Scenario("waiting", COUNCIL_SEND, "EHC needs assessment past 20 weeks",
             "It is now week {weeks} of {name}'s assessment and we still have no draft plan.",
             ("{Name} has been on a reduced timetable since the start of term.",
              "Every time I ring I am told it is with panel."),
             "I want to know when the plan will be finished and why the legal time limit has been missed.",
             "the assessment went past the 20-week time limit and we did not tell you why",
             "the delay was caused by late advice from health, which we chased several times",
             "The draft plan will be sent to you within ten working days, and your caseworker will ring you "
             "every week until the final plan is issued."),
    Scenario("communication", COUNCIL_SEND, "Emails to caseworker not answered",
             "I have emailed {name}'s caseworker six times since {month} and had no reply at all.",
             ("I only found out from school that the caseworker had left.",),
             "I want a named person who will actually reply to me.",
             "your emails were not answered, and we did not tell you that your caseworker had left",
             "your emails were forwarded to the new caseworker, who was dealing with the draft plan",
             "Your new caseworker, Anna Price, will call you this week. Every email to the team now gets an "
             "automatic acknowledgement with a date for a reply."),
    Scenario("annual_review", COUNCIL_SEND, "Plan not amended after annual review",
             "The annual review was in {month} and {name}'s plan still has not been updated.",
             ("The plan still names the wrong school and the wrong year group.",),
             "Please issue the amended plan.",
             "we did not send the decision or an amended plan within four weeks of the review",
             "the school sent us the review paperwork later than we would expect",
             "The amended plan will be issued within 15 working days. We now track every annual review so that "
             "this does not happen again."),
    Scenario("therapies", "icb", "Speech and language therapy in plan not delivered",
             "{Name} has had no speech and language therapy this school year, even though it is in section F.",
             ("School say it is up to the NHS and the NHS say it is up to school.",),
             "I want the therapy in the plan to be delivered and the missed sessions made up.",
             "the therapy in section F was not delivered for two terms",
             "a therapy programme was given to school staff to deliver between therapist visits",
             "A therapist will see {name} weekly for the rest of this term to make up the missed sessions."),
    Scenario("mental_health", "icb", "Long wait for CAMHS",
             "{Name} was referred to CAMHS {months} months ago and has still not been seen.",
             ("{Name} is not attending school at all now.", "Nobody has offered us anything while we wait."),
             "I want to know how long we will wait and what help there is until then.",
             "you were not told how long the wait would be or offered support while waiting",
             "the referral has been prioritised according to clinical need, which is reviewed every month",
             "Our waiting well team will contact you within five working days, and we will write to you with "
             "the expected wait."),
    Scenario("transport", COUNCIL_SEND, "School transport not arriving",
             "The taxi for {name} has not turned up on {count} mornings this term.",
             ("{Name} gets very distressed when the plan for the morning changes.",),
             "I want a reliable service and the same driver every day.",
             "the transport provider did not turn up on the days you told us about",
             "some of the missed days were caused by the road closure, which we told families about",
             "We have moved {name}'s route to a different provider and asked for the same driver every day."),
    Scenario("placement", COUNCIL_SEND, "No secondary school named for phase transfer",
             "It is past 15 February and we still do not know which secondary school {name} will go to.",
             ("{Name} needs lots of preparation for change.",),
             "I want a school named so that {name} can start transition visits.",
             "we did not name a school in the plan by 15 February as the law requires",
             "the school you asked for told us it was full and we needed to consult other schools",
             "We will name a school within ten working days and arrange extra transition visits."),
    Scenario("listened", COUNCIL_SEND, "Parent's views left out of the plan",
             "None of the changes we asked for in the draft plan were made, and {name}'s views are not in it.",
             ("Section A could be about any child.",),
             "I want the plan rewritten with us.",
             "the changes you asked for were not considered properly before the final plan was issued",
             "some of the changes you asked for were not supported by the professional advice",
             "Your caseworker will meet you and {name} to rewrite section A together, and we will reissue "
             "the plan."),
    Scenario("joined_up", SOCIAL_CARE, "Social care advice missing from EHC plan",
             "Section H of {name}'s plan is empty because social care never sent their advice.",
             ("We have a social worker, so I do not understand why nobody asked them.",),
             "I want section H completed.",
             "social care advice was not requested in time for the plan",
             "the request for advice went to a team that no longer covers your area",
             "A social worker will complete the advice within 15 working days and the plan will be amended."),
    Scenario("ep_waits", COUNCIL_SEND, "Educational psychologist advice late",
             "The educational psychologist has still not seen {name}, and this is holding up the whole plan.",
             ("We were told the EP would visit in {month}.",),
             "",
             "the educational psychology advice was late",
             "we have had to use associate educational psychologists while we recruit",
             "An associate educational psychologist will see {name} within 15 working days."),
    Scenario("tribunal", COUNCIL_SEND, "Tribunal order not carried out",
             "We won at tribunal {months} months ago and the council still has not done what the order says.",
             ("The plan has not been amended and the placement has not started.",),
             "I want the order carried out now.",
             "we did not amend the plan within the five weeks the regulations allow after the order",
             "the school named by the tribunal needed time to recruit the support staff it requires",
             "The amended plan will be issued this week and the placement will start on the first day of "
             "next half term."),
    Scenario("school_support", "school", "Support in school not matching the plan",
             "The support in {name}'s plan is not happening at school.",
             ("The 1:1 support has been shared with two other children since {month}.",),
             "I want the school to provide what is in the plan.",
             "the 1:1 support in the plan was shared with other children",
             "the school was covering staff sickness, which has now ended",
             "{Name}'s 1:1 support is back in place and the SENCO will meet you every half term."),
)

COMPLIMENT_SCENARIOS = (
    Scenario("positive", COUNCIL_SEND, "Thanks to our caseworker",
             "Our caseworker was kind and patient and always rang back when she said she would.",
             ("I was dreading the process but she made it bearable.",), remedy="your caseworker"),
    Scenario("senco_praise", "school", "Thanks to the SENCO",
             "The SENCO has gone above and beyond for {name} this year.",
             ("{Name} is happy to go to school for the first time in years.",), remedy="the SENCO and the head"),
    Scenario("therapies", "icb", "Thanks to the speech and language therapist",
             "The speech and language therapist has been wonderful with {name}.",
             ("{Name} is now using sentences at home.",), remedy="the therapy team"),
    Scenario("communication", COUNCIL_SEND, "Duty line call back",
             "I rang the duty line in a panic and someone called me back within an hour.",
             ("She sorted out the transport problem the same day.",), remedy="the duty team"),
    Scenario("mental_health", "icb", "Thanks to the CAMHS team",
             "Once {name} was seen, the CAMHS team were brilliant.",
             ("They really listened to {name}.",), remedy="the CAMHS team"),
    Scenario("positive", "forum", "Thanks to the parent carer forum",
             "The forum's coffee morning helped me understand what an EHC plan is.",
             ("I did not feel alone any more.",), remedy="the forum volunteers"),
)

COMMENT_SCENARIOS = (
    Scenario("communication", COUNCIL_SEND, "Suggestion: a checklist of the EHC process",
             "It would help to have a simple checklist of each step of the EHC process with the dates.",
             ("I kept losing track of where we were up to.",),
             remedy="We are adding a step-by-step guide with dates to the local offer website."),
    Scenario("short_breaks", SOCIAL_CARE, "Short breaks in the holidays",
             "There should be more holiday clubs that can take children with complex needs.",
             ("The nearest one to us is over an hour away.",),
             remedy="We are asking providers about more places in the summer holidays and will update the "
                    "short breaks statement."),
    Scenario("transport", COUNCIL_SEND, "Transport information",
             "It would be good if the transport team told families the driver's name before term starts.",
             (), remedy="From September, families will get the driver's name and photo before the first day."),
    Scenario("joined_up", "icb", "One appointment letter",
             "Could health appointments be booked together so {name} does not miss so much school?",
             (), remedy="The community paediatric team is trying joint clinics in two family hubs."),
    Scenario("annual_review", "school", "Annual review reports",
             "Please send the reports before the annual review so parents have time to read them.",
             (), remedy="All schools have been reminded to send reports at least two weeks before the review."),
)

CONTACTS = (
    ("Ms", "Aisha", "Rahman"), ("Mr", "David", "Clarke"), ("Mrs", "Joanne", "Walsh"), ("Ms", "Chloe", "Bennett"),
    ("Mr", "Imran", "Qureshi"), ("Mrs", "Bethany", "Hughes"), ("Ms", "Grace", "Mensah"), ("Mr", "Paul", "Robinson"),
    ("Mrs", "Natalia", "Nowak"), ("Ms", "Kirsty", "Campbell"), ("Mr", "Jamal", "Ahmed"), ("Mrs", "Sian", "Morgan"),
    ("Ms", "Leanne", "Foster"), ("Mr", "Tomasz", "Kowalski"), ("Mrs", "Rebecca", "Hall"), ("Ms", "Nadia", "Hussain"),
    ("Mr", "Liam", "O'Connor"), ("Mrs", "Emma", "Shaw"), ("Ms", "Zara", "Ali"), ("Mr", "Chris", "Baker"),
)
CHILDREN = ("Harry", "Noah", "Ava", "Leo", "Isla", "Freddie", "Maya", "Alfie", "Zainab", "Oscar", "Evie", "Kacper",
            "Ruby", "Mohammed", "Poppy", "Theo", "Amara", "Jacob")
MONTHS = ("September", "October", "November", "January", "March", "April", "June")
OPENERS = ("I want to make a formal complaint.", "I am writing to complain.", "", "", "I have had enough.",
           "I have tried to sort this out informally but nothing has happened.")
OUTCOME_WEIGHTS = {"upheld": 0.3, "partly_upheld": 0.42, "not_upheld": 0.28}
STAGE_WEIGHTS = {"informal": 0.16, "stage_1": 0.5, "stage_2": 0.14, "ombudsman": 0.07, "mediation": 0.07,
                 "tribunal": 0.06}
# Stages where only some complaints make sense (nobody goes to tribunal about a late taxi).
STAGE_TOPICS = {
    "mediation": {"placement", "tribunal", "listened", "therapies", "joined_up"},
    "tribunal": {"placement", "tribunal", "therapies"},
    "ombudsman": {"waiting", "communication", "annual_review", "transport", "placement", "ep_waits", "tribunal"},
}
CHANNEL_WEIGHTS = {"online": 0.45, "email": 0.25, "phone": 0.2, "letter": 0.1}
NEXT_STEPS = {
    "informal": "If you are not happy with this response, you can make a formal complaint at stage 1.",
    "stage_1": "If you are not happy with this response, you can ask for your complaint to be looked at again "
               "at stage 2.",
    "stage_2": "If you are still not happy, you can ask the Local Government and Social Care Ombudsman to look "
               "at your complaint.",
    "ombudsman": "We will do what the Ombudsman recommended and tell the Ombudsman when it is done.",
    "mediation": "If mediation does not resolve things, you can still appeal to the SEND Tribunal.",
    "tribunal": "We will keep you updated on each step until the order is carried out in full.",
}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _reference(rng: random.Random, used: set[str]) -> str:
    while True:
        reference = "YS-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))
        if reference not in used:
            used.add(reference)
            return reference


class CaseMaker:
    """Builds the demo's cases with one seeded generator, relative to today."""

    def __init__(self, rng: random.Random, today: date, partners: dict[str, Partner], officer: User):
        self.rng, self.today, self.partners, self.officer = rng, today, partners, officer
        self.references: set[str] = set()
        self.serial = 0

    def _partner(self, name: str) -> Partner:
        if name == "school":
            name = self.rng.choice(SCHOOLS)
        elif name == "icb":
            name = self.rng.choice((NORTH_ICB, SOUTH_ICB))
        elif name == "forum":
            name = "Exampleshire Parent Carer Forum"
        return self.partners[name]

    def _received(self) -> date:
        """A day in the last 18 months, a few more recently."""
        days = int(540 * (1 - self.rng.random() ** 0.85))
        day = self.today - timedelta(days=days)
        while not is_working_day(day):
            day -= timedelta(days=1)
        return day

    def _slots(self) -> dict[str, str]:
        rng = self.rng
        name = rng.choice(CHILDREN)
        return {"name": name, "Name": name, "weeks": str(rng.randint(24, 48)), "month": rng.choice(MONTHS),
                "months": str(rng.randint(7, 16)), "count": str(rng.randint(3, 9))}

    def _contact(self, case: Case) -> tuple[str, str]:
        title, first, last = self.rng.choice(CONTACTS)
        self.serial += 1
        case.contact_name = f"{title} {first} {last}"
        if self.rng.random() < 0.7:
            case.contact_email = f"{first}.{last}{self.serial}@example.com".lower().replace("'", "")
        else:
            case.contact_phone = f"07700 900{self.rng.randint(0, 999):03d}"
        return title, last

    def _case(self, kind: str, scenario: Scenario, stage: str, received: date) -> Case:
        rng, slots = self.rng, self._slots()
        channel = _pick(rng, CHANNEL_WEIGHTS)
        opener = rng.choice(OPENERS) if kind == "complaint" else ""
        raised = scenario.raised.format_map(slots)
        parts = [opener, raised, *(c.format_map(slots) for c in scenario.context)]
        if kind == "complaint" and scenario.ask:
            parts.append(scenario.ask.format_map(slots))
        moment = datetime.combine(received, time(9, 0), tzinfo=UTC) + timedelta(minutes=rng.randint(0, 480))
        case = Case(
            reference=_reference(rng, self.references), kind=kind, stage=stage, channel=channel,
            partner=self._partner(scenario.partner), summary=scenario.summary,
            details=" ".join(p for p in parts if p), received_on=received, due_on=due_date(received, stage),
            created_by_id=None if channel == "online" else self.officer.id, created_at=moment,
        )
        title, last = self._contact(case)
        acknowledged = add_working_days(received, rng.randint(1, 3))
        case.acknowledged_on = acknowledged if acknowledged <= self.today else None
        self._respond(case, scenario, slots, f"{title} {last}", raised)
        return case

    def _respond(self, case: Case, scenario: Scenario, slots: dict[str, str], dear: str, raised: str) -> None:
        """Decide whether and when the case was answered, and write the answer."""
        rng, today = self.rng, self.today
        age = (today - case.received_on).days
        overdue_by = (today - case.due_on).days
        if overdue_by > 10:
            answered = rng.random() < 0.93
        elif overdue_by > 0:
            answered = rng.random() < 0.5
        else:
            answered = rng.random() < 0.2
        if not answered:
            return
        late_chance = 0.35 - 0.25 * (1 - min(age, 540) / 540)  # timeliness improves over the period
        if overdue_by > 0 and rng.random() < late_chance:
            responded = case.due_on + timedelta(days=rng.randint(1, min(25, overdue_by)))
        else:
            span = max(1, (min(case.due_on, today) - case.received_on).days)
            responded = case.received_on + timedelta(days=rng.randint(max(1, span // 3), span))
        case.responded_on = min(responded, today)
        if case.kind == "complaint":
            case.outcome = _pick(rng, OUTCOME_WEIGHTS)
        case.response_text = self._response_text(case, scenario, slots, dear, raised)

    def _response_text(self, case: Case, scenario: Scenario, slots: dict[str, str], dear: str, raised: str) -> str:
        remedy = scenario.remedy.format_map(slots)
        opening = f"Dear {dear},\n\nThank you for contacting us on {local_date(case.received_on)}."
        if case.kind == "compliment":
            body = (f'You told us: "{raised}"\n\nThank you for taking the time to tell us. I have passed your kind '
                    f"words on to {remedy}. It means a lot to hear this.")
        elif case.kind == "comment":
            body = f'You suggested: "{raised}"\n\nThank you. {remedy}'
        else:
            if case.outcome == "upheld":
                finding = f"I am sorry. We agree that {scenario.agree}. We have upheld your complaint."
            elif case.outcome == "partly_upheld":
                finding = (f"We agree that {scenario.agree}, and I am sorry for this. However, {scenario.explain}. "
                           "We have partly upheld your complaint.")
            else:
                finding = (f"I understand how hard this has been for your family. I have looked carefully at what "
                           f"happened, and {scenario.explain}. For this reason we have not upheld your complaint.")
            body = (f'You told us: "{raised}"\n\n{finding}\n\nWhat happens next: {remedy}\n\n'
                    f"{NEXT_STEPS[case.stage]}")
        sign_off = f"Yours sincerely,\n\n{self.officer.name}\nComplaints officer, for {case.partner.name}"
        return f"{opening} {body}\n\n{sign_off}"

    def _due_soon(self, scenario: Scenario, n: int) -> Case:
        """An open stage 1 complaint due in the next few days."""
        window = (self.today + timedelta(days=1), self.today + timedelta(days=5))
        candidates = [
            day for day in (self.today - timedelta(days=d) for d in range(45))
            if is_working_day(day) and window[0] <= due_date(day, "stage_1") <= window[1]
        ]
        case = self._case("complaint", scenario, "stage_1", candidates[n % len(candidates)])
        case.responded_on, case.outcome, case.response_text = None, None, ""
        return case

    def _complaint_scenario(self, stage: str) -> Scenario:
        topics = STAGE_TOPICS.get(stage)
        return self.rng.choice([s for s in COMPLAINT_SCENARIOS if topics is None or s.topic in topics])

    def make(self) -> list[tuple[Case, str]]:
        """About 120 cases (complaints across stages, compliments, comments), each with its topic."""
        rng = self.rng
        made = []
        for _ in range(COMPLAINTS):
            stage = _pick(rng, STAGE_WEIGHTS)
            scenario = self._complaint_scenario(stage)
            made.append((self._case("complaint", scenario, stage, self._received()), scenario.topic))
        for kind, scenarios, count in (("compliment", COMPLIMENT_SCENARIOS, COMPLIMENTS),
                                       ("comment", COMMENT_SCENARIOS, COMMENTS)):
            for _ in range(count):
                scenario = rng.choice(scenarios)
                made.append((self._case(kind, scenario, "informal", self._received()), scenario.topic))
        for n in range(DUE_SOON):
            scenario = self._complaint_scenario("stage_1")
            made.append((self._due_soon(scenario, n), scenario.topic))
        made.sort(key=lambda pair: pair[0].created_at)
        return made


def case_stage_journey(stage: str) -> str | None:
    """The journey stage a case stage implies, for the comment made from the case."""
    return stage if stage in ("mediation", "tribunal") else None
