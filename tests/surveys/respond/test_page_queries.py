"""Survey pages read what they need in a few queries, never one per answer (``bench/LOAD.md``)."""

from collections import Counter
from contextlib import contextmanager

from sqlalchemy import event

from surveys.models import db
from tests.surveys.respond.helpers import post_page, start


@contextmanager
def statements():
    """Every SQL statement run inside the block."""
    seen: Counter = Counter()

    def count(conn, cursor, statement, parameters, context, executemany):
        seen[statement] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_pages_with_many_answers_repeat_no_query(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "2"})
    post_page(client_request, 2, {"went_well": "The caseworker was kind.", "better": "Answer emails."})
    post_page(client_request, 3, {"worried": "yes"})
    post_page(client_request, 4, {"worry_detail": "Waiting lists."})
    for url in ("/respond/survey/page/5", "/respond/survey/check", "/respond/survey"):
        with statements() as seen:
            client_request.get(url)
        repeated = {statement: times for statement, times in seen.items() if times > 1}
        assert not repeated, f"{url} ran a query more than once: {repeated}"
        assert sum(seen.values()) <= 6, f"{url} ran {sum(seen.values())} queries"
