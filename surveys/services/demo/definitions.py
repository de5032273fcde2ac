"""The three demo surveys as plain data: one dict per survey, one dict per question.

Wording follows GOV.UK style: plain English, one thing per page or short groups, optional
questions say so. Question keys are stable snake_case slugs, unique within a survey.
"""

from typing import Any

from surveys.services.capture import equality
from surveys.services.capture.questions import RATING_OPTIONS, YES_NO_OPTIONS
from surveys.services.capture.symbols import scale_options

SUPPORTED_BY_OPTIONS = [
    {"value": "myself", "label": "No, I did it myself"},
    {"value": "parent_carer", "label": "A parent or carer"},
    {"value": "teacher", "label": "A teacher or teaching assistant"},
    {"value": "another_adult", "label": "Another adult"},
]

PRACTITIONER_ROLES = [
    {"value": "senco", "label": "SENCO or other school staff"},
    {"value": "health", "label": "Health (for example a therapist, nurse or doctor)"},
    {"value": "social_care", "label": "Social care"},
    {"value": "council_officer", "label": "Council officer (for example an SEN caseworker)"},
    {"value": "other", "label": "Other"},
]

BARRIERS = [
    {"value": "waiting_lists", "label": "Long waiting lists for assessments or therapies"},
    {"value": "capacity", "label": "Not enough time or staff"},
    {"value": "information_sharing", "label": "Hard to share information between services"},
    {"value": "unclear_pathways", "label": "Not clear who does what, or who to ask"},
    {"value": "training", "label": "Not enough training"},
    {"value": "funding", "label": "Funding"},
    {"value": "other", "label": "Something else"},
]

OPTIONAL = "This question is optional."


def _equality_questions(first_page: int) -> list[dict[str, Any]]:
    """The optional equality monitoring block, from the canonical questions (``capture.equality``)."""
    pages = ((equality.RELATIONSHIP, 0), (equality.ETHNICITY, 1), (equality.DISABILITY, 1),
             (equality.FIRST_LANGUAGE, 1))
    return [question.as_definition(first_page + offset) for question, offset in pages]


PARENT_SURVEY: dict[str, Any] = {
    "slug": "after-final-ehc-plan",
    "title": "Your experience of getting an EHC plan",
    "audience": "parent_carer",
    "easy_read": False,
    "intro": (
        "Tell us what it was like getting an education, health and care (EHC) plan for your child. "
        "It takes about 5 minutes. You can skip any question. What you tell us helps the council, "
        "the NHS and schools in Exampleshire decide what to change."
    ),
    "questions": [
        {
            "key": "communication", "kind": "rating", "page": 1, "required": True,
            "prompt": "How good was our communication with you while the plan was being made?",
            "hint": "For example, answering your emails and calls, and telling you what would happen next.",
            "options": RATING_OPTIONS,
        },
        {
            "key": "communication_what_happened", "kind": "free_text", "page": 2, "max_length": 2000,
            "prompt": "You said our communication was very poor. What happened?",
            "hint": "Do not include names or contact details.",
            "condition_key": "communication", "condition_value": "1",
        },
        {
            "key": "listened_to", "kind": "rating", "page": 3,
            "prompt": "How well did we listen to you and your child?",
            "options": RATING_OPTIONS,
        },
        {
            "key": "timeliness", "kind": "rating", "page": 4,
            "prompt": "How would you rate the time it took to get the plan?",
            "options": RATING_OPTIONS,
        },
        {
            "key": "within_20_weeks", "kind": "yes_no", "page": 4,
            "prompt": "Was the plan finished within 20 weeks?",
            "hint": "The 20 weeks start when the council gets the request for an EHC needs assessment.",
            "options": YES_NO_OPTIONS,
        },
        {
            "key": "plan_reflects_child", "kind": "rating", "page": 5,
            "prompt": "How well does the plan describe your child and what they need?",
            "options": RATING_OPTIONS,
        },
        {
            "key": "overall", "kind": "rating", "page": 6,
            "prompt": "Overall, how would you rate your experience of getting the plan?",
            "options": RATING_OPTIONS,
        },
        {
            "key": "went_well", "kind": "free_text", "page": 7, "max_length": 2000,
            "prompt": "What went well?",
            "hint": "Do not include names or contact details.",
        },
        {
            "key": "do_better", "kind": "free_text", "page": 8, "max_length": 2000,
            "prompt": "What could we do better?",
            "hint": "Do not include names or contact details.",
        },
        {
            "key": "consent_quote", "kind": "consent", "page": 9,
            "prompt": "Can we quote what you wrote in things we publish?",
            "hint": (
                "We will never publish your name or anything that could identify you or your child. "
                "We remove names, places and contact details first."
            ),
            "options": [
                {"value": "yes", "label": "Yes, you can quote my words without my name"},
                {"value": "no", "label": "No, do not quote me"},
            ],
        },
        {
            "key": "consent_contact", "kind": "consent", "page": 9,
            "prompt": "Can we contact you to tell you what we did because of your feedback?",
            "hint": (
                "If you say yes, we will ask for your email address. We will only use it to tell you "
                "what happened, and we will not share it."
            ),
            "options": [
                {"value": "yes", "label": "Yes, you can contact me about this"},
                {"value": "no", "label": "No, do not contact me"},
            ],
        },
        *_equality_questions(first_page=10),
    ],
}

YOUNG_PERSON_SURVEY: dict[str, Any] = {
    "slug": "young-people-have-your-say",
    "title": "Have your say about the help you get",
    "audience": "young_person",
    "easy_read": True,
    "intro": (
        "We want to know what you think about the help you get. There are no right or wrong answers. "
        "You can skip any question. You can ask someone to help you."
    ),
    "questions": [
        {
            "key": "help_at_school", "kind": "symbol_scale", "page": 1,
            "prompt": "How do you feel about the help you get at school or college?",
            "easy_read_prompt": "How do you feel about help at school?",
            "symbols": "three_faces", "options": scale_options("three_faces"),
        },
        {
            "key": "listened_to", "kind": "symbol_scale", "page": 2,
            "prompt": "How well do adults listen to what you want?",
            "easy_read_prompt": "Do adults listen to you?",
            "symbols": "yes_no_not_sure", "options": scale_options("yes_no_not_sure"),
        },
        {
            "key": "help_with_health", "kind": "symbol_scale", "page": 3,
            "prompt": "How do you feel about the help you get with your health, for example from doctors, "
                      "nurses or therapists?",
            "easy_read_prompt": "How do you feel about help from doctors and nurses?",
            "symbols": "three_faces", "options": scale_options("three_faces"),
        },
        {
            "key": "whats_next", "kind": "symbol_scale", "page": 4,
            "prompt": "How do you feel about what happens next, like moving school or going to college?",
            "easy_read_prompt": "How do you feel about what happens next?",
            "symbols": "five_faces", "options": scale_options("five_faces"),
        },
        {
            "key": "make_better", "kind": "free_text", "page": 5, "max_length": 2000,
            "prompt": "What would make things better?",
            "easy_read_prompt": "What would make things better? You can write a few words.",
        },
        {
            "key": "audio_message", "kind": "audio", "page": 6,
            "prompt": "Record or upload a message instead of typing",
            "easy_read_prompt": "You can record a message. You do not have to.",
            "hint": OPTIONAL,
        },
        {
            "key": "supported_by", "kind": "single_choice", "page": 7,
            "prompt": "Did someone help you answer?",
            "easy_read_prompt": "Did someone help you?",
            "options": SUPPORTED_BY_OPTIONS,
        },
        {
            "key": "liked_survey", "kind": "symbol_scale", "page": 7,
            "prompt": "Did you like answering these questions?",
            "easy_read_prompt": "Did you like these questions?",
            "symbols": "thumbs", "options": scale_options("thumbs"),
        },
        {
            "key": "consent_quote", "kind": "consent", "page": 8,
            "prompt": "Can we share what you wrote? We will not use your name.",
            "easy_read_prompt": "Can we share your words? We will not say your name.",
            "options": [
                {"value": "yes", "label": "Yes, you can share my words"},
                {"value": "no", "label": "No, keep my words private"},
            ],
        },
        {
            "key": "consent_contact", "kind": "consent", "page": 8,
            "prompt": "Can we tell you what we did because of what you said?",
            "easy_read_prompt": "Can we tell you what we did after you helped us?",
            "options": [
                {"value": "yes", "label": "Yes, tell me"},
                {"value": "no", "label": "No, thank you"},
            ],
        },
    ],
}

PRACTITIONER_SURVEY: dict[str, Any] = {
    "slug": "practitioner-survey",
    "title": "Practitioner survey: working together for children and young people with SEND",
    "audience": "practitioner",
    "easy_read": False,
    "intro": (
        "This survey is for people who work with children and young people with special educational "
        "needs and disabilities in Exampleshire. It takes about 3 minutes."
    ),
    "questions": [
        {
            "key": "role", "kind": "single_choice", "page": 1,
            "prompt": "What is your role?",
            "options": PRACTITIONER_ROLES,
        },
        {
            "key": "know_who_to_ask", "kind": "yes_no", "page": 2,
            "prompt": "Do you know who to ask for SEND advice?",
            "options": YES_NO_OPTIONS,
        },
        {
            "key": "multi_agency", "kind": "rating", "page": 3,
            "prompt": "How well do education, health and social care work together for the families you support?",
            "options": RATING_OPTIONS,
        },
        {
            "key": "ehc_advice", "kind": "rating", "page": 4,
            "prompt": "How easy is it to give your advice for EHC needs assessments on time?",
            "options": [
                {"value": "1", "label": "Very hard"},
                {"value": "2", "label": "Hard"},
                {"value": "3", "label": "Neither easy nor hard"},
                {"value": "4", "label": "Easy"},
                {"value": "5", "label": "Very easy"},
            ],
        },
        {
            "key": "barriers", "kind": "multiple_choice", "page": 5,
            "prompt": "What gets in the way of supporting families?",
            "hint": "Select all that apply.",
            "options": BARRIERS,
        },
        {
            "key": "one_thing", "kind": "free_text", "page": 6, "max_length": 2000,
            "prompt": "What one thing would help you support families better?",
            "hint": "Do not include the names of children or families.",
        },
        {
            "key": "consent_quote", "kind": "consent", "page": 7,
            "prompt": "Can we quote what you wrote in things we publish?",
            "hint": "We will not publish your name, your role or where you work.",
            "options": [
                {"value": "yes", "label": "Yes, you can quote my words without my name"},
                {"value": "no", "label": "No, do not quote me"},
            ],
        },
    ],
}

SURVEYS = (PARENT_SURVEY, YOUNG_PERSON_SURVEY, PRACTITIONER_SURVEY)

FREE_TEXT_KINDS = frozenset({"free_text"})
