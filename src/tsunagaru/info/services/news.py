"""Every write of news articles and of the trust that lets a group publish without review.

Workflow: draft ──submit──▶ published (a city department, or a group city staff trust) or in
review ──staff publish──▶ published; staff may send an article back to its group with a reason
(draft again). Published ──hide (with a reason shown in its place)──▶ hidden ──restore──▶
published. Every move is a compare-and-set UPDATE on the status read, so a double submit or two
reviewers at once change it once; every move and every change of trust is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core import pictures
from tsunagaru.core.inputs import require_single_line
from tsunagaru.info.models import Event
from tsunagaru.info.news_models import NewsArticle, NewsTrust
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import is_city_department

CONTENT_FIELDS = ("title", "body", "kind", "event", "case", "alt_text")


def news_save(
    *,
    article: NewsArticle | None,
    data: Mapping[str, Any],
    author: Organisation | None = None,
    image: UploadedFile | None = None,
    remove_image: bool = False,
    by: User,
) -> NewsArticle:
    """Write a new article as a draft of `author`, or change a draft.

    Raises ValidationError: "no_author", "not_draft", "city_only", "event_not_ours",
    "case_not_ours", "alt_required", image errors of core.uploads, field errors of full_clean.
    Whether `by` may write for the group is the caller's question (news_permissions).
    """
    creating = article is None
    if article is None:
        if author is None:
            raise ValidationError(_("Choose the group."), code="no_author")
        article = NewsArticle(author=author, created_by=by)
    elif article.status != NewsArticle.Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed."), code="not_draft")
    before = None if creating else snapshot(article, CONTENT_FIELDS)
    old_files = pictures.picture_replace(article, upload=image, remove=remove_image)
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(article, name, data[name])
    article.title = article.title.strip()
    article.alt_text = article.alt_text.strip()
    _check(article)
    require_single_line(article, "title", "alt_text")
    article.full_clean()
    with transaction.atomic():
        article.save()
        after = snapshot(article, CONTENT_FIELDS)
        _audit_save(article, before, after, picture=image is not None or remove_image, by=by)
        pictures.delete_on_commit(old_files)
    return article


def _check(article: NewsArticle) -> None:
    errors: dict[str, ValidationError] = {}
    city = is_city_department(article.author)
    if article.kind == NewsArticle.Kind.CITY_NOTICE and not city:
        errors["kind"] = ValidationError(
            _("Only a department of the city writes notices from the city."), code="city_only"
        )
    if article.event is not None and not _organises(article.author, article.event):
        errors["event"] = ValidationError(
            _("Choose an event your group organises."), code="event_not_ours"
        )
    if (
        article.case is not None
        and not article.case.partners.filter(organisation_id=article.author_id).exists()
    ):
        errors["case"] = ValidationError(
            _("Choose a case your group took part in."), code="case_not_ours"
        )
    missing = pictures.description_missing(article)
    if missing is not None:
        errors["alt_text"] = missing
    if errors:
        raise ValidationError(errors)


def _organises(group: Organisation, event: Event) -> bool:
    if event.organiser_id == group.pk:
        return True
    return event.co_organisers.filter(pk=group.pk).exists()


def _audit_save(
    article: NewsArticle,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    *,
    picture: bool,
    by: User,
) -> None:
    if before is None:
        audit_record(actor=by, action="news.create", target=article, after=after)
        return
    changed = {k for k in after if before.get(k) != after[k]}
    if changed or picture:
        audit_record(
            actor=by,
            action="news.update",
            target=article,
            before={k: before[k] for k in changed},
            after={**{k: after[k] for k in changed}, **({"picture": True} if picture else {})},
        )


def publishes_directly(organisation: Organisation) -> bool:
    """A city department's and a trusted group's articles need no review."""
    if is_city_department(organisation):
        return True
    return NewsTrust.objects.filter(organisation=organisation).exists()


def news_submit(*, article: NewsArticle, by: User) -> NewsArticle:
    """Publish a draft (a city department, a trusted group) or send it to staff review.

    Raises ValidationError "incomplete", "invalid_transition" or "stale".
    """
    if article.status != NewsArticle.Status.DRAFT:
        raise _invalid()
    if not (article.title.strip() and article.body.strip()):
        raise ValidationError(_("Write a title and the text first."), code="incomplete")
    direct = publishes_directly(article.author)
    with transaction.atomic():
        if direct:
            _move(article, to=NewsArticle.Status.PUBLISHED, published_at=timezone.now())
            audit_record(actor=by, action="news.publish", target=article, note="direct")
        else:
            _move(article, to=NewsArticle.Status.IN_REVIEW)
            audit_record(actor=by, action="news.submit", target=article)
    return article


def news_publish(*, article: NewsArticle, by: User) -> NewsArticle:
    """Staff publish an article waiting for review. Raises "invalid_transition" or "stale"."""
    if article.status != NewsArticle.Status.IN_REVIEW:
        raise _invalid()
    with transaction.atomic():
        _move(article, to=NewsArticle.Status.PUBLISHED, published_at=timezone.now())
        audit_record(actor=by, action="news.publish", target=article)
    return article


def news_return(*, article: NewsArticle, reason: str, by: User) -> NewsArticle:
    """Staff send an article under review back to its group with a reason (draft again).

    Raises "reason_required", "invalid_transition" or "stale"."""
    reason = _reason(reason)
    if article.status != NewsArticle.Status.IN_REVIEW:
        raise _invalid()
    with transaction.atomic():
        _move(article, to=NewsArticle.Status.DRAFT, status_reason=reason)
        audit_record(actor=by, action="news.return", target=article, note=reason)
    return article


def news_hide(*, article: NewsArticle, reason: str, by: User) -> NewsArticle:
    """Staff hide a published article; its page shows the reason in its place.

    Raises "reason_required", "invalid_transition" or "stale"."""
    reason = _reason(reason)
    with transaction.atomic():
        _move(article, to=NewsArticle.Status.HIDDEN, status_reason=reason)
        audit_record(actor=by, action="news.hide", target=article, note=reason)
    return article


def news_restore(*, article: NewsArticle, by: User) -> NewsArticle:
    """Staff show a hidden article again. Raises "invalid_transition" or "stale"."""
    if article.status != NewsArticle.Status.HIDDEN:
        raise _invalid()
    with transaction.atomic():
        _move(article, to=NewsArticle.Status.PUBLISHED, status_reason="")
        audit_record(actor=by, action="news.restore", target=article)
    return article


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason."), code="reason_required")
    return reason


def _invalid() -> ValidationError:
    return ValidationError(
        _("This article can no longer be changed this way."), code="invalid_transition"
    )


def _move(article: NewsArticle, *, to: str, **fields: Any) -> None:
    """Change the status with a compare-and-set UPDATE: if another request moved the article
    since we read it (a double click, two reviewers), no row matches and we refuse."""
    if not article.can_move_to(to):
        raise _invalid()
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = NewsArticle.objects.filter(pk=article.pk, status=article.status).update(**values)
    if updated != 1:
        raise ValidationError(
            _("Someone else changed this article. Reload the page and try again."),
            code="stale",
        )
    for name, value in values.items():
        setattr(article, name, value)


# -- trust ----------------------------------------------------------------------------------


def news_trust_grant(*, organisation: Organisation, by: User) -> NewsTrust:
    """Let a listed group publish its news without review. Raises "not_listed" or
    "already_trusted". Whether `by` may is the caller's question (can_set_trust)."""
    if not organisation.is_listed:
        raise ValidationError(_("Only a listed group can be trusted."), code="not_listed")
    try:
        with transaction.atomic():
            trust = NewsTrust.objects.create(organisation=organisation, granted_by=by)
            audit_record(actor=by, action="news_trust.grant", target=organisation)
    except IntegrityError as error:
        # The one-to-one row already exists: a second click, or another member of staff.
        raise ValidationError(
            _("This group is already trusted."), code="already_trusted"
        ) from error
    return trust


def news_trust_withdraw(*, organisation: Organisation, by: User) -> None:
    """From now on the group's articles go to review again (published ones stay).
    Raises "not_trusted"."""
    with transaction.atomic():
        deleted, _rows = NewsTrust.objects.filter(organisation=organisation).delete()
        if not deleted:
            raise ValidationError(_("This group is not trusted."), code="not_trusted")
        audit_record(actor=by, action="news_trust.withdraw", target=organisation)
