#!/usr/bin/env python
"""Django's command-line utility for tsunagaru."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    # Works from a checkout even before `pip install -e .`.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagaru.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
