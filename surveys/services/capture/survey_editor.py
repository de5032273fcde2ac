"""Editing surveys: the versioning rule, the checks on questions, and the transactions.

A survey's intro and questions live in numbered versions. Changing a version that anyone has
started answering (any Response row, finished or not) makes version N+1 with the change applied,
so answers keep pointing at the questions people actually saw. A version nobody has answered is
changed in place. Views call these functions and never commit; these functions commit or raise
``EditorError`` having changed nothing.

Checks look at the whole version after a change and refuse only problems the change brings in,
so a survey loaded with older, looser data can still be edited.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from surveys.models import AUDIENCES, QUESTION_KINDS, Question, Response, Survey, SurveyVersion, User, db
from surveys.services.capture import equality, readability
from surveys.services.capture.questions import NO, PREFER_NOT_TO_SAY, RATING_OPTIONS, SYMBOL_OPTIONS, YES
from surveys.services.platform.audit import record

KIND_NAMES = {
    "rating": "Rating scale",
    "symbol_scale": "Smiley or symbol scale",
    "single_choice": "Single choice",
    "multiple_choice": "Multiple choice",
    "yes_no": "Yes or no",
    "free_text": "Free text",
    "consent": "Consent",
    "equality": "Equality monitoring",
    "audio": "Audio message",
}
OPTION_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no", "consent", "equality")
CONDITION_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no")
NUMBERED_KINDS = ("rating", "symbol_scale")  # option values are numbers, so answers can be averaged
# Keys the respondent pages read for consent and "who helped you", and the kind each must be.
RESERVED_KEYS = {"consent_quote": "consent", "consent_contact": "consent", "supported_by": "single_choice"}

DEFAULT_TEXT_LENGTH = 2000
MAX_TEXT_LENGTH = 10000
MAX_QUESTIONS = 200
MAX_OPTIONS = 50
MAX_PAGE = 200
LIMITS = {"title": 200, "intro": 5000, "prompt": 1000, "easy_read_prompt": 1000, "hint": 1000, "key": 64,
          "value": 100, "label": 200, "symbol": 16}
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

DEFAULT_OPTIONS = {
    "rating": RATING_OPTIONS,
    "symbol_scale": SYMBOL_OPTIONS,
    "yes_no": [YES, NO],
    "consent": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}],
    "equality": [PREFER_NOT_TO_SAY],
}


class EditorError(ValueError):
    """A change that cannot be saved. ``problems`` pairs a form field (or None) with a message."""

    def __init__(self, message: str, field: str | None = None, problems: list[tuple[str | None, str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.problems = problems or [(field, message)]


@dataclass(frozen=True)
class QuestionSpec:
    """A question as plain data: what a form or a standard block asks for, before it is a row."""

    key: str
    kind: str
    prompt: str
    easy_read_prompt: str = ""
    hint: str = ""
    required: bool = False
    options: list[dict[str, Any]] = field(default_factory=list)
    max_length: int | None = None
    condition_key: str | None = None
    condition_value: str | None = None
    page: int = 1
    id: int | None = field(default=None, compare=False)

    @classmethod
    def from_question(cls, question: Question) -> "QuestionSpec":
        """The spec of a saved question, keeping its id."""
        values = {f.name: getattr(question, f.name) for f in fields(cls)}
        values["options"] = [dict(option) for option in question.options or []]
        return cls(**values)

    def column_values(self) -> dict[str, Any]:
        """Values for a Question row (not its id or position)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "id"}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one question (``key``) or the version (key ""), for the form field ``field``."""

    key: str
    field: str | None
    code: str
    message: str

    @property
    def identity(self) -> tuple[str, str | None, str]:
        """Problems with the same identity are the same problem, whatever the wording."""
        return (self.key, self.field, self.code)


@dataclass(frozen=True)
class EditResult:
    """What a change did: the version now current, whether anything changed, and whether it is new."""

    version: SurveyVersion
    changed: bool
    new_version: bool


@dataclass(frozen=True)
class SurveySummary:
    """A survey as the list shows it."""

    survey: Survey
    version_number: int
    questions: int
    responses: int


# --- reading -----------------------------------------------------------------------------------


def find_survey(survey_id: int) -> Survey | None:
    """The survey with this id, or None."""
    return db.session.get(Survey, survey_id)


def find_question(survey: Survey, question_id: int) -> Question | None:
    """The question with this id if it belongs to any version of this survey, else None."""
    query = (
        select(Question)
        .join(SurveyVersion, Question.version_id == SurveyVersion.id)
        .where(Question.id == question_id, SurveyVersion.survey_id == survey.id)
    )
    return db.session.scalar(query)


def is_current(survey: Survey, question: Question) -> bool:
    """True when the question belongs to the version new respondents answer."""
    current = survey.current_version
    return current is not None and question.version_id == current.id


def has_responses(version: SurveyVersion | None) -> bool:
    """True when anyone has started answering this version."""
    if version is None or version.id is None:
        return False
    return db.session.scalar(select(Response.id).where(Response.version_id == version.id).limit(1)) is not None


def survey_summaries() -> list[SurveySummary]:
    """Every survey with its current version number, question count and finished responses, by title."""
    latest = dict(db.session.execute(
        select(SurveyVersion.survey_id, func.max(SurveyVersion.number)).group_by(SurveyVersion.survey_id)
    ).all())
    questions = {
        (survey_id, number): count
        for survey_id, number, count in db.session.execute(
            select(SurveyVersion.survey_id, SurveyVersion.number, func.count(Question.id))
            .join(Question, Question.version_id == SurveyVersion.id)
            .group_by(SurveyVersion.survey_id, SurveyVersion.number)
        )
    }
    responses = dict(db.session.execute(
        select(SurveyVersion.survey_id, func.count(Response.id))
        .join(Response, Response.version_id == SurveyVersion.id)
        .where(Response.status == "submitted")
        .group_by(SurveyVersion.survey_id)
    ).all())
    surveys = db.session.scalars(select(Survey).order_by(func.lower(Survey.title), Survey.id))
    return [
        SurveySummary(survey=survey, version_number=latest.get(survey.id, 0),
                      questions=questions.get((survey.id, latest.get(survey.id)), 0),
                      responses=responses.get(survey.id, 0))
        for survey in surveys
    ]


def version_responses(survey: Survey) -> dict[int, int]:
    """Responses started (any status) for each version id of a survey."""
    query = (
        select(Response.version_id, func.count(Response.id))
        .join(SurveyVersion, Response.version_id == SurveyVersion.id)
        .where(SurveyVersion.survey_id == survey.id)
        .group_by(Response.version_id)
    )
    return dict(db.session.execute(query).all())


def reads_easy(survey: Survey) -> bool:
    """Easy-read wording applies: easy-read surveys, and every survey for young people."""
    return bool(survey.easy_read or survey.audience == "young_person")


def shown_prompt(question: Question | QuestionSpec, easy_read: bool) -> str:
    """The wording respondents see: the easy-read wording where it applies and exists."""
    return question.easy_read_prompt if easy_read and question.easy_read_prompt else question.prompt


def wording(survey: Survey) -> list[tuple[str, str]]:
    """``(where, text)`` for everything an easy-read respondent reads in the current version."""
    version = survey.current_version
    if version is None:
        return []
    texts = [("Introduction", version.intro)]
    for number, question in enumerate(version.questions, 1):
        texts.append((f"Question {number}", shown_prompt(question, True)))
        texts.append((f"Question {number}, hint", question.hint))
        texts.extend((f"Question {number}, answer", option.get("label", "")) for option in question.options or [])
    return texts


def readability_findings(survey: Survey) -> list[readability.Finding]:
    """Hard or long sentences in an easy-read survey, hardest first; none for other surveys."""
    if not reads_easy(survey):
        return []
    return readability.check_easy_read(wording(survey))


# --- options and keys --------------------------------------------------------------------------


def slugify(text: str, limit: int = 40) -> str:
    """Lower-case words joined by underscores, for keys and option values."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}_{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


KEY_STOP_WORDS = frozenset(
    "a about an and are at be by can could did do does for from had has have how i if in is it me my of on or our so "
    "that the this to us was we were what when which who why will with would you your".split()
)


def new_key(prompt: str, taken: Iterable[str]) -> str:
    """A short snake_case key from the question's telling words, unique among ``taken``.

    "How well did we listen to you?" gives well_listen; a question of only small words keeps them all.
    """
    taken = set(taken)
    telling = [word for word in re.findall(r"[a-z0-9]+", prompt.lower()) if word not in KEY_STOP_WORDS]
    base = slugify(" ".join(telling), limit=30) or slugify(prompt, limit=30) or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    key, number = base, 2
    while key in taken or key in RESERVED_KEYS:
        key = f"{base[:LIMITS['key'] - 4]}_{number}"
        number += 1
    return key


def parse_options(text: str, kind: str) -> list[dict[str, Any]]:
    """Options from lines of "value | label | symbol", "value | label" or just "label"."""
    options = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3:
            raise EditorError(f"Line {number} has too many parts: use value | label | symbol", "options")
        value, label, symbol = ("", parts[0], "") if len(parts) == 1 else (*parts, "")[:3]
        if not label:
            raise EditorError(f"Enter a label on line {number}", "options")
        option = {"value": value or auto_value(kind, number, label), "label": label}
        if symbol:
            option["symbol"] = symbol
        options.append(option)
    return options


def auto_value(kind: str, number: int, label: str) -> str:
    """A value for an option given only a label: its number on a scale, else a slug of the label."""
    if kind in NUMBERED_KINDS:
        return str(number)
    return slugify(label, limit=LIMITS["value"]) or f"option_{number}"


def format_options(options: list[dict[str, Any]]) -> str:
    """Options as the lines staff edit: "value | label" or "value | label | symbol"."""
    lines = []
    for option in options or []:
        parts = [str(option.get("value", "")), str(option.get("label", ""))]
        if option.get("symbol"):
            parts.append(str(option["symbol"]))
        lines.append(" | ".join(parts))
    return "\n".join(lines)


# --- checks ------------------------------------------------------------------------------------


def describe(specs: list[QuestionSpec], index: int) -> str:
    """How messages name a question: its number and the start of its wording."""
    prompt = specs[index].prompt
    short = prompt if len(prompt) <= 60 else prompt[:57].rstrip() + "…"
    return f"question {index + 1} (“{short}”)"


def check_questions(specs: list[QuestionSpec]) -> list[Problem]:
    """Every problem in a version's questions, in order."""
    problems = []
    if len(specs) > MAX_QUESTIONS:
        problems.append(Problem("", None, "too_many", f"A survey can have up to {MAX_QUESTIONS} questions"))
    keys = [spec.key for spec in specs]
    for index, spec in enumerate(specs):
        for check in (_check_kind, _check_key, _check_texts, _check_options, _check_length, _check_page,
                      _check_condition):
            problems.extend(check(spec, index, specs, keys))
    return problems


def _problem(spec: QuestionSpec, field_name: str, code: str, message: str) -> Problem:
    """A problem with one question."""
    return Problem(spec.key, field_name, code, message)


def _check_kind(spec, index, specs, keys) -> list[Problem]:
    """The type must be one the respondent pages know."""
    if spec.kind in QUESTION_KINDS:
        return []
    return [_problem(spec, "kind", "kind", "Select the type of question")]


def _check_key(spec, index, specs, keys) -> list[Problem]:
    """Keys are snake_case, unique in the version, and reserved keys keep their kind."""
    if not spec.key or len(spec.key) > LIMITS["key"] or not KEY_PATTERN.match(spec.key):
        message = (f"Key must start with a letter, use only lower case letters, numbers and underscores (_), "
                   f"and be {LIMITS['key']} characters or fewer")
        return [_problem(spec, "key", "key_format", message)]
    if keys.count(spec.key) > 1:
        return [_problem(spec, "key", "key_duplicate", f"Another question already uses the key {spec.key}")]
    reserved_kind = RESERVED_KEYS.get(spec.key)
    if reserved_kind and spec.kind != reserved_kind:
        message = f"The key {spec.key} is kept for the standard {KIND_NAMES[reserved_kind].lower()} question"
        return [_problem(spec, "key", "key_reserved", message)]
    return []


def _check_texts(spec, index, specs, keys) -> list[Problem]:
    """The question has wording, and no text is longer than its limit."""
    problems = []
    if not spec.prompt.strip():
        problems.append(_problem(spec, "prompt", "prompt_blank", "Enter the question"))
    names = {"prompt": "Question", "easy_read_prompt": "Easy-read wording", "hint": "Hint"}
    for name, label in names.items():
        if len(getattr(spec, name) or "") > LIMITS[name]:
            message = f"{label} must be {LIMITS[name]:,} characters or fewer"
            problems.append(_problem(spec, name, f"{name}_long", message))
    return problems


def _check_options(spec, index, specs, keys) -> list[Problem]:
    """Choice-like questions have sound options; other questions have none."""
    if spec.kind not in OPTION_KINDS:
        return [_problem(spec, "options", "options_unwanted", "This type of question has no options")] \
            if spec.options else []
    message = _options_message(spec)
    return [_problem(spec, "options", "options", message)] if message else []


def _options_message(spec: QuestionSpec) -> str | None:
    """What is wrong with a question's options, or None."""
    options = spec.options
    if len(options) < 2:
        return "Enter at least 2 options, one on each line"
    if len(options) > MAX_OPTIONS:
        return f"A question can have up to {MAX_OPTIONS} options"
    for number, option in enumerate(options, 1):
        message = _option_message(spec.kind, number, option)
        if message:
            return message
    values = [str(option.get("value", "")) for option in options]
    repeated = next((value for value in values if values.count(value) > 1), None)
    if repeated is not None:
        return f"Each option needs its own value: {repeated} is used more than once"
    return _kind_options_message(spec.kind, values)


def _option_message(kind: str, number: int, option: dict[str, Any]) -> str | None:
    """What is wrong with one option, or None."""
    value, label, symbol = (str(option.get(name) or "") for name in ("value", "label", "symbol"))
    if not value.strip() or not label.strip():
        return f"Option {number} needs a value and a label"
    if len(value) > LIMITS["value"] or len(label) > LIMITS["label"] or len(symbol) > LIMITS["symbol"]:
        return (f"Option {number} is too long: values can be up to {LIMITS['value']} characters, labels "
                f"{LIMITS['label']} and symbols {LIMITS['symbol']}")
    if kind in NUMBERED_KINDS and not re.fullmatch(r"-?\d{1,4}", value):
        return f"Option {number} needs a whole number as its value, like 1 | Very poor"
    if kind == "symbol_scale" and not symbol.strip():
        return f"Option {number} needs a symbol as well as a label, like 3 | Happy | 😀"
    return None


def _kind_options_message(kind: str, values: list[str]) -> str | None:
    """Rules for the options of equality and consent questions."""
    if kind == "equality" and PREFER_NOT_TO_SAY["value"] not in values:
        return "Equality monitoring questions must include prefer_not_to_say | Prefer not to say"
    if kind == "consent" and sorted(values) != ["no", "yes"]:
        return "A consent question needs exactly 2 options, with the values yes and no"
    return None


def _check_length(spec, index, specs, keys) -> list[Problem]:
    """Free text has a maximum length from 1 to MAX_TEXT_LENGTH."""
    if spec.kind != "free_text":
        return []
    if spec.max_length is None or not 1 <= spec.max_length <= MAX_TEXT_LENGTH:
        message = f"Maximum length must be between 1 and {MAX_TEXT_LENGTH:,} characters"
        return [_problem(spec, "max_length", "max_length", message)]
    return []


def _check_page(spec, index, specs, keys) -> list[Problem]:
    """Pages are in range and never go backwards through the survey."""
    if not 1 <= spec.page <= MAX_PAGE:
        return [_problem(spec, "page", "page_range", f"Page must be between 1 and {MAX_PAGE}")]
    if index > 0 and spec.page < specs[index - 1].page:
        message = f"Page must be {specs[index - 1].page} or more, because the question before it is on that page"
        return [_problem(spec, "page", "page_order", message)]
    if index + 1 < len(specs) and spec.page > specs[index + 1].page:
        message = f"Page must be {specs[index + 1].page} or less, because the question after it is on that page"
        return [_problem(spec, "page", "page_order", message)]
    return []


def _check_condition(spec, index, specs, keys) -> list[Problem]:
    """A condition names an earlier choice question on an earlier page, and one of its answers."""
    if not spec.condition_key and not spec.condition_value:
        return []
    message, code = _condition_message(spec, index, specs, keys)
    return [_problem(spec, "condition", code, message)] if message else []


def _condition_message(spec, index, specs, keys) -> tuple[str | None, str]:
    """What is wrong with a question's condition, and a code for it."""
    if not spec.condition_key or not spec.condition_value:
        return "Choose the question and the answer that show this question", "condition_incomplete"
    if spec.condition_key not in keys:
        return "Choose a question from this survey", "condition_unknown"
    target_index = keys.index(spec.condition_key)
    target = specs[target_index]
    if target_index >= index:
        return f"This question can only depend on a question before it, not {describe(specs, target_index)}", \
            "condition_order"
    if target.kind not in CONDITION_KINDS:
        return ("This question can only depend on a rating, symbol scale, single choice, multiple choice or "
                "yes or no question"), "condition_kind"
    if spec.condition_value not in {str(option.get("value")) for option in target.options}:
        return f"Choose one of the answers to {describe(specs, target_index)}", "condition_value"
    if target.page >= spec.page:
        return (f"Put this question on a later page than {describe(specs, target_index)}, which is on page "
                f"{target.page}, so the answer is known before this question is shown"), "condition_page"
    return None, ""


def new_problems(before: list[QuestionSpec], after: list[QuestionSpec]) -> list[Problem]:
    """Problems in ``after`` that ``before`` did not have."""
    known = {problem.identity for problem in check_questions(before)}
    return [problem for problem in check_questions(after) if problem.identity not in known]


def refuse(problems: list[Problem], own_key: str | None = None, blame: str | None = None) -> None:
    """Raise an EditorError for these problems: the question's own on their fields, others' on ``blame``."""
    if not problems:
        return
    own = [problem for problem in problems if own_key is not None and problem.key == own_key]
    problems = own or problems  # a question's own problems first; knock-ons usually follow from them
    pairs = []
    for problem in problems:
        if own_key is not None and problem.key == own_key:
            pairs.append((problem.field, problem.message))
        else:
            pairs.append((blame, f"This change would cause a problem with another question: {problem.message}"
                          if problem.key else problem.message))
    pairs = list(dict.fromkeys(pairs))
    field_name, message = pairs[0]
    raise EditorError(message, field_name, pairs)


def check_details(title: str, audience: str, intro: str) -> None:
    """Refuse survey details that cannot be saved."""
    problems = []
    if not (title or "").strip():
        problems.append(("title", "Enter a title"))
    elif len(title) > LIMITS["title"]:
        problems.append(("title", f"Title must be {LIMITS['title']} characters or fewer"))
    if audience not in AUDIENCES:
        problems.append(("audience", "Select who the survey is for"))
    if len(intro or "") > LIMITS["intro"]:
        problems.append(("intro", f"Introduction must be {LIMITS['intro']:,} characters or fewer"))
    if problems:
        raise EditorError(problems[0][1], problems[0][0], problems)


# --- saving ------------------------------------------------------------------------------------


def _lock(survey: Survey) -> SurveyVersion | None:
    """Lock the survey and its current version for this transaction, and return that version fresh.

    On PostgreSQL a respondent starting a response takes a key-share lock on the version row, so
    holding FOR UPDATE here means a response cannot slip in between the check and the change.
    """
    fresh = select(Survey).where(Survey.id == survey.id).with_for_update()
    db.session.execute(fresh.execution_options(populate_existing=True))
    db.session.expire(survey, ["versions"])
    query = (
        select(SurveyVersion)
        .where(SurveyVersion.survey_id == survey.id)
        .order_by(SurveyVersion.number.desc())
        .limit(1)
        .with_for_update()
    )
    version = db.session.scalar(query.execution_options(populate_existing=True))
    if version is not None:
        db.session.expire(version, ["questions"])
    return version


def current_specs(version: SurveyVersion | None) -> list[QuestionSpec]:
    """The questions of a version as specs, in order."""
    return [QuestionSpec.from_question(question) for question in version.questions] if version else []


def _sync_in_place(version: SurveyVersion, specs: list[QuestionSpec]) -> None:
    """Make a version's rows match the specs, keeping the ids of questions that stay."""
    rows = {question.id: question for question in version.questions}
    staying = {spec.id for spec in specs if spec.id in rows}
    for question_id, question in rows.items():
        if question_id not in staying:
            version.questions.remove(question)
    # Park the rows that stay on free positions and keys, so swaps never meet the unique constraints.
    for question_id in staying:
        rows[question_id].position = -question_id
        rows[question_id].key = f"~{question_id}"
    db.session.flush()
    for position, spec in enumerate(specs, 1):
        question = rows.get(spec.id) if spec.id in staying else None
        if question is None:
            question = Question(version=version)
            db.session.add(question)
        for name, value in spec.column_values().items():
            setattr(question, name, value)
        question.position = position
    db.session.flush()
    db.session.expire(version, ["questions"])


def _new_version(survey: Survey, previous: SurveyVersion | None, specs: list[QuestionSpec], intro: str):
    """A new numbered version holding copies of the specs."""
    version = SurveyVersion(survey=survey, number=(previous.number + 1) if previous else 1, intro=intro)
    version.questions = [Question(position=position, **spec.column_values()) for position, spec in
                         enumerate(specs, 1)]
    db.session.add(version)
    return version


def _commit() -> None:
    """Commit, turning a clash with someone else's change into a message."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise EditorError("Someone else changed this survey at the same time. Check it and try again.") from error


def _save(user: User | None, survey: Survey, current: SurveyVersion | None, specs: list[QuestionSpec],
          intro: str, change: str, **detail) -> EditResult:
    """Apply new specs and intro: in place, or as a new version when the current one has responses."""
    if current is not None and specs == current_specs(current) and intro == current.intro:
        db.session.rollback()
        return EditResult(current, changed=False, new_version=False)
    if current is None or has_responses(current):
        version = _new_version(survey, current, specs, intro)
        db.session.flush()
        record(user, "survey.new_version", survey, number=version.number,
               previous=current.number if current else None, change=change)
        new_version = True
    else:
        _sync_in_place(current, specs)
        current.intro = intro
        version, new_version = current, False
    record(user, "survey.edit", survey, change=change, version=version.number, **detail)
    _commit()
    return EditResult(version, changed=True, new_version=new_version)


def _unique_slug(title: str) -> str:
    """A web address part made from the title, unique among surveys."""
    base = (slugify(title, limit=60).replace("_", "-")) or "survey"
    taken = set(db.session.scalars(select(Survey.slug).where(Survey.slug.like(f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


# --- changes staff make ------------------------------------------------------------------------


def create_survey(user: User | None, *, title: str, audience: str, intro: str = "", easy_read: bool = False,
                  open_link: bool = True) -> Survey:
    """A new survey with an empty version 1. It starts inactive, so nobody sees it until it is ready."""
    title, intro = title.strip(), (intro or "").strip()
    check_details(title, audience, intro)
    survey = Survey(slug=_unique_slug(title), title=title, audience=audience, easy_read=easy_read,
                    open_link=open_link, active=False)
    survey.versions.append(SurveyVersion(number=1, intro=intro))
    db.session.add(survey)
    db.session.flush()
    record(user, "survey.create", survey, title=title, audience=audience)
    _commit()
    return survey


def update_survey(user: User | None, survey: Survey, *, title: str, audience: str, intro: str, easy_read: bool,
                  open_link: bool, active: bool) -> EditResult:
    """Change a survey's details. Only a changed intro can need a new version; the rest is not versioned."""
    title, intro = title.strip(), (intro or "").strip()
    check_details(title, audience, intro)
    current = _lock(survey)
    if active and not survey.active and not (current and current.questions):
        raise EditorError("Add at least one question before you make the survey active", "active")
    details = {"title": title, "audience": audience, "easy_read": easy_read, "open_link": open_link, "active": active}
    changed = sorted(name for name, value in details.items() if getattr(survey, name) != value)
    for name in changed:
        setattr(survey, name, details[name])
    specs = current_specs(current)
    if current is not None and intro != current.intro:
        return _save(user, survey, current, specs, intro, "details", fields=[*changed, "intro"])
    if not changed:
        db.session.rollback()
        return EditResult(current, changed=False, new_version=False)
    record(user, "survey.edit", survey, change="details", fields=changed)
    _commit()
    return EditResult(current, changed=True, new_version=False)


def next_page(survey: Survey) -> int:
    """The page after the last one: new questions get a page of their own, as GOV.UK pages do."""
    current = survey.current_version
    return max((question.page for question in current.questions), default=0) + 1 if current else 1


def add_question(user: User | None, survey: Survey, spec: QuestionSpec) -> EditResult:
    """Add a question at the end, making its key from its wording when none is given."""
    current = _lock(survey)
    before = current_specs(current)
    key = spec.key.strip() if spec.key else new_key(spec.prompt, (s.key for s in before))
    spec = replace(spec, key=key, id=None)
    after = [*before, spec]
    refuse(new_problems(before, after), own_key=key)
    return _save(user, survey, current, after, current.intro if current else "", "question_added", key=key)


def _index_of(specs: list[QuestionSpec], question_id: int) -> int:
    """Where the question with this id is in the current version; EditorError when it is not there."""
    for index, spec in enumerate(specs):
        if spec.id == question_id:
            return index
    raise EditorError("This survey has changed since you opened that page. Find the question again and try again.")


def update_question(user: User | None, survey: Survey, question_id: int, spec: QuestionSpec) -> EditResult:
    """Change a question of the current version. Its type stays; a blank key keeps the old key."""
    current = _lock(survey)
    before = current_specs(current)
    index = _index_of(before, question_id)
    old = before[index]
    key = spec.key.strip() if spec.key else old.key
    if old.key in RESERVED_KEYS and key != old.key:
        raise EditorError(f"You cannot change the key {old.key}: the respondent pages rely on it", "key")
    edited = replace(spec, key=key, kind=old.kind, id=old.id)
    after = [_renamed_condition(s, old.key, key) for s in before]
    after[index] = edited
    refuse(new_problems(before, after), own_key=key, blame=_changed_field(old, edited))
    return _save(user, survey, current, after, current.intro, "question_changed", key=key)


BLAME_ORDER = {"options": ("options",), "page": ("page",), "key": ("key",),
               "condition": ("condition_key", "condition_value")}


def _changed_field(old: QuestionSpec, new: QuestionSpec) -> str:
    """The form field to show a knock-on problem on: the first of these that changed."""
    for name, attributes in BLAME_ORDER.items():
        if any(getattr(old, attribute) != getattr(new, attribute) for attribute in attributes):
            return name
    return "prompt"


def _renamed_condition(spec: QuestionSpec, old_key: str, new_key_: str) -> QuestionSpec:
    """A spec whose condition follows a question whose key changed."""
    if old_key != new_key_ and spec.condition_key == old_key:
        return replace(spec, condition_key=new_key_)
    return spec


def move_question(user: User | None, survey: Survey, question_id: int, direction: str) -> EditResult:
    """Swap a question with its neighbour. Page numbers stay with the places, so page sizes stay the same."""
    current = _lock(survey)
    before = current_specs(current)
    index = _index_of(before, question_id)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(before):
        raise EditorError("That question cannot move further " + ("up" if direction == "up" else "down"))
    after = list(before)
    after[index] = replace(before[other], page=before[index].page)
    after[other] = replace(before[index], page=before[other].page)
    problems = new_problems(before, after)
    if problems:
        raise EditorError(_move_message(after, problems[0], direction))
    return _save(user, survey, current, after, current.intro, f"question_moved_{direction}", key=before[index].key)


def _move_message(specs: list[QuestionSpec], problem: Problem, direction: str) -> str:
    """Why a move was refused: it would show a question before the answer it depends on is known."""
    keys = [spec.key for spec in specs]
    dependant = keys.index(problem.key) if problem.key in keys else None
    target_key = specs[dependant].condition_key if dependant is not None else None
    if dependant is None or target_key not in keys:
        return f"You cannot move that question {direction}: {problem.message}"
    return (f"You cannot move that question {direction}. {describe(specs, dependant).capitalize()} is shown "
            f"depending on the answer to {describe(specs, keys.index(target_key))}, so it must stay on a later page.")


def remove_question(user: User | None, survey: Survey, question_id: int) -> EditResult:
    """Remove a question, unless a later question is shown depending on its answer."""
    current = _lock(survey)
    before = current_specs(current)
    index = _index_of(before, question_id)
    removed = before[index]
    dependants = [number for number, spec in enumerate(before, 1) if spec.condition_key == removed.key]
    if dependants:
        names = " and ".join(f"question {number}" for number in dependants)
        raise EditorError(f"You cannot remove this question because {names} is shown depending on its answer. "
                          f"Change {names} first.")
    after = before[:index] + before[index + 1:]
    return _save(user, survey, current, after, current.intro, "question_removed", key=removed.key)


# --- standard questions ------------------------------------------------------------------------

STANDARD_BLOCKS = {
    "equality": "Add the equality monitoring questions",
    "consent": "Add consent questions",
    "supported_by": "Add ‘who helped you answer’ question",
}


def _equality_questions() -> list[QuestionSpec]:
    """Age group, sex, ethnic group and disability: the canonical questions and values (``capture.equality``)."""
    return [QuestionSpec(key=q.key, kind="equality", prompt=q.prompt, easy_read_prompt=q.easy_read_prompt,
                         hint=q.hint, options=[dict(option) for option in q.options]) for q in equality.STANDARD_BLOCK]


def _consent_questions() -> list[QuestionSpec]:
    """May we quote you, and may we contact you: separate, explicit, and never required."""
    return [
        QuestionSpec(key="consent_quote", kind="consent",
                     prompt="Can we quote what you wrote in things we publish?",
                     easy_read_prompt="Can we share your words? We will not say your name.",
                     hint="We will not publish your name. We take out names, places and contact details first.",
                     options=[{"value": "yes", "label": "Yes, you can quote my words without my name"},
                              {"value": "no", "label": "No, do not quote me"}]),
        QuestionSpec(key="consent_contact", kind="consent",
                     prompt="Can we contact you to tell you what we did because of your feedback?",
                     easy_read_prompt="Can we tell you what we did after you helped us?",
                     hint="If you say yes, we will ask how to contact you. We will only use it to tell you what "
                          "happened.",
                     options=[{"value": "yes", "label": "Yes, you can contact me about this"},
                              {"value": "no", "label": "No, do not contact me"}]),
    ]


def _supported_by_question() -> list[QuestionSpec]:
    """Who helped a young person answer, so their words are read in that light."""
    return [
        QuestionSpec(key="supported_by", kind="single_choice", prompt="Did someone help you answer these questions?",
                     easy_read_prompt="Did someone help you?",
                     options=[{"value": "myself", "label": "No, I did it myself"},
                              {"value": "parent_carer", "label": "A parent or carer"},
                              {"value": "teacher", "label": "Someone at school or college"},
                              {"value": "another_adult", "label": "Another adult"}]),
    ]


def add_standard_block(user: User | None, survey: Survey, block: str) -> EditResult:
    """Add a standard set of questions on a new page at the end, skipping any the survey already has."""
    makers = {"equality": _equality_questions, "consent": _consent_questions, "supported_by": _supported_by_question}
    if block not in makers:
        raise EditorError("Choose one of the standard sets of questions")
    if block == "supported_by" and survey.audience != "young_person":
        raise EditorError("Only surveys for young people ask who helped them answer")
    current = _lock(survey)
    before = current_specs(current)
    taken = {spec.key for spec in before}
    page = max((spec.page for spec in before), default=0) + 1
    adding = [replace(spec, page=page) for spec in makers[block]() if spec.key not in taken]
    if not adding:
        raise EditorError("This survey already has these questions")
    after = [*before, *adding]
    refuse(new_problems(before, after))
    return _save(user, survey, current, after, current.intro if current else "", f"block_{block}",
                 keys=[spec.key for spec in adding])
