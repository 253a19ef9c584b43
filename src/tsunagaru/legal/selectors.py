"""Reads of the service pages and of people's consent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.cache import caches
from django.db.models import QuerySet

from tsunagaru.legal.models import CONSENT_PAGES, ConsentRecord, PageVersion

# {page: (number, created_at)} of the newest version of each consent page that needs consent.
# Read on every signed-in request, so kept per process (settings.CACHES["local"], a minute);
# page_version_publish drops it in the process that published.
CONSENT_CACHE_KEY = "legal:consent_required"


def page_current(*, page: str) -> PageVersion | None:
    """The newest version of `page`, or None on a database without any."""
    return PageVersion.objects.filter(page=page).select_related("created_by").first()


def page_version_list(*, page: str) -> QuerySet[PageVersion]:
    """Every version of `page`, newest first, with who saved it (for staff only)."""
    return PageVersion.objects.filter(page=page).select_related("created_by")


def consent_required() -> dict[str, tuple[int, datetime]]:
    """For terms and privacy: the number and date of the newest version that needs consent."""
    cache = caches["local"]
    required: dict[str, tuple[int, datetime]] | None = cache.get(CONSENT_CACHE_KEY)
    if required is None:
        required = {}
        for version in PageVersion.objects.filter(
            page__in=CONSENT_PAGES, needs_consent=True
        ).order_by("page", "-number"):
            required.setdefault(version.page, (version.number, version.created_at))
        cache.set(CONSENT_CACHE_KEY, required)
    return required


def consent_latest(*, user: Any) -> ConsentRecord | None:
    """The person's most recent agreement, if any."""
    return ConsentRecord.objects.filter(user=user).select_related("terms", "privacy").first()


def consent_needed(*, user: Any) -> bool:
    """Must this signed-in person agree to a newer terms or privacy version before going on?

    Someone who agreed to the newest versions needing consent goes on. Someone with no record
    at all is asked only if such a version came out after the account was made: accounts made
    later either agreed at sign-up or were made by staff or a command, which ask no consent.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    required = consent_required()
    if not required:
        return False
    if all(user.date_joined >= published for _, published in required.values()):
        return False  # joined after every version needing consent: agreed at sign-up
    record = consent_latest(user=user)
    if record is None:
        return True
    agreed = {"terms": record.terms.number, "privacy": record.privacy.number}
    return any(agreed[page] < number for page, (number, _) in required.items())
