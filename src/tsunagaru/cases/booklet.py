"""The printable 協働事例集: a cover, contents, and one case per page with its first photo.

The same HTML is served as a print-styled page and turned into a PDF by WeasyPrint, with the
Noto CJK fonts embedded (the fonts-noto-cjk Debian package).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from tsunagaru.cases.models import Case, CasePartner, CasePhoto
from tsunagaru.core.uploads import sniff

MAX_CASES = 500


def booklet_cases(ids: Sequence[int]) -> QuerySet[Case]:
    """The published cases among `ids`, with what a booklet page shows, oldest year first."""
    return (
        Case.objects.filter(pk__in=list(ids)[:MAX_CASES], status=Case.Status.PUBLISHED)
        .select_related("area", "district", "domain", "collaboration_type")
        .prefetch_related(
            "forms",
            Prefetch("partners", queryset=CasePartner.objects.order_by("order", "pk")),
            Prefetch("photos", queryset=CasePhoto.objects.order_by("order", "pk")),
        )
        .order_by("fiscal_year", "pk")
    )


def html(cases: Sequence[Case], *, for_pdf: bool) -> str:
    """The booklet as one HTML document; for the PDF, photos are `stored:<name>` URLs that
    the PDF maker reads through the storage API (see _stored_files)."""
    css = finders.find("css/booklet.css")
    context = {
        "cases": cases,
        "made_on": timezone.localdate(),
        "for_pdf": for_pdf,
        "css": Path(str(css)).read_text(encoding="utf-8") if for_pdf and css else "",
    }
    return render_to_string("cases/booklet.html", context)


def pdf(cases: Sequence[Case], progress: Callable[[int, int], None] | None = None) -> bytes:
    from weasyprint import HTML

    if progress is not None:
        progress(0, len(cases))
    document = HTML(string=html(cases, for_pdf=True), url_fetcher=_stored_files()).render()
    if progress is not None:
        progress(len(cases), len(cases))
    result: bytes = document.write_pdf()
    return result


STORED = "stored:"


def _stored_files() -> Any:
    """A URL fetcher for the PDF maker: pictures come from Django's storage (a folder today,
    an object store if STORAGES says so); nothing else is fetched: no network, no other file."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StoredFiles(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if not url.startswith(STORED):
                raise ValueError(f"The booklet reads only stored files, not {url[:80]}")
            with default_storage.open(unquote(url.removeprefix(STORED)), "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(url, body, {"Content-Type": sniff(io.BytesIO(body))})

    return StoredFiles()
