"""Background tasks of the matching app."""

from __future__ import annotations

import logging
import time

from django_tasks import task

from tsunagaru.matching import index

logger = logging.getLogger(__name__)


@task()
def build_index() -> str:
    """Build the shared matching index from the registry and make it the current one.

    Queued when a process finds no stored index, after a bulk import, and by the schedule in
    docs/operations.md (or run `manage.py matching_index`). Two builds at once are harmless:
    each writes its own directory, and the last one finished becomes current.
    """
    started = time.perf_counter()
    directory = index.build()
    (index.root() / "build-requested").unlink(missing_ok=True)
    logger.info("matching index %s built in %.1f s", directory.name, time.perf_counter() - started)
    return directory.name
