"""Every write of the service pages and of consent."""

from __future__ import annotations

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.legal import selectors
from tsunagaru.legal.models import CONSENT_PAGES, ConsentRecord, Page, PageVersion


def page_version_publish(
    *,
    page: str,
    body_ja: str,
    body_en: str = "",
    body_ja_easy: str = "",
    reason: str,
    needs_consent: bool = False,
    by: User | None,
) -> PageVersion:
    """Publish a new version of `page`; the previous versions stay as they were.

    `needs_consent` (terms and privacy only) makes every signed-in person agree again; False is
    an editorial fix. Raises ValidationError with code "required" for an empty Japanese text
    or reason, "stale" when someone else published at the same moment. The caller checks
    permissions.can_edit_pages.
    """
    if page not in Page.values:
        raise ValidationError(_("There is no such page."), code="invalid_page")
    version = PageVersion(
        page=page,
        body_ja=body_ja.strip(),
        body_en=body_en.strip(),
        body_ja_easy=body_ja_easy.strip(),
        reason=reason.strip(),
        needs_consent=needs_consent and page in CONSENT_PAGES,
        created_by=by,
    )
    try:
        with transaction.atomic():
            latest = PageVersion.objects.filter(page=page).aggregate(n=Max("number"))["n"]
            version.number = (latest or 0) + 1
            version.full_clean()
            version.save()
            audit_record(
                actor=by,
                action="legal_page.publish",
                target=version,
                after={"page": page, "number": version.number, "needs_consent": needs_consent},
                note=version.reason,
            )
    except IntegrityError as error:
        # Two staff saved at once: the unique (page, number) refused the second.
        raise ValidationError(
            _("Someone else saved this page at the same time. Reload it and try again."),
            code="stale",
        ) from error
    caches["local"].delete(selectors.CONSENT_CACHE_KEY)
    return version


def consent_record(*, user: User) -> ConsentRecord:
    """Record that `user` agrees to the current terms and privacy policy (the newest versions).

    Raises ValidationError with code "no_terms" when either page has no version yet.
    """
    terms = selectors.page_current(page=Page.TERMS)
    privacy = selectors.page_current(page=Page.PRIVACY)
    if terms is None or privacy is None:
        raise ValidationError(_("The terms of use are not published yet."), code="no_terms")
    with transaction.atomic():
        record = ConsentRecord.objects.create(user=user, terms=terms, privacy=privacy)
        audit_record(
            actor=user,
            action="consent.agree",
            target=user,
            after={"terms": terms.number, "privacy": privacy.number},
        )
    return record
