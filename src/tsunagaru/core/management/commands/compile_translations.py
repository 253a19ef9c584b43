"""Compile locale/*.po into .mo files with polib, so no GNU gettext install is needed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_all(locale_dirs: list[Path]) -> list[Path]:
    """Write a .mo beside every .po; return the files written.

    Always rewritten (it takes milliseconds): comparing modification times misses a .po that
    was copied or checked out with an older time stamp. Each file is written beside its place
    and renamed into it, so a process reading the catalogue meanwhile (a test run or the demo
    in the same checkout) reads the old file or the new one, never half of one.
    """
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            _write_atomically(polib.pofile(str(po_path)), mo_path)
            written.append(mo_path)
    return written


def _write_atomically(catalogue: polib.POFile, mo_path: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=mo_path.parent, prefix=".", suffix=".mo")
    os.close(handle)
    try:
        catalogue.save_as_mofile(temporary)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from a server's other user
        os.replace(temporary, mo_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po → .mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = compile_all([Path(p) for p in settings.LOCALE_PATHS])
        for path in written:
            self.stdout.write(f"compiled {path}")
