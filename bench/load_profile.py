"""Where a survey request's time goes: the benchmark's respondent, run against the app in this process (werkzeug's
single-threaded server), with cProfile switched on inside each request and every SQL statement counted per page.

Used by ``bench_load.py --profile``; prints the functions with the most cumulative and own time, and the queries
per kind of page (with the statements repeated within one request, the sign of a query in a loop).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import statistics
import threading
import time
from collections import Counter, defaultdict

from load_client import Outcome, Respondent
from sqlalchemy import event
from werkzeug.serving import make_server

OPEN_SLUGS = ("after-final-ehc-plan", "young-people-have-your-say")
WARM_UP = 3  # surveys answered before profiling starts: templates compiled, caches filled, as in a running worker
KINDS = (("/respond/s/", "open_link"), ("/respond/i/", "invitation"), ("/respond/survey/page/", "page"),
         ("/respond/survey/check", "check"), ("/respond/survey/submit", "submit"), ("/respond/survey/done", "done"),
         ("/respond/survey", "start"))


def kind_of(environ: dict) -> str:
    path = environ.get("PATH_INFO", "")
    kind = next((name for prefix, name in KINDS if path.startswith(prefix)), "other")
    return f"{kind}_{environ['REQUEST_METHOD'].lower()}" if kind == "page" else kind


class Profiled:
    """WSGI middleware: profiles each request and counts its SQL statements by the kind of page."""

    def __init__(self, app, engine) -> None:
        self.app, self.profiler = app, cProfile.Profile()
        self.requests: Counter = Counter()
        self.queries: Counter = Counter()
        self.repeated: dict[str, Counter] = defaultdict(Counter)
        self._current: Counter | None = None
        self.active = False
        self.timing = False  # True: measure each request's CPU time instead of profiling it
        self.cpu: dict[str, list[float]] = defaultdict(list)
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self._current is not None:
            self._current[re.sub(r"\s+", " ", statement)[:110]] += 1

    def __call__(self, environ, start_response):
        if self.timing:
            started = time.thread_time()
            body = b"".join(self.app(environ, start_response))
            self.cpu[kind_of(environ)].append(time.thread_time() - started)
            return [body]
        if not self.active:
            return self.app(environ, start_response)
        kind = kind_of(environ)
        self._current = Counter()
        self.profiler.enable()
        try:
            body = b"".join(self.app(environ, start_response))
        finally:
            self.profiler.disable()
            self.requests[kind] += 1
            self.queries[kind] += sum(self._current.values())
            for statement, times in self._current.items():
                if times > 1:
                    self.repeated[kind][statement] = max(self.repeated[kind][statement], times)
            self._current = None
        return [body]


def profile(app, surveys: int, tokens: list[str]) -> None:
    """Complete ``surveys`` surveys through the app in this process and print where the time went."""
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    profiled = Profiled(app.wsgi_app, engine)
    app.wsgi_app = profiled
    server = make_server("127.0.0.1", 0, app, threaded=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outcome = Outcome()
    person = Respondent(f"http://127.0.0.1:{server.server_port}", outcome)
    for n in range(surveys * 2 + WARM_UP):
        profiled.timing = WARM_UP <= n < WARM_UP + surveys
        profiled.active = n >= WARM_UP + surveys
        token = tokens.pop() if n % 3 == 2 and tokens else None
        entry = f"/respond/i/{token}" if token else f"/respond/s/{OPEN_SLUGS[n % 2]}"
        person.complete(entry, f"bench-7-0-{n}", token)
    server.shutdown()
    print(f"  server CPU per request (thread time, {surveys} surveys, no profiler; the client's CPU not included):")
    every = [value for values in profiled.cpu.values() for value in values]
    pages = [value for kind, values in profiled.cpu.items() if kind != "submit" for value in values]
    for kind, values in sorted(profiled.cpu.items()) + [("every page", every), ("all but submit", pages)]:
        print(f"    {kind:14} {len(values):4} requests, mean {statistics.mean(values) * 1000:6.2f} ms, "
              f"median {statistics.median(values) * 1000:6.2f} ms")
    print(f"  {sum(profiled.requests.values())} requests profiled, {surveys} surveys after {WARM_UP} unprofiled "
          "(a warm worker), in this process\n  queries per request:")
    for kind, count in sorted(profiled.requests.items()):
        print(f"    {kind:14} {count:4} requests, {profiled.queries[kind] / count:5.1f} queries each")
        for statement, times in profiled.repeated[kind].most_common(3):
            print(f"        repeated {times}x: {statement}")
    if os.environ.get("BENCH_PROFILE_OUT"):
        profiled.profiler.dump_stats(os.environ["BENCH_PROFILE_OUT"])  # for pstats or snakeviz
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiled.profiler, stream=text).sort_stats(order).print_stats(30)
        print(f"\n  cProfile, by {order} time:\n" + "\n".join(text.getvalue().splitlines()[6:40]))
