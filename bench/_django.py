"""Set up Django for the bench scripts (run from the repository root)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagaru.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
