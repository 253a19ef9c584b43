"""Remove old finished background jobs and their result files (run daily from cron/systemd)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tsunagaru.core import services


class Command(BaseCommand):
    help = "Delete finished jobs (and their files) older than --days days (default 30)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        removed = services.job_prune(older_than=datetime.timedelta(days=options["days"]))
        self.stdout.write(f"Removed {removed} finished job(s).")
