"""The proposal table's daily run (e.g. by cron or a systemd timer): remind the parties of
progress reports that are due, and open the evaluations of projects past their deadline."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tsunagaru.proposals import services


class Command(BaseCommand):
    help = "Remind parties of due progress reports; open evaluations past their deadline."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.reports_remind()
        opened = services.evaluations_close_overdue()
        self.stdout.write(f"report reminders: {reminded}, evaluations opened: {opened}")
