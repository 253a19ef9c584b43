"""Build the shared matching index now (see tsunagaru.matching.index)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from tsunagaru.matching import index
from tsunagaru.matching.engine import store


class Command(BaseCommand):
    help = "Build the matching index from the registry and store it for every process."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-missing", action="store_true", help="only if no index is stored yet"
        )

    def handle(self, *args: Any, if_missing: bool = False, **options: Any) -> None:
        if if_missing and store.current(index.root()) is not None:
            self.stdout.write("matching index: already stored")
            return
        started = time.perf_counter()
        directory = index.build()
        (index.root() / "build-requested").unlink(missing_ok=True)
        about = store.meta(directory)
        self.stdout.write(
            f"matching index {about['version']}: {about['count']} groups "
            f"in {time.perf_counter() - started:.1f} s ({directory})"
        )
