"""The certificate of completion (修了証) as a PDF.

An official document of the city, like the 後援名義 letter (info/sponsorship_letter.py): always
in Japanese with 和暦 dates whatever the reader's language, so its fixed wording is in the
template. WeasyPrint typesets it with the Noto CJK fonts and fetches nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from tsunagaru.academy.models import Certificate
from tsunagaru.core.dates import format_wareki
from tsunagaru.core.selectors import current_municipality
from tsunagaru.info.sponsorship_letter import _no_fetching


def html(certificate: Certificate) -> str:
    """The certificate as one HTML document (Japanese, 和暦)."""
    municipality = current_municipality()
    city = municipality.name if municipality is not None else ""
    cohort = certificate.application.cohort
    context = {
        "certificate": certificate,
        "course": cohort.course,
        "cohort": cohort,
        "city": city,
        "completed_on": format_wareki(certificate.completed_on),
        "verify_url": str(settings.SITE_URL) + reverse("academy:verify", args=[certificate.code]),
    }
    with override("ja"):
        return render_to_string("academy/certificate.html", context)


def pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML

    document: bytes = HTML(string=html(certificate), url_fetcher=_no_fetching()).write_pdf()
    return document


def filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.code}.pdf"
