"""Staff views for surveys: list, create, edit details, add and change questions, preview.

Views check the form, call surveys.services.capture.survey_editor (which owns the versioning rule and flushes),
and redirect after every POST. Nothing here commits: the request's edge does (surveys.transactions).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.models import AUDIENCES, Question, Survey
from surveys.services.capture import survey_editor as editor
from surveys.services.capture.survey_editor import EditorError, QuestionSpec
from surveys.services.capture.symbols import DEFAULT_SCALE, scale_options
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.survey_forms import KIND_HINTS, NewSurveyForm, QuestionForm, QuestionKindForm, SurveyForm

SURVEY_EDIT_ROLES = ("coproduction_lead",)
SURVEY_VIEW_ROLES = ("coproduction_lead", "analyst", "pcf_rep", "viewer")


def can_edit() -> bool:
    """True when the signed-in member of staff may change surveys."""
    return current_user.role == "admin" or current_user.role in SURVEY_EDIT_ROLES


def survey_or_404(survey_id: int) -> Survey:
    """The survey, or a 404 page."""
    survey = editor.find_survey(survey_id)
    if survey is None:
        abort(404)
    return survey


def question_or_404(survey: Survey, question_id: int) -> Question:
    """A question of the survey's current version. An older version's question sends staff back to the survey."""
    question = editor.find_question(survey, question_id)
    if question is None:
        abort(404)
    if not editor.is_current(survey, question):
        flash("This survey has a new version since you opened that page. Find the question again below.")
        abort(redirect(url_for("staff.survey_detail", survey_id=survey.id)))
    return question


def number_of(survey: Survey, question: Question) -> int:
    """A question's number as staff see it: its place in the current version, from 1."""
    return [q.id for q in survey.current_version.questions].index(question.id) + 1


def show_errors(form, error: EditorError, fallback: str) -> None:
    """Put the service's messages on the form fields they belong to."""
    for field_name, message in error.problems:
        name = field_name if field_name and field_name in form else fallback
        form[name].errors = [*form[name].errors, message]


def saved_message(done: str, result: editor.EditResult) -> str:
    """What to say after a change, including when it started a new version."""
    if not result.changed:
        return "There were no changes to save"
    if result.new_version:
        number = result.version.number
        return (f"{done}. People had already started answering version {number - 1}, so the survey is now version "
                f"{number}. Their answers stay with version {number - 1}.")
    return done


def flash_result(done: str, result: editor.EditResult) -> None:
    """Flash the outcome of a change: green when something was saved."""
    flash(saved_message(done, result), "success" if result.changed else "info")


def back_to(survey: Survey):
    """Redirect to the survey page."""
    return redirect(url_for("staff.survey_detail", survey_id=survey.id))


# --- surveys -----------------------------------------------------------------------------------


@bp.route("/surveys")
@roles_required(*SURVEY_VIEW_ROLES)
def surveys():
    """Every survey with its version, responses and switches."""
    return render_template("staff/surveys.html", summaries=editor.survey_summaries(), audiences=AUDIENCES,
                           can_edit=can_edit())


@bp.route("/surveys/new", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_create():
    """Create a survey: its details first, questions next."""
    form = NewSurveyForm(data={"open_link": True})
    if form.validate_on_submit():
        try:
            survey = editor.create_survey(current_user, title=form.title.data, audience=form.audience.data,
                                          intro=form.intro.data, easy_read=form.easy_read.data,
                                          open_link=form.open_link.data)
        except EditorError as error:
            show_errors(form, error, "title")
        else:
            flash("Survey created. Now add its questions.", "success")
            return back_to(survey)
    return render_template("staff/survey_form.html", form=form, survey=None)


@bp.route("/surveys/<int:survey_id>")
@roles_required(*SURVEY_VIEW_ROLES)
def survey_detail(survey_id: int):
    """A survey's details and the questions of its current version, in order, grouped by page."""
    survey = survey_or_404(survey_id)
    version = survey.current_version
    return render_template(
        "staff/survey.html",
        survey=survey,
        version=version,
        pages=pages_of(version.questions if version else []),
        conditions=condition_texts(version.questions if version else []),
        findings=editor.readability_findings(survey),
        easy_read=survey.reads_easy,
        version_responses=editor.version_responses(survey),
        has_responses=editor.has_responses(version),
        kind_names=editor.KIND_NAMES,
        audiences=AUDIENCES,
        blocks=available_blocks(survey),
        can_edit=can_edit(),
    )


def pages_of(questions: list[Question]) -> list[tuple[int, list[tuple[int, Question]]]]:
    """Questions grouped by page, each with its number in the whole survey."""
    pages: dict[int, list[tuple[int, Question]]] = {}
    for number, question in enumerate(questions, 1):
        pages.setdefault(question.page, []).append((number, question))
    return sorted(pages.items())


def condition_texts(questions: list[Question]) -> dict[int, str]:
    """For each question with a condition, when it is shown, in words, by question id."""
    numbered = {question.key: (number, question) for number, question in enumerate(questions, 1)}
    texts = {}
    for question in questions:
        if not question.condition_key:
            continue
        number, target = numbered.get(question.condition_key, (None, None))
        if target is None:
            texts[question.id] = f"Only if the answer to {question.condition_key} is {question.condition_value}"
            continue
        labels = [option["label"] for option in target.options or [] if option.get("value") == question.condition_value]
        answer = labels[0] if labels else question.condition_value
        texts[question.id] = f"Only if the answer to question {number} (“{short(target.prompt)}”) is “{answer}”"
    return texts


def available_blocks(survey: Survey) -> dict[str, str]:
    """The standard sets of questions this survey can still add."""
    version = survey.current_version
    keys = {question.key for question in version.questions} if version else set()
    blocks = {}
    if not {"equality_age_group", "equality_sex", "equality_ethnicity", "equality_disability"} <= keys:
        blocks["equality"] = editor.STANDARD_BLOCKS["equality"]
    if not {"consent_quote", "consent_contact"} <= keys:
        blocks["consent"] = editor.STANDARD_BLOCKS["consent"]
    if survey.audience == "young_person" and "supported_by" not in keys:
        blocks["supported_by"] = editor.STANDARD_BLOCKS["supported_by"]
    return blocks


@bp.route("/surveys/<int:survey_id>/edit", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_edit(survey_id: int):
    """Change a survey's title, audience, introduction and switches."""
    survey = survey_or_404(survey_id)
    version = survey.current_version
    form = SurveyForm(obj=survey, data={"intro": version.intro if version else ""})
    if form.validate_on_submit():
        try:
            result = editor.update_survey(current_user, survey, title=form.title.data, audience=form.audience.data,
                                          intro=form.intro.data, easy_read=form.easy_read.data,
                                          open_link=form.open_link.data, active=form.active.data)
        except EditorError as error:
            show_errors(form, error, "title")
        else:
            flash_result("Survey details saved", result)
            return back_to(survey)
    return render_template("staff/survey_form.html", form=form, survey=survey)


# --- questions ---------------------------------------------------------------------------------


@bp.route("/surveys/<int:survey_id>/questions/new", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_question_kind(survey_id: int):
    """Choose the type of a new question; the next page asks for what that type needs."""
    survey = survey_or_404(survey_id)
    form = QuestionKindForm()
    if form.validate_on_submit():
        return redirect(url_for("staff.survey_question_add", survey_id=survey.id, kind=form.kind.data))
    return render_template("staff/survey_question_kind.html", form=form, survey=survey, kind_hints=KIND_HINTS)


@bp.route("/surveys/<int:survey_id>/questions/new/<kind>", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_question_add(survey_id: int, kind: str):
    """Add a question of one type at the end of the survey."""
    survey = survey_or_404(survey_id)
    if kind not in editor.KIND_NAMES:
        abort(404)
    version = survey.current_version
    earlier = list(version.questions) if version else []
    default_options = editor.format_options(editor.DEFAULT_OPTIONS.get(kind, []))
    defaults = {"page": editor.next_page(survey), "options": default_options}
    form = QuestionForm.for_kind(kind, survey.reads_easy, condition_choices(earlier), data=defaults)
    if form.validate_on_submit():
        try:
            spec = spec_from(form, kind)
            result = editor.add_question(current_user, survey, spec)
        except EditorError as error:
            show_errors(form, error, "prompt")
        else:
            flash_result("Question added", result)
            return back_to(survey)
    return render_template("staff/survey_question_form.html", form=form, survey=survey, kind=kind, question=None,
                           kind_names=editor.KIND_NAMES, has_responses=editor.has_responses(version))


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_question_edit(survey_id: int, question_id: int):
    """Change a question. Its type stays; to change type, add a new question and remove this one."""
    survey = survey_or_404(survey_id)
    question = question_or_404(survey, question_id)
    earlier = [q for q in survey.current_version.questions if q.position < question.position]
    form = QuestionForm.for_kind(question.kind, survey.reads_easy, condition_choices(earlier, question),
                                 data=form_data(question))
    if form.validate_on_submit():
        try:
            spec = spec_from(form, question.kind, editor.QuestionSpec.from_question(question))
            result = editor.update_question(current_user, survey, question.id, spec)
        except EditorError as error:
            show_errors(form, error, "prompt")
        else:
            flash_result("Question saved", result)
            return back_to(survey)
    return render_template("staff/survey_question_form.html", form=form, survey=survey, kind=question.kind,
                           question=question, number=number_of(survey, question), kind_names=editor.KIND_NAMES,
                           has_responses=editor.has_responses(survey.current_version))


def form_data(question: Question) -> dict:
    """A saved question as the form's starting values."""
    condition = f"{question.condition_key}:{question.condition_value}" if question.condition_key else ""
    return {
        "prompt": question.prompt,
        "easy_read_prompt": question.easy_read_prompt,
        "hint": question.hint,
        "options": editor.format_options(question.options),
        "max_length": question.max_length or editor.DEFAULT_TEXT_LENGTH,
        "required": question.required,
        "page": question.page,
        "condition": condition,
        "key": question.key,
        "symbols": question.symbols or DEFAULT_SCALE,
    }


def condition_choices(earlier: list[Question], question: Question | None = None) -> list[tuple[str, str]]:
    """Each answer of an earlier question that could show this one, as "key:value" choices."""
    choices = []
    for number, candidate in enumerate(earlier, 1):
        if candidate.kind not in editor.CONDITION_KINDS:
            continue
        for option in candidate.options or []:
            label = f"Only if question {number} (“{short(candidate.prompt, 40)}”) is answered “{option['label']}”"
            choices.append((f"{candidate.key}:{option['value']}", label))
    if question is not None and question.condition_key:
        saved = f"{question.condition_key}:{question.condition_value}"
        if saved not in {value for value, _ in choices}:  # keep a condition the list cannot offer any more
            choices.append((saved, f"Only if the answer to {question.condition_key} is {question.condition_value}"))
    return choices


def short(text: str, limit: int = 50) -> str:
    """The start of a long text, for lists."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def spec_from(form: QuestionForm, kind: str, saved: QuestionSpec | None = None) -> QuestionSpec:
    """A question spec from the form; fields the form does not show keep their saved values."""
    condition_key, _, condition_value = (form.condition.data or "").partition(":")
    if "symbols" in form:
        options = scale_options(form.symbols.data)
    elif "options" in form:
        options = editor.parse_options(form.options.data, kind)
    else:
        options = saved.options if saved and saved.options else editor.DEFAULT_OPTIONS.get(kind, [])
    return QuestionSpec(
        key=(form.key.data or "").strip(),
        kind=kind,
        prompt=(form.prompt.data or "").strip(),
        easy_read_prompt=text_of(form, "easy_read_prompt", saved),
        hint=(form.hint.data or "").strip(),
        required=bool(form.required.data),
        options=options,
        max_length=form.max_length.data if "max_length" in form else None,
        condition_key=condition_key or None,
        condition_value=condition_value or None,
        page=form.page.data,
        symbols=form.symbols.data if "symbols" in form else None,
        read_aloud=saved.read_aloud if saved else None,
    )


def text_of(form, name: str, saved: QuestionSpec | None) -> str:
    """A text field's value, or the saved value when the form does not show that field."""
    if name in form:
        return (form[name].data or "").strip()
    return getattr(saved, name) if saved else ""


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/move", methods=["POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_question_move(survey_id: int, question_id: int):
    """Move a question up or down one place."""
    survey = survey_or_404(survey_id)
    question = question_or_404(survey, question_id)
    direction = request.form.get("direction", "")
    if direction not in ("up", "down"):
        abort(400)
    try:
        result = editor.move_question(current_user, survey, question.id, direction)
    except EditorError as error:
        flash(error.message, "error")
    else:
        flash_result(f"Question moved {direction}", result)
    return back_to(survey)


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/remove", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_question_remove(survey_id: int, question_id: int):
    """Ask, then remove a question. Answers already given to it are kept with their version."""
    survey = survey_or_404(survey_id)
    question = question_or_404(survey, question_id)
    if request.method == "POST":
        try:
            result = editor.remove_question(current_user, survey, question.id)
        except EditorError as error:
            flash(error.message, "error")
        else:
            flash_result("Question removed", result)
        return back_to(survey)
    answered = editor.has_responses(survey.current_version)
    return render_template("staff/survey_question_remove.html", survey=survey, question=question,
                           number=number_of(survey, question), has_responses=answered)


@bp.route("/surveys/<int:survey_id>/standard/<block>", methods=["POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_add_block(survey_id: int, block: str):
    """Add a standard set of questions: equality monitoring, consent, or who helped a young person."""
    survey = survey_or_404(survey_id)
    if block not in editor.STANDARD_BLOCKS:
        abort(404)
    try:
        result = editor.add_standard_block(current_user, survey, block)
    except EditorError as error:
        flash(error.message, "error")
    else:
        done = {"equality": "Equality monitoring questions added", "consent": "Consent questions added",
                "supported_by": "‘Who helped you answer’ question added"}[block]
        flash_result(done, result)
    return back_to(survey)


@bp.route("/surveys/<int:survey_id>/preview")
@roles_required(*SURVEY_VIEW_ROLES)
def survey_preview(survey_id: int):
    """The current version's questions as respondents see them, page by page, without a way to send."""
    from surveys.respond.forms import build_page_form  # the respondent pages' own fields, so the preview is true

    survey = survey_or_404(survey_id)
    version = survey.current_version
    easy_read = survey.reads_easy
    numbers = {question.key: number for number, question in enumerate(version.questions if version else [], 1)}
    pages = []
    for page, numbered in pages_of(version.questions if version else []):
        questions = [question for _, question in numbered]
        pages.append((page, questions, build_page_form(questions, easy_read)(meta={"csrf": False})))
    return render_template("staff/survey_preview.html", survey=survey, version=version, pages=pages,
                           easy_read=easy_read, numbers=numbers, questions_by_key=_by_key(version))


def _by_key(version) -> dict[str, Question]:
    """The version's questions by key, for describing conditions."""
    return {question.key: question for question in version.questions} if version else {}
