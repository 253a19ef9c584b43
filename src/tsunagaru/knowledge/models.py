"""The support centre's knowledge base (ノウハウ集): articles the centre writes once and hands
on — how to found an NPO法人, a grant budget, a 振興会 general meeting — with templates as
files, reviewed once a year so that readers can tell how fresh the advice is."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import TimeStampedModel

# An article is checked again a year after its last review (年1回の見直し).
REVIEW_INTERVAL_DAYS = 365


class Article(TimeStampedModel):
    """A knowledge-base article (ノウハウ記事)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Only knowledge.services changes `status`, and only along these moves.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.PUBLISHED}),
        Status.PUBLISHED: frozenset({Status.ARCHIVED}),
        Status.ARCHIVED: frozenset({Status.DRAFT}),
    }

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences."))
    body = models.TextField(_("text"))
    # The support centre's topics (support.Topic): one list for consultations and know-how,
    # so an answer on 会計・税務 finds the articles on 会計・税務.
    topics = models.ManyToManyField(
        "support.Topic", blank=True, related_name="articles", verbose_name=_("topics")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_due = models.DateField(_("review due"), null=True, blank=True)

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The public list's order.
            models.Index(fields=["status", "published_at", "id"], name="knowledge_list"),
            # The staff list finds the articles past their review first.
            models.Index(fields=["status", "review_due"], name="knowledge_review_due"),
        ]
        constraints = [
            # A published article has been checked on some day and is due again on another.
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(reviewed_on__isnull=False, review_due__isnull=False),
                name="knowledge_published_has_review_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    def is_stale_on(self, today: datetime.date) -> bool:
        """Past its yearly review: readers are told the advice may be out of date."""
        return self.is_published and self.review_due is not None and self.review_due < today


class ArticleAttachment(models.Model):
    """A template to reuse (規約, 会計報告): PDF, Word, Excel or OpenDocument."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="knowledge/files/%Y/")
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ArticleUse(models.Model):
    """One time an article helped answer someone (この回答が役に立った).

    What used it is a generic link (a consultation of the support app, later), or nothing when
    staff simply note that they used the article; `reference` keeps a free note either way.
    A thing that used an article counts once.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField(_("used at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What used the article (a consultation), or None.
    used_for = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(_("reference"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("use of an article")
        verbose_name_plural = _("uses of articles")
        ordering = ["-used_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id"],
                condition=Q(object_id__isnull=False),
                name="knowledge_use_once_per_object",
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="knowledge_use_link_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.used_at:%Y-%m-%d})"
