"""Every write of the knowledge base (ノウハウ集). The workflow:

draft ──publish──▶ published ──archive──▶ archived ──restore──▶ draft

Publishing counts as the first review; staff mark a published article reviewed once a year
(年1回の見直し), which moves its `review_due` a year on. Every change is audited and the
search index follows (only published articles are public in it). Whether `by` may do a thing
is the caller's question (knowledge.permissions).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core.inputs import require_single_line
from tsunagaru.core.uploads import DOCX, ODS, ODT, PDF, XLSX, validate_document
from tsunagaru.knowledge.models import (
    REVIEW_INTERVAL_DAYS,
    Article,
    ArticleAttachment,
    ArticleUse,
)
from tsunagaru.search import services as search

CONTENT_FIELDS = ("title", "summary", "body")
# Templates people fill in: PDF to print, Word / Excel or their OpenDocument versions to edit.
TEMPLATE_KINDS = frozenset({PDF, DOCX, XLSX, ODT, ODS})


def article_save(*, article: Article | None, data: dict[str, Any], by: User) -> Article:
    """Write a new draft, or change a draft or a published article.

    `data`: title, summary, body, topics (Topic objects). Raises ValidationError for an empty
    or invalid field (the model's own checks) or code "archived" for an archived article.
    """
    creating = article is None
    article = Article(created_by=by) if article is None else article
    if article.status == Article.Status.ARCHIVED:
        raise ValidationError(_("Restore the article before changing it."), code="archived")
    before = None if creating else _content(article)
    with transaction.atomic():
        for name in CONTENT_FIELDS:
            if name in data:
                setattr(article, name, data[name])
        require_single_line(article, "title")
        article.full_clean(exclude=["created_by"])
        article.save()
        if "topics" in data:
            article.topics.set(data["topics"])
        after = _content(article)
        if creating or after != before:
            audit_record(
                actor=by,
                action="knowledge.create" if creating else "knowledge.update",
                target=article,
                before=None if creating else before,
                after={"title": article.title, "status": article.status},
            )
        reindex(article)
    return article


def article_publish(*, article: Article, by: User) -> Article:
    """Make a draft public. Publishing counts as a review: the next is due in a year."""
    today = timezone.localdate()
    with transaction.atomic():
        _move(
            article,
            Article.Status.PUBLISHED,
            action="knowledge.publish",
            by=by,
            published_at=timezone.now(),
            reviewed_on=today,
            reviewed_by=by,
            review_due=_next_review(today),
        )
        reindex(article)
    return article


def article_archive(*, article: Article, by: User) -> Article:
    """Take a published article out of the public list (outdated, replaced)."""
    with transaction.atomic():
        _move(article, Article.Status.ARCHIVED, action="knowledge.archive", by=by)
        reindex(article)
    return article


def article_restore(*, article: Article, by: User) -> Article:
    """Bring an archived article back as a draft, to be checked before publishing again."""
    with transaction.atomic():
        _move(article, Article.Status.DRAFT, action="knowledge.restore", by=by)
        reindex(article)
    return article


def article_mark_reviewed(*, article: Article, by: User) -> Article:
    """Staff confirm that a published article is still right: the review is due in a year.

    Raises ValidationError code "invalid_transition" if the article is not published (any more).
    """
    today = timezone.localdate()
    values = {
        "reviewed_on": today,
        "reviewed_by": by,
        "review_due": _next_review(today),
        "updated_at": timezone.now(),
    }
    with transaction.atomic():
        # Compare-and-set: an article archived meanwhile is not marked reviewed.
        updated = Article.objects.filter(pk=article.pk, status=Article.Status.PUBLISHED).update(
            **values
        )
        if updated != 1:
            raise _changed()
        before = {"reviewed_on": article.reviewed_on, "review_due": article.review_due}
        for name, value in values.items():
            setattr(article, name, value)
        audit_record(
            actor=by,
            action="knowledge.review",
            target=article,
            before=before,
            after={"reviewed_on": article.reviewed_on, "review_due": article.review_due},
        )
    return article


def article_attachment_add(
    *, article: Article, file: UploadedFile, title: str, by: User
) -> ArticleAttachment:
    """A template to reuse: a PDF, Word, Excel or OpenDocument file (checked by its content,
    no macros) with a title that says what it is.

    Error codes: title_required, invalid_document and those of core.uploads.validate_document.
    """
    if not title.strip():
        raise ValidationError(_("Give the file a title."), code="title_required")
    try:
        validate_document(file, kinds=TEMPLATE_KINDS)
    except ValidationError as error:
        if error.code != "invalid_document":
            raise
        raise ValidationError(
            _("Attach a PDF, a Word or Excel file, or an OpenDocument text or spreadsheet."),
            code="invalid_document",
        ) from error
    with transaction.atomic():
        attachment = ArticleAttachment.objects.create(
            article=article, file=file, title=title.strip()
        )
        audit_record(
            actor=by,
            action="knowledge.attachment_add",
            target=article,
            after={"file": attachment.title},
        )
    return attachment


def article_attachment_remove(*, attachment: ArticleAttachment, by: User) -> None:
    with transaction.atomic():
        audit_record(
            actor=by,
            action="knowledge.attachment_remove",
            target=attachment.article,
            before={"file": attachment.title},
        )
        # The file goes once the row is gone for good (a rollback would keep both).
        name, storage = attachment.file.name, attachment.file.storage
        transaction.on_commit(lambda: storage.delete(name))
        attachment.delete()


def knowledge_used(
    *,
    article: Article,
    by: User | None,
    consultation: models.Model | None = None,
    reference: str = "",
) -> ArticleUse:
    """Count that `article` helped answer someone (この回答が役に立った).

    `consultation` is what used it (the support app passes its consultation); the same one
    counts once, so a second call returns the first record. Without it, each call counts.
    Raises ValidationError code "not_published" for a draft or archived article.
    """
    if not article.is_published:
        raise ValidationError(
            _("Only a published article can be counted as used."), code="not_published"
        )
    link: dict[str, Any] = {"content_type": None, "object_id": None}
    if consultation is not None:
        link = {
            "content_type": ContentType.objects.get_for_model(consultation),
            "object_id": consultation.pk,
        }
        existing = ArticleUse.objects.filter(article=article, **link).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            use = ArticleUse.objects.create(
                article=article,
                used_at=timezone.now(),
                by=by,
                reference=reference.strip()[:200],
                **link,
            )
            audit_record(
                actor=by, action="knowledge.use", target=article, after={"use": use.pk, **_ref(use)}
            )
    except IntegrityError:
        # Two requests for the same consultation at once: the other one counted it.
        return ArticleUse.objects.get(article=article, **link)
    return use


def reindex(article: Article) -> None:
    """Put the article in the shared search index; only published articles are public."""
    texts = [article.summary, article.body, *(t.name for t in article.topics.all())]
    search.index_object(
        obj=article, name=article.title, texts=texts, is_public=article.is_published
    )


def _ref(use: ArticleUse) -> dict[str, Any]:
    if use.content_type_id is None:
        return {}
    return {"content_type": use.content_type_id, "object_id": use.object_id}


def _next_review(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


def _content(article: Article) -> dict[str, Any]:
    content = snapshot(article, CONTENT_FIELDS)
    content["topics"] = sorted(article.topics.values_list("code", flat=True))
    return content


def _changed() -> ValidationError:
    return ValidationError(
        _("This article's status has changed. Reload the page."), code="invalid_transition"
    )


def _move(article: Article, to: str, *, action: str, by: User, **fields: Any) -> None:
    """Change the status with a compare-and-set UPDATE along Article.TRANSITIONS."""
    source = article.status
    if not article.can_move_to(to):
        raise _changed()
    values = {"status": to, "updated_at": timezone.now(), **fields}
    if not Article.objects.filter(pk=article.pk, status=source).update(**values):
        raise _changed()
    for name, value in values.items():
        setattr(article, name, value)
    audit_record(
        actor=by,
        action=action,
        target=article,
        before={"status": source},
        after={"status": to},
    )
