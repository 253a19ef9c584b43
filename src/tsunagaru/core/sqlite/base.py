"""Django's SQLite backend, plus the statistics SQLite's query planner needs.

Without statistics SQLite guesses that `status = 'published'` picks a few rows and scans that
index instead of looking up a list of ids (16 ms instead of 2 at 20,000 cases). SQLite's own
advice is to run `PRAGMA optimize` before closing each connection: it is nearly free, and
runs ANALYZE only on tables never analysed or grown 25-fold since.
"""

from __future__ import annotations

from django.db import DatabaseError
from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close(self) -> None:
        if self.connection is not None and not self.is_in_memory_db() and not self.in_atomic_block:
            try:
                with self.wrap_database_errors:
                    self.connection.execute("PRAGMA optimize")
            except DatabaseError:
                pass  # statistics are advice; a busy database must not fail the request
        super().close()
