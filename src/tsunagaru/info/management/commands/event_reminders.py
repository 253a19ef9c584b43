"""Send tomorrow's reminders (run once a day, e.g. `0 9 * * * tsunagaru-manage event_reminders`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tsunagaru.info import services


class Command(BaseCommand):
    help = "Remind everyone with a seat at an event that starts tomorrow (each person once)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.reminders_send()
        self.stdout.write(f"{sent} reminders sent")
