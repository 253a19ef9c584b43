"""Create the first administrator, with a verified address (allauth's login requires one)."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagaru.accounts import services
from tsunagaru.accounts.models import Role, User


class Command(BaseCommand):
    help = (
        "Create an administrator account. The password is asked for, or read from "
        "ADMIN_PASSWORD. The administrator sets up two-factor sign-in at first login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--family-name", required=True)
        parser.add_argument("--display-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("ADMIN_PASSWORD") or getpass.getpass("Password: ")
        try:
            # Checked against the person too, so a password like their address is refused.
            candidate = User(email=options["email"], family_name=options["family_name"])
            validate_password(password, user=candidate)
            user = services.user_create(
                email=options["email"],
                password=password,
                family_name=options["family_name"],
                display_name=options["display_name"],
                role=Role.ADMINISTRATOR,
                by=None,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Administrator {user.email} created."))
