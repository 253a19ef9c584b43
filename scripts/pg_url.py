"""Print a PostgreSQL URL for the second test run: TEST_DATABASE_URL, or a local server if one
answers. Prints nothing when there is none."""

from __future__ import annotations

import os
import sys

CANDIDATES = [
    "postgres://postgres@127.0.0.1:5432/tsunagaru",
    "postgres://postgres@127.0.0.1:55432/tsunagaru",
]


def reachable(url: str) -> bool:
    import psycopg

    # Connect to the maintenance database; the test database is created by the test run.
    base = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(base, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


def main() -> int:
    explicit = os.environ.get("TEST_DATABASE_URL", "").strip()
    if explicit:
        print(explicit)
        return 0
    for url in CANDIDATES:
        if reachable(url):
            print(url)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
