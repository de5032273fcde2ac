"""A rate-limit store in a small SQLite file, shared by every gunicorn worker on one machine with no extra server.

The ``limits`` library (behind Flask-Limiter) keeps counters in memory (one budget per worker, so four workers
allow four times the limit, and a restart forgets everything), Redis, Memcached or MongoDB. A single-machine
deployment should not need a Redis server just for counters, so this adds a ``sqlite:///path`` scheme: one row per
counter, fixed windows, in its own file (never the service's database, whose write lock belongs to respondents).
Counters need no durability, so the file is written without fsync. Several machines share Redis or Memcached
instead (``RATELIMIT_STORAGE_URI=redis://...``; install ``limits[redis]``).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time

from limits.storage import Storage

SCHEMA = "CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires REAL NOT NULL)"
# Add to a counter, starting a new window when the old one has ended; the count after.
INCREMENT = (
    "INSERT INTO counter (key, hits, expires) VALUES (:key, :amount, :expires) ON CONFLICT (key) DO UPDATE SET "
    "hits = CASE WHEN counter.expires <= :now THEN :amount ELSE counter.hits + :amount END, "
    "expires = CASE WHEN counter.expires <= :now THEN :expires ELSE counter.expires END RETURNING hits"
)
SWEEP_CHANCE = 0.001  # now and then an increment also deletes ended windows, so the file stays small


class SQLiteStorage(Storage):
    """Fixed-window counters in a SQLite file; one connection per thread and process (safe after a fork)."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        self.path = uri.removeprefix("sqlite:///")
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            connection = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(SCHEMA)
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the counter for ``key``; a window of ``expiry`` seconds starts with its first hit."""
        now = time.time()
        connection = self._connection()
        hits = connection.execute(INCREMENT, {"key": key, "amount": amount, "expires": now + expiry,
                                              "now": now}).fetchone()[0]
        if random.random() < SWEEP_CHANCE:  # noqa: S311 - housekeeping, not security
            connection.execute("DELETE FROM counter WHERE expires <= ?", (now,))
        return hits

    def get(self, key: str) -> int:
        row = self._connection().execute("SELECT hits FROM counter WHERE key = ? AND expires > ?",
                                          (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute("SELECT expires FROM counter WHERE key = ?", (key,)).fetchone()
        return row[0] if row and row[0] > time.time() else time.time()

    def check(self) -> bool:
        """True when the store can be read and written (a sign-in refuses to go on otherwise)."""
        try:
            connection = self._connection()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counter WHERE key = ?", (key,))
