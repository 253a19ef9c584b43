"""Remind groups of introduction requests they have not answered (run daily, e.g. by cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tsunagaru.matching import services


class Command(BaseCommand):
    help = "E-mail one reminder for each introduction request unanswered for a week."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.introductions_remind()
        self.stdout.write(f"reminders sent: {count}")
