"""Saving changes: the row locks, the versioning rule, and the changes staff make to a survey and its questions.

Every change locks the survey and its current version first (``lock_current``), works out the version's
questions after the change as specs, refuses new problems, then saves them in place or as a new version
(``save_specs``). Nothing here commits: whoever called it does, so the locks are held until then.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from surveys.models import Question, Survey, SurveyVersion, User, db
from surveys.services.capture.survey_editor.checks import check_details, describe, new_problems, refuse
from surveys.services.capture.survey_editor.queries import has_responses
from surveys.services.capture.survey_editor.specs import (
    RESERVED_KEYS,
    EditorError,
    EditResult,
    Problem,
    QuestionSpec,
    new_key,
    slugify,
)
from surveys.services.platform.audit import record
from surveys.services.platform.errors import Conflict

# --- saving ------------------------------------------------------------------------------------


def lock_current(survey: Survey) -> SurveyVersion | None:
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


@contextmanager
def _clash_is_conflict() -> Iterator[None]:
    """Flush at the end, turning a clash with someone else's change into ``Conflict``.

    Not an EditorError: the failed flush leaves the transaction unusable, so the edge must roll it back (a 409)
    rather than show the form again and commit.
    """
    try:
        yield
        db.session.flush()
    except IntegrityError as error:
        raise Conflict("Someone else changed this survey at the same time. Check it and try again.") from error


def save_specs(user: User | None, survey: Survey, current: SurveyVersion | None, specs: list[QuestionSpec],
               intro: str, change: str, **detail) -> EditResult:
    """Apply new specs and intro: in place, or as a new version when the current one has responses."""
    if current is not None and specs == current_specs(current) and intro == current.intro:
        return EditResult(current, changed=False, new_version=False)
    with _clash_is_conflict():
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
    with _clash_is_conflict():
        db.session.add(survey)
        db.session.flush()
        record(user, "survey.create", survey, title=title, audience=audience)
    return survey


def update_survey(user: User | None, survey: Survey, *, title: str, audience: str, intro: str, easy_read: bool,
                  open_link: bool, active: bool) -> EditResult:
    """Change a survey's details. Only a changed intro can need a new version; the rest is not versioned."""
    title, intro = title.strip(), (intro or "").strip()
    check_details(title, audience, intro)
    current = lock_current(survey)
    if active and not survey.active and not (current and current.questions):
        raise EditorError("Add at least one question before you make the survey active", "active")
    details = {"title": title, "audience": audience, "easy_read": easy_read, "open_link": open_link, "active": active}
    changed = sorted(name for name, value in details.items() if getattr(survey, name) != value)
    for name in changed:
        setattr(survey, name, details[name])
    specs = current_specs(current)
    if current is not None and intro != current.intro:
        return save_specs(user, survey, current, specs, intro, "details", fields=[*changed, "intro"])
    if not changed:
        return EditResult(current, changed=False, new_version=False)
    with _clash_is_conflict():
        record(user, "survey.edit", survey, change="details", fields=changed)
    return EditResult(current, changed=True, new_version=False)


def next_page(survey: Survey) -> int:
    """The page after the last one: new questions get a page of their own, as GOV.UK pages do."""
    current = survey.current_version
    return max((question.page for question in current.questions), default=0) + 1 if current else 1


def add_question(user: User | None, survey: Survey, spec: QuestionSpec) -> EditResult:
    """Add a question at the end, making its key from its wording when none is given."""
    current = lock_current(survey)
    before = current_specs(current)
    key = spec.key.strip() if spec.key else new_key(spec.prompt, (s.key for s in before))
    spec = replace(spec, key=key, id=None)
    after = [*before, spec]
    refuse(new_problems(before, after), own_key=key)
    return save_specs(user, survey, current, after, current.intro if current else "", "question_added", key=key)


def _index_of(specs: list[QuestionSpec], question_id: int) -> int:
    """Where the question with this id is in the current version; EditorError when it is not there."""
    for index, spec in enumerate(specs):
        if spec.id == question_id:
            return index
    raise EditorError("This survey has changed since you opened that page. Find the question again and try again.")


def update_question(user: User | None, survey: Survey, question_id: int, spec: QuestionSpec) -> EditResult:
    """Change a question of the current version. Its type stays; a blank key keeps the old key."""
    current = lock_current(survey)
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
    return save_specs(user, survey, current, after, current.intro, "question_changed", key=key)


BLAME_ORDER = {"options": ("options",), "symbols": ("symbols",), "page": ("page",), "key": ("key",),
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
    current = lock_current(survey)
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
    return save_specs(user, survey, current, after, current.intro, f"question_moved_{direction}",
                      key=before[index].key)


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
    current = lock_current(survey)
    before = current_specs(current)
    index = _index_of(before, question_id)
    removed = before[index]
    dependants = [number for number, spec in enumerate(before, 1) if spec.condition_key == removed.key]
    if dependants:
        names = " and ".join(f"question {number}" for number in dependants)
        raise EditorError(f"You cannot remove this question because {names} is shown depending on its answer. "
                          f"Change {names} first.")
    after = before[:index] + before[index + 1:]
    return save_specs(user, survey, current, after, current.intro, "question_removed", key=removed.key)


def set_read_aloud(user: User | None, survey: Survey, question_id: int, storage_name: str | None) -> EditResult:
    """Attach a read-aloud recording (its stored file name) to a question, or take it off with None."""
    current = lock_current(survey)
    specs = current_specs(current)
    index = _index_of(specs, question_id)
    specs[index] = replace(specs[index], read_aloud=storage_name)
    return save_specs(user, survey, current, specs, current.intro, "read_aloud", key=specs[index].key,
                      attached=storage_name is not None)
