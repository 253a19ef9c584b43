"""Compile locale/*.po into .mo files with polib, so no GNU gettext install is needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_all(locale_dirs: list[Path]) -> list[Path]:
    """Write a .mo beside every .po; return the files written.

    Always rewritten (it takes milliseconds): comparing modification times misses a .po that
    was copied or checked out with an older time stamp.
    """
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po → .mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = compile_all([Path(p) for p in settings.LOCALE_PATHS])
        for path in written:
            self.stdout.write(f"compiled {path}")
