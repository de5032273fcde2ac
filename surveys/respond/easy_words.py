"""The words young people meet on easy-read pages that are not written by staff: messages and choices.

Easy read means short sentences and everyday words, for a reading age of 7 to 9. Survey wording is checked in the
survey editor; these strings are checked by a test with the same readability check
(``tests/surveys/respond/test_easy_read_wording.py``), which also reads every easy-read page as a whole.
"""

import re
from collections.abc import Iterator

from surveys.form_fields import EMAIL_MESSAGE, PHONE_MESSAGE
from surveys.services.capture.audio import NOT_SAVED

# Form messages on easy-read pages.
MESSAGES = {
    "choose_one": "Please choose an answer",
    "choose_some": "Choose at least one answer",
    "write": "Please write your answer",
    "choose_file": "Choose a recording to send",
    "not_offered": "Please choose one of the answers shown",
    "too_long": "Your answer is too long. Please use {limit:,} letters or fewer.",
    "empty_file": "The recording you chose is empty. Please try again.",
    "big_file": "The recording is too big. It must be smaller than {mb} MB.",
    "not_audio": "That is not a sound recording. Please choose a different file.",
    "too_many_files": "You have sent all the recordings you can. Please write the rest of your answer.",
    "files_too_big": "Your recordings are too big. Please send a shorter one, or write your answer.",
    "file_not_kept": "We could not keep your recording. Please try again later, or write your answer. Your other "
                     "answers are safe.",
    "choose_what_to_do": "Please choose what you want to do",
    "check_email": "Please check your email address",
    "check_phone": "Please check your phone number",
}

# The messages adults see (from forms and the audio check) and the easy-read message for each.
SIMPLER = (
    (re.compile(r"^Select one of the options shown$|^Select from the options shown$"), "not_offered"),
    (re.compile(r"^Your answer must be (?P<limit>[\d,]+) characters or fewer$"), "too_long"),
    (re.compile(r"^The selected file is empty$"), "empty_file"),
    (re.compile(r"^The selected file must be smaller than (?P<mb>\d+) MB$"), "big_file"),
    (re.compile(r"^The selected file must be an audio recording"), "not_audio"),
    (re.compile(r"^Choose an audio file to upload$"), "choose_file"),
    (re.compile(r"^You can send up to \d+ audio messages\."), "too_many_files"),
    (re.compile(r"^Your audio messages together must be smaller than"), "files_too_big"),
    (re.compile(f"^{re.escape(NOT_SAVED)}$"), "file_not_kept"),
    (re.compile(r"^Select what you would like to do$"), "choose_what_to_do"),
    (re.compile(f"^{re.escape(EMAIL_MESSAGE)}$"), "check_email"),
    (re.compile(f"^{re.escape(PHONE_MESSAGE)}$"), "check_phone"),
)

# The choice after feedback that reads like a complaint, in easy read: (label, hint).
COMPLAINT_CHOICES = {
    "formal_complaint": ("Make a complaint", "Someone will look at what went wrong."),
    "sendiass": ("Talk to someone who can help", "They give free help to young people. They do not work for the "
                 "council or your school."),
    "mediation": ("Ask for a meeting to sort it out", "Someone fair helps you and the council agree what to do."),
    "keep_feedback": ("Just keep it as my answer", "We will use what you told us to make things better."),
}


# Titles of the page after the choice, and the labels of the boxes for how to write back.
CHOICE_TITLES = {
    "formal_complaint": "We got your complaint",
    "sendiass": "Get help",
    "mediation": "A meeting to sort it out",
    "keep_feedback": "We have kept your answer",
}
CONTACT_LABELS = {
    "contact_name": "Your name (you do not have to say)",
    "contact_email": "Your email (if you want us to write back)",
    "contact_phone": "Your phone number (if you want us to write back)",
}


# Error pages (title, what to do) for someone answering an easy-read survey, by HTTP status.
ERROR_PAGES = {
    400: ("Something went wrong", "Please go back and try again."),
    404: ("We cannot find this page", "Please go back and try again."),
    405: ("Something went wrong", "Please go back and try again."),
    409: ("This has changed", "Please go back and try again."),
    413: ("That is too big", "Please go back and send something smaller."),
    429: ("You have done that too many times", "Please wait a minute. Then try again."),
    500: ("Sorry, something went wrong", "Please try again later. We may not have kept this page. We kept your "
          "other answers."),
}


def easy_read_visitor() -> bool:
    """Whether this browser is answering an easy-read survey (for pages, like errors, made outside its views)."""
    from flask import session

    from surveys.services.capture import respondents

    respondent = respondents.load(session.get("respondent"))
    return respondent is not None and respondent.easy_read


def message(name: str, **values) -> str:
    """An easy-read message, with any numbers filled in."""
    return MESSAGES[name].format(**values)


def simpler(text: str) -> str:
    """The easy-read form of a message adults see, or the message itself when it is already plain."""
    for pattern, name in SIMPLER:
        found = pattern.search(text)
        if found:
            return message(name, **{key: int(value.replace(",", "")) for key, value in found.groupdict().items()})
    return text


def simplify(form) -> None:
    """Put every error message on a form into easy read (for easy-read pages)."""
    for field in form:
        if field.errors:
            field.errors = [simpler(str(error)) for error in field.errors]


def all_strings() -> Iterator[tuple[str, str]]:
    """Every string here as (where, text), for the readability check."""
    for name, text in MESSAGES.items():
        yield f"message {name}", text.format(limit=2000, mb=10)
    for name, (label, hint) in COMPLAINT_CHOICES.items():
        yield f"choice {name}", label
        yield f"choice {name} hint", hint
    for name, title in CHOICE_TITLES.items():
        yield f"title {name}", title
    for name, label in CONTACT_LABELS.items():
        yield f"label {name}", label
    for status, (title, body) in ERROR_PAGES.items():
        yield f"error {status}", title
        yield f"error {status} body", body
