"""Staff views for actions ("we did"): the list, an action's page, and the forms that change one.

Who may do what is decided in ``surveys.services.act.actions``: each route names the roles that may use it, and a
partner lead asking for another partner's action gets 404 (scoping) before any check of what they may change.
Views read the form, call a service (which checks the rules again and keeps the history) and redirect.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.models import ACTION_STATUSES, IMPACT_KINDS
from surveys.services.act import actions as action_service
from surveys.services.act import history, milestones, options, updates
from surveys.services.act.actions import EDIT_ROLES, NOTE_ROLES, READ_ROLES
from surveys.services.platform import calendar
from surveys.services.platform.accounts import PARTNER_SCOPED_ROLES
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.action_forms import (
    ActionFilterForm,
    ActionForm,
    DoneForm,
    ForumNoteForm,
    MilestoneForm,
    UpdateForm,
    as_id,
)


def _back(action, message: str):
    flash(message, "success")
    return redirect(url_for("staff.action_detail", action_id=action.id))


def _editable(action_id: int):
    """The action, if the person may see it (else 404) and change it (else 403)."""
    action = action_service.get_action(current_user, action_id)
    if not action_service.may_edit(current_user, action):
        abort(403)
    return action


@bp.route("/actions")
@roles_required(*READ_ROLES)
def actions():
    """The actions this person may see with their RAG status, filtered by partner, status, theme and RAG."""
    partners = None if current_user.role in PARTNER_SCOPED_ROLES else options.partner_options()
    form = ActionFilterForm(request.args, partners=partners, themes=options.theme_options())
    filters = action_service.ActionFilters(
        partner_id=form.chosen_id("partner"), status=form.chosen_status(), theme_id=form.chosen_id("theme"),
        rag=form.chosen_rag())
    return render_template(
        "staff/actions.html", filter_form=form,
        actions=action_service.actions_with_rag(current_user, filters, calendar.today()),
        status_names=ACTION_STATUSES, may_create=action_service.may_create(current_user),
    )


def _form_options(action=None) -> dict:
    keep = {theme.id for theme in action.themes} if action else set()
    return {"partners": options.partner_options(), "leads": options.lead_options(action.lead_id if action else None),
            "themes": options.theme_options(keep), "questions": options.question_options()}


def _owner_id():
    return current_user.partner_id if current_user.role in PARTNER_SCOPED_ROLES else None


def _form_page(form: ActionForm, action=None):
    return render_template("staff/action_form.html", form=form, action=action,
                           owner=current_user.partner if _owner_id() is not None else None)


@bp.route("/actions/new", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def action_new():
    """Start an action; ``?theme=<id>`` (from a theme's page) ticks that theme to begin with."""
    if not action_service.may_create(current_user):
        abort(403)
    theme_id = as_id(request.args.get("theme"))
    start = {"status": "planned", "impact_kind": "", "impact_window_days": "180",
             "themes": [str(theme_id)] if theme_id else []}
    form = ActionForm(data=start, options=_form_options(), owner_id=_owner_id())
    if form.validate_on_submit():
        action = action_service.create_action(current_user, form.action_data())
        return _back(action, f"Action ‘{action.title}’ saved")
    return _form_page(form)


@bp.route("/actions/<int:action_id>")
@roles_required(*READ_ROLES)
def action_detail(action_id: int):
    """An action: its fields, themes, milestones, updates, forum notes and full history of changes."""
    action = action_service.get_action(current_user, action_id)
    return render_template(
        "staff/action.html", action=action, status_names=ACTION_STATUSES, impact_names=IMPACT_KINDS,
        impact_question=history.impact_question_text(action), impact_theme=history.impact_theme_text(action),
        changes=history.history(action), user_name=history.user_name,
        may_edit=action_service.may_edit(current_user, action),
        may_note=action_service.may_add_forum_note(current_user),
        updates=[u for u in reversed(action.updates) if u.kind == "update"],
        notes=[u for u in reversed(action.updates) if u.kind == "forum_note"],
    )


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def action_edit(action_id: int):
    """Change an action's fields; the history keeps each old and new value."""
    action = _editable(action_id)
    current = action_service.data_of(action)
    form = ActionForm(data=ActionForm.starting_from(current), options=_form_options(action), owner_id=_owner_id(),
                      kept_theme_ids=set(current.theme_ids))
    if form.validate_on_submit():
        changed = action_service.update_action(current_user, action, form.action_data())
        return _back(action, "Action saved" if changed else "Nothing was changed")
    return _form_page(form, action)


def _step_page(action, form, heading: str, fields: list[str], intro: str = ""):
    return render_template("staff/action_step.html", action=action, form=form, heading=heading, fields=fields,
                           intro=intro)


@bp.route("/actions/<int:action_id>/update", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def action_update(action_id: int):
    """Post an update on progress, changing the status if need be."""
    action = _editable(action_id)
    form = UpdateForm(action=action)
    if form.validate_on_submit():
        updates.add_update(current_user, action, form.body.data, form.status.data, form.status_reason.data or "")
        return _back(action, "Update posted")
    return _step_page(action, form, "Post an update", ["body", "status", "status_reason"])


@bp.route("/actions/<int:action_id>/forum-note", methods=["GET", "POST"])
@roles_required(*NOTE_ROLES)
def action_forum_note(action_id: int):
    """The parent carer forum's note on any action."""
    action = action_service.get_action(current_user, action_id)
    form = ForumNoteForm()
    if form.validate_on_submit():
        updates.add_forum_note(current_user, action, form.body.data)
        return _back(action, "Forum note added")
    return _step_page(action, form, "Add a note from the parent carer forum", ["body"],
                      "Everyone who can see this action will see the note, with your name and the date.")


@bp.route("/actions/<int:action_id>/milestones/new", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def action_milestone_new(action_id: int):
    """Add a milestone with its due date."""
    action = _editable(action_id)
    form = MilestoneForm()
    if form.validate_on_submit():
        milestones.add_milestone(current_user, action, form.title.data, form.due_on.data)
        return _back(action, "Milestone added")
    return _step_page(action, form, "Add a milestone", ["title", "due_on"])


@bp.route("/actions/<int:action_id>/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def action_milestone_edit(action_id: int, milestone_id: int):
    """Rename a milestone or move its due date."""
    action = _editable(action_id)
    milestone = milestones.get_milestone(current_user, action.id, milestone_id)
    form = MilestoneForm(data={"title": milestone.title, "due_on": milestone.due_on})
    if form.validate_on_submit():
        milestones.edit_milestone(current_user, milestone, form.title.data, form.due_on.data)
        return _back(action, "Milestone saved")
    return _step_page(action, form, "Change a milestone", ["title", "due_on"])


@bp.route("/actions/<int:action_id>/milestones/<int:milestone_id>/done", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def action_milestone_done(action_id: int, milestone_id: int):
    """Record the day a milestone was done."""
    action = _editable(action_id)
    milestone = milestones.get_milestone(current_user, action.id, milestone_id)
    form = DoneForm(data={"done_on": milestone.done_on}, today=calendar.today())
    if form.validate_on_submit():
        milestones.mark_done(current_user, milestone, form.done_on.data)
        return _back(action, f"Milestone ‘{milestone.title}’ marked as done")
    return _step_page(action, form, f"Mark ‘{milestone.title}’ as done", ["done_on"])
