"""Build the shared matching index now (see tsunagaru.matching.index)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from tsunagaru.matching import index
from tsunagaru.matching.engine import store


class Command(BaseCommand):
    help = "Build the matching index from the registry and store it for every process."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        directory = index.build()
        (index.root() / "build-requested").unlink(missing_ok=True)
        about = store.meta(directory)
        self.stdout.write(
            f"matching index {about['version']}: {about['count']} groups "
            f"in {time.perf_counter() - started:.1f} s ({directory})"
        )
