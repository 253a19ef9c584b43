"""Load the Oshu demo data. Safe to run again: it never creates anything twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from tsunagaru.core import demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            report = demo.load()
        # The shared matching index, so suggestions show on the first page (by name: core
        # knows no app).
        call_command("matching_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo accounts (password for all: {demo.DEMO_PASSWORD}):")
        for account in report.accounts:
            totp = f"  TOTP secret {account.totp_secret}" if account.totp_secret else ""
            self.stdout.write(f"  {account.role:<15} {account.email}{totp}")
        self.stdout.write(f"Created this run: {report.created} records.")
        self.stdout.write(_where_mail_goes())


def _where_mail_goes() -> str:
    """One line for the person trying the demo: where the site's mail will appear."""
    backend = str(settings.EMAIL_BACKEND)
    where = {
        "tsunagaru.core.mail.ShortConsoleBackend": "printed in this terminal (to, subject, links)",
        "django.core.mail.backends.console.EmailBackend": "printed in this terminal in full",
        "django.core.mail.backends.smtp.EmailBackend": (
            f"sent through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
        ),
    }.get(backend, f"handed to {backend}")
    debug = "on (development only)" if settings.DEBUG else "off"
    return f"Mail is {where}; links in mail open {settings.SITE_URL}/. DEBUG is {debug}."
