"""Print the guideline (the current edition, or --edition CODE) as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagaru.guideline import selectors
from tsunagaru.guideline.models import Edition


class Command(BaseCommand):
    help = "Print the guideline's current edition (or --edition CODE) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", default="", help="edition code, e.g. stage3")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["edition"]
        if code and not Edition.objects.filter(code=code).exists():
            raise CommandError(f"No edition with code {code!r}.")
        document = selectors.export(selectors.edition_for(code))
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
