"""The events' open data kept as written files, written again after a change.

Writing every event takes over a second at 20,000 events, and people, spreadsheets and the
national catalogue's harvester download the same bytes again and again. So each format and
version is written once into settings.OPENDATA_DIR under a name made of everything its bytes
depend on — the events' count and last change, the organisers' last change, the publisher, the
site's address — and served from there. A change makes a new name and the next download
writes it. Kinds, areas and course titles rarely change and are not in the name: the hour is,
so their new names show within the hour.

A file is written under a temporary name and renamed, so a reader never sees half a file; two
processes writing at the same moment do the work twice but no harm. Older files of the same
format and version are removed; a reader still sending one keeps its open file (POSIX).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max

from tsunagaru.info import feed_selectors, opendata
from tsunagaru.info.models import Event
from tsunagaru.partners.models import Organisation

Writer = Callable[..., Iterator[str]]
WRITERS: dict[str, Writer] = {"csv": opendata.csv_lines, "json": opendata.json_chunks}
# The longest a rename of a kind, an area or a course waits before the files show it.
REFRESH_SECONDS = 3600


def dataset_file(fmt: str, *, version: str, publisher: opendata.Publisher) -> Path:
    """The file of the events' open data as it is now: written if no current one exists."""
    folder = Path(settings.OPENDATA_DIR)
    prefix = f"events-{version}-"
    path = folder / f"{prefix}{_fingerprint(publisher)}.{fmt}"
    if not path.exists():
        rows = feed_selectors.opendata_rows(chunk=opendata.CHUNK)
        _write(path, WRITERS[fmt](rows, publisher=publisher, version=version))
        _remove_older(folder, prefix, fmt, keep=path)
    return path


def _fingerprint(publisher: opendata.Publisher) -> str:
    """What the bytes depend on, in two aggregate queries, as a short hash."""
    events = Event.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    organisers = Organisation.objects.aggregate(changed=Max("updated_at"))
    parts: Iterable[Any] = (
        events["count"],
        events["changed"],
        organisers["changed"],
        publisher,
        settings.SITE_URL,
        int(time.time() // REFRESH_SECONDS),
    )
    return hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:24]


def _write(path: Path, chunks: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.writelines(chunks)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_older(folder: Path, prefix: str, fmt: str, *, keep: Path) -> None:
    for older in folder.glob(f"{prefix}*.{fmt}"):
        if older != keep:
            older.unlink(missing_ok=True)


def etag(path: Path) -> str:
    return f'"{path.stem}"'


def unchanged(headers: Mapping[str, str], path: Path) -> bool:
    """Whether the client already has this file (If-None-Match)."""
    sent = headers.get("If-None-Match", "")
    return etag(path) in (tag.strip() for tag in sent.split(","))
