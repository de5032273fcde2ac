"""Re-runs of the theme engine that staff ask for: a number of themes, and whether to start from the codebook.

Asking adds a waiting request; the scheduler's ``run_requested_themes`` job claims it with one conditional
UPDATE (so two schedulers run it once) and re-runs the engine with ``regroup``: reviewed themes keep their
comments, and the rest are clustered again into the number of themes asked for. A request whose run fails is
marked failed (``mark_failed``, by the job) rather than tried every minute for ever, which would also stop
anyone asking again; the themes page says so.
"""

from sqlalchemy import select, update

from surveys.models import ThemeRunRequest, User, db, utcnow
from surveys.services.platform.audit import record
from surveys.services.platform.errors import Conflict, Invalid

MIN_THEMES, MAX_THEMES = 2, 40
WAITING = ("waiting", "running")


def current() -> ThemeRunRequest | None:
    """The request waiting or running now, if any."""
    return db.session.scalar(select(ThemeRunRequest).where(ThemeRunRequest.status.in_(WAITING))
                             .order_by(ThemeRunRequest.id).limit(1))


def latest_finished() -> ThemeRunRequest | None:
    """The most recent request that has finished."""
    return db.session.scalar(select(ThemeRunRequest).where(ThemeRunRequest.status.in_(("done", "failed")))
                             .order_by(ThemeRunRequest.id.desc()).limit(1))


def ask(k: int, use_codebook: bool, user: User) -> ThemeRunRequest:
    """Ask for a re-run with k themes; one at a time."""
    if not MIN_THEMES <= k <= MAX_THEMES:
        raise Invalid(f"Number of themes must be between {MIN_THEMES} and {MAX_THEMES}")
    if current() is not None:
        raise Conflict("A re-run is already waiting. Ask again when it has finished")
    request = ThemeRunRequest(k=k, use_codebook=use_codebook, requested_by_id=user.id)
    db.session.add(request)
    db.session.flush()
    record(user, "themes.rerun_asked", request, k=k, use_codebook=use_codebook)
    return request


def claim_next() -> ThemeRunRequest | None:
    """The oldest waiting request, now marked running, or None (also when another scheduler took it)."""
    waiting = db.session.scalar(select(ThemeRunRequest.id).where(ThemeRunRequest.status == "waiting")
                                .order_by(ThemeRunRequest.id).limit(1))
    if waiting is None:
        return None
    claimed = db.session.execute(
        update(ThemeRunRequest).where(ThemeRunRequest.id == waiting, ThemeRunRequest.status == "waiting")
        .values(status="running", started_at=utcnow())
    ).rowcount
    return db.session.get(ThemeRunRequest, waiting, populate_existing=True) if claimed else None


def run_claimed(request: ThemeRunRequest) -> ThemeRunRequest:
    """Run a claimed request and mark it done. Flushes."""
    from surveys.services.understand.codebook import for_engine
    from surveys.services.understand.themes import run_themes

    codebook = for_engine() if request.use_codebook else []
    summary = run_themes(k=request.k, codebook=codebook, regroup=True)
    request.status, request.finished_at = "done", utcnow()
    request.outcome = f"{len(summary)} themes with comments"
    db.session.flush()
    return request


def mark_failed(request_id: int) -> None:
    """Record that a request's run failed (after its work was rolled back), so it is not tried again. Flushes."""
    db.session.execute(update(ThemeRunRequest).where(ThemeRunRequest.id == request_id,
                                                     ThemeRunRequest.status.in_(WAITING))
                       .values(status="failed", finished_at=utcnow(), outcome="The re-run failed"))
    db.session.flush()
