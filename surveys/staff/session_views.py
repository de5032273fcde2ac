"""Co-production session mode: a plain screen for a meeting with the parent carer forum, one theme at a time.

Co-production leads and forum representatives (admins always) run the session and record the forum's view.
Next and previous are ordinary links, so the screen works by keyboard and without JavaScript.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.models import FORUM_VIEWS
from surveys.services.act import forum_session
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.session_forms import ForumViewForm

SESSION_ROLES = ("coproduction_lead", "pcf_rep")


@bp.route("/session")
@roles_required(*SESSION_ROLES)
def session():
    """The session: the theme asked for (``?theme=<id>``), or the first reviewed theme."""
    themes = forum_session.session_themes()
    theme_id = request.args.get("theme", type=int)
    if theme_id is None and not themes:
        return render_template("staff/session_empty.html")
    position = forum_session.position_of(themes, theme_id) if theme_id is not None else 1
    return _slide_page(themes, position, ForumViewForm(formdata=None))


@bp.route("/session/<int:position>", methods=["GET", "POST"])
@roles_required(*SESSION_ROLES)
def session_theme(position: int):
    """One theme of the session; a POST records the forum's view of it."""
    themes = forum_session.session_themes()
    page = forum_session.slide(themes, position)
    form = ForumViewForm()
    if form.validate_on_submit():
        forum_session.record_view(current_user, page.theme, form.view.data, form.meeting_on.data, form.note.data)
        flash(f"The forum’s view of ‘{page.theme.label}’ is recorded", "success")
        return redirect(url_for("staff.session_theme", position=position, _anchor="forum-views"))
    return _slide_page(themes, position, form, page)


def _slide_page(themes, position: int, form: ForumViewForm, page=None):
    page = page or forum_session.slide(themes, position)
    return render_template("staff/session.html", slide=page, form=form, view_names=FORUM_VIEWS)
