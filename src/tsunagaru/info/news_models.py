"""News (お知らせ・活動報告): short articles by the city and by listed groups.

A group's article goes to staff review before it is public, unless the group is trusted
(NewsTrust, granted and withdrawn by city staff) or is a city department (市の部署): those
publish directly. Staff may hide a published article; its page then says why, in place of the
article. Imported by info.models, so the models belong to the `info` app.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import PictureCopies, TimeStampedModel


class NewsArticle(PictureCopies, TimeStampedModel):
    class Kind(models.TextChoices):
        ACTIVITY_REPORT = "activity_report", _("Activity report")
        VOLUNTEERS = "volunteers", _("Call for volunteers")
        RESULTS = "results", _("Results")
        CITY_NOTICE = "city_notice", _("Notice from the city")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    # Only info.services.news changes `status`, and only along these moves.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.IN_REVIEW, Status.PUBLISHED}),
        # Staff publish it, or send it back to its group with a reason.
        Status.IN_REVIEW: frozenset({Status.PUBLISHED, Status.DRAFT}),
        Status.PUBLISHED: frozenset({Status.HIDDEN}),
        # Staff may show a hidden article again (the reason was resolved).
        Status.HIDDEN: frozenset({Status.PUBLISHED}),
    }

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; an empty line starts a paragraph."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="news",
        verbose_name=_("group"),
    )
    event = models.ForeignKey(
        "info.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("event"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("case"),
    )
    image = models.ImageField(_("picture"), upload_to="news/%Y/", blank=True)
    alt_text = models.CharField(
        _("description of the picture"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Why staff sent it back (draft) or hid it (hidden); shown to everyone when hidden.
    status_reason = models.TextField(_("reason"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="info_news_status_pub"),
            models.Index(fields=["author", "-published_at"], name="info_news_author_pub"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Published: anyone reads it (a hidden one shows only the reason it was hidden)."""
        return self.status == self.Status.PUBLISHED

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class NewsTrust(TimeStampedModel):
    """A group whose articles are published without staff review (信頼済み団体).

    One row while the group is trusted: city staff grant it and withdraw it (both audited).
    """

    organisation = models.OneToOneField(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="news_trust",
        verbose_name=_("group"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("group trusted to publish news")
        verbose_name_plural = _("groups trusted to publish news")

    def __str__(self) -> str:
        return str(self.organisation_id)
