"""Load the Oshu demo data. Safe to run again: it never creates anything twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tsunagaru.core import demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            report = demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo accounts (password for all: {demo.DEMO_PASSWORD}):")
        for account in report.accounts:
            totp = f"  TOTP secret {account.totp_secret}" if account.totp_secret else ""
            self.stdout.write(f"  {account.role:<15} {account.email}{totp}")
        self.stdout.write(f"Created this run: {report.created} records.")
