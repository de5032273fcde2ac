"""Save and come back later, for open-link surveys: get a code (and perhaps a link by email or text), and use it.

A code is exchanged for a session like an invitation token (``respondents``): the browser then carries on at
URLs without it. Invitation links keep working as they always have, and their pages do not offer codes.
"""

from flask import abort, redirect, render_template, request, url_for

from surveys.extensions import limiter
from surveys.respond import bp, easy_words
from surveys.respond.forms import GetCodeForm, ResumeCodeForm, SendCodeForm
from surveys.respond.survey_views import current_respondent, remember
from surveys.services.capture import resume_codes, resume_link


def _saving_respondent():
    """The respondent, when their answers can be kept with a code; 404 otherwise."""
    respondent = current_respondent()
    if not resume_codes.can_save(respondent.response):
        abort(404)
    return respondent


@bp.route("/survey/save", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def save_for_later():
    """Answers so far are saved; a code lets the person finish here or on another device."""
    respondent = _saving_respondent()
    form = GetCodeForm()
    if form.validate_on_submit():
        issued = resume_codes.issue(respondent.response)
        return render_template("respond/resume_code.html", respondent=respondent, issued=issued,
                               send_form=SendCodeForm(code=issued.code))
    return render_template("respond/save_for_later.html", respondent=respondent, form=form,
                           valid_days=resume_codes.VALID_DAYS)


@bp.route("/survey/save/send", methods=["POST"])
@limiter.limit("5 per minute")
def send_code():
    """Send the code just made by email or text message, if the person wants it."""
    respondent = _saving_respondent()
    form = SendCodeForm()
    code = resume_codes.live_code_for(respondent.response, form.code.data)
    if code is None:
        return redirect(url_for("respond.save_for_later"))
    shown = resume_codes.display(resume_codes.normalise(form.code.data))
    if not form.validate_on_submit():
        if respondent.easy_read:
            easy_words.simplify(form)
        return render_template("respond/resume_code.html", respondent=respondent,
                               issued=resume_codes.IssuedCode(shown, code.expires_at), send_form=form), 400
    sent = [resume_link.send(channel, recipient, shown, respondent.survey.title, code.expires_at)
            for channel, recipient in (("email", form.email.data), ("sms", form.phone.data)) if recipient]
    return render_template("respond/resume_sent.html", respondent=respondent, sent=all(sent))


@bp.route("/resume", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per day", methods=["POST"])
def resume():
    """Type a code to carry on with a survey. A link fills the code in; only pressing on spends it."""
    form = ResumeCodeForm(code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            remember(resume_codes.exchange(form.code.data))
        except resume_codes.CodeProblem as problem:
            form.code.errors = [CODE_MESSAGES["expired" if problem.expired else "unknown"]]
        else:
            return redirect(url_for("respond.survey_start"))
    status = 400 if form.errors else 200
    return render_template("respond/resume.html", form=form), status


CODE_MESSAGES = {
    "unknown": "We cannot find that code. Check you typed it right. A code works only once.",
    "expired": f"That code is too old. Codes work for {resume_codes.VALID_DAYS} days. You can start again.",
}
