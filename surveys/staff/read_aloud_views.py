"""Staff views for read-aloud recordings: attach a recording of an easy-read question, listen, remove it."""

from flask import abort, redirect, render_template, send_file, url_for
from flask_login import current_user

from surveys.models import Question, Survey
from surveys.services.capture import audio, read_aloud
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.survey_forms import ReadAloudForm, RemoveReadAloudForm
from surveys.staff.survey_views import (
    SURVEY_EDIT_ROLES,
    SURVEY_VIEW_ROLES,
    flash_result,
    number_of,
    question_or_404,
    survey_or_404,
)


def easy_read_question(survey_id: int, question_id: int) -> tuple[Survey, Question]:
    """The survey and a question of its current version; 404 unless the survey is read in easy read."""
    survey = survey_or_404(survey_id)
    question = question_or_404(survey, question_id)
    if not survey.reads_easy:
        abort(404)
    return survey, question


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/read-aloud", methods=["GET", "POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_read_aloud(survey_id: int, question_id: int):
    """Attach (or replace) the recording young people hear instead of the browser's voice."""
    survey, question = easy_read_question(survey_id, question_id)
    form = ReadAloudForm()
    if form.validate_on_submit():
        try:
            result = read_aloud.attach(current_user, survey, question.id, form.recording.data)
        except audio.AudioRejected as rejected:
            form.recording.errors = [str(rejected)]
        else:
            flash_result("Recording saved", result)
            return redirect(url_for("staff.survey_detail", survey_id=survey.id))
    return render_template("staff/survey_read_aloud.html", survey=survey, question=question, form=form,
                           remove_form=RemoveReadAloudForm(), number=number_of(survey, question))


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/read-aloud/remove", methods=["POST"])
@roles_required(*SURVEY_EDIT_ROLES)
def survey_read_aloud_remove(survey_id: int, question_id: int):
    """Take the recording off; the page offers the Listen button again."""
    survey, question = easy_read_question(survey_id, question_id)
    if RemoveReadAloudForm().validate_on_submit():
        flash_result("Recording removed", read_aloud.remove(current_user, survey, question.id))
    return redirect(url_for("staff.survey_detail", survey_id=survey.id))


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/read-aloud/file")
@roles_required(*SURVEY_VIEW_ROLES)
def survey_read_aloud_file(survey_id: int, question_id: int):
    """The recording, for staff to check."""
    _, question = easy_read_question(survey_id, question_id)
    path = read_aloud.path_of(question)
    if path is None:
        abort(404)
    return send_file(path, mimetype=audio.content_type_of(question.read_aloud), conditional=True, max_age=0)
