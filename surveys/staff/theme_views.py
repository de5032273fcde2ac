"""Staff views for themes: the co-production lead and the parent carer forum review what families told us.

Co-production leads, forum representatives, analysts and viewers may look; co-production leads and forum
representatives (admins always) decide: rename, mark reviewed, reject, merge, split, move a comment. Partner
leads do not see themes, which cross partners. Only redacted text is shown, and comments flagged as a
possible safeguarding concern are never listed or quoted here. Views read through ``theme_queries``, validate,
call ``theme_decisions`` (which records the decision) and redirect; the request's edge commits.
"""

from math import ceil

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.models import Theme
from surveys.models.sessions import FORUM_VIEWS
from surveys.models.themes import THEME_STATUSES
from surveys.services.act import forum_session
from surveys.services.act.actions import may_create as may_propose_action
from surveys.services.understand import theme_decisions, theme_runs
from surveys.services.understand.theme_assignment import REVIEW_BELOW, review_queue
from surveys.services.understand.theme_decisions import DecisionError
from surveys.services.understand.theme_queries import (
    OPEN_STATUSES,
    count_members,
    find_theme,
    get_theme,
    member_page,
    open_themes,
    placements,
    queue_comment,
    staff_quotes,
    theme_member,
    theme_sizes,
    themes_by_id,
)
from surveys.staff import bp
from surveys.staff.access import may_use, roles_required
from surveys.staff.theme_forms import (
    THEME_STATUS_NAMES,
    MergeForm,
    MoveForm,
    RejectForm,
    RenameForm,
    ReviewForm,
    SplitForm,
)
from surveys.staff.theme_setup_forms import RerunForm

DECIDE_ROLES = ("coproduction_lead", "pcf_rep")
VIEW_ROLES = (*DECIDE_ROLES, "analyst", "viewer")
QUEUE_PER_PAGE = 25


def may_decide() -> bool:
    """Whether the signed-in person may change themes."""
    return current_user.role == "admin" or current_user.role in DECIDE_ROLES


# --- Page parts -------------------------------------------------------------------------------------------


def pagination(page: int, pages: int, link) -> dict | None:
    """Parameters for GOV.UK pagination, or None for a single page."""
    if pages <= 1:
        return None
    numbers = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items, previous = [], 0
    for number in numbers:
        if number > previous + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": link(number), "current": number == page})
        previous = number
    return {"previous": {"href": link(page - 1)} if page > 1 else None,
            "next": {"href": link(page + 1)} if page < pages else None, "items": items}


# --- The list ----------------------------------------------------------------------------------------------


def themes_page(rerun_form=None):
    """The list of themes, with the re-run form for co-production leads (as given, so its errors show)."""
    show_all = request.args.get("show") == "all"
    rows = theme_sizes(THEME_STATUSES if show_all else OPEN_STATUSES)
    merged_into = themes_by_id(theme.merged_into_id for theme, _ in rows)
    may_rerun = may_use(current_user.role, ("coproduction_lead",))
    if may_rerun and rerun_form is None:
        now = sum(1 for theme, size in rows if size and theme.status in OPEN_STATUSES)
        rerun_form = RerunForm(formdata=None, data={"theme_count": now or None})
    return render_template("staff/themes.html", rows=rows, show_all=show_all, merged_into=merged_into,
                           queue_size=len(review_queue()), status_names=THEME_STATUS_NAMES,
                           rerun_form=rerun_form if may_rerun else None, form=rerun_form,
                           rerun=theme_runs.current(), last_rerun=theme_runs.latest_finished())


@bp.route("/themes")
@roles_required(*VIEW_ROLES)
def themes():
    """Every proposed and reviewed theme, the largest first; rejected and merged ones when asked."""
    return themes_page()


# --- One theme -------------------------------------------------------------------------------------------------


def theme_page(theme: Theme, failed=None, **forms):
    """The theme's page; ``failed`` is the form (one of ``forms``) whose errors to sum up at the top."""
    listing = member_page(theme, request.args.get("page", 1, type=int))
    if may_decide() and theme.status in OPEN_STATUSES:
        forms.setdefault("rename_form", RenameForm(formdata=None, data={"theme_name": theme.label}))
        forms.setdefault("review_form", ReviewForm(formdata=None))
        forms.setdefault("merge_form", MergeForm(formdata=None, themes=open_themes(exclude=theme)))
        forms.setdefault("split_form", SplitForm(formdata=None, comments=[m.comment for m in listing.members]))
    return render_template(
        "staff/theme.html", theme=theme, listing=listing, quotes=staff_quotes(theme), form=failed,
        flagged=count_members(theme, flagged=True), status_names=THEME_STATUS_NAMES, review_below=REVIEW_BELOW,
        merged_into=find_theme(theme.merged_into_id),
        may_decide=may_decide(), is_open=theme.status in OPEN_STATUSES,
        may_propose_action=may_propose_action(current_user),
        forum_views=forum_session.forum_views(theme), forum_view_names=FORUM_VIEWS,
        pagination=pagination(listing.page, listing.pages,
                              lambda n: url_for("staff.theme_detail", theme_id=theme.id, page=n)),
        **forms,
    )


@bp.route("/themes/<int:theme_id>")
@roles_required(*VIEW_ROLES)
def theme_detail(theme_id: int):
    """A theme: what it is, what families said, and its comments a page at a time."""
    return theme_page(get_theme(theme_id))


def closed_theme(theme: Theme):
    """A rejected or merged theme cannot change (for example from a page left open): say so, back to it."""
    if theme.status in OPEN_STATUSES:
        return None
    why = "was merged into another theme" if theme.status == "merged" else "was rejected"
    flash(f"This theme {why}, so it can no longer be changed", "error")
    return redirect(url_for("staff.theme_detail", theme_id=theme.id))


def back_to(theme: Theme, message: str):
    flash(message, "success")
    return redirect(url_for("staff.theme_detail", theme_id=theme.id))


@bp.route("/themes/<int:theme_id>/rename", methods=["POST"])
@roles_required(*DECIDE_ROLES)
def theme_rename(theme_id: int):
    """Give the theme the name people will read; a re-run never replaces it once reviewed."""
    theme = get_theme(theme_id)
    if (closed := closed_theme(theme)) is not None:
        return closed
    form = RenameForm()
    if form.validate_on_submit():
        try:
            theme_decisions.rename(theme, form.theme_name.data or "", current_user)
        except DecisionError as error:
            form.theme_name.errors.append(str(error))
        else:
            return back_to(theme, f"Theme renamed to ‘{theme.label}’")
    return theme_page(theme, form, rename_form=form)


@bp.route("/themes/<int:theme_id>/mark-reviewed", methods=["POST"])
@roles_required(*DECIDE_ROLES)
def theme_mark_reviewed(theme_id: int):
    """The forum and the lead have looked at the theme: it keeps its name and may be published."""
    theme = get_theme(theme_id)
    if (closed := closed_theme(theme)) is not None:
        return closed
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            theme_decisions.mark_reviewed(theme, current_user)
        except DecisionError as error:
            form.review_button.errors.append(str(error))
        else:
            return back_to(theme, f"‘{theme.label}’ marked as reviewed")
    return theme_page(theme, form, review_form=form)


@bp.route("/themes/<int:theme_id>/reject", methods=["GET", "POST"])
@roles_required(*DECIDE_ROLES)
def theme_reject(theme_id: int):
    """Ask first, then reject: the theme's comments go back to the review queue and it is never proposed again."""
    theme = get_theme(theme_id)
    if (closed := closed_theme(theme)) is not None:
        return closed
    form = RejectForm()
    if form.validate_on_submit():
        try:
            theme_decisions.reject(theme, current_user)
        except DecisionError as error:
            form.reject_button.errors.append(str(error))
        else:
            flash(f"‘{theme.label}’ rejected. Its comments are in the review queue.", "success")
            return redirect(url_for("staff.themes"))
    return render_template("staff/theme_reject.html", theme=theme, form=form, size=count_members(theme),
                           flagged=count_members(theme, flagged=True))


@bp.route("/themes/<int:theme_id>/merge", methods=["POST"])
@roles_required(*DECIDE_ROLES)
def theme_merge(theme_id: int):
    """Fold the theme into another; its comments move too, and the page to see is the other theme's."""
    theme = get_theme(theme_id)
    if (closed := closed_theme(theme)) is not None:
        return closed
    form = MergeForm(themes=open_themes(exclude=theme))
    if form.validate_on_submit():
        into = find_theme(form.into.theme_id())
        try:
            theme_decisions.merge(theme, into, current_user)
        except DecisionError as error:
            form.into.errors.append(str(error))
        else:
            return back_to(into, f"‘{theme.label}’ merged into ‘{into.label}’")
    return theme_page(theme, form, merge_form=form)


@bp.route("/themes/<int:theme_id>/split", methods=["POST"])
@roles_required(*DECIDE_ROLES)
def theme_split(theme_id: int):
    """Make a new, reviewed theme from the comments chosen on this page."""
    theme = get_theme(theme_id)
    if (closed := closed_theme(theme)) is not None:
        return closed
    listing = member_page(theme, request.args.get("page", 1, type=int))
    form = SplitForm(comments=[m.comment for m in listing.members])
    if form.validate_on_submit():
        try:
            new = theme_decisions.split(theme, form.comment_ids.comment_ids(), form.new_theme_name.data, current_user)
        except DecisionError as error:
            form.comment_ids.errors.append(str(error))
        else:
            moved = count_members(new) + count_members(new, flagged=True)
            comments = "comment" if moved == 1 else "comments"
            return back_to(theme, f"New theme ‘{new.label}’ made from {moved} {comments}")
    return theme_page(theme, form, split_form=form)


@bp.route("/themes/<int:theme_id>/comments/<int:comment_id>/move", methods=["GET", "POST"])
@roles_required(*DECIDE_ROLES)
def theme_move_comment(theme_id: int, comment_id: int):
    """Put one of the theme's comments in another theme; the model will not move it back."""
    theme = get_theme(theme_id)
    comment = theme_member(theme, comment_id)
    form = MoveForm(themes=open_themes(exclude=theme))
    if form.validate_on_submit():
        to = find_theme(form.theme.theme_id())
        try:
            theme_decisions.move_comment(comment, to, current_user)
        except DecisionError as error:
            form.theme.errors.append(str(error))
        else:
            return back_to(theme, f"Comment moved to ‘{to.label}’")
    return render_template("staff/theme_move.html", theme=theme, comment=comment, form=form)


# --- The review queue ----------------------------------------------------------------------------------------


def queue_page(failed: MoveForm | None = None, failed_id: int | None = None):
    """The review queue, a page at a time, with a move form for each comment when the person may decide."""
    waiting = review_queue()
    pages = max(1, ceil(len(waiting) / QUEUE_PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    shown = waiting[(page - 1) * QUEUE_PER_PAGE:page * QUEUE_PER_PAGE]
    where = placements(shown)
    forms = {}
    if may_decide():
        choices = open_themes()
        for comment in shown:
            now = where.get(comment.id)
            forms[comment.id] = failed if comment.id == failed_id else MoveForm(
                formdata=None, prefix=f"comment-{comment.id}", themes=choices,
                data={"theme": str(now[0].id) if now and now[0].status in OPEN_STATUSES else ""},
            )
    return render_template(
        "staff/theme_review_queue.html", comments=shown, total=len(waiting), first=(page - 1) * QUEUE_PER_PAGE + 1,
        page=page, where=where, forms=forms, form=failed, status_names=THEME_STATUS_NAMES,
        pagination=pagination(page, pages, lambda n: url_for("staff.theme_review_queue", page=n)),
    )


@bp.route("/themes/review")
@roles_required(*VIEW_ROLES)
def theme_review_queue():
    """Comments no theme explains well: not in any theme, or placed by the model with low confidence."""
    return queue_page()


@bp.route("/themes/review/<int:comment_id>/move", methods=["POST"])
@roles_required(*DECIDE_ROLES)
def theme_queue_move(comment_id: int):
    """Put a comment from the review queue in a theme, then back to the same page of the queue."""
    comment = queue_comment(comment_id)
    form = MoveForm(prefix=f"comment-{comment.id}", themes=open_themes())
    if form.validate_on_submit():
        to = find_theme(form.theme.theme_id())
        try:
            theme_decisions.move_comment(comment, to, current_user)
        except DecisionError as error:
            form.theme.errors.append(str(error))
        else:
            flash(f"Comment moved to ‘{to.label}’", "success")
            return redirect(url_for("staff.theme_review_queue", page=request.args.get("page", 1, type=int)))
    return queue_page(form, comment.id)
