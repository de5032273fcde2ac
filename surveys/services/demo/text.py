"""Phrase banks and a composer for the demo's free text, written for yousaid.

Each comment is built from a few sentences on one or two topics, with glossary variants
(EHCP, EHC plan, SENCo...) and details filled in at random, in the voice of a parent or
carer, a young person or a practitioner. The composer returns the topics it used, so the
demo can link comments to the themes they were written for.
"""

import random
from dataclasses import dataclass

# Topic keys. Each maps to at most one demo theme (see themes.py).
TOPICS = (
    "waiting", "communication", "listened", "annual_review", "placement", "mental_health", "therapies",
    "transport", "senco_praise", "ep_waits", "positive", "tribunal", "joined_up", "short_breaks",
)


@dataclass(frozen=True)
class Composed:
    """A piece of free text and the topics it was written about."""

    text: str
    topics: tuple[str, ...] = ()


# --- glossary variants and details -------------------------------------------------------------

VARIANTS = {
    "plan": ["EHCP", "EHC plan", "education health and care plan", "EHCP", "plan", "ehcp", "EHC plan",
             "Education, Health and Care Plan"],
    "assessment": ["EHC needs assessment", "needs assessment", "assessment", "EHCNA", "EHC assessment"],
    "senco": ["SENCO", "SENCo", "Senco", "SENCO", "senco"],
    "camhs": ["CAMHS", "CAMHS", "Camhs", "camhs", "the children's mental health service"],
    "salt": ["SALT", "speech and language therapy", "speech therapy", "SaLT", "SLT"],
    "therapist": ["speech therapist", "SALT", "speech and language therapist"],
    "ot": ["OT", "occupational therapy", "OT"],
    "ep": ["EP", "educational psychologist", "Ed Psych", "EP"],
    "caseworker": ["caseworker", "case worker", "case officer", "SEN officer", "SEND caseworker"],
    "ar": ["annual review", "annual review", "AR", "yearly review", "Annual Review"],
    "provision": ["special school", "specialist provision", "resource base", "specialist placement",
                  "special school"],
    "year": ["Year 6", "Year 2", "Year 9", "Year 11", "reception", "Year 5", "Year 7"],
    "months": ["three", "four", "five", "six", "eight", "nine", "ten", "twelve", "18", "14"],
    "ta": ["TA", "teaching assistant", "1:1", "LSA"],
}

BOY = (["my son", "our son", "my boy", "my little boy", "my lad", "my grandson", "my stepson", "our boy"],
       {"he": "he", "him": "him", "his": "his"})
GIRL = (["my daughter", "our daughter", "my girl", "my little girl", "my granddaughter", "our eldest"],
        {"he": "she", "him": "her", "his": "her"})
EITHER = ["my child", "our child", "our youngest", "my eldest", "my child"]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slots(rng: random.Random) -> dict[str, str]:
    """Fresh details for one comment: who the child is, and which words this parent uses."""
    nouns, pronouns = BOY if rng.random() < 0.64 else GIRL  # more boys than girls have EHC plans
    child = rng.choice(EITHER) if rng.random() < 0.25 else rng.choice(nouns)
    slots = {key: rng.choice(words) for key, words in VARIANTS.items()}
    slots.update(pronouns)
    slots["child"] = child
    slots["weeks"] = str(rng.randint(22, 64))
    for key in list(slots):
        slots[_capital(key)] = _capital(slots[key])
    return slots


# --- parents and carers ------------------------------------------------------------------------

# topic: (core sentences, follow-up sentences)
PARENT_NEGATIVE: dict[str, tuple[list[str], list[str]]] = {
    "waiting": ([
        "We waited {weeks} weeks for the {plan} when it is meant to take 20.",
        "The {assessment} took far longer than the legal 20 weeks and nobody could tell us why.",
        "It took {months} months from asking for an {assessment} to getting a final {plan}.",
        "The draft {plan} arrived at week 19 and the final one months after that.",
        "We were told at week 18 that panel had been cancelled and it would be another month.",
        "Everything was so slow. By the time the {plan} was finished {child} had missed most of {year}.",
        "The deadlines were missed at every single step, the decision to assess, the draft, the final.",
        "{Child} has been out of school while we wait for the {plan} to be finished.",
        "The request for an {assessment} was refused at first and we had to fight to get it agreed.",
        "Six weeks for a decision to assess turned into nearly three months.",
        "We still do not have a final {plan} and it has been over a year.",
        "The timescales in your letters mean nothing in practice.",
        "{weeks} weeks. That is how long we waited for a piece of paper that should take 20.",
    ], [
        "Every week we waited was another week of {child} struggling without support.",
        "School could not get extra funding without the {plan} so {he} was on a part-time timetable.",
        "We had to chase for every update.",
        "I was told the delay was down to staff shortages, which is not {his} fault.",
        "When it finally came the {plan} still had the wrong school on it.",
        "Meanwhile {he} went from anxious to refusing to go in at all.",
        "I had to take unpaid leave from work to be at home with {him}.",
        "Nobody apologised for the delay.",
    ]),
    "communication": ([
        "Emails to the SEN team go unanswered for weeks.",
        "I emailed our {caseworker} five times and did not get a single reply.",
        "We have had four different {caseworker}s in a year and each time we had to start again.",
        "Nobody told us our {caseworker} had left, I found out when my emails bounced back.",
        "The phone line just rings out or goes to a full voicemail.",
        "We were never told what was happening or what would happen next.",
        "Letters arrived after the dates they were talking about had already passed.",
        "I only found out the draft {plan} had been sent by ringing them myself.",
        "You promise a call back within 48 hours and it never comes.",
        "There was nobody I could ask a simple question without waiting weeks for an answer.",
        "Communication was non-existent until I made a complaint.",
        "I had to ring the council every Monday just to find out if anything had moved.",
        "My emails were passed around the team and nobody took ownership.",
    ], [
        "It should not be this hard to get an answer.",
        "A simple acknowledgement of my email would have made such a difference.",
        "I felt like a nuisance for chasing.",
        "Please just tell parents what is going on, even if it is bad news.",
        "Having one named person who actually replies would change everything.",
        "I kept a spreadsheet of every unanswered email in the end.",
        "Being left in the dark is the worst part.",
    ]),
    "listened": ([
        "I felt like nobody was listening to what we were telling them about {child}.",
        "The professionals met {child} once for half an hour and decided they knew better than us.",
        "Our views were left out of the {plan} completely.",
        "Section A does not sound like {child} at all, it could be about anyone.",
        "We said again and again that {he} masks at school and falls apart at home, and it was ignored.",
        "In the meeting I was talked over and made to feel like an overanxious parent.",
        "Nobody asked for {child}'s own views, even though {he} can tell you exactly what helps.",
        "The reports from the private therapist we paid for were dismissed without being read.",
        "I was made to feel that I was the problem, not {his} needs.",
        "Decisions about {child} were made at panel by people who have never met {him}.",
        "We asked for changes to the draft {plan} and none of them were made.",
    ], [
        "Parents know their children best and should be treated that way.",
        "Just being heard would have made this whole process easier.",
        "It felt like a tick-box exercise.",
        "I came away feeling completely dismissed.",
        "Nobody asked {child} what {he} wanted.",
        "We are the ones who live with {him} every day.",
    ]),
    "annual_review": ([
        "The {ar} was four months late and then the paperwork never came.",
        "We had the {ar} in March and the {plan} still has not been updated.",
        "{Child}'s {plan} has not been updated in three years even though {his} needs have changed completely.",
        "The amended {plan} after the {ar} still says {he} is in {year}.",
        "School held the {ar} but the council never sent the decision within four weeks.",
        "Nobody from the council came to the {ar} so nothing could be agreed.",
        "We are still waiting for the final amended {plan} from last year's {ar}.",
        "The {ar} felt rushed, twenty minutes, and the reports were not sent out beforehand.",
        "The outcomes in the {plan} are out of date and nobody seems to check them.",
    ], [
        "It makes the whole {ar} feel pointless.",
        "Without an up to date {plan} school cannot put the right support in.",
        "I had to ask three times for the minutes.",
        "Every year it is the same story.",
    ]),
    "placement": ([
        "In June we still did not know which secondary school {child} would go to.",
        "Phase transfer was a mess, the school named had already said it could not meet {his} needs.",
        "Every {provision} we asked for said they were full.",
        "We were told about the school named in the {plan} after the 15 February deadline had passed.",
        "{Child} starts {year} in September and we still do not have a school place confirmed.",
        "The consultation with schools took months and we heard nothing in between.",
        "There are not enough {provision} places in Exampleshire for the children who need them.",
        "Moving from primary to secondary has been the most stressful part of the whole process.",
        "The school named in the {plan} cannot meet {his} needs and everyone knows it.",
    ], [
        "{Child} needs time to prepare for change and has had none.",
        "Transition visits were cancelled because nothing was agreed.",
        "The uncertainty has made {his} anxiety so much worse.",
        "We are now looking at tribunal just to get a suitable school.",
    ]),
    "mental_health": ([
        "We have been waiting over a year for {camhs} and {child} is getting worse.",
        "{Camhs} said {he} did not meet the threshold and closed the referral.",
        "We were passed between {camhs} and school with nobody taking responsibility for {his} anxiety.",
        "The only help from {camhs} while we wait was a leaflet.",
        "{Child} has not been in school for months because of anxiety and there is no mental health support.",
        "We ended up in A&E because there was nobody else to turn to.",
        "The waiting list for {camhs} is so long that we paid privately in the end.",
        "School say it is a health problem, health say it is a school problem.",
        "The neurodevelopmental assessment waiting list is over two years.",
    ], [
        "I am frightened about where this is heading.",
        "We are on our own trying to keep {him} well.",
        "Some support while we wait would have helped so much.",
        "By the time {he} was seen things had reached crisis point.",
    ]),
    "therapies": ([
        "The {salt} in the {plan} is not being delivered.",
        "{Child} has had no {salt} for over a year even though it is in section F.",
        "There is a nine month wait for {ot} and nothing in between.",
        "The {salt} in the {plan} was swapped for a programme for the {ta} to follow.",
        "The {ot} assessment happened but we never got the report.",
        "We were told there are not enough therapists to deliver what is in the {plan}.",
        "{Child} was discharged from {salt} without anyone telling us.",
        "{His} sensory needs are ignored because nobody from {ot} has assessed them.",
        "We paid for private {salt} because the NHS could not offer anything.",
    ], [
        "A plan is only as good as what actually happens.",
        "{His} speech is going backwards without therapy.",
        "Not every family can afford to pay privately.",
        "Therapy once a term is not enough for {him} to make progress.",
    ]),
    "transport": ([
        "The school transport did not turn up for the first two weeks of term.",
        "{Child} has had three different taxi drivers in a month and {he} cannot cope with the change.",
        "We were refused transport even though the school named in the {plan} is twelve miles away.",
        "The transport application was lost and we had to start again in August.",
        "The bus gets {him} to school late every day so {he} misses the start of lessons.",
        "There is no passenger assistant on the taxi and {he} needs one to be safe.",
    ], [
        "I had to give up my job to drive {him} myself.",
        "Nobody answers the transport team phone.",
        "The same driver every day would make a huge difference to {him}.",
    ]),
    "ep_waits": ([
        "The {ep} advice was late, which held up the whole {plan}.",
        "We waited months for an {ep} to see {child} and then it was a short visit.",
        "The {ep} report looked copied and pasted, it even had another child's name in one place.",
        "School told us there are no {ep} visits left this year.",
        "There are not enough {ep}s, everyone says so, but nothing changes.",
        "The {ep} never spoke to us as parents.",
    ], [
        "Without the {ep} report everything else stood still.",
        "A proper assessment would have picked up {his} needs years ago.",
    ]),
    "tribunal": ([
        "We had to go to tribunal to get the right school and it took over a year.",
        "Mediation was a waste of time, the council would not move on anything.",
        "The council conceded the day before the tribunal hearing after months of stress.",
        "Preparing for tribunal nearly broke me.",
        "We won at tribunal but the council still has not done what the order says.",
        "Why does it take a tribunal to get what {child} was always entitled to?",
        "Families should not have to learn the law to get help for their children.",
    ], [
        "We only managed because of help from SENDIASS.",
        "The cost of fighting us must be more than the support itself.",
        "It has damaged our trust in the council completely.",
    ]),
    "joined_up": ([
        "Health, education and social care do not talk to each other.",
        "I have to tell {child}'s story again and again to every new service.",
        "Social care did not send their advice so the {plan} has nothing in section H.",
        "The health sections of the {plan} are vague and nobody from health came to the meeting.",
        "The paediatrician's letter said one thing and the {plan} said another.",
        "Every service has its own waiting list and its own forms and nobody joins them up.",
    ], [
        "It feels like I am the only one joining the dots.",
        "One meeting with everyone in the room would save so much time.",
        "I should not have to be the project manager for my own child.",
    ]),
    "short_breaks": ([
        "We have had no short breaks for over a year and we are exhausted.",
        "The holiday clubs that used to take children like {child} have closed.",
        "We were assessed for respite and then told there was no provider.",
        "There is nothing for {child} to do in the school holidays that can meet {his} needs.",
        "We have a direct payment but cannot find a PA to use it.",
    ], [
        "A few hours' break would let us recharge and look after {his} brothers and sisters.",
        "We love {him} but we are running on empty.",
        "Without respite I do not know how long we can carry on.",
    ]),
}

# Improvement noticed by families after the duty line (see themes.py): used late in the period.
COMMUNICATION_BETTER_LATELY = [
    "It has got a bit better since the duty line started, but there is still a long way to go.",
    "To be fair the duty line does ring back now, which it never used to.",
]

PARENT_POSITIVE: dict[str, list[str]] = {
    "senco_praise": [
        "The {senco} at school has been amazing and fought for {child} all the way.",
        "{Child}'s {senco} kept us updated every week and explained everything.",
        "School were brilliant, the {senco} wrote the application and came to every meeting with us.",
        "Our {senco} knows {child} inside out and it shows in the {plan}.",
        "The {senco} and {his} {ta} have made such a difference.",
        "The support from school has been fantastic from start to finish.",
        "The {senco} spotted {his} needs early and got things moving.",
        "School have been our rock through all of this, especially the {senco}.",
    ],
    "positive": [
        "Our {caseworker} was kind, honest and always replied to emails.",
        "The {caseworker} rang me to go through the draft {plan} line by line, which I really appreciated.",
        "Thank you to the SEN team, the final {plan} really sounds like {child}.",
        "The process was quicker than I expected and the {plan} was finished on time.",
        "For the first time I felt like someone was on our side.",
        "We were listened to and the {plan} describes {child} well.",
        "Everyone was friendly and professional.",
        "The person-centred meeting was lovely and {child} was able to share {his} views.",
        "SENDIASS helped me understand the process and I felt much more confident.",
        "The parent carer forum pointed me in the right direction when I was lost.",
        "{Child} is now settled in the right school and is happy for the first time in years.",
    ],
    "communication": [
        "The new duty line was really helpful and someone called me back the same day.",
        "We had a named contact and always knew what was happening.",
        "I got regular updates by email at each stage, which made a big difference.",
        "Communication is much better than our first experience two years ago.",
        "I was told when to expect the draft and it arrived when they said it would.",
    ],
    "therapies": [
        "The {therapist} has been wonderful and {child} is now using more words.",
        "The {salt} drop-in at the family hub was so useful.",
        "The {ot} assessment was thorough and the sensory advice has really helped at home.",
    ],
    "mental_health": [
        "Once we were seen by {camhs} the support was really good.",
        "The mental health support team at school has helped {child} a lot.",
    ],
    "annual_review": [
        "The {ar} was well organised and the {plan} was updated quickly afterwards.",
        "School sent the reports two weeks before the {ar} so we had time to read them.",
    ],
    "short_breaks": [
        "The short breaks club is a lifeline for our family.",
        "Saturday club has been brilliant for {child} and gives us a few hours to rest.",
    ],
}

PARENT_THANKS = [
    "Thank you so much.",
    "I can't thank them enough.",
    "It was such a relief.",
    "We finally feel {child} has what {he} needs.",
    "Please pass on our thanks.",
    "It has made a real difference to our family.",
    "I wish every family had the same experience.",
    "Thank you.",
]

EMOTIONS = {
    "sadness": [
        "It breaks my heart watching {him} struggle.",
        "I cried after every meeting.",
        "It has been a really sad and lonely time.",
        "{Child} deserved so much better than this.",
    ],
    "hopelessness": [
        "I have given up expecting anything to change.",
        "What is the point of filling in another survey when nothing happens?",
        "I honestly do not know what else we can do.",
        "It feels hopeless.",
        "We feel completely let down by the system.",
    ],
    "anger": [
        "I am absolutely furious about how we have been treated.",
        "It is a disgrace.",
        "I am angry that we had to fight for every single thing.",
        "Frankly it is shameful.",
        "Nobody is accountable and that makes me so angry.",
    ],
    "fear": [
        "I am scared about what the future holds for {him}.",
        "I lie awake at night worrying about next year.",
        "I am frightened {he} will fall through the gaps.",
        "I worry {he} will never go back to school.",
    ],
    "exhaustion": [
        "I am exhausted.",
        "We are worn out as a family.",
        "I am so tired of fighting.",
        "It has taken over our lives.",
        "My own health has suffered.",
    ],
}

PARENT_ASKS = [
    "Please answer emails, even just to say you have received them.",
    "Please stick to the legal timescales.",
    "More staff in the SEN team would help.",
    "Give every family one named person who stays with them.",
    "Please listen to parents.",
    "Tell us honestly how long things will take.",
    "Put the support in place while we wait, not after.",
    "Involve {child} in decisions about {him}.",
    "Check {plan}s properly before sending them out.",
    "Make the process simpler and less of a battle.",
]

SHORT_NEUTRAL = [
    "Nothing", "N/A", "All good", "nothing", "n/a", "None", "Nothing really", "Can't think of anything",
    "Nothing, thank you", "All good thanks", "Nothing else to add", "No", "-", "Not sure",
]
SHORT_NEGATIVE = ["Nothing", "Nothing went well", "Not much", "Very little", "Honestly nothing", "nothing at all",
                  "N/A", "Nothing. Sorry."]
SHORT_POSITIVE = ["Everything", "All of it", "Everything, thank you", "The whole process", "Our caseworker",
                  "The school"]

# --- young people (short sentences, common words) ----------------------------------------------

YOUNG_PERSON: dict[str, list[str]] = {
    "listened": [
        "Adults should listen to me more.", "I want people to ask me what I think.",
        "They talk about me not to me.", "Listen to me and not just my mum.", "I want to go to my meeting.",
        "Ask me what I want.", "Nobody asks me anything.",
    ],
    "school_help": [
        "More help in lessons.", "Help with reading and writing.", "A quiet place to go when it is too loud.",
        "My TA to stay with me.", "Less homework.", "Teachers to understand my autism.", "Not being shouted at.",
        "Teachers letting me use my time out card.", "Help with maths.", "A computer to type on.",
        "Movement breaks.", "Being allowed my ear defenders.",
    ],
    "mental_health": [
        "I waited a long time to talk to someone about my worries.", "Someone to talk to when I feel sad.",
        "I feel worried a lot and I need help.", "Help with my anxiety.", "A counsellor at school.",
        "I want to see someone about my feelings sooner.",
    ],
    "therapies": [
        "More speech therapy.", "I want to see my speech therapist more.", "Help with my hands for writing.",
        "My therapist to come back.",
    ],
    "transport": [
        "The taxi is late.", "The same driver every day.", "The bus is too noisy.", "I do not like the taxi.",
    ],
    "short_breaks": [
        "More clubs I can go to.", "More things to do in the holidays.", "I want to see my friends more.",
        "A club with people like me.", "Swimming.", "A youth club near my house.",
    ],
    "placement": [
        "Know what college I am going to.", "Visit my new school before I go.", "I am scared about moving school.",
        "Help to get a job when I leave.", "Tell me sooner about my next school.",
    ],
    "waiting": ["It takes too long.", "Waiting is hard.", "Things take ages."],
}
YOUNG_PERSON_POSITIVE = [
    "My teacher is nice and helps me.", "I like my school.", "My TA helps me a lot.",
    "The speech therapist is fun.", "My new school is better.", "I like the quiet room.",
    "I like my club on Saturdays.", "My mentor is kind.", "I have more friends now.",
]
YOUNG_PERSON_SHORT = ["Nothing", "dont know", "idk", "Not sure", "Nothing. I am happy", "More breaks",
                      "Playing football at lunch", "Nothing its fine", "Everything is good"]
YOUNG_PERSON_TOPIC_OF = {"school_help": None, "short_breaks": "short_breaks"}

# --- practitioners -----------------------------------------------------------------------------

PRACTITIONER: dict[str, list[str]] = {
    "joined_up": [
        "A single point of contact in health who replies to schools.",
        "Joint training with health, social care and education so we understand each other's roles.",
        "Shared records so families do not have to repeat their story to every service.",
        "Multi-agency meetings that health and social care both attend.",
        "Knowing which health professional holds the case.",
        "Social care advice arriving in time for the EHC plan.",
    ],
    "ep_waits": [
        "More EP time. We get four visits a year for over 60 children on the SEN register.",
        "Faster access to educational psychology for consultation, not just statutory work.",
        "An EP advice line for SENCOs.",
    ],
    "therapies": [
        "Being able to refer to SALT without going through the GP.",
        "More OT capacity, the wait is now nearly a year.",
        "Proper therapist supervision for TAs delivering speech and language programmes.",
        "Therapy advice that is specific enough to go into section F.",
    ],
    "communication": [
        "Knowing who the caseworker is for each child and having a direct line to them.",
        "A reply from the SEN team within a week.",
        "Clear updates on where each EHC needs assessment is up to.",
        "An up to date directory of who does what in the local offer.",
    ],
    "waiting": [
        "Realistic timescales so we can manage parents' expectations.",
        "Interim funding while assessments are going on.",
        "Quicker decisions from panel.",
    ],
    "mental_health": [
        "Quicker access to CAMHS for children who are not attending school.",
        "A mental health support team in every school, not just some.",
        "Clear advice on what to do while a child is on the CAMHS waiting list.",
    ],
    "annual_review": [
        "One annual review template that everyone uses, with reminders from the council.",
        "Council officers at annual reviews in Year 5 and Year 10.",
        "Amended plans sent out within the four weeks after the annual review.",
    ],
    "listened": [
        "Time to listen to parents properly rather than rushing from meeting to meeting.",
        "Better ways to capture the child's voice in plans.",
    ],
    "placement": [
        "Earlier decisions on phase transfer so we can plan transition visits.",
        "More specialist places locally.",
    ],
    "training": [
        "Training on writing SMART outcomes.",
        "Autism and ADHD training for all staff, not just the SENCO.",
        "Training on the SEND Code of Practice for new staff.",
    ],
}
PRACTITIONER_DETAIL = [
    "Families tell us they feel passed from pillar to post.",
    "At the moment we are firefighting.",
    "Caseloads are too high to do the job properly.",
    "Colleagues in other services say the same.",
    "It would free up time for families.",
    "As a SENCO I spend most of my week chasing other services.",
    "Parents should not have to chase us for answers.",
]
PRACTITIONER_SHORT = ["Time", "More staff", "Funding", "Capacity", "Less paperwork", "More time with families"]

# --- hand-written texts to exercise redaction and safeguarding ----------------------------------
# All people, addresses, numbers and dates below are fictional (phone numbers from Ofcom's drama range).

PERSONAL_DATA_PARENT = [
    Composed("My son Jack Thompson was born on 14/03/2014 and we have waited since last May for his EHC plan. "
             "Please call me on 07700 900123.", ("waiting",)),
    Composed("Mrs Patel at Riverside Community Primary School has been brilliant, she is the only reason "
             "Amelia still goes to school.", ("senco_praise",)),
    Composed("I emailed jane.doe@example.com at the council six times and had no answer. My email is "
             "sarah.k@example.com if anyone actually wants to talk to me.", ("communication",)),
    Composed("We live at 12 Mill Lane, Northbridge NE1 4XX and the taxi still turns up at the wrong address "
             "some mornings.", ("transport",)),
    Composed("Our caseworker Daniel Reeves left in January and nobody told us. My daughter Sophie "
             "(DOB 02.07.2012) has had no SALT since.", ("communication", "therapies")),
    Composed("Please ring me on 07700 900456 about my son Oliver, his annual review at Hillcrest Academy was "
             "cancelled twice.", ("annual_review",)),
    Composed("Dr Shah at CAMHS was kind but we have waited 14 months to be seen. His NHS number is "
             "943 476 5919 if you need to check.", ("mental_health",)),
    Composed("Mr Green, the SENCo at Westford High School, rang us every Friday. Thank you from Lily's mum.",
             ("senco_praise",)),
    Composed("My grandson Tyler, born 5 November 2015, still has no school place for September. You can "
             "email me at nan.of.tyler@example.com.", ("placement",)),
    Composed("Ms Okoye from the SEN team was fantastic. I am at 3 Station Road, Eastmoor EX4 9ZZ if you need "
             "to send anything.", ("positive",)),
]
POSITIVE_SPECIALS = {1, 7, 9}  # indexes above that answer "What went well?"

SAFEGUARDING_PARENT = [
    Composed("My daughter has told me she does not want to be alive any more. We are still waiting for CAMHS "
             "and I do not know how to keep her safe.", ("mental_health",)),
    Composed("I can't cope any more and I am worried I will lose my temper with him. I need help before "
             "something happens.", ("short_breaks",)),
]
SAFEGUARDING_YOUNG_PERSON = [
    Composed("I do not feel safe at home when my dad has been drinking. I have not told anyone at school."),
    Composed("Sometimes I think about hurting myself because everything is too much. I did not tell my mum.",
             ("mental_health",)),
    Composed("An older boy at my club keeps hurting me and says I can't tell anyone."),
]


class Composer:
    """Builds varied comments from the phrase banks with one seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _fill(self, sentences: list[str], slots: dict[str, str]) -> str:
        return " ".join(s.format_map(slots) for s in sentences)

    def _casual(self, text: str, chance: float) -> str:
        """Some people type fast on a phone: no capitals, no full stop."""
        if self.rng.random() < chance:
            return text.lower().rstrip(".")
        return text

    def parent_negative(self, topic: str, mood: int, late: bool = False, second: str | None = None) -> Composed:
        """A parent's account of what went wrong, angrier and sadder the lower the mood (1 to 5)."""
        rng, slots = self.rng, _slots(self.rng)
        cores, details = PARENT_NEGATIVE[topic]
        sentences = [rng.choice(cores)]
        topics = [topic]
        if rng.random() < 0.55:
            sentences.append(rng.choice(details))
        if second and second != topic and rng.random() < 0.3:
            sentences.append(rng.choice(PARENT_NEGATIVE[second][0]))
            topics.append(second)
        if topic == "communication" and late and rng.random() < 0.35:
            sentences.append(rng.choice(COMMUNICATION_BETTER_LATELY))
        if mood <= 2 and rng.random() < 0.6:
            emotion = rng.choice(EMOTIONS[rng.choice(list(EMOTIONS))])
            sentences.insert(0 if rng.random() < 0.2 else len(sentences), emotion)
        if rng.random() < 0.3:
            sentences.append(rng.choice(PARENT_ASKS))
        return Composed(self._casual(self._fill(sentences, slots), 0.06), tuple(topics))

    def parent_positive(self, topic: str) -> Composed:
        """What went well, with thanks or relief now and then."""
        rng, slots = self.rng, _slots(self.rng)
        sentences = [rng.choice(PARENT_POSITIVE[topic])]
        if rng.random() < 0.35:
            other = rng.choice(["senco_praise", "positive"])
            extra = rng.choice(PARENT_POSITIVE[other])
            if extra != sentences[0]:
                sentences.append(extra)
        if rng.random() < 0.4:
            sentences.append(rng.choice(PARENT_THANKS))
        return Composed(self._casual(self._fill(sentences, slots), 0.05), (topic,))

    def short(self, bank: list[str]) -> Composed:
        """A very short answer such as "Nothing" or "N/A"."""
        return Composed(self.rng.choice(bank))

    def young_person(self, topic: str | None) -> Composed:
        """A young person's few words about what would make things better (topic None: something good)."""
        rng = self.rng
        if topic is None:
            sentences = [rng.choice(YOUNG_PERSON_POSITIVE)]
            topics: tuple[str, ...] = ("positive",)
        else:
            sentences = [rng.choice(YOUNG_PERSON[topic])]
            topics = () if topic == "school_help" else (topic,)
        if rng.random() < 0.3:
            extra_topic = rng.choice(list(YOUNG_PERSON))
            extra = rng.choice(YOUNG_PERSON[extra_topic])
            if extra not in sentences:
                sentences.append(extra)
                if extra_topic != "school_help" and extra_topic not in topics:
                    topics = (*topics, extra_topic)
        return Composed(self._casual(" ".join(sentences), 0.25), topics)

    def practitioner(self, topic: str) -> Composed:
        """A practitioner's one thing that would help."""
        rng = self.rng
        sentences = [rng.choice(PRACTITIONER[topic])]
        if rng.random() < 0.45:
            sentences.append(rng.choice(PRACTITIONER_DETAIL))
        topics = () if topic == "training" else (topic,)
        return Composed(" ".join(sentences), topics)
