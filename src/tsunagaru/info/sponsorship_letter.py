"""The decision letter of a 後援名義 request (承認通知書 / 不承認通知書) as a PDF.

An official document of the city: always in Japanese with 和暦 dates, whatever the reader's
language, so its fixed wording is in the template rather than in the translation catalogue.
WeasyPrint typesets it with the Noto CJK fonts (the fonts-noto-cjk Debian package) and fetches
nothing: the style is inline and the letter has no pictures.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from tsunagaru.core.dates import format_wareki
from tsunagaru.core.selectors import current_municipality
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.sponsorship_selectors import report_due_on, sponsor_name


def _city() -> str:
    municipality = current_municipality()
    return municipality.name if municipality is not None else ""


def _day(moment: Any) -> str:
    return format_wareki(timezone.localtime(moment).date() if moment else timezone.localdate())


def html(request: SponsorshipRequest) -> str:
    """The letter as one HTML document (Japanese, 和暦)."""
    sponsor = sponsor_name(request)
    department = request.department
    context = {
        "request": request,
        "approved": request.status != SponsorshipRequest.Status.REFUSED,
        "sponsor": sponsor,
        "issuer": department.name if department is not None else f"{_city()}長",
        "decided_on": _day(request.decided_at),
        "submitted_on": _day(request.submitted_at),
        "starts_on": format_wareki(request.starts_on),
        "ends_on": format_wareki(request.ends_on) if request.ends_on != request.starts_on else "",
        "report_due": format_wareki(report_due_on(request)),
    }
    with override("ja"):
        return render_to_string("info/sponsorship_letter.html", context)


def pdf(request: SponsorshipRequest) -> bytes:
    from weasyprint import HTML

    document: bytes = HTML(string=html(request), url_fetcher=_no_fetching()).write_pdf()
    return document


def _no_fetching() -> Any:
    """A URL fetcher that fetches nothing: no network, no file from the disk."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"The letter fetches nothing, not {url[:80]}")

    return NoFetching()


def filename(request: SponsorshipRequest) -> str:
    kind = "approval" if request.status != SponsorshipRequest.Status.REFUSED else "refusal"
    return f"sponsorship-{request.letter_year}-{request.letter_number}-{kind}.pdf"
