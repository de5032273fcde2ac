"""Who answers the demo surveys and what they write about: the weights the response maker draws from.

Localities and need types are also the categories of the demo's baseline figures (local.py), so respondents and
the local area can be compared on the representation page.
"""

from surveys.services.capture import equality

LOCALITIES = {"Northbridge": 0.28, "Eastmoor": 0.22, "Southam Vale": 0.18, "Westford": 0.2, "Kingsholme": 0.12}
LOCALITY_MOOD = {"Eastmoor": -0.35, "Southam Vale": 0.15, "Kingsholme": 0.1}
NORTH = {"Northbridge", "Eastmoor"}
NEED_TYPES = {
    "Autism": 0.34, "Speech, language and communication": 0.2, "Social, emotional and mental health": 0.17,
    "Specific learning difficulty": 0.07, "Physical disability": 0.07, "Severe learning difficulty": 0.08,
    "Moderate learning difficulty": 0.04, "Hearing impairment": 0.03,
}
STAGES = {"final_plan": 0.35, "annual_review": 0.3, "needs_assessment": 0.12, "phase_transfer": 0.13,
          "tribunal": 0.05, "mediation": 0.05}
STAGE_MOOD = {"tribunal": -0.8, "mediation": -0.6, "needs_assessment": -0.2, "annual_review": 0.1}
STAGE_TOPICS = {
    "needs_assessment": {"waiting": 0.2, "ep_waits": 0.08},
    "final_plan": {"waiting": 0.05, "listened": 0.05},
    "annual_review": {"annual_review": 0.25},
    "phase_transfer": {"placement": 0.3, "transport": 0.05},
    "tribunal": {"tribunal": 0.4},
    "mediation": {"tribunal": 0.4},
}
PARENT_NEGATIVE = {"waiting": 0.17, "communication": 0.2, "listened": 0.1, "annual_review": 0.1, "placement": 0.07,
                   "mental_health": 0.11, "therapies": 0.09, "transport": 0.04, "ep_waits": 0.06, "tribunal": 0.03,
                   "joined_up": 0.05, "short_breaks": 0.04}
YOUNG_PERSON_TOPICS = {"listened": 0.18, "school_help": 0.25, "mental_health": 0.15, "therapies": 0.07,
                       "transport": 0.05, "short_breaks": 0.12, "placement": 0.1, "waiting": 0.05}
PRACTITIONER_TOPICS = {"joined_up": 0.2, "ep_waits": 0.12, "therapies": 0.13, "communication": 0.15, "waiting": 0.1,
                       "mental_health": 0.12, "annual_review": 0.06, "listened": 0.04, "placement": 0.05,
                       "training": 0.08}
ROLES = {"senco": 0.38, "health": 0.2, "social_care": 0.12, "council_officer": 0.15, "other": 0.15}
BARRIERS = {"waiting_lists": 0.75, "capacity": 0.65, "information_sharing": 0.45, "unclear_pathways": 0.35,
            "training": 0.25, "funding": 0.5, "other": 0.05}
SUPPORTED_BY = {"myself": 0.35, "parent_carer": 0.35, "teacher": 0.22, "another_adult": 0.08}
EQUALITY = {  # weights by the canonical values of capture.equality
    equality.RELATIONSHIP.key: {"parent": 0.86, "foster_carer": 0.04, "kinship_carer": 0.04, "other": 0.02,
                                "prefer_not_to_say": 0.04},
    equality.ETHNICITY.key: {"asian": 0.1, "black": 0.04, "mixed": 0.05, "white": 0.7, "other": 0.03,
                             "prefer_not_to_say": 0.08},
    equality.DISABILITY.key: {"yes": 0.22, "no": 0.68, "prefer_not_to_say": 0.1},
    equality.FIRST_LANGUAGE.key: {"yes": 0.86, "no": 0.09, "prefer_not_to_say": 0.05},
}
SEASON = {1: 1.0, 2: 1.1, 3: 1.1, 4: 0.9, 5: 1.0, 6: 1.1, 7: 0.9, 8: 0.5, 9: 1.15, 10: 1.2, 11: 1.1, 12: 0.7}
PARENT_HOURS = {7: 1, 8: 2, 9: 4, 10: 5, 11: 5, 12: 6, 13: 6, 14: 5, 15: 4, 16: 3, 17: 3, 18: 4, 19: 7, 20: 9,
                21: 10, 22: 7, 23: 3}
SCHOOL_HOURS = {9: 3, 10: 5, 11: 5, 12: 3, 13: 4, 14: 5, 15: 4, 16: 3, 17: 2, 18: 2, 19: 2, 20: 1}
WORK_HOURS = {8: 2, 9: 4, 10: 5, 11: 5, 12: 4, 13: 5, 14: 5, 15: 5, 16: 4, 17: 2, 18: 1}
